"""Ruling-panel members open only the complaints they sit on; management only what its role
oversees (major, urgent, reported to management, escalated to them); the rest of the desk sees
every complaint. Pages, files and lists alike: anything else is a 404."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from core import roles
from deadlines.models import Deadline, DeadlineNotice
from intake.access import complaints_visible_to
from intake.models import Complaint, ManagementReport
from resolutions.services import ruling
from tests.factories import ComplaintFactory

from .audit_data import world_build
from .test_access_matrix import url_cases

pytestmark = pytest.mark.django_db


def _complaint_urls(world, complaint_ids: set[int]) -> list[str]:
    """Every desk URL of the given complaints, their files and evidence included."""
    urls = []
    for case in url_cases(world):
        if case.forged:
            continue
        match = resolve(urlsplit(case.url).path)
        kwargs = match.kwargs
        owner = kwargs.get("complaint_pk") or (kwargs.get("pk") if match.route.startswith("desk/complaints/") else None)
        if owner in complaint_ids or (case.name == "evidence-file" and complaint_ids & {world.ids["evidence_owner"]}):
            urls.append(case.url)
    return urls


@pytest.fixture
def world():
    world = world_build()
    world.ids["evidence_owner"] = world.complaints["investigating"].pk
    return world


def _panel_sits_on(world, complaint):
    panel = list(type(world.users[roles.AGENT]).objects.filter(pk__in=world.ids["panel"]))
    ruling.ruling_form(complaint_id=complaint.pk, actor=world.users[roles.AGENT], members=panel)


def test_panel_member_opens_nothing_before_sitting_on_a_panel(world):
    client = Client()
    client.force_login(world.users[roles.RULING_PANEL])
    ids = {c.pk for c in world.complaints.values()}
    urls = _complaint_urls(world, ids)
    assert len(urls) > 100
    problems = []
    for method in ("get", "post"):
        for url in urls:
            status = getattr(client, method)(url).status_code
            if status not in (403, 404, 405):
                problems.append(f"{method} {url}: {status}")
    assert problems == []
    assert complaints_visible_to(world.users[roles.RULING_PANEL]).count() == 0


def test_panel_member_opens_the_complaint_they_sit_on_and_no_other(world):
    on_panel = world.complaints["ruling"]
    _panel_sits_on(world, on_panel)
    member = world.users[roles.RULING_PANEL]
    client = Client()
    client.force_login(member)
    assert client.get(reverse("complaint-workbench", args=[on_panel.pk])).status_code == 200
    assert client.get(reverse("complaint-workbench", args=[world.complaints["mediating"].pk])).status_code == 404
    assert list(complaints_visible_to(member)) == [on_panel]
    inbox = client.get(reverse("desk"), {"state": "all"})
    assert inbox.status_code == 200
    assert [c.pk for c in inbox.context["page"]] == [on_panel.pk]


def test_panel_member_cannot_download_evidence_of_another_complaint(world):
    _panel_sits_on(world, world.complaints["ruling"])
    client = Client()
    client.force_login(world.users[roles.RULING_PANEL])
    assert client.get(reverse("evidence-file", args=[world.ids["evidence"]])).status_code == 404
    attachment = reverse("attachment-download", args=[world.complaints["web"].pk, world.ids["attachment"]])
    assert client.get(attachment).status_code == 404


def test_management_sees_major_urgent_reported_and_escalated_complaints_only(management_user, agent):
    general = ComplaintFactory()
    major = ComplaintFactory(severity="major")
    urgent = ComplaintFactory(urgent=True)
    reported = ComplaintFactory()
    ManagementReport.objects.create(
        complaint=reported, reported_by=agent, reported_to="总经理", reported_at=timezone.now(), summary="汇报"
    )
    escalated = ComplaintFactory()
    deadline = Deadline.objects.filter(complaint=escalated).first()
    assert deadline is not None
    DeadlineNotice.objects.create(
        deadline=deadline, kind=DeadlineNotice.Kind.ESCALATION, level=3, recipient=management_user, at=timezone.now()
    )
    visible = set(complaints_visible_to(management_user))
    assert visible == {major, urgent, reported, escalated}
    client = Client()
    client.force_login(management_user)
    assert client.get(reverse("complaint-workbench", args=[general.pk])).status_code == 404
    assert client.get(reverse("complaint-workbench", args=[major.pk])).status_code == 200


def test_the_rest_of_the_desk_sees_every_complaint(agent, investigator, supervisor):
    complaints = {ComplaintFactory(), ComplaintFactory(severity="major")}
    for user in (agent, investigator, supervisor):
        assert set(complaints_visible_to(user)) == complaints


def test_report_readers_and_strangers_see_no_complaint(manager):
    ComplaintFactory()
    assert not complaints_visible_to(manager).exists()
    assert Complaint.objects.exists()
