"""The evidence hash chain: every change, deletion or reordering is found."""

from django.core.management import call_command

from investigations import services
from investigations.models import EvidenceItem
from tests.investigations.factories import investigating_complaint, photo_evidence, text_evidence


def _status(complaint):
    return services.evidence_chain_verify(complaint_id=complaint.pk)[complaint.pk]


def test_fresh_chain_is_intact_and_links_each_item_to_the_one_before(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    first = text_evidence(complaint, actor=investigator)
    second = photo_evidence(complaint, actor=investigator)
    third = text_evidence(complaint, actor=investigator, text="派工单：预约 9:00。")

    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert len({first.record_sha256, second.record_sha256, third.record_sha256}) == 3
    status = _status(complaint)
    assert status.intact and status.count == 3


def test_text_changed_with_queryset_update_breaks_the_chain_at_that_item(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    tampered = text_evidence(complaint, actor=investigator)
    text_evidence(complaint, actor=investigator)

    EvidenceItem.objects.filter(pk=tampered.pk).update(description="阿姨准时到达。")

    status = _status(complaint)
    assert not status.intact
    assert status.broken_at == 2
    assert status.problem == "content"


def test_recomputed_content_hash_still_breaks_the_record_hash(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    tampered = text_evidence(complaint, actor=investigator)
    EvidenceItem.objects.filter(pk=tampered.pk).update(provided_by="company")

    assert _status(complaint).broken_at == 2


def test_replaced_file_bytes_break_the_chain(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    photo = photo_evidence(complaint, actor=investigator)
    with photo.file.open("wb") as handle:
        handle.write(b"\x89PNG not the same picture")

    status = _status(complaint)
    assert (status.intact, status.broken_at, status.problem) == (False, 2, "content")


def test_deleted_item_is_reported_as_missing(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    middle = text_evidence(complaint, actor=investigator)
    text_evidence(complaint, actor=investigator)
    EvidenceItem.objects.filter(pk=middle.pk).delete()

    status = _status(complaint)
    assert (status.broken_at, status.problem) == (2, "missing")


def test_superseding_keeps_the_chain_valid_and_the_old_item_unchanged(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    old = text_evidence(complaint, actor=investigator, text="错误的记录")
    old_hash = old.record_sha256

    new = services.evidence_supersede(item_id=old.pk, actor=investigator, reason="录入错误", description="正确的记录")

    old.refresh_from_db()
    assert old.record_sha256 == old_hash
    assert old.superseded_by == new
    assert new.supersedes == old and new.sequence == 2
    assert _status(complaint).intact


def test_withdrawal_without_replacement_is_itself_a_chained_event(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    old = text_evidence(complaint, actor=investigator)

    marker = services.evidence_supersede(item_id=old.pk, actor=investigator, reason="与本投诉无关")

    assert marker.is_withdrawal
    assert _status(complaint).intact
    EvidenceItem.objects.filter(pk=marker.pk).update(supersede_reason="")
    assert _status(complaint).broken_at == 2


def test_verify_evidence_command_reports_each_complaint(agent, investigator, capsys):
    good = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(good, actor=investigator)
    bad = investigating_complaint(agent=agent, lead=investigator)
    item = text_evidence(bad, actor=investigator)
    EvidenceItem.objects.filter(pk=item.pk).update(description="changed")

    try:
        call_command("verify_evidence")
    except SystemExit as exit_:
        assert exit_.code == 1
    else:
        raise AssertionError("a broken chain must exit non-zero")
    out = capsys.readouterr().out
    assert f"{good.tracking_number}: intact (1 items)" in out
    assert f"{bad.tracking_number}: BROKEN at item #1" in out


def test_verify_evidence_command_for_one_intact_complaint_exits_zero(agent, investigator, capsys):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)

    call_command("verify_evidence", complaint.tracking_number)

    assert "intact" in capsys.readouterr().out
