"""Acceptance by the statute: the reasons by the rule in force on the received date, and the
warnings of the acceptance page (time limit, three years, signs of a non-consumer complaint)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from intake.acceptance import acceptance_warnings, not_accepted_reasons_for
from intake.choices import NotAcceptedReason
from intake.models import AcceptanceSettings, Complaint
from intake.services.decision import complaint_decline
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _received_on(day: int, month: int = 4):
    return timezone.make_aware(datetime(2026, month, day, 23, 30))


def _kinds(complaint) -> list[str]:
    return [warning.kind for warning in acceptance_warnings(complaint)]


# --- reasons by the received date ----------------------------------------------------------


def test_a_complaint_received_the_day_before_order_121_has_the_old_grounds_only():
    reasons = not_accepted_reasons_for(ComplaintFactory(received_at=_received_on(14)))

    assert NotAcceptedReason.NOT_CONSUMPTION in reasons  # 暂行办法 Art. 15 (三) already
    assert NotAcceptedReason.OVER_THREE_YEARS in reasons
    assert NotAcceptedReason.MISSING_MATERIALS in reasons
    assert NotAcceptedReason.NO_DIRECT_INTEREST in reasons
    assert NotAcceptedReason.IDENTITY not in reasons
    assert NotAcceptedReason.FALSE_MATERIALS not in reasons


def test_a_complaint_received_on_the_day_order_121_takes_effect_has_its_grounds():
    reasons = not_accepted_reasons_for(ComplaintFactory(received_at=_received_on(15, 4) - timedelta(hours=23)))

    assert set(reasons) == set(NotAcceptedReason)


def test_declining_an_older_complaint_for_a_new_ground_is_refused_with_the_date(agent):
    complaint = ComplaintFactory(received_at=_received_on(14))

    with override("en"), pytest.raises(ValidationError) as refused:
        complaint_decline(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            reason=NotAcceptedReason.IDENTITY,
            note="",
        )

    assert "2026-04-15" in refused.value.message_dict["reason"][0]
    assert Complaint.objects.get(pk=complaint.pk).state == "submitted"


def test_a_complaint_received_under_order_121_can_be_declined_for_a_refused_identity_check(agent):
    complaint = ComplaintFactory(received_at=_received_on(15))

    declined = complaint_decline(
        complaint_id=complaint.pk,
        actor=agent,
        seen_version=complaint.version,
        reason=NotAcceptedReason.IDENTITY,
        note="",
    )

    assert declined.not_accepted_reason == NotAcceptedReason.IDENTITY


def test_the_decision_page_offers_the_reasons_of_the_complaints_date(client, agent):
    older, newer = ComplaintFactory(received_at=_received_on(14)), ComplaintFactory(received_at=_received_on(15))
    client.force_login(agent)

    offered = {
        complaint: dict(
            client.get(reverse("complaint-decide", args=[complaint.pk]))
            .context["decline_form"]
            .fields["reason"]
            .choices
        )
        for complaint in (older, newer)
    }

    assert NotAcceptedReason.IDENTITY not in offered[older]
    assert NotAcceptedReason.IDENTITY in offered[newer]


# --- when it happened ----------------------------------------------------------------------


def test_no_warning_within_the_time_limit():
    assert _kinds(ComplaintFactory(occurred_at=timezone.now() - timedelta(days=1))) == []


def test_a_complaint_past_the_time_limit_is_warned_about_never_refused(client, agent):
    complaint = ComplaintFactory(occurred_at=timezone.now() - timedelta(days=3))
    client.force_login(agent)

    with override("zh-hans"):
        page = client.get(reverse("complaint-decide", args=[complaint.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert [warning.kind for warning in page.context["warnings"]] == ["time_limit"]
    assert "超过" in page.content.decode()
    assert page.context["decidable"] is True


def test_the_time_limit_is_the_supervisors_setting():
    AcceptanceSettings.objects.create(pk=1, time_limit_days=7)

    assert _kinds(ComplaintFactory(occurred_at=timezone.now() - timedelta(days=3))) == []
    assert _kinds(ComplaintFactory(occurred_at=timezone.now() - timedelta(days=8))) == ["time_limit"]


@time_machine.travel("2026-05-10 10:00 +0800", tick=False)
def test_more_than_three_years_is_its_own_warning():
    just_within = ComplaintFactory(occurred_at=timezone.now() - timedelta(days=3 * 365))
    beyond = ComplaintFactory(occurred_at=timezone.now() - timedelta(days=3 * 365 + 2))

    assert _kinds(just_within) == ["time_limit"]
    assert _kinds(beyond) == ["three_years"]


# --- signs of a non-consumer complaint (Order No. 121 Art. 17) -----------------------------


def test_several_complainants_sharing_one_phone():
    ComplaintFactory(phone="13900000001", complainant_name="李四")
    ComplaintFactory(phone="13900000001", complainant_name="王五")

    complaint = ComplaintFactory(phone="13900000001", complainant_name="张三")

    with override("en"):
        warnings = acceptance_warnings(complaint)
    assert [w.kind for w in warnings] == ["shared_phone"]
    assert warnings[0].message == "2 other complainants have used this phone number."


def test_the_same_complainant_again_is_not_a_shared_phone():
    ComplaintFactory(phone="13900000001", complainant_name="张三")

    assert _kinds(ComplaintFactory(phone="13900000001", complainant_name="张三")) == []


def test_several_complainants_at_one_address():
    ComplaintFactory(address="上海市浦东新区世纪大道100号")

    complaint = ComplaintFactory(address=" 上海市浦东新区世纪大道100号 ")

    assert _kinds(complaint) == ["shared_address"]


def test_many_complaints_from_one_phone_in_a_short_time():
    for days_ago in (1, 5, 10, 20):
        ComplaintFactory(phone="13900000002", received_at=timezone.now() - timedelta(days=days_ago))
    ComplaintFactory(phone="13900000002", received_at=timezone.now() - timedelta(days=40))  # outside the window

    fifth = ComplaintFactory(phone="13900000002")

    assert _kinds(fifth) == ["frequent"]


def test_the_number_and_period_of_frequent_complaints_are_settings():
    AcceptanceSettings.objects.create(pk=1, frequent_complaints=3, frequent_complaints_days=60)
    for days_ago in (10, 50):
        ComplaintFactory(phone="13900000003", received_at=timezone.now() - timedelta(days=days_ago))

    assert _kinds(ComplaintFactory(phone="13900000003")) == ["frequent"]


def test_warnings_take_a_fixed_number_of_queries(django_assert_num_queries):
    for number in range(6):
        ComplaintFactory(phone="13900000004", complainant_name=f"客户{number}", address="北京市朝阳区1号")
    complaint = ComplaintFactory(
        phone="13900000004", address="北京市朝阳区1号", occurred_at=timezone.now() - timedelta(days=9)
    )

    with django_assert_num_queries(2):
        kinds = _kinds(complaint)

    assert kinds == ["time_limit", "shared_phone", "frequent"]
