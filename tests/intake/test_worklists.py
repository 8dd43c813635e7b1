"""Worklists per role: what each one holds, its counter in the desk menu, and a constant query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import StaffTeam
from intake.models import Complaint
from intake.services.additions import complaint_information_add
from intake.services.notes import note_add
from intake.worklists import worklist_counts
from investigations import services as investigation_services
from penalties.services.penalties import penalty_propose
from resolutions.models import FollowUp, Party
from resolutions.services import mediation, ruling
from resolutions.services.ruling import ruling_vote
from tests.factories import ComplaintFactory
from tests.investigations.factories import investigating_complaint
from tests.penalties.factories import WorkerFactory
from tests.resolutions.factories import complaint_in_follow_up, complaint_mediating, propose

pytestmark = pytest.mark.django_db
URL = reverse("desk")


def _numbers(response) -> list[str]:
    return [complaint.tracking_number for complaint in response.context["page"].object_list]


def _counts(user) -> dict[str, int]:
    return {worklist.key: count for worklist, count in worklist_counts(user)}


def _ruling_complaint(agent, panel) -> Complaint:
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent, amount=None)
    mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=False, reason="不够"
    )
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    ruling.ruling_form(complaint_id=complaint.pk, actor=agent, members=panel)
    return complaint


def test_each_role_sees_its_own_worklists_in_the_menu(client, agent, investigator, supervisor, panel):
    keys = {user: [worklist.key for worklist, _count in worklist_counts(user)] for user in (agent, investigator)}
    assert keys[agent][:2] == ["mine", "unassigned"]
    assert "my_vote" not in keys[agent] and "my_approval" not in keys[agent]
    assert "my_investigation" in keys[investigator] and "unassigned" not in keys[investigator]
    assert "my_approval" in _counts(supervisor)
    assert set(_counts(panel[0])) == {"urgent", "my_vote"}

    client.force_login(agent)
    menu = client.get(URL).content.decode()
    assert 'data-worklist="unsatisfied"' in menu and reverse("resolution-unsatisfied") in menu


def test_mine_and_unassigned(client, agent, other_agent):
    mine = ComplaintFactory(assigned_to=agent)
    ComplaintFactory(assigned_to=other_agent)
    nobody = ComplaintFactory()
    client.force_login(agent)

    assert _numbers(client.get(URL, {"worklist": "mine"})) == [mine.tracking_number]
    assert _numbers(client.get(URL, {"worklist": "unassigned"})) == [nobody.tracking_number]
    assert _counts(agent)["mine"] == 1 and _counts(agent)["unassigned"] == 1


def test_an_investigators_assigned_to_me_holds_their_own_investigations(client, agent, investigator):
    theirs = investigating_complaint(agent=agent, lead=agent, members=[investigator])
    investigating_complaint(agent=agent, lead=agent)
    client.force_login(investigator)

    assert _numbers(client.get(URL, {"assigned": "me"})) == [theirs.tracking_number]
    assert _numbers(client.get(URL, {"worklist": "mine"})) == [theirs.tracking_number]
    assert _numbers(client.get(URL, {"worklist": "my_investigation"})) == [theirs.tracking_number]


def test_a_submitted_report_takes_the_complaint_off_awaiting_my_investigation(investigator, agent):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    assert _counts(investigator)["my_investigation"] == 1

    from tests.investigations.factories import submitted_report

    submitted_report(complaint, actor=investigator)
    assert _counts(investigator)["my_investigation"] == 0


def test_due_today_overdue_and_urgent(client, agent):
    now = timezone.now()
    late = ComplaintFactory(received_at=now - timedelta(hours=3))  # registration due within the hour
    urgent = ComplaintFactory(urgent=True, received_at=now)
    client.force_login(agent)

    assert _numbers(client.get(URL, {"worklist": "overdue"})) == [late.tracking_number]
    assert _numbers(client.get(URL, {"worklist": "urgent"})) == [urgent.tracking_number]
    assert urgent.tracking_number in _numbers(client.get(URL, {"worklist": "due_today"}))


def test_awaiting_my_vote_until_the_member_has_voted(client, agent, panel):
    complaint = _ruling_complaint(agent, panel)
    client.force_login(panel[0])
    assert _numbers(client.get(URL, {"worklist": "my_vote"})) == [complaint.tracking_number]

    ruling_vote(complaint_id=complaint.pk, actor=panel[0], verdict="partly", opinion="部分支持")

    assert _numbers(client.get(URL, {"worklist": "my_vote"})) == []
    assert _counts(panel[1])["my_vote"] == 1


def test_awaiting_my_approval_lists_what_others_proposed(client, agent, supervisor, other_supervisor):
    complaint = ComplaintFactory()
    penalty_propose(worker=WorkerFactory(), kind="warning", reason="迟到", actor=supervisor, complaint=complaint)
    investigating = investigating_complaint(agent=agent, lead=agent)
    investigation_services.extension_request(complaint_id=investigating.pk, actor=agent, hours=8, reason="等待证人")

    assert _counts(other_supervisor)["my_approval"] == 2
    assert _counts(supervisor)["my_approval"] == 1  # never their own proposal
    client.force_login(supervisor)
    assert _numbers(client.get(URL, {"worklist": "my_approval"})) == [investigating.tracking_number]


def test_unsatisfied_follow_ups_are_counted_and_linked(client, agent):
    complaint = complaint_in_follow_up(agent)
    FollowUp.objects.filter(complaint=complaint).update(answered_at=timezone.now(), score=1)

    assert _counts(agent)["unsatisfied"] == 1


def test_new_information_stays_until_someone_acts_on_the_complaint(client, agent):
    complaint = ComplaintFactory()
    complaint_information_add(complaint_id=complaint.pk, text="我又找到一张照片", uploads=[])
    client.force_login(agent)
    assert _numbers(client.get(URL, {"worklist": "new_information"})) == [complaint.tracking_number]

    note_add(complaint_id=complaint.pk, actor=agent, text="已看到补充材料")

    assert _numbers(client.get(URL, {"worklist": "new_information"})) == []


def test_a_worklist_of_another_role_or_unknown_shows_nothing(client, agent):
    ComplaintFactory()
    client.force_login(agent)

    assert _numbers(client.get(URL, {"worklist": "my_vote"})) == []
    response = client.get(URL, {"worklist": "pk__gt"})
    assert response.status_code == 200 and "worklist" in response.context["form"].errors


@pytest.mark.parametrize("count", [3, 30])
def test_worklist_pages_keep_a_constant_number_of_queries(client, agent, django_assert_max_num_queries, count):
    team = StaffTeam.objects.create(name="一组")
    team.members.add(agent)
    for index in range(count):
        ComplaintFactory(assigned_to=agent if index % 2 else None, urgent=index % 3 == 0)
    client.force_login(agent)
    client.get(URL)  # the session holds this page's trail from here on
    for key in ("mine", "unassigned", "due_today", "overdue", "urgent", "my_investigation", "new_information"):
        client.get(URL, {"worklist": key})
        # session, user, permissions (2), menu counters, count, page of rows (none when the count is
        # 0), emergency banner, saved views, teams to share a view with (the same page again: the
        # session is not written)
        with django_assert_max_num_queries(10):
            client.get(URL, {"worklist": key})


def test_an_agents_menu_counters_read_the_open_complaints_only_in_one_query(agent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ComplaintFactory(assigned_to=agent)
    worklist_counts(agent)  # the user's permissions, read once per request
    with CaptureQueriesContext(connection) as captured:
        counts = _counts(agent)
    assert counts["mine"] == 1
    assert len(captured.captured_queries) == 1
    assert '"state" IN' in captured.captured_queries[0]["sql"]
