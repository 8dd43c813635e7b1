"""The agent inbox: filters, search, sorting, masking, pagination and a constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import PersonalDataAccess, StaffTeam
from intake.choices import Category, Channel, Severity
from intake.models import Complaint
from intake.selectors import inbox_complaints
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
URL = reverse("desk")


def _numbers(response) -> list[str]:
    return [complaint.tracking_number for complaint in response.context["page"].object_list]


def _set_state(complaint, state):
    # Test setup only: the services move the state through the FSM.
    Complaint.objects.filter(pk=complaint.pk).update(state=state)


def test_urgent_open_complaints_come_first_then_the_oldest_open_one(agent):
    now = timezone.now()
    old = ComplaintFactory(received_at=now - timedelta(days=3))
    new = ComplaintFactory(received_at=now - timedelta(hours=1))
    urgent = ComplaintFactory(received_at=now - timedelta(minutes=5), urgent=True)

    assert list(inbox_complaints(agent, {})) == [urgent, old, new]


def test_default_shows_open_complaints_only(agent):
    open_one = ComplaintFactory()
    _set_state(ComplaintFactory(), "closed")

    assert list(inbox_complaints(agent, {})) == [open_one]
    assert len(inbox_complaints(agent, {"state": "all"})) == 2


def test_sort_is_chosen_from_an_allow_list_only(client, agent):
    now = timezone.now()
    older = ComplaintFactory(received_at=now - timedelta(days=1))
    newer = ComplaintFactory(received_at=now)
    client.force_login(agent)

    assert _numbers(client.get(URL, {"sort": "-received"})) == [newer.tracking_number, older.tracking_number]
    response = client.get(URL, {"sort": "phone"})
    assert response.status_code == 200
    assert "sort" in response.context["form"].errors
    assert _numbers(response) == [older.tracking_number, newer.tracking_number]


def test_lookup_keys_from_the_client_never_reach_the_query(client, agent):
    ComplaintFactory()
    client.force_login(agent)

    for params in ({"state": "received_by__password__startswith"}, {"category": "x' OR 1=1"}, {"assigned": "all"}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "value", "matching"),
    [
        ("category", Category.FEE_DISPUTE, {"category": Category.FEE_DISPUTE}),
        ("severity", Severity.MAJOR, {"severity": Severity.MAJOR}),
        ("channel", Channel.LETTER, {"channel": Channel.LETTER}),
        ("urgent", "on", {"urgent": True}),
    ],
)
def test_filters_narrow_the_list(client, agent, field, value, matching):
    wanted = ComplaintFactory(**matching)
    ComplaintFactory(category=Category.SERVICE_QUALITY, severity=Severity.GENERAL, channel=Channel.HOTLINE)
    client.force_login(agent)

    assert _numbers(client.get(URL, {field: value})) == [wanted.tracking_number]


def test_state_filter_shows_a_single_state(client, agent):
    declined = ComplaintFactory()
    _set_state(declined, "not_accepted")
    ComplaintFactory()
    client.force_login(agent)

    assert _numbers(client.get(URL, {"state": "not_accepted"})) == [declined.tracking_number]


def test_repeat_filter_shows_repeats(client, agent):
    original = ComplaintFactory()
    repeat = ComplaintFactory(repeat_of=original)
    client.force_login(agent)

    response = client.get(URL, {"repeat": "on"})

    assert _numbers(response) == [repeat.tracking_number]


def test_repeat_badges_show_on_both_complaints(client, agent):
    original = ComplaintFactory()
    ComplaintFactory(repeat_of=original)
    client.force_login(agent)

    rows = {c.pk: c for c in client.get(URL).context["page"].object_list}

    assert rows[original.pk].has_repeats is True
    assert client.get(URL).content.decode().count('class="badge repeat"') == 2


def test_assignment_filters_mine_my_team_and_unassigned(agent, other_agent):
    team = StaffTeam.objects.create(name="二组")
    team.members.add(agent)
    other_team = StaffTeam.objects.create(name="三组")
    mine = ComplaintFactory(assigned_to=agent)
    ours = ComplaintFactory(assigned_team=team, assigned_to=other_agent)
    ComplaintFactory(assigned_team=other_team)
    nobodys = ComplaintFactory()

    assert list(inbox_complaints(agent, {"assigned": "me"})) == [mine]
    assert list(inbox_complaints(agent, {"assigned": "team"})) == [ours]
    assert list(inbox_complaints(agent, {"assigned": "unassigned"})) == [nobodys]


def test_received_between_dates_includes_both_days(agent):
    today = timezone.localdate()
    inside = ComplaintFactory(received_at=timezone.now() - timedelta(days=2))
    ComplaintFactory(received_at=timezone.now() - timedelta(days=10))

    found = inbox_complaints(agent, {"received_from": today - timedelta(days=3), "received_to": today})

    assert list(found) == [inside]


@pytest.mark.parametrize("how", ["tracking", "tracking_lower", "phone", "order", "words"])
def test_search_by_tracking_number_phone_order_or_description(agent, how):
    wanted = ComplaintFactory(phone="13512345678", order_number="SO-777", description="阿姨把地板划伤了")
    ComplaintFactory(description="阿姨迟到")
    query = {
        "tracking": wanted.tracking_number,
        "tracking_lower": wanted.tracking_number.lower(),
        "phone": "13512345678",
        "order": "SO-777",
        "words": "地板 划伤",
    }[how]

    assert list(inbox_complaints(agent, {"q": query})) == [wanted]


def test_phones_and_names_are_masked_for_agents(client, agent):
    ComplaintFactory(phone="13812341234", complainant_name="王小明")
    client.force_login(agent)

    page = client.get(URL).content.decode()

    assert "138****1234" in page
    assert "13812341234" not in page
    assert "王小明" not in page
    assert not PersonalDataAccess.objects.exists()


def test_supervisors_see_full_phones_and_each_sight_is_logged(client, supervisor):
    complaint = ComplaintFactory(phone="13812341234")
    client.force_login(supervisor)

    page = client.get(URL).content.decode()

    assert "13812341234" in page
    assert PersonalDataAccess.objects.filter(user=supervisor, complaint=complaint).count() == 1


def test_pagination_is_fifty_per_page(client, agent):
    ComplaintFactory.create_batch(55)
    client.force_login(agent)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 5
    assert client.get(URL, {"page": "x"}).status_code == 200


def test_rows_link_to_the_workbench(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    assert reverse("complaint-workbench", args=[complaint.pk]) in client.get(URL).content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_the_inbox_runs_a_constant_number_of_queries(client, agent, django_assert_num_queries, count):
    team = StaffTeam.objects.create(name="一组")
    for index in range(count):
        original = ComplaintFactory(assigned_to=agent, assigned_team=team, urgent=index % 3 == 0)
        if index % 4 == 0:
            ComplaintFactory(repeat_of=original)
    client.force_login(agent)

    # session, user, permissions (2), worklist counters, count, page of rows, emergency banner,
    # saved views, teams to share a view with, the page's trail written to the session (3)
    with django_assert_num_queries(13):
        response = client.get(URL)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_filtered_inbox_queries_stay_constant(client, agent, django_assert_num_queries, count):
    team = StaffTeam.objects.create(name="一组")
    team.members.add(agent)
    ComplaintFactory.create_batch(count, category=Category.FEE_DISPUTE, assigned_team=team)
    client.force_login(agent)

    with django_assert_num_queries(13):
        response = client.get(URL, {"category": Category.FEE_DISPUTE, "q": "阿姨", "assigned": "team"})
    assert len(response.context["page"].object_list) == min(count, 50)


@pytest.mark.parametrize("role", ["manager"])
def test_roles_without_complaint_access_get_403(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(URL).status_code == 403
