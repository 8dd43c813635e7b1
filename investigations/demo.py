"""Demo investigations: a few complaints of their own, taken through the real services.

Idempotent: each demo complaint is found again by its service order number, and a step that
already happened is skipped.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from intake.demo import contact_demo
from intake.models import Complaint, State
from intake.services.decision import complaint_accept
from intake.services.registration import complaint_register

from . import services
from .models import Department, ExternalTeamMember, Investigation
from .models.evidence import EvidenceKind
from .models.investigation import Party

DEMO_COMPLAINTS = [
    {
        "order_number": "DEMO-INV-001",
        "complainant_name": "陈女士",
        "phone": "13900001001",
        "service_type": "cleaning",
        "worker_named": "李阿姨",
        "description": "约好上午九点的深度保洁，阿姨十一点才到，厨房油烟机和灶台都没有清洁就走了。",
        "demands": ["refund", "apology"],
        "report": True,
    },
    {
        "order_number": "DEMO-INV-002",
        "complainant_name": "刘先生",
        "phone": "13900001002",
        "service_type": "elderly_care",
        "worker_named": "护理员张某",
        "description": "护理员多次在老人午睡时玩手机，老人摔倒后半小时才通知家属。",
        "demands": ["compensation", "replace_worker"],
        "report": False,
    },
]


def seed(users: dict) -> None:
    agent, investigator = users["agent"], users["investigator"]
    for spec in DEMO_COMPLAINTS:
        complaint = _complaint(spec, agent=agent)
        if complaint.state == State.ACCEPTED and not Investigation.objects.filter(complaint=complaint).exists():
            services.investigation_start(
                complaint_id=complaint.pk, actor=agent, lead=investigator, members=[agent], note="组建调查小组"
            )
            _evidence(complaint, investigator=investigator, spec=spec)
        complaint.refresh_from_db()
        _team_and_departments(complaint, users=users)
        if spec["report"] and complaint.state == State.INVESTIGATING and not complaint.has_investigation_report():
            services.report_submit(
                complaint_id=complaint.pk,
                actor=investigator,
                service_quality="厨房油烟机、灶台未清洁，服务不完整。",
                worker_conduct="迟到两小时且未提前告知客户。",
                needs_understanding="派工单已写明深度保洁范围，服务人员未按单执行。",
                communication="迟到时未与客户及客服沟通。",
                responsibility="worker",
                fault_degree="major",
                responsible_name=spec["worker_named"],
                conclusion="服务人员负主要责任，建议退还部分服务费并向客户致歉。",
            )


def _team_and_departments(complaint: Complaint, *, users: dict) -> None:
    """One team member without a login (seed 001), the business department's people and one referral
    (seed 004). Only on the first demo complaint, and only once."""
    if complaint.order_number != DEMO_COMPLAINTS[0]["order_number"]:
        return
    investigation = complaint.investigations.order_by("-round").first()
    if investigation is None or investigation.external_members.exists():
        return
    supervisor = users.get("supervisor") or investigation.lead
    services.external_member_add(
        investigation_id=investigation.pk,
        actor=investigation.lead,
        name="王经理",
        role=ExternalTeamMember.Role.PROJECT_LEAD,
        phone="13900002001",
    )
    business = Department.objects.filter(kind=Department.Kind.BUSINESS).first()
    if business is None:
        return
    business.head = business.head or supervisor
    business.save()
    business.members.add(users["agent"])
    services.department_referral_create(
        complaint_id=complaint.pk,
        actor=supervisor,
        department=business,
        request_text="请业务部门核实当天派单记录及前一单超时原因。",
    )


def _complaint(spec: dict, *, agent) -> Complaint:
    complaint = Complaint.objects.filter(order_number=spec["order_number"]).first()
    if complaint is None:
        fields = {key: value for key, value in spec.items() if key != "report"}
        complaint = complaint_register(
            actor=agent, channel="hotline", received_at=timezone.now() - timedelta(hours=5), **fields
        )
    if complaint.state == State.SUBMITTED:
        contact_demo(complaint, actor=agent)
        complaint = complaint_accept(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            category="service_quality",
            severity="important",
            urgent=False,
            assigned_to=agent,
            promised_reply_at=timezone.now() + timedelta(days=1),
        )
    return complaint


def _evidence(complaint: Complaint, *, investigator, spec: dict) -> None:
    now = timezone.now()
    services.evidence_add(
        complaint_id=complaint.pk,
        actor=investigator,
        kind=EvidenceKind.DISPATCH_SHEET,
        provided_by=Party.COMPANY,
        collected_at=now - timedelta(hours=3),
        description=f"派工单 {spec['order_number']}：预约 09:00 上门，服务人员 {spec['worker_named']}。",
    )
    services.evidence_add(
        complaint_id=complaint.pk,
        actor=investigator,
        kind=EvidenceKind.CHAT_LOG,
        provided_by=Party.COMPLAINANT,
        collected_at=now - timedelta(hours=2),
        description="客户微信截图文字：10:30 询问阿姨何时到，11:05 阿姨回复“马上到”。",
    )
    services.statement_add(
        complaint_id=complaint.pk,
        actor=investigator,
        party=Party.WORKER,
        person_name=spec["worker_named"],
        content="前一单超时，没有及时告诉客户，厨房因为时间不够没有做完。",
        taken_at=now - timedelta(hours=1),
    )
    services.site_visit_record(
        complaint_id=complaint.pk,
        actor=investigator,
        visited_at=now - timedelta(minutes=40),
        place="客户家中（地址见投诉）",
        present="调查员、客户",
        findings="油烟机表面油污未清理，灶台有残留。",
        photos=[ContentFile(_demo_photo(), name="site.png")],
    )


def _demo_photo() -> bytes:
    image = Image.new("RGB", (320, 200), "#d9d2c5")
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, 280, 160], fill="#8a7f6b")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
