from .compensation import Compensation, CompensationPolicy
from .ends import ExternalReferral, Withdrawal
from .fund import FundEntry
from .mediation import MediationAnswer, MediationProposal, Party, SettlementAgreement
from .open_matters import OpenMatter
from .outcome import FollowUp, ResultNotice, survey_token_hash
from .quick import QuickResolution
from .retention import RetentionDisposal
from .ruling import Ruling, RulingVote, Verdict

__all__ = [
    "Compensation",
    "CompensationPolicy",
    "ExternalReferral",
    "FollowUp",
    "FundEntry",
    "MediationAnswer",
    "MediationProposal",
    "OpenMatter",
    "Party",
    "ResultNotice",
    "QuickResolution",
    "RetentionDisposal",
    "Ruling",
    "RulingVote",
    "SettlementAgreement",
    "Verdict",
    "Withdrawal",
    "survey_token_hash",
]
