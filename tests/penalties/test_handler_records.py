"""Praise and accountability of desk staff (seeds 001, 002: 表彰和奖励, 问责, 双追责)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from penalties.models import HandlerRecord
from penalties.services.handlers import handler_record_create
from reporting.period import Month
from tests.factories import ComplaintFactory
from tests.penalties.factories import TeamFactory

pytestmark = pytest.mark.django_db
Kind = HandlerRecord.Kind


def test_supervisor_records_accountability_with_history(supervisor, agent):
    complaint = ComplaintFactory(assigned_to=agent)
    record = handler_record_create(
        staff=agent, complaint=complaint, kind=Kind.ACCOUNTABILITY, reason="超时未联系投诉人", actor=supervisor
    )
    assert record.recorded_by == supervisor and record.history.count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_record_without_a_reason_is_refused_and_nothing_is_saved(supervisor, agent, reason):
    with pytest.raises(ValidationError) as error:
        handler_record_create(
            staff=agent, complaint=ComplaintFactory(), kind=Kind.PRAISE, reason=reason, actor=supervisor
        )
    assert "reason" in error.value.message_dict
    assert not HandlerRecord.objects.exists()


def test_only_supervisors_record(agent, other_agent):
    with pytest.raises(PermissionDenied):
        handler_record_create(
            staff=other_agent, complaint=ComplaintFactory(), kind=Kind.PRAISE, reason="好", actor=agent
        )


def test_criticism_of_a_team_lead_needs_a_team_that_person_leads(supervisor, other_supervisor):
    complaint = ComplaintFactory()
    led = TeamFactory(supervisor=other_supervisor)
    other = TeamFactory(supervisor=supervisor)
    for team in (None, other):
        with pytest.raises(ValidationError) as error:
            handler_record_create(
                staff=other_supervisor,
                complaint=complaint,
                kind=Kind.LEAD_CRITICISM,
                reason="培训不到位",
                team=team,
                actor=supervisor,
            )
        assert "team" in error.value.message_dict
    record = handler_record_create(
        staff=other_supervisor,
        complaint=complaint,
        kind=Kind.LEAD_CRITICISM,
        reason="培训不到位",
        team=led,
        actor=supervisor,
    )
    assert record.team == led


def test_the_handler_report_counts_and_lists_the_records_in_bounded_queries(client, supervisor, agent, manager):
    for n in range(3):
        complaint = ComplaintFactory(assigned_to=agent, state="closed", closed_at=Month.current().start)
        handler_record_create(
            staff=agent,
            complaint=complaint,
            kind=Kind.PRAISE if n else Kind.ACCOUNTABILITY,
            reason=f"理由{n}",
            actor=supervisor,
        )
    client.force_login(manager)
    url = f"/reports/{Month.current()}/handlers/"
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    assert "理由0" in body and "理由2" in body
    row = body.split('id="handler-records"')[0]
    assert "<td>2</td><td>1</td></tr>" in row.replace("\n", "").replace(" ", "")
    handler_record_create(
        staff=agent, complaint=ComplaintFactory(), kind=Kind.REWARD, reason="再一条", actor=supervisor
    )
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(queries)
