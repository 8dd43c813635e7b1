"""Every write of the investigation stage. Views, commands and demo data call these."""

from .departments import department_referral_create, department_referral_respond, joint_group_form
from .evidence import (
    complainant_file_adopt,
    complaint_chain_check,
    evidence_add,
    evidence_chain_verify,
    evidence_record_append,
    evidence_supersede,
    site_visit_record,
    statement_add,
)
from .investigation import extension_decide, extension_request, investigation_start, report_submit
from .requests import evidence_request_create, evidence_request_receive
from .team import external_member_add, external_member_remove

__all__ = [
    "department_referral_create",
    "department_referral_respond",
    "external_member_add",
    "external_member_remove",
    "joint_group_form",
    "complainant_file_adopt",
    "complaint_chain_check",
    "evidence_add",
    "evidence_chain_verify",
    "evidence_record_append",
    "evidence_request_create",
    "evidence_request_receive",
    "evidence_supersede",
    "extension_decide",
    "extension_request",
    "investigation_start",
    "report_submit",
    "site_visit_record",
    "statement_add",
]
