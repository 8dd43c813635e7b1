from .attachment import Attachment
from .classifier import KeywordRule
from .complaint import Complaint
from .events import ComplaintEvent
from .lifecycle import State

__all__ = ["Attachment", "Complaint", "ComplaintEvent", "KeywordRule", "State"]
