"""The deadlines of a complaint over REST, read only."""

import pytest

from tests.factories import ComplaintFactory
from tests.investigations.factories import accepted_complaint

pytestmark = pytest.mark.django_db


def _url(complaint) -> str:
    return f"/api/desk/complaints/{complaint.pk}/deadlines/"


def test_the_deadlines_are_listed_with_their_time_left_in_the_users_language(client, agent):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)
    rows = client.get(_url(complaint), HTTP_ACCEPT_LANGUAGE="en").json()["deadlines"]
    assert rows, "an accepted complaint has running clocks"
    assert {"step", "due_at", "status", "time_left"} <= rows[0].keys()
    assert any(row["time_left"].endswith("left") for row in rows)


def test_deadlines_cannot_be_written(client, supervisor):
    complaint = ComplaintFactory()
    client.force_login(supervisor)
    assert client.post(_url(complaint), {}, content_type="application/json").status_code == 405


def test_a_complaint_outside_the_scope_is_a_404(client, panel):
    client.force_login(panel[0])
    assert client.get(_url(ComplaintFactory())).status_code == 404
