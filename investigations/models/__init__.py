from .evidence import EvidenceItem
from .investigation import ExtensionRequest, Investigation, SiteVisit, Statement
from .report import FindingReview, InvestigationReport, ReviewStep
from .requests import EvidenceRequest

__all__ = [
    "EvidenceItem",
    "EvidenceRequest",
    "ExtensionRequest",
    "FindingReview",
    "Investigation",
    "InvestigationReport",
    "ReviewStep",
    "SiteVisit",
    "Statement",
]
