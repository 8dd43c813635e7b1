from .evidence import EvidenceItem
from .investigation import ExtensionRequest, Investigation, SiteVisit, Statement
from .report import FindingReview, InvestigationReport, ReviewStep

__all__ = [
    "EvidenceItem",
    "ExtensionRequest",
    "FindingReview",
    "Investigation",
    "InvestigationReport",
    "ReviewStep",
    "SiteVisit",
    "Statement",
]
