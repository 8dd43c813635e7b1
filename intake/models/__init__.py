from .attachment import Attachment
from .classifier import ClassifierVersion
from .complaint import Complaint
from .contact import ContactAttempt
from .emergency import Emergency, ManagementDecision, ManagementReport
from .events import ComplaintEvent
from .lifecycle import State

__all__ = [
    "Attachment",
    "ClassifierVersion",
    "Complaint",
    "ComplaintEvent",
    "ContactAttempt",
    "Emergency",
    "ManagementDecision",
    "ManagementReport",
    "State",
]
