from .evidence import EvidenceItem
from .investigation import ExtensionRequest, Investigation, SiteVisit, Statement
from .report import InvestigationReport

__all__ = ["EvidenceItem", "ExtensionRequest", "Investigation", "InvestigationReport", "SiteVisit", "Statement"]
