"""Demo complaints for the inbox: every channel, category and severity, some urgent, some repeats,
some accepted or declined — all through the real services, so timelines and messages exist too.

Idempotent: nothing happens once the demo complaints exist (found by their order-number prefix).
"""

from datetime import timedelta

from django.utils import timezone

from core.models import StaffTeam

from .choices import Channel
from .models import CannedReply, Complaint, ContactAttempt, Emergency, Incident, IncidentCheck
from .services.contact import contact_attempt_record
from .services.decision import complaint_accept, complaint_decline
from .services.emergency import emergency_acknowledge, emergency_record
from .services.incidents import incident_check_tick, incident_open
from .services.registration import complaint_register

PREFIX = "DEMO-IN-"

# (channel, hours ago, name, phone, service type, description, decision)
# decision: "" = awaiting, "accept", "accept:team", or "decline:<reason>".
DEMO = [
    ("hotline", 2, "王女士", "13812340001", "cleaning", "保洁阿姨迟到一个半小时，厨房没打扫就走了。", ""),
    ("web_form", 3, "李先生", "13812340002", "nanny", "育儿嫂态度差，孩子哭了也不耐烦，还骂人。", ""),
    ("wechat", 4, "张女士", "13812340003", "elderly_care", "护工扶老人上厕所时让老人摔伤了，现在在医院。", "accept"),
    ("app", 5, "刘先生", "13812340004", "hourly", "结账时乱收费，比 App 上的价格多收了 80 元。", ""),
    (
        "hotline",
        6,
        "陈女士",
        "13812340005",
        "maternity_nurse",
        "公司擅自换人，新来的月嫂没有经验，违约。",
        "accept:team",
    ),
    ("letter", 30, "杨先生", "13812340006", "cleaning", "取消订单后一直不给退款，已经两周了。", "accept"),
    ("email", 28, "赵女士", "13812340007", "nanny", "门店虚假宣传，说保姆有育婴师证，其实是假证。", ""),
    ("walk_in", 26, "黄先生", "13812340008", "cleaning", "家里厨房漏气，保洁员操作燃气灶后没有关阀门。", ""),
    ("on_site", 24, "周女士", "13812340009", "hourly", "钟点工没来，也没有提前通知，耽误了一上午。", "accept"),
    ("social_media", 22, "吴先生", "13812340010", "elderly_care", "微博上有人发帖说护工虐待老人，要求公司说明。", ""),
    ("transfer", 20, "徐女士", "13812340011", "maternity_nurse", "月嫂收费不透明，合同外额外收费 500 元。", "accept"),
    ("hotline", 18, "孙先生", "13812340012", "cleaning", "阿姨打扫时弄坏了实木地板，要求赔偿。", "accept:team"),
    ("app", 50, "马女士", "13812340013", "other", "想咨询一下平台规则，不是投诉。", "decline:out_of_scope"),
    ("hotline", 48, "朱先生", "13812340014", "nanny", "保姆偷窃家里的金项链，已经报警。", "accept"),
    ("wechat", 46, "胡女士", "13812340015", "hourly", "已经在法院起诉了，想再问问进展。", "decline:before_court"),
    ("web_form", 44, "郭先生", "13812340016", "cleaning", "服务不满意。", "decline:no_facts"),
    ("hotline", 40, "何女士", "13812340017", "cleaning", "擦玻璃没做完就走了，敷衍了事。", ""),
    ("email", 38, "高先生", "13812340018", "maternity_nurse", "月嫂不专业，宝宝喂奶时间都搞错。", "accept"),
    ("walk_in", 36, "林女士", "13812340019", "elderly_care", "护工泄露我家隐私，把家里照片发到群里。", ""),
    ("letter", 120, "罗先生", "13812340020", "nanny", "押金不退，客服一直推脱。", "accept"),
    ("transfer", 100, "梁女士", "13812340021", "hourly", "被多收钱，向 12345 反映过。", ""),
    # Repeats: the same phone or order again.
    ("hotline", 1, "王女士", "13812340001", "cleaning", "又迟到了！上次投诉后一点没改。", ""),
    ("app", 1, "刘先生", "13812340004", "hourly", "多收的钱到现在还没退，非常不满。", ""),
    ("hotline", 1, "杨先生", "13812340006", "cleaning", "退款还是没到账，我要找媒体曝光。", ""),
    ("web_form", 10, "孩子家长", "13812340025", "nanny", "保姆带孩子出去时孩子走失了半小时！", ""),
]

TRANSFER = {"transfer_body": "12345", "transfer_case_number": "SH12345-2026-0815"}


def _transferred(received_at) -> dict:
    """The body's case, received there two days and accepted one day before it reached us."""
    day = timezone.localtime(received_at).date()
    return {
        **TRANSFER,
        "transfer_received_on": day - timedelta(days=2),
        "transfer_accepted_on": day - timedelta(days=1),
    }


def seed(users: dict) -> None:
    if not Complaint.objects.filter(order_number__startswith=PREFIX).exists():
        _inbox_seed(users)
    _supervision_seed(users)


def _inbox_seed(users: dict) -> None:
    team, _ = StaffTeam.objects.get_or_create(name="热线一组", defaults={"lead": users["supervisor"]})
    team.members.add(users["agent"], users["agent2"])
    _canned_replies(team)
    now = timezone.now()
    for index, (channel, hours, name, phone, service_type, description, decision) in enumerate(DEMO, start=1):
        # Repeats reuse the first order number of the same phone, so they read like the same matter.
        first = next(i for i, row in enumerate(DEMO, start=1) if row[3] == phone)
        complaint = complaint_register(
            actor=None if channel == "web_form" else users["agent"],
            received_at=now - timedelta(hours=hours),
            channel=channel,
            complainant_name=name,
            phone=phone,
            service_type=service_type,
            order_number=f"{PREFIX}{first:03d}",
            description=description,
            demands=["refund", "apology"] if index % 2 else ["redo"],
            **(_transferred(now - timedelta(hours=hours)) if channel == "transfer" else {}),
        )
        _decide(complaint, decision, users=users, team=team, now=now)
    _emergency_handle(users=users)


INCIDENT_TITLE = "保洁员李某（工号 B0723）同一周内多户投诉"
GROUP = [
    ("13812340031", "韩女士", "李阿姨打扫后家里的首饰盒不见了。"),
    ("13812340032", "冯先生", "同一个保洁员李阿姨，打扫完发现抽屉里的现金少了。"),
    ("13812340033", "曹女士", "李阿姨来过之后，家里的手表找不到了，怀疑被拿走。"),
]


def _supervision_seed(users: dict) -> None:
    """A complaint about how the desk handled an earlier one (waiting on the supervisors' list) and a
    group incident of three complaints about one worker (seed 002). Idempotent by the incident's title."""
    if Incident.objects.filter(title=INCIDENT_TITLE).exists():
        return
    now = timezone.now()
    earlier = Complaint.objects.filter(order_number__startswith=PREFIX, phone="13812340006").order_by("pk").first()
    if earlier is not None:
        complaint_register(
            actor=users["agent"],
            received_at=now - timedelta(hours=3),
            channel=Channel.DESK_REPORT,
            complainant_name=earlier.complainant_name,
            phone=earlier.phone,
            service_type=earlier.service_type,
            order_number=earlier.order_number,
            description="客服答应三天内给我退款答复，两周过去了没人回电话，投诉处理太拖拉。",
            earlier_complaint=earlier,
        )
    group = [
        complaint_register(
            actor=users["agent"],
            received_at=now - timedelta(hours=30 - index),
            channel="hotline",
            complainant_name=name,
            phone=phone,
            service_type="cleaning",
            order_number=f"{PREFIX}G{index:02d}",
            worker_named="李某 B0723",
            description=description,
            demands=["compensation"],
        )
        for index, (phone, name, description) in enumerate(GROUP, start=1)
    ]
    incident = incident_open(
        actor=users["supervisor"],
        title=INCIDENT_TITLE,
        kind=Incident.Kind.SAME_WORKER,
        lead=users["supervisor"],
        complaints=group,
    )
    incident_check_tick(incident_id=incident.pk, actor=users["supervisor"], item=IncidentCheck.Item.PLAN_STARTED)


def _canned_replies(team: StaffTeam) -> None:
    """What supervisors would keep in admin: two messages for everyone, a note for the hotline team."""
    for order, (title, body, use, for_team) in enumerate(
        [
            ("受理确认", "{name}您好，投诉 {tracking_number} 已受理，{due_date} 前答复您。", "message", None),
            ("未接通", "{name}您好，刚才致电未能接通，稍后再联系您。投诉编号 {tracking_number}。", "message", None),
            ("回访约定", "与投诉人约定回访时间：", "note", team),
        ]
    ):
        CannedReply.objects.create(title=title, body=body, use=use, team=for_team, order=order)


def _emergency_handle(*, users: dict) -> None:
    """The oldest emergency acknowledged and recorded; the others stay in the staff banner."""
    emergency = Emergency.objects.filter(complaint__order_number__startswith=PREFIX).order_by("pk").first()
    if emergency is None:
        return
    emergency = emergency_acknowledge(complaint_id=emergency.complaint_id, actor=users["supervisor"])
    emergency_record(
        complaint_id=emergency.complaint_id,
        actor=users["agent"],
        seen_version=emergency.version,
        actions_taken="护工已停止服务；客服陪同家属送医。",
        hospital_reference="市第六人民医院急诊 JZ-20261201-0381",
        people_informed="主管（电话）；老人女儿（电话）",
    )


def contact_demo(complaint: Complaint, *, actor) -> ContactAttempt:
    """The call that reached the complainant half an hour after receipt: demo complaints being
    worked were contacted, as the desk does (their first-contact clock is met, not overdue)."""
    return contact_attempt_record(
        complaint_id=complaint.pk,
        actor=actor,
        channel=ContactAttempt.Channel.PHONE,
        outcome=ContactAttempt.Outcome.REACHED,
        attempted_at=min(complaint.received_at + timedelta(minutes=30), timezone.now()),
        note="已电话联系投诉人，核实情况。",
    )


def _decide(complaint: Complaint, decision: str, *, users: dict, team: StaffTeam, now) -> None:
    if decision.startswith("accept"):
        contact_demo(complaint, actor=users["agent"])
        complaint_accept(
            complaint_id=complaint.pk,
            actor=users["agent"],
            seen_version=complaint.version,
            category=complaint.category,
            severity=complaint.severity,
            urgent=complaint.urgent,
            assigned_to=users["agent2"] if decision == "accept" else None,
            assigned_team=team if decision == "accept:team" else None,
            promised_reply_at=now + timedelta(hours=24),
        )
    elif decision.startswith("decline:"):
        complaint_decline(
            complaint_id=complaint.pk,
            actor=users["agent"],
            seen_version=complaint.version,
            reason=decision.split(":", 1)[1],
            note="",
        )
