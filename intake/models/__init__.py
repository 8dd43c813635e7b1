from .attachment import Attachment
from .classifier import ClassifierVersion
from .complaint import Complaint
from .contact import ContactAttempt
from .desk import AcceptanceSettings, AssignmentRule, AssignmentSkill, CannedReply, QuickPathSettings, SavedView
from .emergency import Emergency, ManagementDecision, ManagementReport
from .events import ComplaintEvent
from .flags import ComplainantFlag
from .incident import Incident, IncidentCheck
from .lifecycle import State
from .privacy import PrivacyRequest
from .transfer import MediationEnd, OutcomeMethod, Transfer, TransferPause

__all__ = [
    "AcceptanceSettings",
    "AssignmentRule",
    "AssignmentSkill",
    "CannedReply",
    "Attachment",
    "ClassifierVersion",
    "Complaint",
    "ComplainantFlag",
    "ComplaintEvent",
    "ContactAttempt",
    "Emergency",
    "Incident",
    "IncidentCheck",
    "ManagementDecision",
    "ManagementReport",
    "PrivacyRequest",
    "QuickPathSettings",
    "SavedView",
    "State",
    "Transfer",
    "TransferPause",
    "MediationEnd",
    "OutcomeMethod",
]
