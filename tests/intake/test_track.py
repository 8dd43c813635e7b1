"""/track/: tracking number + phone -> public events only; every wrong pair looks the same."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from intake.choices import NotAcceptedReason
from intake.models import ComplaintEvent, State
from tests.factories import ComplaintFactory

URL = "/track/"
pytestmark = pytest.mark.django_db


def lookup(client, tracking_number, phone, **extra):
    return client.post(URL, {"tracking_number": tracking_number, "phone": phone}, **extra)


@pytest.fixture
def complaint():
    return ComplaintFactory(phone="13812345678", complainant_name="李四", order_number="SO-777")


def _event(complaint, transition, to_state, *, public=True, note="", kind=ComplaintEvent.Kind.TRANSITION):
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, transition=transition, to_state=to_state, public=public, note=note
    )


def test_lookup_page_is_a_post_form_with_csrf(client):
    html = client.get(URL).content.decode()
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_right_pair_shows_state_dates_and_next_step(client, complaint):
    response = lookup(client, complaint.tracking_number, "13812345678", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert complaint.tracking_number in html
    assert "Awaiting registration" in html
    assert "We reply by" in html
    assert "We are reviewing your complaint" in html


def test_lookup_forgives_lower_case_spaces_and_country_code(client, complaint):
    number = " ".join(complaint.tracking_number.lower())
    response = lookup(client, number, "+86 138 1234 5678")
    assert complaint.tracking_number in response.content.decode()


def test_public_page_shows_no_personal_data_or_order_number(client, complaint):
    html = lookup(client, complaint.tracking_number, "13812345678").content.decode()
    assert "李四" not in html
    assert "SO-777" not in html
    assert "13812345678" not in html
    assert complaint.description not in html


def test_internal_notes_never_appear(client, complaint, agent):
    _event(complaint, "", "", public=False, note="Worker has two earlier warnings", kind=ComplaintEvent.Kind.NOTE)
    _event(complaint, "accept", State.ACCEPTED, note="assigned to team B, customer sounds angry")
    html = lookup(client, complaint.tracking_number, "13812345678", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Accepted" in html
    assert "two earlier warnings" not in html
    assert "customer sounds angry" not in html


def test_not_accepted_shows_the_reason_and_how_to_appeal(client):
    complaint = ComplaintFactory(
        phone="13900000000",
        state=State.NOT_ACCEPTED,
        not_accepted_reason=NotAcceptedReason.BEFORE_COURT,
        not_accepted_note="The case is before the district court.",
    )
    _event(complaint, "decline", State.NOT_ACCEPTED)
    html = lookup(client, complaint.tracking_number, "13900000000", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not accepted" in html
    assert "Already before a court or arbitration" in html
    assert "before the district court" in html
    assert "ask for a review" in html


def test_timeline_lists_public_events_in_order(client, complaint):
    _event(complaint, "accept", State.ACCEPTED)
    _event(complaint, "start_investigation", State.INVESTIGATING)
    _event(complaint, "", "", kind=ComplaintEvent.Kind.MESSAGE, note="We visited the site today.")
    html = lookup(client, complaint.tracking_number, "13812345678", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.index("Received") < html.index("Accepted") < html.index("Under investigation")
    assert "We visited the site today." in html


@pytest.mark.parametrize(
    ("number", "phone"),
    [
        ("right", "13900000000"),  # wrong phone
        ("TS000000WRONG", "13812345678"),  # wrong number
        ("TS000000WRONG", "13900000000"),  # both wrong
        ("right", "12345"),  # malformed phone
        ("SO-777", "13812345678"),  # the order number is not a key
    ],
)
def test_every_wrong_pair_gets_the_same_neutral_answer(client, complaint, number, phone):
    number = complaint.tracking_number if number == "right" else number
    reference = lookup(client, "TS000000NONE", "13700000000").content.decode()
    response = lookup(client, number, phone)
    assert response.status_code == 200
    assert 'id="status-title"' not in response.content.decode()
    assert _without_tokens(response.content.decode(), number, phone) == _without_tokens(
        reference, "TS000000NONE", "13700000000"
    )


def _without_tokens(html: str, number: str, phone: str) -> str:
    """The page echoes what was typed and carries a fresh CSRF token: compare the rest."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(f'value="{number}"', "").replace(f'value="{phone}"', "")


def test_lookups_are_rate_limited_per_client(client, settings, complaint):
    settings.TRACK_LOOKUP_RATE = "3/h"
    for _ in range(3):
        lookup(client, "TS000000WRONG", "13812345678")
    response = lookup(client, complaint.tracking_number, "13812345678", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Awaiting registration" not in response.content.decode()
    assert "Too many lookups" in response.content.decode()
    assert lookup(client, complaint.tracking_number, "13812345678", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_promised_reply_uses_the_agents_date_once_accepted(client, complaint):
    promised = timezone.now() + timedelta(days=3)
    complaint.promised_reply_at = promised
    complaint.save(update_fields=["promised_reply_at"])
    html = lookup(client, complaint.tracking_number, "13812345678").content.decode()
    assert timezone.localtime(promised).strftime("%Y-%m-%d %H:%M") in html


def test_lookup_without_csrf_is_refused(complaint):
    client = Client(enforce_csrf_checks=True)
    assert lookup(client, complaint.tracking_number, "13812345678").status_code == 403
