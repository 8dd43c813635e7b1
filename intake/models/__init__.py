from .attachment import Attachment
from .classifier import ClassifierVersion
from .complaint import Complaint
from .contact import ContactAttempt
from .desk import AssignmentRule, AssignmentSkill, CannedReply, QuickPathSettings, SavedView
from .emergency import Emergency, ManagementDecision, ManagementReport
from .events import ComplaintEvent
from .lifecycle import State
from .privacy import PrivacyRequest

__all__ = [
    "AssignmentRule",
    "AssignmentSkill",
    "CannedReply",
    "Attachment",
    "ClassifierVersion",
    "Complaint",
    "ComplaintEvent",
    "ContactAttempt",
    "Emergency",
    "ManagementDecision",
    "ManagementReport",
    "PrivacyRequest",
    "QuickPathSettings",
    "SavedView",
    "State",
]
