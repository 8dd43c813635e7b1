"""Garbage into every staff form: a clear answer, nothing half-saved, never a 500.

Each form is posted once with nothing, once with a 10 MB text, then once per field with each kind
of garbage (markup, emoji, NUL, negative and huge numbers, impossible and far-away dates, repeated
values, fake files); versioned forms also get a stale version, and a valid form is sent twice.
Breadth over depth: what is checked is the server's answer and the database, not the wording.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import roles
from intake.forms.desk import description_digest
from intake.locking import ComplaintChanged
from intake.models import Complaint
from reporting.period import Month
from resolutions.services import ruling
from tests.intake.desk_data import registration_post
from tests.intake.public_data import complaint_post_data
from tests.investigations.factories import REPORT_FIELDS, png_bytes
from tests.penalties.factories import identity_number

from .audit_data import World, database_fingerprint, world_build

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("pwn")</script><img src=x onerror=alert(1)>'
GARBAGE = {
    "markup": MARKUP,
    "emoji": "😀👍🏽🇨🇳" * 40,
    "nul": "abc\x00def",
    "negative": "-1",
    "huge number": "9" * 40,
    "float overflow": "1e308",
    "nan": "NaN",
    "impossible date": "2026-02-30T25:61",
    "far future": "9999-12-31T23:59",
    "far past": "0001-01-01T00:00",
    "repeated": ["1", "2"],
}
TEN_MB = "长" * (10 * 1024 * 1024 // 3)


def fake_files() -> dict:
    return {
        "html as png": SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", "image/png"),
        "svg": SimpleUploadedFile(
            "x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"
        ),
        "empty": SimpleUploadedFile("empty.jpg", b"", "image/jpeg"),
        "exe": SimpleUploadedFile("invoice.pdf.exe", b"MZ\x90\x00" * 64, "application/octet-stream"),
    }


@dataclass
class Form:
    """One staff form: who posts it, where, and a valid body to spoil field by field."""

    name: str
    role: str
    url: str
    valid: dict
    version_field: str | None = None
    files: tuple = ()
    user: object = field(default=None, repr=False)


def _version(complaint) -> int:
    return Complaint.objects.get(pk=complaint.pk).version


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


class Poster:
    def __init__(self, world: World):
        self.world = world
        self.problems: list[str] = []
        self.clients: dict = {}
        self.answers: dict[str, set[int]] = {}  # form -> status codes seen, to show the walk got past the door

    def client(self, form: Form) -> Client:
        user = form.user or self.world.users[form.role]
        if user.pk not in self.clients:
            client = Client(raise_request_exception=True)
            client.force_login(user)
            self.clients[user.pk] = client
        return self.clients[user.pk]

    def post(self, form: Form, data: dict, what: str):
        before = database_fingerprint()
        try:
            response = self.client(form).post(form.url, data)
        except Exception as error:
            self.problems.append(f"{form.name} with {what}: {type(error).__name__}: {error!s:.200}")
            return None
        where = f"{form.name} with {what}: {response.status_code}"
        self.answers.setdefault(form.name, set()).add(response.status_code)
        if response.status_code >= 500:
            self.problems.append(f"{where} server error")
        elif response.status_code == 400 and database_fingerprint() != before:
            self.problems.append(f"{where} refused but saved something")
        if MARKUP.encode() in response.content:
            self.problems.append(f"{where} echoed markup unescaped")
        return response

    def verdict(self) -> list[str]:
        """The problems found, and every form the walk never got past the door of (so proves nothing)."""
        blocked = [f"{name}: only {sorted(codes)}" for name, codes in self.answers.items() if codes <= {403, 404, 405}]
        return self.problems + blocked

    def spoil(self, form: Form) -> None:
        self.post(form, {}, "nothing")
        first_text = next((k for k, v in form.valid.items() if isinstance(v, str) and k != form.version_field), None)
        if first_text:
            self.post(form, {**form.valid, first_text: TEN_MB}, f"10 MB in {first_text}")
        for name in form.valid:
            for kind, value in GARBAGE.items():
                self.post(form, {**form.valid, name: value}, f"{kind} in {name}")
        for name in form.files:
            for kind, upload in fake_files().items():
                self.post(form, {**form.valid, name: upload}, f"{kind} file in {name}")

    def stale(self, form: Form, complaint) -> None:
        response = self.post(form, {**form.valid, form.version_field: _version(complaint) - 1}, "a stale version")
        if response is not None and str(ComplaintChanged.message) not in _messages(response):
            self.problems.append(f"{form.name} with a stale version: no 'changed, reload' message")

    def twice(self, form: Form) -> None:
        self.post(form, dict(form.valid), "a valid body")
        self.post(form, dict(form.valid), "the same body again")


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_intake_and_workbench_forms_survive_garbage():
    world = world_build()
    c = world.complaints
    poster = Poster(world)
    submitted, web = c["submitted"], c["web"]
    forms = [
        Form("registration preview", roles.AGENT, reverse("complaint-register"), registration_post()),
        Form(
            "registration confirm",
            roles.AGENT,
            reverse("complaint-register"),
            {
                **registration_post(idempotency_key="audit-confirm-0123456789abcdef"),
                "confirm": "1",
                "cls-category": "service_quality",
                "cls-severity": "general",
                "cls-previewed": description_digest(registration_post()["description"]),
            },
        ),
        Form(
            "decline",
            roles.AGENT,
            reverse("complaint-decide", args=[submitted.pk]),
            {"action": "decline", "reason": "no_facts", "note": "无具体事实", "version": submitted.version},
            version_field="version",
        ),
        Form(
            "accept",
            roles.AGENT,
            reverse("complaint-decide", args=[web.pk]),
            {
                "action": "accept",
                "category": "service_quality",
                "severity": "general",
                "promised_reply_at": _local(timezone.now() + timezone.timedelta(days=1)),
                "version": web.version,
            },
            version_field="version",
        ),
        Form(
            "note",
            roles.AGENT,
            reverse("complaint-note-add", args=[c["accepted"].pk]),
            {"text": "已电话联系", "public": "0"},
        ),
    ]
    decline, accept = forms[2], forms[3]
    poster.stale(decline, submitted)  # while the complaints still wait for their decision
    poster.stale(accept, web)
    for form in forms:
        poster.spoil(form)
    poster.twice(accept)
    poster.twice(forms[1])
    assert poster.verdict() == []


def test_investigation_forms_survive_garbage():
    world = world_build()
    c, ids = world.complaints, world.ids
    poster = Poster(world)
    investigating, accepted = c["investigating"], c["accepted"]
    now = _local(timezone.now())
    forms = [
        Form(
            "investigation start",
            roles.AGENT,
            reverse("investigation-start", args=[accepted.pk]),
            {"seen_version": accepted.version, "lead": world.users[roles.AGENT].pk, "note": "开始调查"},
            version_field="seen_version",
        ),
        Form(
            "evidence",
            roles.AGENT,
            reverse("evidence-add", args=[investigating.pk]),
            {"kind": "chat_log", "provided_by": "complainant", "collected_at": now, "description": "聊天记录"},
            files=("upload",),
        ),
        Form(
            "supersede",
            roles.AGENT,
            reverse("evidence-supersede", args=[ids["evidence"]]),
            {"reason": "照片不清楚", "description": "重新拍摄"},
            files=("upload",),
        ),
        Form(
            "statement",
            roles.AGENT,
            reverse("statement-add", args=[investigating.pk]),
            {"party": "worker", "person_name": "李阿姨", "content": "我迟到了。", "taken_at": now},
        ),
        Form(
            "site visit",
            roles.AGENT,
            reverse("site-visit-add", args=[investigating.pk]),
            {"visited_at": now, "place": "客户家", "present": "客服、客户", "findings": "厨房未打扫"},
            files=("photos",),
        ),
        Form(
            "extension",
            roles.AGENT,
            reverse("extension-request", args=[investigating.pk]),
            {"hours": "8", "reason": "等待"},
        ),
        Form(
            "extension decision",
            roles.SUPERVISOR,
            reverse("extension-decide", args=[ids["extension"]]),
            {"approve": "1", "note": "同意"},
        ),
        Form("report", roles.AGENT, reverse("investigation-report", args=[investigating.pk]), dict(REPORT_FIELDS)),
    ]
    for form in forms:
        poster.spoil(form)
    poster.stale(forms[0], accepted)
    poster.twice(forms[-1])
    assert poster.verdict() == []


def test_resolution_forms_survive_garbage():
    world = world_build()
    c, ids = world.complaints, world.ids
    poster = Poster(world)
    mediating, ruling_complaint, follow_up = c["mediating"], c["ruling"], c["follow_up"]
    agent = world.users[roles.AGENT]
    ruling.ruling_form(
        complaint_id=ruling_complaint.pk,
        actor=agent,
        members=list(type(agent).objects.filter(pk__in=ids["panel"])),
    )
    member = world.users[roles.RULING_PANEL]
    desk = lambda name, complaint, *extra: reverse(name, args=[complaint.pk, *extra])  # noqa: E731
    v = _version
    payment = {"seen_version": v(c["resolved"]), "payment_reference": "PAY-1"}
    unpaid = c["resolved"].compensations.first()
    forms = [
        Form(
            "proposal",
            roles.AGENT,
            desk("resolution-proposal-add", mediating),
            {"complainant_gets": "退款", "respondent_gets": "培训", "seen_version": v(mediating)},
            version_field="seen_version",
        ),
        Form(
            "answer",
            roles.AGENT,
            desk("resolution-answer-add", mediating, ids["proposal"]),
            {"party": "complainant", "accepted": "no", "reason": "不够", "seen_version": v(mediating)},
            version_field="seen_version",
        ),
        Form(
            "compensation",
            roles.AGENT,
            desk("resolution-compensation-add", mediating),
            {
                "kind": "money",
                "description": "退款",
                "amount": "100.00",
                "payer": "company",
                "seen_version": v(mediating),
            },
            version_field="seen_version",
        ),
        Form(
            "payment",
            roles.AGENT,
            desk("resolution-compensation-pay", c["resolved"], unpaid.pk),
            {**payment, "voucher": SimpleUploadedFile("v.png", png_bytes(), "image/png")},
            version_field="seen_version",
            files=("voucher",),
        ),
        Form(
            "vote",
            roles.RULING_PANEL,
            desk("resolution-vote-add", ruling_complaint),
            {"verdict": "uphold", "opinion": "支持"},
        ),
        Form(
            "ruling decision",
            roles.RULING_PANEL,
            desk("resolution-ruling-decide", ruling_complaint),
            {"basis": "依据合同第三条", "seen_version": v(ruling_complaint)},
            version_field="seen_version",
            user=member,
        ),
        Form(
            "callback",
            roles.AGENT,
            desk("resolution-callback-add", follow_up),
            {"score": "2", "comment": "不满意", "seen_version": v(follow_up)},
            version_field="seen_version",
        ),
        Form(
            "refer",
            roles.AGENT,
            desk("resolution-refer", follow_up),
            {
                "route": "consumer_association",
                "reference": "XH-1",
                "referred_on": "2026-11-01",
                "seen_version": v(follow_up),
            },
            version_field="seen_version",
        ),
        Form(
            "withdraw",
            roles.AGENT,
            desk("resolution-withdraw", mediating),
            {"reason": "客户撤回", "seen_version": v(mediating)},
            version_field="seen_version",
        ),
    ]
    # Stale versions first, while every valid body still names the version the page was rendered with.
    for form in forms:
        if form.version_field:
            form.valid[form.version_field] = v(Complaint.objects.get(pk=int(form.url.split("/")[3])))
            poster.stale(form, Complaint.objects.get(pk=int(form.url.split("/")[3])))
    for form in forms:
        form.valid.pop("voucher", None)
        if form.version_field:  # garbage is posted without a version: nothing is refused as stale
            form.valid.pop(form.version_field)
        poster.spoil(form)
    assert poster.verdict() == []


def test_penalty_and_report_forms_survive_garbage():
    world = world_build()
    ids = world.ids
    poster = Poster(world)
    month = str(Month.current())
    forms = [
        Form(
            "penalty proposal",
            roles.AGENT,
            reverse("penalty-propose", args=[ids["worker"]]),
            {"kind": "points", "reason": "迟到", "points": "3", "fine_amount": "", "suspension_days": ""},
        ),
        Form("penalty approval", roles.SUPERVISOR, reverse("penalty-approve", args=[ids["penalty"]]), {"note": "同意"}),
        Form("penalty rejection", roles.SUPERVISOR, reverse("penalty-reject", args=[ids["penalty"]]), {"note": "驳回"}),
        Form("appeal", roles.AGENT, reverse("appeal-submit", args=[ids["penalty"]]), {"grounds": "当天交通管制"}),
        Form(
            "onboarding check", roles.SUPERVISOR, reverse("onboarding-check"), {"identity_number": "110101199003074477"}
        ),
        Form(
            "report recompute",
            roles.SUPERVISOR,
            reverse("report-recompute", args=[month]),
            {"team": "", "service_type": ""},
        ),
        Form(
            "supervision callback",
            roles.SUPERVISOR,
            reverse("report-sample", args=[str(Month.current().previous)]),
            {"complaint": str(world.complaints["follow_up"].pk), "result": "satisfied", "note": "满意"},
        ),
    ]
    for form in forms:
        poster.spoil(form)
    poster.twice(forms[1])
    assert poster.verdict() == []


FILTER_GARBAGE = [MARKUP, "9999-12-31", "0001-01-01", "-1", "9" * 40, "abc\x00", "😀", "__all__", "pk"]


def test_list_filters_and_pages_survive_garbage():
    """Filter, sort and page parameters of every list page, each spoiled in turn."""
    world = world_build()
    month = str(Month.current())
    lists = {
        roles.AGENT: {
            reverse("desk"): [
                "q",
                "state",
                "category",
                "severity",
                "channel",
                "assigned",
                "deadline",
                "urgent",
                "repeat",
                "received_from",
                "received_to",
                "sort",
                "page",
            ],
            reverse("worker-list"): ["q", "page"],
            reverse("penalty-list"): ["status", "page"],
        },
        roles.SUPERVISOR: {
            reverse("report-month", args=[month]): ["team", "service_type"],
            reverse("report-agents", args=[month]): ["team", "service_type"],
            reverse("report-quarters", args=[Month.current().year]): ["team", "service_type"],
            reverse("report-export", args=[month, "agents", "csv"]): ["team", "service_type"],
            reverse("report-sample", args=[month]): ["page"],
            "/api/workers/": ["status", "team", "page"],
            "/api/orders/": ["service_type", "worker", "team", "page"],
        },
    }
    problems = []
    for role, pages in lists.items():
        client = Client(raise_request_exception=True)
        client.force_login(world.users[role])
        for url, params in pages.items():
            for param in params:
                for value in FILTER_GARBAGE:
                    try:
                        response = client.get(url, {param: value})
                    except Exception as error:
                        problems.append(f"{url}?{param}={value!r}: {type(error).__name__}: {error!s:.200}")
                        continue
                    if response.status_code >= 500 or MARKUP.encode() in response.content:
                        problems.append(f"{url}?{param}={value!r}: {response.status_code}")
    assert problems == []


def test_public_forms_and_apis_survive_garbage(settings):
    """The public form, the tracking page and both APIs, public and staff, with the same garbage."""
    settings.PUBLIC_COMPLAINT_RATE = settings.TRACK_LOOKUP_RATE = "100000/h"  # garbage, not the limiter
    world = world_build()
    poster = Poster(world)
    anonymous = type("Anonymous", (), {"pk": 0, "is_authenticated": False})()
    poster.clients[0] = Client(raise_request_exception=True)
    public = [
        Form("public complaint", "", reverse("complaint-new"), complaint_post_data(), files=("evidence",)),
        Form("track", "", reverse("track"), {"tracking_number": "TS20261125-0001", "phone": "13800000000"}),
        Form("api complaint", "", "/api/complaints/", complaint_post_data(idempotency_key="api-" + "k" * 28)),
        Form("api status", "", "/api/complaints/status/", {"tracking_number": "X", "phone": "1"}),
    ]
    staff = [
        Form(
            "api worker",
            roles.SUPERVISOR,
            "/api/workers/",
            {"name": "王阿姨", "phone": "13900001111", "identity_number": identity_number(7)},
        ),
        Form(
            "api order",
            roles.SUPERVISOR,
            "/api/orders/",
            {
                "order_number": "OR-AUDIT",
                "service_type": "cleaning",
                "customer_phone": "13800000000",
                "amount": "1",
                "service_date": "2026-11-01",
            },
        ),
        Form("api onboarding check", roles.SUPERVISOR, "/api/onboarding-check/", {"identity_number": "1"}),
        Form("api worker import", roles.SUPERVISOR, "/api/workers/import/", {}, files=("file",)),
        Form("api order import", roles.SUPERVISOR, "/api/orders/import/", {}, files=("file",)),
    ]
    for form in public:
        form.user = anonymous
    for form in public + staff:
        poster.spoil(form)
    assert poster.verdict() == []
