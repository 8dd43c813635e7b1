from .compensation import Compensation, CompensationPolicy
from .ends import ExternalReferral, Withdrawal
from .mediation import MediationAnswer, MediationProposal, Party, SettlementAgreement
from .open_matters import OpenMatter
from .outcome import FollowUp, ResultNotice, survey_token_hash
from .quick import QuickResolution
from .ruling import Ruling, RulingVote, Verdict

__all__ = [
    "Compensation",
    "CompensationPolicy",
    "ExternalReferral",
    "FollowUp",
    "MediationAnswer",
    "MediationProposal",
    "OpenMatter",
    "Party",
    "ResultNotice",
    "QuickResolution",
    "Ruling",
    "RulingVote",
    "SettlementAgreement",
    "Verdict",
    "Withdrawal",
    "survey_token_hash",
]
