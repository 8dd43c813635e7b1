"""The investigation over REST: the same forms, permissions and services as the panel's pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from investigations.models import EvidenceItem
from tests.factories import ComplaintFactory
from tests.investigations.factories import (
    REPORT_FIELDS,
    investigating_complaint,
    png_bytes,
    text_evidence,
)

pytestmark = pytest.mark.django_db


def _url(complaint, path: str = "") -> str:
    return f"/api/desk/complaints/{complaint.pk}/investigation/{path}"


def _statement() -> dict:
    return {"party": "worker", "person_name": "李阿姨", "content": "我迟到了。", "taken_at": timezone.now().isoformat()}


def test_read_answers_the_team_and_the_records_with_names_masked(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    client.force_login(investigator)
    client.post(_url(complaint, "statements/"), _statement(), content_type="application/json")
    body = client.get(_url(complaint)).json()
    assert body["investigation"]["lead"] == investigator.username
    assert body["investigation"]["statements"][0]["person_name"] == "李**"
    assert body["evidence"][1]["kind"] == "party_statement"
    assert body["evidence"][0]["record_sha256"]


def test_a_statement_is_taken_through_the_service_and_enters_the_chain(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    response = client.post(_url(complaint, "statements/"), _statement(), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["investigation"]["statements"][0]["content"] == "我迟到了。"
    assert EvidenceItem.objects.filter(complaint=complaint, kind="party_statement").count() == 1


def test_evidence_uploads_as_multipart(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    response = client.post(
        _url(complaint, "evidence/"),
        {
            "kind": "photo",
            "provided_by": "complainant",
            "collected_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
            "upload": SimpleUploadedFile("kitchen.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 200, response.content
    item = response.json()["evidence"][0]
    assert item["original_name"] == "kitchen.png"
    assert item["file_url"] == f"/desk/evidence/{item['id']}/file/"


def test_the_report_is_submitted_once(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    first = client.post(_url(complaint, "report/"), REPORT_FIELDS, content_type="application/json")
    assert first.status_code == 200, first.content
    assert first.json()["investigation"]["report"]["responsibility"] == "worker"
    second = client.post(_url(complaint, "report/"), REPORT_FIELDS, content_type="application/json")
    assert second.status_code == 400
    assert second.json()["code"] == "invalid"


def test_someone_off_the_team_is_refused_with_403_and_nothing_saved(client, agent, investigator, other_agent):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(other_agent)
    response = client.post(_url(complaint, "statements/"), _statement(), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not EvidenceItem.objects.filter(complaint=complaint).exists()


def test_missing_and_unknown_fields_are_a_400_in_the_users_language(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    response = client.post(
        _url(complaint, "statements/"),
        {"party": "worker", "persn_name": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"persn_name"}
    response = client.post(_url(complaint, "statements/"), {"party": "worker"}, content_type="application/json")
    assert {"person_name", "content", "taken_at"} <= set(response.json()["fields"])
    assert "该字段是必填项" in response.json()["fields"]["content"][0]


def test_a_complaint_outside_the_panel_members_scope_is_a_404(client, agent, investigator, panel):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(panel[0])
    assert client.get(_url(complaint)).status_code == 404
    assert client.post(_url(complaint, "statements/"), _statement(), content_type="application/json").status_code == 404


def test_a_complaint_without_an_investigation_is_a_404(client, agent):
    client.force_login(agent)
    assert client.get(_url(ComplaintFactory())).status_code == 404
    assert client.get("/api/desk/complaints/999999/investigation/").status_code == 404


@pytest.mark.parametrize("items", [1, 12])
def test_the_read_runs_a_constant_number_of_queries(client, agent, investigator, items):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    for _ in range(items):
        text_evidence(complaint, actor=investigator)
    client.force_login(investigator)
    client.get(_url(complaint))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(complaint)).status_code == 200
    # 13: one of them asks whether the complaint is about the desk, which investigators may not open.
    assert len(queries) == 13, [q["sql"][:80] for q in queries]


@pytest.mark.parametrize(
    "wrong",
    [{"taken_at": True}, {"party": ["worker"]}, {"person_name": {"name": "x"}}, {"content": None}],
)
def test_values_of_the_wrong_type_are_a_400_naming_the_field(client, agent, investigator, wrong):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    response = client.post(_url(complaint, "statements/"), {**_statement(), **wrong}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == set(wrong)
