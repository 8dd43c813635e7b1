from .accountability import ProcessChange, RectificationPlan
from .penalty import Appeal, Penalty, PenaltyKind, PenaltyRule, PointsEntry
from .workers import BlacklistEntry, ComplaintSubject, OnboardingCheck, ServiceOrder, Team, Worker

__all__ = [
    "Appeal",
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
    "Worker",
]
