"""The desk's complaint API: the inbox list with its filters, one complaint, its timeline; the same
scope and permissions as the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import StaffTeam
from intake.models import Complaint
from intake.services.decision import complaint_decline
from tests.factories import ComplaintFactory
from tests.resolutions.factories import complaint_mediating

pytestmark = pytest.mark.django_db

LIST = "/api/desk/complaints/"


def _detail(complaint: Complaint) -> str:
    return f"{LIST}{complaint.pk}/"


def test_list_answers_the_inbox_rows_with_masked_phones(client, agent):
    complaint = ComplaintFactory(phone="13812345678", urgent=True)
    client.force_login(agent)
    body = client.get(LIST).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["tracking_number"] == complaint.tracking_number
    assert row["phone"] == "138****5678"
    assert row["state"] == "submitted" and row["urgent"] is True
    assert {"next_due_at", "deadline_red", "deadline_overdue", "has_repeats", "version"} <= row.keys()


def test_list_filters_as_the_inbox_does(client, agent):
    urgent = ComplaintFactory(urgent=True)
    ComplaintFactory()
    declined = ComplaintFactory()
    complaint_decline(complaint_id=declined.pk, actor=agent, seen_version=0, reason="no_facts", note="")
    client.force_login(agent)
    assert [row["id"] for row in client.get(LIST, {"urgent": "true"}).json()["results"]] == [urgent.pk]
    assert client.get(LIST).json()["count"] == 2  # open ones by default
    assert client.get(LIST, {"state": "all"}).json()["count"] == 3
    assert client.get(LIST, {"state": "not_accepted"}).json()["results"][0]["id"] == declined.pk
    assert client.get(LIST, {"state": "", "q": "", "sort": ""}).status_code == 200


@pytest.mark.parametrize("query", [{"state": "nonsense"}, {"sort": "password"}, {"received_from": "2026-02-30"}])
def test_a_filter_value_that_is_not_allowed_is_a_400_naming_the_field(client, agent, query):
    client.force_login(agent)
    response = client.get(LIST, query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"] == "Some fields are not valid."
    assert set(response.json()["fields"]) == set(query)


def test_a_page_past_the_last_is_a_404(client, agent):
    client.force_login(agent)
    assert client.get(LIST, {"page": 0}).status_code == 404
    assert client.get(LIST, {"page": 9}).status_code == 404


@pytest.mark.parametrize("count", [3, 40])
def test_list_runs_a_constant_number_of_queries(client, agent, count):
    team = StaffTeam.objects.create(name="一组")
    for index in range(count):
        original = ComplaintFactory(assigned_to=agent, assigned_team=team, urgent=index % 3 == 0)
        if index % 4 == 0:
            ComplaintFactory(repeat_of=original)
    client.force_login(agent)
    client.get(LIST)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"state": "all", "assigned": "me"})
    assert response.status_code == 200
    # session, user, user and group permissions, count, page of rows: the same for 3 or 40 rows
    assert len(queries) == 6, [q["sql"][:80] for q in queries]


def test_list_and_detail_need_the_permission_to_view_complaints(client, manager):
    complaint = ComplaintFactory()
    assert client.get(LIST).status_code == 403
    client.force_login(manager)
    assert client.get(LIST).status_code == 403
    assert client.get(_detail(complaint)).status_code == 403


def test_detail_lists_the_transitions_open_to_the_user(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    body = client.get(_detail(complaint)).json()
    assert body["state"] == "mediating"
    assert {"request_ruling", "withdraw", "refer"} <= set(body["transitions"])
    assert "close" not in body["transitions"]
    assert body["description"] == complaint.description


def test_panel_member_outside_the_panel_gets_404_everywhere(client, panel):
    complaint = ComplaintFactory()
    client.force_login(panel[0])
    assert client.get(LIST).json()["count"] == 0
    assert client.get(_detail(complaint)).status_code == 404
    assert client.get(f"{_detail(complaint)}timeline/").status_code == 404


def test_management_reads_only_what_it_oversees(client, management_user):
    ComplaintFactory()
    major = ComplaintFactory(severity="major")
    client.force_login(management_user)
    assert [row["id"] for row in client.get(LIST).json()["results"]] == [major.pk]
    assert client.get(_detail(major)).status_code == 200


def test_timeline_lists_the_events_oldest_first(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    body = client.get(f"{_detail(complaint)}timeline/").json()
    states = [event["to_state"] for event in body["results"] if event["kind"] == "transition"]
    assert states == ["accepted", "investigating", "mediating"]
    assert body["results"][0]["actor"] == agent.username


def test_writes_are_not_allowed(client, supervisor):
    complaint = ComplaintFactory()
    client.force_login(supervisor)
    assert client.post(LIST, {}, content_type="application/json").status_code in (403, 405)
    assert client.delete(_detail(complaint)).status_code in (403, 405)
    assert Complaint.objects.filter(pk=complaint.pk).exists()


def _transition(complaint: Complaint, name: str) -> str:
    return f"{_detail(complaint)}transitions/{name}/"


def test_a_transition_runs_its_service_and_answers_the_complaint(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = client.post(
        _transition(complaint, "withdraw"),
        {"seen_version": complaint.version, "reason": "投诉人撤回"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "withdrawn"
    event = Complaint.objects.get(pk=complaint.pk).events.get(transition="withdraw")
    assert event.actor == agent


def test_a_stale_version_is_a_409_and_changes_nothing(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = client.post(
        _transition(complaint, "withdraw"),
        {"seen_version": complaint.version - 1, "reason": "投诉人撤回"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert Complaint.objects.get(pk=complaint.pk).state == "mediating"


def test_a_change_the_state_does_not_allow_is_refused(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = client.post(
        _transition(complaint, "close"), {"seen_version": complaint.version}, content_type="application/json"
    )
    assert response.status_code in (400, 409)
    assert Complaint.objects.get(pk=complaint.pk).state == "mediating"


def test_a_missing_field_is_a_400_naming_it(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = client.post(_transition(complaint, "withdraw"), {}, content_type="application/json")
    assert response.status_code == 400
    assert "reason" in response.json()["fields"]


def test_an_unknown_transition_is_a_404(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    assert client.post(_transition(complaint, "teleport"), {}, content_type="application/json").status_code == 404


def test_a_transition_without_its_permission_is_a_403(client, agent, management_user):
    complaint = complaint_mediating(agent)
    Complaint.objects.filter(pk=complaint.pk).update(severity="major")  # within management's scope
    client.force_login(management_user)
    response = client.post(
        _transition(complaint, "withdraw"),
        {"seen_version": complaint.version, "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Complaint.objects.get(pk=complaint.pk).state == "mediating"


def test_an_investigation_starts_through_the_api(client, agent, investigator):
    from tests.investigations.factories import accepted_complaint

    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)
    response = client.post(
        _transition(complaint, "start_investigation"),
        {"seen_version": complaint.version, "lead": investigator.pk, "members": [agent.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "investigating"
