"""Demo complaints carried past investigation: resolved by a ruling, notified, closed and archived,
all through the real services so that timelines, notices and messages exist too.

Idempotent: each complaint is found again by its service order number, and each run only takes
the steps still missing to reach its target state.
"""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from intake.demo import contact_demo
from intake.models import Complaint, State
from intake.services.decision import complaint_accept
from intake.services.registration import complaint_register
from investigations.services.investigation import investigation_start, report_submit

from .models import Compensation, FundEntry, Party, Verdict
from .services import archive, compensation, mediation, open_matters, outcome, quick, ruling
from .services.compensation import CompensationItem
from .services.fund import fund_entry_record

# The archived one comes before the closed one: archiving takes every complaint that ended that month.
DEMO = [
    ("DEMO-RES-001", "孙女士", "13900002001", "月嫂夜间不照看新生儿，宝宝哭了很久没人管。", State.RESOLVED, True),
    ("DEMO-RES-002", "钱先生", "13900002002", "保洁员打碎了一只花瓶，拒绝赔偿。", State.NOTIFIED, False),
    ("DEMO-RES-004", "吴先生", "13900002004", "育儿嫂服务期间多次使用手机，照看不周。", State.ARCHIVED, False),
    ("DEMO-RES-003", "周女士", "13900002003", "钟点工迟到一小时，没有提前告知。", State.CLOSED, False),
]
#: The closed complaint whose make-up service is still to be arranged: the ledger's demo entry.
OPEN_MATTER_ORDER = "DEMO-RES-003"
REPORT = {
    "service_quality": "服务未达到合同约定标准。",
    "worker_conduct": "服务人员工作中注意力不集中。",
    "needs_understanding": "派工单写明了客户需求。",
    "communication": "出现问题后未及时告知客户。",
    "responsibility": "worker",
    "fault_degree": "major",
    "responsible_name": "服务人员",
    "conclusion": "服务人员负主要责任。",
}
_ORDER = [
    State.SUBMITTED,
    State.ACCEPTED,
    State.INVESTIGATING,
    State.MEDIATING,
    State.RULING,
    State.RESOLVED,
    State.NOTIFIED,
    State.FOLLOW_UP,
    State.CLOSED,
    State.ARCHIVED,
]


def seed(users: dict) -> None:
    for order_number, name, phone, description, target, by_ruling in DEMO:
        complaint = Complaint.objects.filter(order_number=order_number).first() or complaint_register(
            actor=users["agent"],
            channel="hotline",
            received_at=timezone.now() - timedelta(hours=3),
            complainant_name=name,
            phone=phone,
            order_number=order_number,
            service_type="nanny",
            description=description,
            demands=["compensation", "apology"],
        )
        while complaint.state in _ORDER and _ORDER.index(complaint.state) < _ORDER.index(target):
            _STEPS[complaint.state](complaint, users, by_ruling)
            complaint.refresh_from_db()
        if order_number == OPEN_MATTER_ORDER and not complaint.open_matters.exists():
            open_matters.open_matter_record(
                complaint_id=complaint.pk,
                actor=users["agent"],
                action="为客户免费补足一小时钟点工服务",
                owner=users["agent"],
                due_on=timezone.localdate() + timedelta(days=10),
            )
    _quick_path_demo(users)
    _fund_demo(users)


def _fund_demo(users: dict) -> None:
    """The advance-payment fund's first money, so its page shows a balance."""
    if not FundEntry.objects.exists():
        fund_entry_record(
            actor=users["supervisor"],
            kind=FundEntry.Kind.DEPOSIT,
            amount=Decimal("20000.00"),
            entered_on=timezone.localdate().replace(day=1),
            note="财务划拨：先行赔付专项基金",
        )


#: A simple complaint the agent resolved on the call: the quick path's demo, waiting for its notice.
QUICK_ORDER = "DEMO-RES-005"


def _quick_path_demo(users: dict) -> None:
    if Complaint.objects.filter(order_number=QUICK_ORDER).exists():
        return
    complaint = complaint_register(
        actor=users["agent"],
        channel="hotline",
        received_at=timezone.now() - timedelta(hours=1),
        complainant_name="郑女士",
        phone="13900002005",
        order_number=QUICK_ORDER,
        service_type="cleaning",
        description="预约的保洁时间被改了两次，客服没有提前通知。",
        demands=["apology"],
    )
    complaint_accept(
        complaint_id=complaint.pk,
        actor=users["agent"],
        seen_version=complaint.version,
        category="service_attitude",
        severity="general",
        urgent=False,
        promised_reply_at=timezone.now() + timedelta(days=1),
    )
    quick.quick_resolution_record(
        complaint_id=complaint.pk,
        actor=users["agent"],
        solution="以后改期至少提前一天短信通知；本次赠送一次两小时保洁，由客服预约。",
        channel="phone",
        complainant_agreed=True,
        no_worker_blamed=True,
    )


def _accept(complaint, users, by_ruling):
    contact_demo(complaint, actor=users["agent"])
    complaint_accept(
        complaint_id=complaint.pk,
        actor=users["agent"],
        seen_version=complaint.version,
        category="service_quality",
        severity="general",
        urgent=False,
        promised_reply_at=timezone.now() + timedelta(days=1),
    )


def _investigate(complaint, users, by_ruling):
    investigation_start(
        complaint_id=complaint.pk, actor=users["agent"], lead=users["investigator"], members=[users["agent"]]
    )


def _report_and_mediate(complaint, users, by_ruling):
    if not complaint.has_investigation_report():
        report_submit(complaint_id=complaint.pk, actor=users["investigator"], **REPORT)
    mediation.mediation_start(complaint_id=complaint.pk, actor=users["agent"], note="双方同意调解")


def _mediate(complaint, users, by_ruling):
    agent = users["agent"]
    proposal = mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=agent,
        complainant_gets="退还服务费，服务人员书面道歉",
        respondent_gets="服务人员重新培训",
        items=_demo_items(),
    )
    mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=True)
    if by_ruling:
        mediation.mediation_answer_record(
            proposal_id=proposal.pk, actor=agent, party=Party.RESPONDENT, accepted=False, reason="公司认为金额过高"
        )
        mediation.ruling_request(complaint_id=complaint.pk, actor=agent, note="服务方不接受调解方案")
    else:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=Party.RESPONDENT, accepted=True)


def _demo_items() -> list[CompensationItem]:
    due = timezone.localdate() + timedelta(days=7)
    return [
        CompensationItem(
            kind=Compensation.Kind.MONEY,
            description="退还服务费",
            amount=Decimal("300.00"),
            worker_share=Decimal("100.00"),
            due_on=due,
        ),
        CompensationItem(
            kind=Compensation.Kind.APOLOGY, description="服务人员书面道歉", payer=Compensation.Payer.WORKER
        ),
    ]


def _rule(complaint, users, by_ruling):
    members = [users["panel1"], users["panel2"], users["panel3"]]
    if not complaint.rulings.filter(verdict="").exists():
        ruling.ruling_form(complaint_id=complaint.pk, actor=users["supervisor"], members=members)
    for member, verdict in zip(members, [Verdict.PARTLY, Verdict.PARTLY, Verdict.UPHOLD], strict=True):
        if not complaint.rulings.filter(votes__member=member).exists():
            ruling.ruling_vote(complaint_id=complaint.pk, actor=member, verdict=verdict, opinion="证据显示服务存在疏忽")
    ruling.ruling_decide(
        complaint_id=complaint.pk,
        actor=members[0],
        basis="依据服务合同第六条及调查报告，部分支持投诉。",
        items=_demo_items()[:1],
    )


def _pay_and_notify(complaint, users, by_ruling):
    for item in complaint.compensations.filter(status=Compensation.Status.AGREED):
        voucher = voucher_image() if item.kind == Compensation.Kind.MONEY else None
        compensation.compensation_pay(
            compensation_id=item.pk, actor=users["agent"], voucher=voucher, payment_reference="DEMO-PAY"
        )
    outcome.result_notice_send(
        complaint_id=complaint.pk,
        actor=users["agent"],
        expected_effect="服务人员经培训后规范服务，同类问题不再发生。",
    )


def _confirm(complaint, users, by_ruling):
    outcome.result_notice_confirm_phone(complaint_id=complaint.pk, actor=users["agent"], note="客户确认收到通知书")


def _callback(complaint, users, by_ruling):
    """A comment waits for the agent, who reads it and closes."""
    outcome.follow_up_callback_record(complaint_id=complaint.pk, actor=users["agent"], score=5, comment="处理及时")
    outcome.follow_up_close(complaint_id=complaint.pk, actor=users["agent"], note="已阅读回访意见")


def _archive(complaint, users, by_ruling):
    ended = timezone.localtime(complaint.closed_at)
    archive.archive_month(year=ended.year, month=ended.month)


def voucher_image() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(buffer, format="PNG")
    return SimpleUploadedFile("voucher.png", buffer.getvalue(), content_type="image/png")


_STEPS = {
    State.SUBMITTED: _accept,
    State.ACCEPTED: _investigate,
    State.INVESTIGATING: _report_and_mediate,
    State.MEDIATING: _mediate,
    State.RULING: _rule,
    State.RESOLVED: _pay_and_notify,
    State.NOTIFIED: _confirm,
    State.FOLLOW_UP: _callback,
    State.CLOSED: _archive,
}
