"""Group incidents (seed 002: 突发性群体投诉): complaints linked under a lead, the emergency plan, and
the public statement owed within 72 hours."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from deadlines.models import Deadline, Step
from deadlines.services import deadlines_stop
from intake.models import Complaint, Incident, IncidentCheck
from intake.services.incidents import (
    incident_check_tick,
    incident_complaint_link,
    incident_open,
    incident_statement_record,
    tracking_numbers_parse,
)
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are read in English here; the pages keep their own language."""
    with translation.override("en"):
        yield


def _open(actor, complaints, **fields):
    return incident_open(
        actor=actor,
        title=fields.get("title", "幸福小区保洁批次投诉"),
        kind=fields.get("kind", Incident.Kind.ORDER_BATCH),
        lead=fields.get("lead", actor),
        complaints=complaints,
    )


def test_opening_an_incident_links_its_complaints_and_starts_the_72_hour_clock(supervisor):
    complaints = ComplaintFactory.create_batch(3)

    incident = _open(supervisor, complaints)

    assert set(incident.complaints.all()) == set(complaints)
    clock = Deadline.objects.get(incident=incident)
    assert clock.step == Step.INCIDENT_STATEMENT
    assert clock.due_at == incident.opened_at + timedelta(hours=72)
    assert clock.responsible == supervisor


def test_a_complaint_in_one_incident_cannot_join_a_second(supervisor):
    complaint = ComplaintFactory()
    first = _open(supervisor, [complaint], title="同一保洁员")
    second = _open(supervisor, [ComplaintFactory()], title="同一小区")

    with pytest.raises(ValidationError, match="already part of the incident “同一保洁员”"):
        incident_complaint_link(incident_id=second.pk, actor=supervisor, complaints=[complaint])

    assert Complaint.objects.get(pk=complaint.pk).incident == first


def test_opening_with_a_complaint_of_another_incident_saves_nothing(supervisor):
    taken = ComplaintFactory()
    _open(supervisor, [taken])
    free = ComplaintFactory()

    with pytest.raises(ValidationError):
        _open(supervisor, [free, taken], title="第二个")

    assert Incident.objects.count() == 1
    assert Complaint.objects.get(pk=free.pk).incident is None


def test_an_unknown_tracking_number_is_named():
    with pytest.raises(ValidationError, match="TS000000NONE"):
        tracking_numbers_parse("TS000000NONE")


def test_each_plan_item_is_ticked_once_by_a_user_at_a_time(supervisor):
    incident = _open(supervisor, [ComplaintFactory()])

    check = incident_check_tick(incident_id=incident.pk, actor=supervisor, item=IncidentCheck.Item.CRISIS_SCRIPT)

    assert (check.ticked_by, check.ticked_at is not None) == (supervisor, True)
    with pytest.raises(ValidationError, match="ticked already"):
        incident_check_tick(incident_id=incident.pk, actor=supervisor, item=IncidentCheck.Item.CRISIS_SCRIPT)
    with pytest.raises(ValidationError):
        incident_check_tick(incident_id=incident.pk, actor=supervisor, item="nonsense")


def test_the_statement_meets_the_clock_even_after_its_complaint_ended(supervisor):
    complaint = ComplaintFactory()
    incident = _open(supervisor, [complaint])
    deadlines_stop(complaint=complaint)  # what a withdrawal or a close does to the complaint's clocks

    with time_machine.travel(timezone.now() + timedelta(hours=10)):
        incident_statement_record(incident_id=incident.pk, actor=supervisor, statement="已就保洁批次问题发布说明。")

    clock = Deadline.objects.get(incident=incident)
    assert clock.met_at is not None and clock.met_at <= clock.due_at


def test_a_statement_needs_its_text(supervisor):
    incident = _open(supervisor, [ComplaintFactory()])

    with pytest.raises(ValidationError, match="public statement"):
        incident_statement_record(incident_id=incident.pk, actor=supervisor, statement=" ")

    assert Deadline.objects.get(incident=incident).met_at is None


def test_an_agent_cannot_open_an_incident(agent):
    with pytest.raises(PermissionDenied):
        _open(agent, [ComplaintFactory()])


def test_the_incident_page_lists_its_complaints_and_report(client, supervisor):
    complaints = ComplaintFactory.create_batch(3)
    incident = _open(supervisor, complaints)
    client.force_login(supervisor)

    page = client.get(f"/desk/incidents/{incident.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert all(c.tracking_number in page for c in complaints)
    assert "Emergency plan" in page and "0/4" in page


def test_the_page_refuses_linking_to_a_second_incident_with_a_message(client, supervisor):
    complaint = ComplaintFactory()
    _open(supervisor, [complaint], title="同一保洁员")
    second = _open(supervisor, [ComplaintFactory()], title="同一小区")
    client.force_login(supervisor)

    response = client.post(
        f"/desk/incidents/{second.pk}/link/", {"complaints": complaint.tracking_number}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert "a complaint belongs to one incident" in response.content.decode()


def test_opening_from_the_list_page(client, supervisor):
    complaints = ComplaintFactory.create_batch(2)
    client.force_login(supervisor)

    response = client.post(
        "/desk/incidents/",
        {
            "title": "同一活动",
            "kind": "event",
            "lead": supervisor.pk,
            "complaints": ", ".join(c.tracking_number for c in complaints),
        },
    )

    incident = Incident.objects.get()
    assert response["Location"] == f"/desk/incidents/{incident.pk}/"
    assert incident.complaints.count() == 2


def test_the_workbench_of_a_linked_complaint_links_its_incident(client, supervisor):
    complaint = ComplaintFactory()
    incident = _open(supervisor, [complaint])
    client.force_login(supervisor)

    page = client.get(f"/desk/complaints/{complaint.pk}/").content.decode()

    assert f"/desk/incidents/{incident.pk}/" in page


def test_the_lead_writes_and_revises_the_conclusion_shown_in_the_report(client, supervisor):
    incident = _open(supervisor, ComplaintFactory.create_batch(2))
    client.force_login(supervisor)
    url = f"/desk/incidents/{incident.pk}/conclusion/"

    empty = client.post(url, {"conclusion": "   "}, HTTP_ACCEPT_LANGUAGE="en")
    client.post(url, {"conclusion": "保洁员已停岗，两户已退款。"})
    client.post(url, {"conclusion": "保洁员已停岗，三户均已退款并回访。"})

    assert empty.status_code == 400
    page = client.get(f"/desk/incidents/{incident.pk}/").content.decode()
    assert "三户均已退款并回访" in page
    versions = [h.conclusion for h in Incident.history.filter(id=incident.pk).order_by("history_date")]
    assert versions[-2:] == ["保洁员已停岗，两户已退款。", "保洁员已停岗，三户均已退款并回访。"]


def test_an_agent_cannot_write_the_conclusion(client, agent, supervisor):
    incident = _open(supervisor, [ComplaintFactory()])
    client.force_login(agent)

    response = client.post(f"/desk/incidents/{incident.pk}/conclusion/", {"conclusion": "结论"})

    assert response.status_code == 403
    assert Incident.objects.get(pk=incident.pk).conclusion == ""
