"""Every party's records in the evidence chain: the complainant's files adopted with the hash taken
when they were received, and the settlement, the sent notice and the payment vouchers appended
when they are made; ``verify_evidence`` finds any of them changed afterwards."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from intake.uploads import attachments_store, upload_check
from investigations import services
from investigations.models import EvidenceItem
from investigations.models.evidence import EvidenceKind
from resolutions.models import Party
from resolutions.services import agreement, mediation
from tests.resolutions.factories import complaint_mediating, complaint_notified, refund, settle, voucher_png

from .factories import investigating_complaint, text_evidence

pytestmark = pytest.mark.django_db


def _received(complaint, name="地板划痕.png"):
    return attachments_store(complaint=complaint, uploads=[upload_check(voucher_png(name))])[0]


def _overwrite(field_file, data=b"changed on disk"):
    with field_file.storage.open(field_file.name, "wb") as handle:
        handle.write(data)


def _verify(complaint):
    return services.evidence_chain_verify(complaint_id=complaint.pk)[complaint.pk]


def _command(complaint):
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_evidence", complaint.tracking_number, stdout=out)
    assert exit_info.value.code == 1
    return out.getvalue()


def _item(complaint, kind):
    return EvidenceItem.objects.filter(complaint=complaint, kind=kind).latest("sequence")


@pytest.fixture
def complaint(agent, investigator):
    return investigating_complaint(agent=agent, lead=investigator)


def test_an_adopted_file_enters_the_chain_with_the_hash_taken_when_it_was_received(complaint, investigator):
    text_evidence(complaint, actor=investigator)
    attachment = _received(complaint)
    item = services.complainant_file_adopt(attachment_id=attachment.pk, actor=investigator)
    assert (item.sequence, item.kind, item.provided_by) == (2, EvidenceKind.PHOTO, "complainant")
    assert item.content_sha256 == attachment.sha256 and item.collected_at == attachment.uploaded_at
    assert item.original_name == "地板划痕.png" and item.file.read() == attachment.file.read()
    assert _verify(complaint).intact
    assert complaint.events.filter(note__contains="地板划痕.png").exists()


def test_adopting_a_file_twice_adopts_it_once(complaint, investigator):
    attachment = _received(complaint)
    first = services.complainant_file_adopt(attachment_id=attachment.pk, actor=investigator)
    second = services.complainant_file_adopt(attachment_id=attachment.pk, actor=investigator)
    assert first.pk == second.pk and EvidenceItem.objects.filter(complaint=complaint).count() == 1


def test_verify_evidence_finds_a_complainant_file_changed_after_adoption(complaint, investigator):
    attachment = _received(complaint)
    text_evidence(complaint, actor=investigator)
    services.complainant_file_adopt(attachment_id=attachment.pk, actor=investigator)
    _overwrite(attachment.file)
    status = _verify(complaint)
    assert (status.intact, status.broken_at, status.problem) == (False, 2, "content")
    assert f"{complaint.tracking_number}: BROKEN at item #2 (content)" in _command(complaint)


def test_a_file_changed_before_adoption_is_refused_and_nothing_is_chained(complaint, investigator):
    attachment = _received(complaint)
    _overwrite(attachment.file)
    with pytest.raises(ValidationError, match="地板划痕.png"):
        services.complainant_file_adopt(attachment_id=attachment.pk, actor=investigator)
    assert not EvidenceItem.objects.filter(complaint=complaint).exists()


def test_only_the_investigation_team_adopts(complaint, other_agent):
    attachment = _received(complaint)
    with pytest.raises(PermissionDenied):
        services.complainant_file_adopt(attachment_id=attachment.pk, actor=other_agent)
    assert not EvidenceItem.objects.filter(complaint=complaint).exists()


def test_the_panel_adopts_with_a_button_and_a_double_click_adopts_once(client, complaint, investigator):
    attachment = _received(complaint)
    later = _received(complaint, "补充照片.png")  # added later from the tracking page: the same kind of row
    client.force_login(investigator)
    url = reverse("complainant-file-adopt", args=[complaint.pk, attachment.pk])
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert url in page and reverse("complainant-file-adopt", args=[complaint.pk, later.pk]) in page
    assert client.get(url).status_code == 405
    for _ in range(2):
        assert client.post(url).status_code == 302
    assert EvidenceItem.objects.filter(attachment=attachment).count() == 1
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert url not in page and "#1" in page and "chain-ok" in page


def test_the_settlement_the_notice_and_the_voucher_enter_the_chain(agent):
    complaint = complaint_notified(agent)
    kinds = list(EvidenceItem.objects.filter(complaint=complaint).order_by("sequence").values_list("kind", flat=True))
    assert kinds == [EvidenceKind.SETTLEMENT, EvidenceKind.PAYMENT_VOUCHER, EvidenceKind.RESULT_NOTICE]
    status = _verify(complaint)
    assert status.intact and status.count == 3
    out = StringIO()
    call_command("verify_evidence", complaint.tracking_number, stdout=out)
    assert f"{complaint.tracking_number}: intact (3 items)" in out.getvalue()


def test_verify_evidence_finds_a_changed_settlement_text(agent):
    complaint = complaint_notified(agent)
    settlement = complaint.settlements.get()
    settlement.terms = settlement.terms.replace("200.00", "2000.00")
    settlement.save()
    status = _verify(complaint)
    assert (status.broken_at, status.problem) == (_item(complaint, EvidenceKind.SETTLEMENT).sequence, "content")
    assert "BROKEN at item #1 (content)" in _command(complaint)


def test_verify_evidence_finds_a_changed_notice(agent):
    complaint = complaint_notified(agent)
    notice = complaint.result_notices.get()
    notice.content["facts"] = "改过的事实"
    notice.save()
    status = _verify(complaint)
    assert (status.broken_at, status.problem) == (_item(complaint, EvidenceKind.RESULT_NOTICE).sequence, "content")


def test_verify_evidence_finds_a_changed_voucher_file_and_the_page_check_trusts_the_receipt_hash(agent):
    complaint = complaint_notified(agent)
    _overwrite(complaint.compensations.get().voucher)
    status = _verify(complaint)
    assert (status.broken_at, status.problem) == (_item(complaint, EvidenceKind.PAYMENT_VOUCHER).sequence, "content")
    items = list(EvidenceItem.objects.filter(complaint=complaint))
    assert services.complaint_chain_check(complaint_id=complaint.pk, items=items, files=False).intact


def test_an_amended_settlement_supersedes_its_link_and_the_chain_stays_intact(agent):
    complaint = settle(complaint_mediating(agent), agent)
    agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("300.00"))])
    proposal = complaint.mediation_proposals.get()
    for party in Party.values:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=party, accepted=True)
    first, amended = EvidenceItem.objects.filter(complaint=complaint, kind=EvidenceKind.SETTLEMENT).order_by("sequence")
    assert amended.supersedes_id == first.pk and "300.00" in amended.description
    assert _verify(complaint).intact


def test_a_settlement_link_cannot_be_superseded_by_hand(agent):
    complaint = complaint_notified(agent)
    with pytest.raises(ValidationError):
        services.evidence_supersede(item_id=_item(complaint, EvidenceKind.SETTLEMENT).pk, actor=agent, reason="不要了")
