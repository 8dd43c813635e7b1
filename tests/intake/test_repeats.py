from datetime import timedelta

import pytest
from django.utils import timezone

from intake.services.registration import complaint_register
from tests.factories import ComplaintFactory
from tests.intake.desk_data import registration_fields

pytestmark = pytest.mark.django_db


def test_same_phone_within_the_window_is_a_repeat_of_the_earlier_complaint():
    earlier = ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(days=10))

    complaint = complaint_register(**registration_fields(phone="13912345678", order_number=""))

    assert complaint.repeat_of == earlier
    assert list(earlier.repeats.all()) == [complaint]


def test_same_order_number_with_another_phone_is_a_repeat():
    earlier = ComplaintFactory(order_number="SO-9", phone="13800000001", received_at=timezone.now() - timedelta(days=3))

    complaint = complaint_register(**registration_fields(order_number="SO-9", phone="13912345678"))

    assert complaint.repeat_of == earlier


def test_a_closed_complaint_older_than_the_window_is_not_repeated(settings):
    settings.REPEAT_WINDOW_DAYS = 30
    old = ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(days=31))
    old.refresh_from_db()
    type(old).objects.filter(pk=old.pk).update(state="closed")

    assert complaint_register(**registration_fields()).repeat_of is None


def test_a_still_open_complaint_older_than_the_window_is_repeated():
    old = ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(days=90))

    assert complaint_register(**registration_fields()).repeat_of == old


def test_window_is_configurable(settings):
    settings.REPEAT_WINDOW_DAYS = 7
    earlier = ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(days=8))
    type(earlier).objects.filter(pk=earlier.pk).update(state="closed")

    assert complaint_register(**registration_fields()).repeat_of is None


def test_every_repeat_links_to_the_first_complaint_of_the_series():
    first = ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(days=20))
    second = complaint_register(**registration_fields(), received_at=timezone.now() - timedelta(days=5))

    third = complaint_register(**registration_fields())

    assert second.repeat_of == first
    assert third.repeat_of == first
    assert set(first.repeats.all()) == {second, third}


def test_a_complaint_received_later_is_not_the_original_of_an_earlier_one():
    ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(hours=1))

    backdated = complaint_register(**registration_fields(), received_at=timezone.now() - timedelta(days=2))

    assert backdated.repeat_of is None


def test_different_phone_and_order_is_not_a_repeat():
    ComplaintFactory(phone="13800000001", order_number="SO-1")

    assert complaint_register(**registration_fields(order_number="SO-2")).repeat_of is None
