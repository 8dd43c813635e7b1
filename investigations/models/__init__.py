from .departments import Department, DepartmentReferral, JointHandlingGroup
from .evidence import EvidenceItem
from .investigation import ExtensionRequest, Investigation, SiteVisit, Statement
from .report import FindingReview, InvestigationReport, ReviewStep
from .requests import EvidenceRequest
from .team import ExternalTeamMember, InvestigationSettings

__all__ = [
    "Department",
    "DepartmentReferral",
    "ExternalTeamMember",
    "InvestigationSettings",
    "JointHandlingGroup",
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
