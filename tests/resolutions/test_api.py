"""Mediation, rulings, compensation, the notice and the follow-up over REST: the panel's forms and
services, the same refusals, the same scope."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake.models import State
from resolutions.models import Compensation, MediationAnswer, RulingVote
from resolutions.services import mediation, ruling
from tests.resolutions.factories import (
    complaint_in_follow_up,
    complaint_mediating,
    complaint_resolved,
    fresh,
    propose,
    voucher_png,
)

pytestmark = pytest.mark.django_db


def _url(complaint, path: str = "") -> str:
    return f"/api/desk/complaints/{complaint.pk}/resolution/{path}"


def _item(**fields) -> dict:
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    return {"kind": "money", "description": "退还服务费", "amount": "200.00", "due_on": due, **fields}


def _proposal(complaint, **fields) -> dict:
    return {
        "seen_version": complaint.version,
        "complainant_gets": "退还服务费并道歉",
        "respondent_gets": "重新培训",
        "items": [_item()],
        **fields,
    }


def test_a_proposal_with_its_compensation_rows_is_recorded(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = client.post(_url(complaint, "proposals/"), _proposal(complaint), content_type="application/json")
    assert response.status_code == 200, response.content
    proposal = response.json()["proposals"][0]
    assert proposal["complainant_gets"] == "退还服务费并道歉"
    assert proposal["compensations"][0]["amount"] == "200.00"
    assert Compensation.objects.get(complaint=complaint).status == Compensation.Status.PROPOSED


def test_a_wrong_compensation_row_is_a_400_and_nothing_is_saved(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    body = _proposal(complaint, items=[_item(amount=None)])
    response = client.post(_url(complaint, "proposals/"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["fields"]["items"][0].startswith("1: ")
    for items in ("200 元", [_item(due_on=20261205)], [_item(amount={"yuan": 200})]):
        body = _proposal(complaint, items=items)
        assert client.post(_url(complaint, "proposals/"), body, content_type="application/json").status_code == 400
    assert not complaint.mediation_proposals.exists()


def test_a_stale_version_is_a_409(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    body = _proposal(complaint, seen_version=complaint.version - 1)
    response = client.post(_url(complaint, "proposals/"), body, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_answers_settle_the_complaint(client, agent):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent)
    client.force_login(agent)
    for party in ("complainant", "respondent"):
        response = client.post(
            _url(complaint, f"proposals/{proposal.pk}/answers/"),
            {"party": party, "accepted": "yes"},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
    assert fresh(complaint).state == State.RESOLVED


def test_a_proposal_of_another_complaint_is_a_404(client, agent):
    complaint = complaint_mediating(agent)
    other = propose(complaint_mediating(agent), agent)
    client.force_login(agent)
    response = client.post(
        _url(complaint, f"proposals/{other.pk}/answers/"),
        {"party": "complainant", "accepted": "yes"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not MediationAnswer.objects.exists()


def test_a_payment_is_recorded_with_its_voucher(client, agent):
    complaint = complaint_resolved(agent)
    item = complaint.compensations.get(status=Compensation.Status.AGREED)
    client.force_login(agent)
    response = client.post(
        _url(complaint, f"compensations/{item.pk}/payment/"),
        {"voucher": voucher_png(), "payment_reference": "WX123", "seen_version": fresh(complaint).version},
    )
    assert response.status_code == 200, response.content
    paid = response.json()["compensations"][0]
    assert paid["status"] == "paid" and paid["has_voucher"] is True


def test_a_panel_member_votes_and_another_user_cannot(client, agent, panel):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent)
    mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party="complainant", accepted=False, reason="金额太低"
    )
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    ruling.ruling_form(complaint_id=complaint.pk, actor=agent, members=panel)
    vote = {"verdict": "uphold", "opinion": "服务人员责任明确。"}
    client.force_login(panel[0])
    response = client.post(_url(complaint, "ruling/votes/"), vote, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["rulings"][0]["votes_cast"] == 1
    client.force_login(agent)
    assert client.post(_url(complaint, "ruling/votes/"), vote, content_type="application/json").status_code == 403
    assert RulingVote.objects.count() == 1


def test_the_notice_and_the_follow_up_are_read_with_the_name_masked(client, agent):
    complaint = complaint_in_follow_up(agent, complainant_name="张三丰")
    client.force_login(agent)
    body = client.get(_url(complaint)).json()
    assert body["notice"]["content"]["complainant_name"] == "张**"
    assert body["notice"]["pdf_url"].endswith("notice.pdf")
    assert body["follow_up"]["answered_at"] is None
    response = client.post(
        _url(complaint, "follow-up/callback/"),
        {"score": "5", "comment": "满意", "seen_version": complaint.version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["follow_up"]["score"] == 5


def test_a_complaint_outside_the_scope_is_a_404(client, agent, management_user):
    complaint = complaint_mediating(agent)
    client.force_login(management_user)
    assert client.get(_url(complaint)).status_code == 404
    assert (
        client.post(_url(complaint, "proposals/"), _proposal(complaint), content_type="application/json").status_code
        == 404
    )


@pytest.mark.parametrize("proposals", [1, 4])
def test_the_read_runs_a_constant_number_of_queries(client, agent, proposals):
    complaint = complaint_mediating(agent)
    for _ in range(proposals):
        propose(complaint, agent)
    client.force_login(agent)
    client.get(_url(complaint))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(complaint)).status_code == 200
    # 19: one of them asks whether the complaint is about the desk, which agents may not open.
    assert len(queries) == 19, [q["sql"][:80] for q in queries]
