"""Complaints about the desk itself (seed 002): their channel and category, and a supervisor who did
not handle the earlier complaint takes them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from intake.choices import Category, Channel
from intake.models import Complaint
from intake.services.assignment import complaint_assign, complaint_take
from intake.services.decision import complaint_accept
from intake.services.registration import complaint_register
from intake.worklists import worklist_filter
from tests.factories import ComplaintFactory
from tests.intake.public_data import complaint_post_data
from tests.intake.test_registration import _confirm, _preview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are read in English here; the pages keep their own language."""
    with translation.override("en"):
        yield


def _report_about(earlier: Complaint) -> Complaint:
    return complaint_register(
        channel=Channel.DESK_REPORT,
        complainant_name="张三",
        phone=earlier.phone,
        service_type=earlier.service_type,
        description="客服答应回电却一直没有回电，投诉处理拖了两周。",
        earlier_complaint=earlier,
    )


def test_a_report_through_the_desk_channel_is_categorised_as_about_the_desk():
    report = _report_about(ComplaintFactory())

    assert report.category == Category.DESK_HANDLING
    assert report.is_about_the_desk


def test_the_public_form_links_the_earlier_complaint_of_the_same_phone(client):
    earlier = ComplaintFactory(phone="13812345678")

    response = client.post(
        "/complaints/new/",
        complaint_post_data(about_the_desk="on", earlier_tracking_number=earlier.tracking_number.lower()),
    )

    assert response.status_code == 302
    report = Complaint.objects.exclude(pk=earlier.pk).get()
    assert (report.channel, report.category, report.earlier_complaint) == (
        Channel.DESK_REPORT,
        Category.DESK_HANDLING,
        earlier,
    )


def test_the_public_form_refuses_a_tracking_number_of_another_persons_complaint(client):
    someone_elses = ComplaintFactory(phone="13900000000")

    response = client.post(
        "/complaints/new/",
        complaint_post_data(earlier_tracking_number=someone_elses.tracking_number),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "None of your complaints has this tracking number" in response.content.decode()
    assert Complaint.objects.count() == 1


def test_an_agent_who_handled_the_earlier_complaint_cannot_be_given_the_report(supervisor, other_supervisor):
    earlier = ComplaintFactory(assigned_to=other_supervisor)
    report = _report_about(earlier)

    with pytest.raises(ValidationError, match="worked on the complaint this one reports"):
        complaint_assign(complaint_id=report.pk, actor=supervisor, assigned_to=other_supervisor)

    assert Complaint.objects.get(pk=report.pk).assigned_to is None


def test_a_report_about_the_desk_goes_to_a_supervisor_not_an_agent(supervisor, agent):
    report = _report_about(ComplaintFactory())

    with pytest.raises(ValidationError, match="handled by a supervisor"):
        complaint_accept(
            complaint_id=report.pk,
            actor=supervisor,
            seen_version=report.version,
            category=Category.DESK_HANDLING,
            severity="general",
            urgent=False,
            assigned_to=agent,
            promised_reply_at=timezone.now() + timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        complaint_take(complaint_id=report.pk, actor=agent)

    complaint_assign(complaint_id=report.pk, actor=supervisor, assigned_to=supervisor)
    assert Complaint.objects.get(pk=report.pk).assigned_to == supervisor


def test_a_supervisor_who_acted_on_the_earlier_complaint_cannot_take_the_report(supervisor, agent):
    earlier = ComplaintFactory()
    complaint_assign(complaint_id=earlier.pk, actor=supervisor, assigned_to=agent)
    report = _report_about(earlier)

    with pytest.raises(ValidationError, match="worked on the complaint this one reports"):
        complaint_take(complaint_id=report.pk, actor=supervisor)


def test_reports_about_the_desk_wait_on_the_supervisors_list_not_the_agents_unassigned(supervisor, agent):
    earlier = ComplaintFactory()
    report = _report_about(earlier)
    complaints = Complaint.objects.all()

    assert list(worklist_filter(complaints, key="desk_reports", user=supervisor)) == [report]
    assert list(worklist_filter(complaints, key="desk_reports", user=agent)) == []
    assert list(worklist_filter(complaints, key="unassigned", user=agent)) == [earlier]


def test_the_acceptance_page_offers_only_supervisors_who_did_not_handle_the_earlier_complaint(
    client, supervisor, other_supervisor, agent
):
    report = _report_about(ComplaintFactory(assigned_to=other_supervisor))
    client.force_login(supervisor)

    offered = client.get(f"/desk/complaints/{report.pk}/decide/").context["accept_form"].fields["assigned_to"]

    assert list(offered.queryset) == [supervisor]
    response = client.post(
        f"/desk/complaints/{report.pk}/decide/",
        {
            "action": "accept",
            "category": Category.DESK_HANDLING,
            "severity": "general",
            "assigned_to": supervisor.pk,
            "promised_reply_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "version": report.version,
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=report.pk).assigned_to == supervisor


def test_an_agent_registers_a_report_naming_the_earlier_complaint(client, agent):
    earlier = ComplaintFactory()
    client.force_login(agent)
    fields = {"channel": Channel.DESK_REPORT, "earlier_tracking_number": earlier.tracking_number}

    response = _confirm(client, _preview(client, **fields), **fields)

    assert response.status_code == 302
    assert response["Location"] == "/desk/"
    report = Complaint.objects.get(earlier_complaint=earlier)
    assert report.category == Category.DESK_HANDLING


def test_agents_never_open_a_complaint_about_the_desk_supervisors_do(client, agent, supervisor):
    earlier = ComplaintFactory()
    report = _report_about(earlier)
    client.force_login(agent)

    inbox = client.get("/desk/").content.decode()
    assert earlier.tracking_number in inbox
    assert report.tracking_number not in inbox
    assert client.get(f"/desk/complaints/{report.pk}/").status_code == 404
    assert client.get(f"/api/desk/complaints/{report.pk}/").status_code == 404

    client.force_login(supervisor)
    assert report.tracking_number in client.get("/desk/").content.decode()
    assert client.get(f"/desk/complaints/{report.pk}/").status_code == 200
    assert client.get(f"/api/desk/complaints/{report.pk}/").status_code == 200


def test_registration_refuses_an_unknown_earlier_tracking_number(client, agent):
    client.force_login(agent)

    response = _preview(client, earlier_tracking_number="TS000000NONE")

    assert "earlier_tracking_number" in response.context["form"].errors
    assert "没有这个编号的投诉" in response.content.decode()
    assert Complaint.objects.count() == 0
