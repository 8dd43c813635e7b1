"""Complaints carried to each stage of the resolutions process through the real services."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from intake.models import Complaint
from intake.services.decision import complaint_accept
from investigations.services.investigation import investigation_start, report_submit
from resolutions.models import Compensation, Party
from resolutions.services import compensation, mediation, outcome
from resolutions.services.compensation import CompensationItem
from tests.factories import ComplaintFactory

REPORT = {
    "service_quality": "厨房未打扫，服务不完整。",
    "worker_conduct": "迟到两个小时。",
    "needs_understanding": "理解客户需求。",
    "communication": "未提前告知迟到。",
    "responsibility": "worker",
    "fault_degree": "major",
    "responsible_name": "李阿姨",
    "conclusion": "服务人员负主要责任。",
}


def voucher_png(name: str = "receipt.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def fresh(complaint: Complaint) -> Complaint:
    return Complaint.objects.get(pk=complaint.pk)


def complaint_accepted(agent, **fields) -> Complaint:
    complaint = ComplaintFactory(**fields)
    complaint_accept(
        complaint_id=complaint.pk,
        actor=agent,
        seen_version=complaint.version,
        category="service_quality",
        severity="general",
        urgent=False,
        promised_reply_at=timezone.now() + timedelta(days=1),
    )
    return fresh(complaint)


def investigate(complaint: Complaint, agent) -> Complaint:
    investigation_start(complaint_id=complaint.pk, actor=agent, lead=agent)
    report_submit(complaint_id=complaint.pk, actor=agent, **REPORT)
    return fresh(complaint)


def complaint_mediating(agent, **fields) -> Complaint:
    complaint = investigate(complaint_accepted(agent, **fields), agent)
    mediation.mediation_start(complaint_id=complaint.pk, actor=agent)
    return fresh(complaint)


def refund(amount: Decimal = Decimal("200.00"), *, worker_share: Decimal = Decimal("0.00")) -> CompensationItem:
    return CompensationItem(
        kind=Compensation.Kind.MONEY,
        description="退还服务费",
        amount=amount,
        worker_share=worker_share,
        due_on=timezone.localdate() + timedelta(days=7),
    )


def propose(complaint: Complaint, agent, *, amount: Decimal | None = Decimal("200.00")):
    return mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=agent,
        complainant_gets="退还服务费并道歉",
        respondent_gets="重新培训",
        items=[refund(amount)] if amount is not None else [],
    )


def settle(complaint: Complaint, agent, *, amount: Decimal | None = Decimal("200.00")) -> Complaint:
    proposal = propose(complaint, agent, amount=amount)
    for party in Party.values:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=party, accepted=True)
    return fresh(complaint)


def pay_all(complaint: Complaint, agent) -> None:
    for item in complaint.compensations.filter(status=Compensation.Status.AGREED):
        compensation.compensation_pay(compensation_id=item.pk, actor=agent, voucher=voucher_png())


def complaint_resolved(agent, *, amount: Decimal | None = Decimal("200.00"), **fields) -> Complaint:
    return settle(complaint_mediating(agent, **fields), agent, amount=amount)


def complaint_notified(agent, **fields) -> Complaint:
    complaint = complaint_resolved(agent, **fields)
    pay_all(complaint, agent)
    outcome.result_notice_send(complaint_id=complaint.pk, actor=agent, expected_effect="服务人员改进服务。")
    return fresh(complaint)


def complaint_in_follow_up(agent, **fields) -> Complaint:
    complaint = complaint_notified(agent, **fields)
    outcome.result_notice_confirm_phone(complaint_id=complaint.pk, actor=agent)
    return fresh(complaint)
