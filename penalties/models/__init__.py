from .accountability import ProcessChange, RectificationPlan
from .credit import ConsentScope, HistoryDisclosure, OfficialListing, WorkerConsent
from .handlers import HandlerRecord
from .penalty import Appeal, Penalty, PenaltyKind, PenaltyRule, PointsEntry
from .records import BackgroundCheck, TrainingRecord
from .workers import BlacklistEntry, ComplaintSubject, OnboardingCheck, ServiceOrder, Team, Worker

__all__ = [
    "Appeal",
    "BackgroundCheck",
    "BlacklistEntry",
    "ComplaintSubject",
    "ConsentScope",
    "HandlerRecord",
    "HistoryDisclosure",
    "OfficialListing",
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
    "WorkerConsent",
]
