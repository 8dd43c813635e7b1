from .attachment import Attachment
from .classifier import ClassifierVersion
from .complaint import Complaint
from .emergency import Emergency, ManagementReport
from .events import ComplaintEvent
from .lifecycle import State

__all__ = ["Attachment", "ClassifierVersion", "Complaint", "ComplaintEvent", "Emergency", "ManagementReport", "State"]
