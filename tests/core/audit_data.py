"""One complaint in each stage, with the records that hang off it, built through the real services.

The cross-app audit tests walk every URL against this data: one object of each kind the routes
name, and a second complaint whose ids are used to forge nested routes.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from core import roles
from intake.models import Complaint, PrivacyRequest
from intake.services.decision import complaint_decline
from intake.services.incidents import incident_open
from intake.services.privacy import privacy_request_submit
from intake.services.submission import complaint_submit
from intake.uploads import uploads_check
from investigations import services as investigation_services
from penalties.services import credit as credit_services
from penalties.services import penalties as penalty_services
from resolutions.models import Compensation, FollowUp, Party
from resolutions.services import mediation, open_matters
from tests.factories import ComplaintFactory, UserFactory
from tests.intake.public_data import png_upload
from tests.investigations.factories import investigating_complaint, photo_evidence
from tests.penalties.factories import WorkerConsentFactory, WorkerFactory
from tests.resolutions.factories import (
    complaint_accepted,
    complaint_in_follow_up,
    complaint_mediating,
    complaint_resolved,
    fresh,
    propose,
)

#: What a read is meant to write: audit trails (who saw personal data, who checked an identity) and
#: the frozen figures of a closed month, computed once on first view.
READ_AUDIT_MODELS = {"core.personaldataaccess", "penalties.onboardingcheck", "reporting.monthlysnapshot"}
AUDITED_APPS = ("core", "intake", "investigations", "resolutions", "penalties", "deadlines", "reporting")

ROLE_USERNAMES = {
    roles.AGENT: "audit-agent",
    roles.INVESTIGATOR: "audit-investigator",
    roles.SUPERVISOR: "audit-supervisor",
    roles.RULING_PANEL: "audit-panel-0",
    roles.MANAGEMENT: "audit-gm",
    roles.MANAGER: "audit-manager",
}


@dataclass
class World:
    users: dict
    complaints: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


def _user(role: str, username: str, **kwargs):
    user = UserFactory(username=username, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def world_build() -> World:
    users = {role: _user(role, name, is_staff=role in roles.ADMIN_ROLES) for role, name in ROLE_USERNAMES.items()}
    panel = [users[roles.RULING_PANEL]] + [_user(roles.RULING_PANEL, f"audit-panel-{i}") for i in (1, 2)]
    agent = users[roles.AGENT]
    world = World(users=users)
    c = world.complaints

    c["submitted"] = ComplaintFactory()
    declined = ComplaintFactory()
    c["not_accepted"] = complaint_decline(
        complaint_id=declined.pk, actor=agent, seen_version=declined.version, reason="no_facts", note=""
    )
    c["accepted"] = complaint_accepted(agent)
    c["investigating"] = investigating_complaint(agent=agent, lead=agent)
    evidence = photo_evidence(c["investigating"], actor=agent)
    extension = investigation_services.extension_request(
        complaint_id=c["investigating"].pk, actor=agent, hours=4, reason="等待第三方证明"
    )

    c["mediating"] = complaint_mediating(agent)
    proposal = propose(c["mediating"], agent)

    ruling = complaint_mediating(agent)
    rejected = propose(ruling, agent, amount=None)
    mediation.mediation_answer_record(
        proposal_id=rejected.pk, actor=agent, party=Party.COMPLAINANT, accepted=False, reason="不够"
    )
    mediation.ruling_request(complaint_id=ruling.pk, actor=agent)
    c["ruling"] = fresh(ruling)

    c["resolved"] = complaint_resolved(agent)
    c["follow_up"] = complaint_in_follow_up(agent)
    paid = Compensation.objects.filter(complaint=c["follow_up"], status=Compensation.Status.PAID).first()

    web, _created = complaint_submit(
        idempotency_key="audit-" + "k" * 26,
        uploads=uploads_check([png_upload("厨房.png")]),
        complainant_name="王五",
        phone="13700001111",
        service_type="cleaning",
        order_number="SO-AUDIT-1",
        description="阿姨打碎了花瓶。",
        demands=["compensation"],
    )
    c["web"] = web

    matter = open_matters.open_matter_record(
        complaint_id=c["follow_up"].pk,
        actor=agent,
        action="退还剩余服务费",
        owner=agent,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    privacy_request = privacy_request_submit(
        complaint_id=web.pk, kind=PrivacyRequest.Kind.SEE, channel=PrivacyRequest.Channel.WEB
    )
    worker = WorkerFactory()
    penalty = penalty_services.penalty_propose(worker=worker, kind="warning", reason="迟到", actor=agent)
    WorkerConsentFactory(worker=worker, scope="customer_enquiry")
    disclosure = credit_services.worker_history_disclose(
        worker=worker, recipient_kind="customer_enquiry", recipient="王女士", actor=users[roles.SUPERVISOR]
    )
    listing = credit_services.official_listing_propose(worker=worker, reason="严重失信", actor=users[roles.SUPERVISOR])
    incident = incident_open(
        actor=users[roles.SUPERVISOR],
        title="审计小区批次",
        kind="place",
        lead=users[roles.SUPERVISOR],
        complaints=[c["web"]],
    )
    world.ids = {
        "incident": incident.pk,
        "evidence": evidence.pk,
        "extension": extension.pk,
        "proposal": proposal.pk,
        "compensation": paid.pk if paid else Compensation.objects.filter(complaint=c["resolved"]).first().pk,
        "attachment": web.attachments.get().pk,
        "worker": worker.pk,
        "penalty": penalty.pk,
        "disclosure": disclosure.pk,
        "official_listing": listing.pk,
        "open_matter": matter.pk,
        "privacy_request": privacy_request.pk,
        "follow_up": FollowUp.objects.filter(complaint=c["follow_up"]).first().pk,
        "panel": [member.pk for member in panel],
    }
    world.complaints = {name: fresh(complaint) for name, complaint in c.items()}
    return world


def _audited_models():
    for app_label in AUDITED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower.replace("historical", "") not in READ_AUDIT_MODELS:
                yield model


def database_fingerprint() -> tuple:
    """Row counts of every table of the desk's apps (history tables included), the sum of the
    complaints' versions and their states, so an update of an existing complaint shows too.

    One query, because the audit takes it around every GET."""
    tables = [model._meta.db_table for model in _audited_models()]
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608 (model tables)
    complaints = quote(Complaint._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}, (SELECT SUM(version) FROM {complaints})")  # noqa: S608
        figures = cursor.fetchone()
    states = tuple(Complaint.objects.order_by("pk").values_list("state", flat=True))
    return (*zip(tables, figures, strict=False), ("complaint versions", figures[-1]), ("states", states))


def later(**kwargs):
    return timezone.now() + timedelta(**kwargs)
