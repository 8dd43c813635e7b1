from .accountability import ProcessChange, RectificationPlan
from .penalty import Appeal, Penalty, PenaltyKind, PenaltyRule, PointsEntry
from .records import BackgroundCheck, TrainingRecord
from .workers import BlacklistEntry, ComplaintSubject, OnboardingCheck, ServiceOrder, Team, Worker

__all__ = [
    "Appeal",
    "BackgroundCheck",
    "BlacklistEntry",
    "ComplaintSubject",
    "OnboardingCheck",
    "Penalty",
    "PenaltyKind",
    "PenaltyRule",
    "PointsEntry",
    "ProcessChange",
    "RectificationPlan",
    "ServiceOrder",
    "Team",
    "TrainingRecord",
    "Worker",
]
