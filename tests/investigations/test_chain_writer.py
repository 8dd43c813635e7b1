"""What the chain's writer accepts, refuses and records for each new link."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from investigations import services
from investigations.models.evidence import EvidenceKind
from investigations.models.investigation import Party
from tests.investigations.factories import investigating_complaint, png_bytes, text_evidence

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 11, 25, 10, 0))


def _add(complaint, actor, **fields):
    return services.evidence_add(
        complaint_id=complaint.pk, actor=actor, kind=EvidenceKind.CHAT_LOG, provided_by=Party.COMPLAINANT, **fields
    )


@pytest.fixture
def complaint(agent, investigator):
    return investigating_complaint(agent=agent, lead=investigator)


def test_an_item_without_a_file_or_a_text_is_refused(complaint, investigator):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        _add(complaint, investigator, collected_at=timezone.now(), description="   ")

    assert excinfo.value.messages == ["Give a file or a text for the evidence item."]


def test_an_item_collected_now_is_accepted_and_one_from_the_future_refused(complaint, investigator):
    with time_machine.travel(NOW, tick=False):
        assert _add(complaint, investigator, collected_at=NOW, description="刚收到").collected_at == NOW
        with translation.override("en"), pytest.raises(ValidationError) as excinfo:
            _add(complaint, investigator, collected_at=NOW + timedelta(microseconds=1), description="未来")

    assert excinfo.value.message_dict == {"collected_at": ["The time of collection cannot be in the future."]}


def test_a_new_item_supersedes_nothing(complaint, investigator):
    item = text_evidence(complaint, actor=investigator)

    assert (item.supersedes, item.supersede_reason) == (None, "")


def test_site_visit_photos_carry_no_text_of_their_own(complaint, investigator):
    visit = services.site_visit_record(
        complaint_id=complaint.pk,
        actor=investigator,
        visited_at=timezone.now(),
        place="客户家中",
        present="投诉人、调查人员",
        findings="厨房未打扫。",
        photos=[SimpleUploadedFile("kitchen.png", png_bytes(), content_type="image/png")],
    )

    (photo,) = visit.photos.all()
    assert (photo.description, photo.kind, photo.sequence) == ("", EvidenceKind.PHOTO, 2)


def _record(complaint, actor, kind, record_id, fingerprint, reason=""):
    return services.evidence_record_append(
        complaint=complaint,
        actor=actor,
        kind=kind,
        record_id=record_id,
        fingerprint=fingerprint,
        description="后续环节的记录",
        reason=reason,
    )


def test_a_changed_record_supersedes_only_its_own_earlier_link_with_the_reason(complaint, agent):
    settlement = _record(complaint, agent, EvidenceKind.SETTLEMENT, 7, "a" * 64, reason="首次保存")
    notice = _record(complaint, agent, EvidenceKind.RESULT_NOTICE, 7, "b" * 64)  # another kind, the same id
    _record(complaint, agent, EvidenceKind.PAYMENT_VOUCHER, 8, "c" * 64)
    second_voucher = _record(complaint, agent, EvidenceKind.PAYMENT_VOUCHER, 9, "d" * 64)
    amended = _record(complaint, agent, EvidenceKind.SETTLEMENT, 7, "e" * 64, reason="双方修改了协议")

    assert settlement.supersedes is None and settlement.supersede_reason == ""
    assert notice.supersedes is None and second_voucher.supersedes is None
    assert amended.supersedes == settlement and amended.supersede_reason == "双方修改了协议"
    assert _record(complaint, agent, EvidenceKind.SETTLEMENT, 7, "e" * 64, reason="再次保存") is None
    assert _record(complaint, agent, EvidenceKind.PAYMENT_VOUCHER, 9, "f" * 64).supersede_reason == ""


def test_only_records_of_later_stages_are_appended_this_way(complaint, agent):
    with pytest.raises(ValueError, match="chat_log is not a record kind"):
        _record(complaint, agent, EvidenceKind.CHAT_LOG, 1, "a" * 64)


def test_verifying_a_complaint_without_evidence_reports_an_empty_intact_chain(complaint):
    status = services.evidence_chain_verify(complaint_id=complaint.pk)[complaint.pk]
    assert status.intact and status.count == 0 and status.broken_at is None
