"""Records people edit, or whose change matters to a dispute, keep who changed what and when (seed 001)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import StaffProfile, StaffTeam
from intake.models import Attachment
from intake.services.submission import complaint_register_with_files
from intake.uploads import uploads_check
from reporting import selectors, services
from reporting.models import SupervisionCallback, TypicalCase
from reporting.period import Month
from tests.factories import ComplaintFactory, UserFactory
from tests.intake.desk_data import registration_fields
from tests.intake.public_data import png_upload
from tests.reporting.factories import local

pytestmark = pytest.mark.django_db


def test_a_staff_teams_members_and_lead_keep_their_history(client, supervisor):
    team = StaffTeam.objects.create(name="一组")
    member = UserFactory(username="agent-x")
    client.force_login(supervisor)

    client.post(
        reverse("admin:core_staffteam_change", args=[team.pk]),
        {"name": "一组", "lead": supervisor.pk, "members": [member.pk]},
    )

    latest = team.history.latest()
    assert (latest.lead_id, latest.history_user) == (supervisor.pk, supervisor)
    assert list(latest.members.values_list("user_id", flat=True)) == [member.pk]
    assert client.get(reverse("admin:core_staffteam_history", args=[team.pk])).status_code == 200


def test_a_staff_members_mobile_number_keeps_its_history():
    profile = StaffProfile.objects.create(user=UserFactory(), mobile_phone="13900001111")
    profile.mobile_phone = "13900002222"
    profile.save()

    assert [h.mobile_phone for h in profile.history.order_by("history_date")] == ["13900001111", "13900002222"]


def test_an_attachment_records_when_and_by_which_request_it_was_stored():
    complaint = complaint_register_with_files(uploads=uploads_check([png_upload()]), **registration_fields())

    attachment = Attachment.objects.get(complaint=complaint)
    assert attachment.history.get().history_type == "+"


def test_a_supervision_callback_keeps_the_time_of_the_call_and_every_correction(supervisor):
    month = Month(2026, 5)
    for _ in range(5):
        ComplaintFactory(received_at=month.start, closed_at=local(2026, 5, 2, 9), state="closed")
    sampled = selectors.supervision_sample(month=month)[0]
    called = timezone.now()
    with time_machine.travel(called, tick=False):
        services.supervision_callback_record(complaint=sampled, month=month, result="unreachable", by=supervisor)
    with time_machine.travel(called + timedelta(days=1), tick=False):
        services.supervision_callback_record(complaint=sampled, month=month, result="satisfied", by=supervisor)

    callback = SupervisionCallback.objects.get()
    assert callback.called_at == called
    assert [h.result for h in callback.history.order_by("history_date")] == ["unreachable", "satisfied"]


def test_a_typical_case_keeps_its_history_in_admin(client, supervisor):
    client.force_login(supervisor)
    client.post(
        reverse("admin:reporting_typicalcase_add"),
        {"month": "2026-05-01", "title": "迟到", "summary": "阿姨迟到，公司道歉并补做。", "published": "on"},
    )
    case = TypicalCase.objects.get()

    assert case.history.get().history_user == supervisor
    assert client.get(reverse("admin:reporting_typicalcase_history", args=[case.pk])).status_code == 200
