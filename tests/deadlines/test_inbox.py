"""The inbox shows the time left, amber and overdue, and filters by deadline, with a constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.services import deadlines_sweep
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
URL = reverse("desk")


def _numbers(response) -> list[str]:
    return [complaint.tracking_number for complaint in response.context["page"].object_list]


def test_overdue_filter_and_badges(client, agent):
    now = timezone.now()
    late = ComplaintFactory(received_at=now - timedelta(hours=3))
    soon = ComplaintFactory(received_at=now - timedelta(minutes=50))  # register red at 48 min
    calm = ComplaintFactory(received_at=now)
    client.force_login(agent)
    page = client.get(URL)
    assert _numbers(page) == [late.tracking_number, soon.tracking_number, calm.tracking_number]
    html = page.content.decode()
    assert 'class="time-left overdue"' in html and 'class="time-left amber"' in html
    assert _numbers(client.get(URL, {"deadline": "overdue"})) == [late.tracking_number]


def test_escalated_to_me_filter(client, agent, other_agent):
    mine = ComplaintFactory(received_at=timezone.now() - timedelta(hours=2), assigned_to=agent)
    ComplaintFactory(received_at=timezone.now() - timedelta(hours=2), assigned_to=other_agent)
    deadlines_sweep()
    client.force_login(agent)
    assert _numbers(client.get(URL, {"deadline": "escalated_to_me"})) == [mine.tracking_number]


def test_an_unknown_deadline_filter_is_refused_by_the_form_not_the_database(client, agent):
    ComplaintFactory()
    client.force_login(agent)
    response = client.get(URL, {"deadline": "pk__gt"})
    assert response.status_code == 200
    assert len(_numbers(response)) == 1


@pytest.mark.parametrize("count", [2, 12])
def test_deadline_badges_keep_the_inbox_query_count_constant(client, agent, django_assert_max_num_queries, count):
    for minutes in range(count):
        ComplaintFactory(received_at=timezone.now() - timedelta(minutes=30 * minutes))
    client.force_login(agent)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(13):
        client.get(URL, {"deadline": "due_today"})
