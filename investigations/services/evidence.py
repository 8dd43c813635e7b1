"""Appending to a complaint's evidence chain, and checking it.

Every append locks the complaint row first, so two people adding evidence at once get
consecutive sequence numbers and each row hashes the one before it.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.locking import complaint_for_update, complaint_refuse_if_archived
from intake.models import Attachment, Complaint, ComplaintEvent
from intake.uploads import upload_check

from .. import chain
from ..models import EvidenceItem, Investigation, SiteVisit, Statement
from ..models.evidence import RECORD_KINDS, EvidenceKind
from ..models.investigation import Party
from ..sources import record_fingerprints
from .access import investigation_current, team_member_require


@transaction.atomic
def evidence_add(
    *,
    complaint_id: int,
    actor,
    kind: str,
    provided_by: str,
    collected_at: datetime,
    description: str = "",
    upload=None,
) -> EvidenceItem:
    complaint, investigation = _locked(complaint_id, actor, "investigations.add_evidenceitem")
    return _chain_append(
        complaint=complaint,
        investigation=investigation,
        actor=actor,
        kind=kind,
        provided_by=provided_by,
        collected_at=collected_at,
        description=description,
        upload=upload,
    )


@transaction.atomic
def evidence_supersede(*, item_id: int, actor, reason: str, description: str = "", upload=None) -> EvidenceItem:
    """Retire an item with a reason, optionally giving its replacement; the old row stays as it was."""
    complaint_id = EvidenceItem.objects.values_list("complaint_id", flat=True).get(pk=item_id)
    complaint, investigation = _locked(complaint_id, actor, "investigations.add_evidenceitem")
    item = EvidenceItem.objects.get(pk=item_id)
    if item.record_id is not None:
        raise ValidationError(
            _("A settlement, notice or voucher is chained by its own stage and cannot be superseded here.")
        )
    if EvidenceItem.objects.filter(supersedes=item).exists():
        raise ValidationError(_("This evidence item has already been superseded."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this item is superseded.")})
    replaced = bool(description or upload)
    new = _chain_append(
        complaint=complaint,
        investigation=investigation,
        actor=actor,
        kind=item.kind,
        provided_by=item.provided_by,
        collected_at=timezone.now() if replaced else item.collected_at,
        description=description,
        upload=upload,
        supersedes=item,
        supersede_reason=reason.strip(),
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        note=_("Evidence #%(old)d superseded by #%(new)d: %(reason)s")
        % {"old": item.sequence, "new": new.sequence, "reason": reason.strip()},
    )
    return new


@transaction.atomic
def statement_add(
    *, complaint_id: int, actor, party: str, person_name: str, content: str, taken_at: datetime | None = None
) -> Statement:
    """A party's statement; its text enters the evidence chain so it cannot be edited unseen."""
    complaint, investigation = _locked(complaint_id, actor, "investigations.add_statement")
    taken_at = taken_at or timezone.now()
    evidence = _chain_append(
        complaint=complaint,
        investigation=investigation,
        actor=actor,
        kind=EvidenceKind.WITNESS_STATEMENT if party == Party.WITNESS else EvidenceKind.PARTY_STATEMENT,
        provided_by=party,
        collected_at=taken_at,
        description=f"{person_name}: {content}",
    )
    statement = Statement(
        investigation=investigation,
        party=party,
        person_name=person_name,
        content=content,
        taken_by=actor,
        taken_at=taken_at,
        evidence=evidence,
    )
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def site_visit_record(
    *, complaint_id: int, actor, visited_at: datetime, place: str, present: str, findings: str, photos=()
) -> SiteVisit:
    """The visit's findings and each photo become chained evidence items."""
    complaint, investigation = _locked(complaint_id, actor, "investigations.add_sitevisit")
    note = _chain_append(
        complaint=complaint,
        investigation=investigation,
        actor=actor,
        kind=EvidenceKind.SITE_VISIT_NOTE,
        provided_by=Party.COMPANY,
        collected_at=visited_at,
        description=f"{place} ({present}): {findings}",
    )
    visit = SiteVisit(
        investigation=investigation,
        visited_at=visited_at,
        place=place,
        present=present,
        findings=findings,
        recorded_by=actor,
        note_evidence=note,
    )
    visit.full_clean()
    visit.save()
    for photo in photos:
        _chain_append(
            complaint=complaint,
            investigation=investigation,
            actor=actor,
            kind=EvidenceKind.PHOTO,
            provided_by=Party.COMPANY,
            collected_at=visited_at,
            upload=photo,
            site_visit=visit,
        )
    return visit


#: The evidence kind of a complainant's file, by the kind decided from its content at upload.
ADOPTED_KINDS = {
    Attachment.Kind.IMAGE: EvidenceKind.PHOTO,
    Attachment.Kind.VIDEO: EvidenceKind.VIDEO,
    Attachment.Kind.AUDIO: EvidenceKind.AUDIO,
    Attachment.Kind.PDF: EvidenceKind.DOCUMENT,
}


@transaction.atomic
def complainant_file_adopt(*, attachment_id: int, actor) -> EvidenceItem:
    """Take a file the complainant sent (with the complaint or later from the tracking page) into
    the evidence chain, with the SHA-256 taken when it was received: the chain then proves the
    file unchanged since receipt. Adopting a file twice gives its existing link."""
    complaint_id = Attachment.objects.values_list("complaint_id", flat=True).get(pk=attachment_id)
    complaint, investigation = _locked(complaint_id, actor, "investigations.add_evidenceitem")
    attachment = Attachment.objects.get(pk=attachment_id)
    adopted = EvidenceItem.objects.filter(attachment=attachment).first()
    if adopted is not None:
        return adopted
    try:
        with attachment.file.open("rb") as handle:
            unchanged = chain.file_sha256(handle) == attachment.sha256
    except OSError:
        raise ValidationError(_("The stored file of “%(name)s” cannot be read.") % {"name": attachment.original_name})
    if not unchanged:
        raise ValidationError(
            _("“%(name)s” no longer matches the hash taken when it was received; it cannot be adopted as received.")
            % {"name": attachment.original_name}
        )
    item = _chain_append(
        complaint=complaint,
        investigation=investigation,
        actor=actor,
        kind=ADOPTED_KINDS[attachment.kind],
        provided_by=Party.COMPLAINANT,
        collected_at=attachment.uploaded_at,
        attachment=attachment,
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        note=_("The complainant's file “%(name)s” adopted as evidence #%(number)d.")
        % {"name": attachment.original_name, "number": item.sequence},
    )
    return item


def evidence_record_append(
    *, complaint: Complaint, actor, kind: str, record_id: int, fingerprint: str, description: str, reason: str = ""
) -> EvidenceItem | None:
    """Append the fingerprint of a record of a later stage (settlement, notice, voucher) to the chain.

    Called by that stage's service inside its transaction, the complaint row locked. A record
    already chained with the same fingerprint appends nothing; one that changed through its own
    service (an amended settlement, a voucher received again) supersedes its earlier link with
    ``reason``. A complaint without an investigation has no chain to extend.
    """
    if kind not in RECORD_KINDS:
        raise ValueError(f"{kind} is not a record kind")
    investigation = complaint.investigations.order_by("-round").first()
    if investigation is None:
        return None
    earlier = (
        EvidenceItem.objects.filter(complaint=complaint, kind=kind, record_id=record_id).order_by("-sequence").first()
    )
    if earlier is not None and earlier.content_sha256 == fingerprint:
        return None
    return _chain_append(
        complaint=complaint,
        investigation=investigation,
        actor=actor,
        kind=kind,
        provided_by=Party.COMPANY,
        collected_at=timezone.now(),
        description=description,
        record=(record_id, fingerprint),
        supersedes=earlier,
        supersede_reason=reason if earlier is not None else "",
    )


def evidence_chain_verify(*, complaint_id: int | None = None, actor=None) -> dict[int, chain.ChainStatus]:
    """Re-hash every item (files included) of one complaint, or of all; complaint id -> status.

    ``actor`` is the user asking from the workbench (``None`` for the management command).
    """
    if actor is not None and not actor.has_perm("investigations.view_evidenceitem"):
        raise PermissionDenied
    items = EvidenceItem.objects.select_related("supersedes").order_by("complaint_id", "sequence")
    if complaint_id is not None:
        items = items.filter(complaint_id=complaint_id)
    by_complaint: dict[int, list[EvidenceItem]] = {}
    for item in items.iterator(chunk_size=500):
        by_complaint.setdefault(item.complaint_id, []).append(item)
    if complaint_id is not None:
        by_complaint.setdefault(complaint_id, [])
    return {
        pk: complaint_chain_check(complaint_id=pk, items=complaint_items)
        for pk, complaint_items in by_complaint.items()
    }


def complaint_chain_check(*, complaint_id: int, items: list[EvidenceItem], files: bool = True) -> chain.ChainStatus:
    """Check one complaint's chain, with the records it fingerprints as their stages keep them now."""
    has_records = any(item.record_id is not None for item in items)
    records = record_fingerprints(complaint_id=complaint_id, files=files) if has_records else None
    return chain.chain_check(items, files=files, records=records)


def _locked(complaint_id: int, actor, permission: str) -> tuple[Complaint, Investigation]:
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    investigation = investigation_current(complaint=complaint)
    team_member_require(user=actor, investigation=investigation, permission=permission)
    return complaint, investigation


def _chain_append(
    *,
    complaint: Complaint,
    investigation: Investigation,
    actor,
    kind: str,
    provided_by: str,
    collected_at: datetime,
    description: str = "",
    upload=None,
    attachment: Attachment | None = None,
    record: tuple[int, str] | None = None,
    site_visit: SiteVisit | None = None,
    supersedes: EvidenceItem | None = None,
    supersede_reason: str = "",
) -> EvidenceItem:
    """Write the next link. The caller holds the complaint's row lock.

    The content is an upload, a complainant's file (sharing its stored file and the hash taken at
    receipt), a record's ``(id, fingerprint)``, or else the description.
    """
    if not description.strip() and upload is None and attachment is None and supersedes is None:
        raise ValidationError(_("Give a file or a text for the evidence item."))
    if collected_at > timezone.now():
        raise ValidationError({"collected_at": _("The time of collection cannot be in the future.")})
    last = EvidenceItem.objects.filter(complaint=complaint).order_by("-sequence").first()
    item = EvidenceItem(
        complaint=complaint,
        investigation=investigation,
        site_visit=site_visit,
        sequence=(last.sequence if last else 0) + 1,
        kind=kind,
        provided_by=provided_by,
        description=description,
        collected_at=collected_at,
        added_by=actor,
        supersedes=supersedes,
        supersede_reason=supersede_reason,
    )
    checked = upload_check(upload) if upload is not None else None
    if attachment is not None:
        item.attachment = attachment
        item.file.name = attachment.file.name
        item.content_type = attachment.content_type
        item.original_name = attachment.original_name
        item.size = attachment.size
        item.content_sha256 = attachment.sha256
    elif record is not None:
        item.record_id, item.content_sha256 = record
    elif checked:
        item.content_type = checked.content_type
        item.original_name = checked.original_name
        item.size = checked.size
        item.content_sha256 = checked.sha256
    else:
        item.content_sha256 = chain.sha256_hex(description.encode("utf-8"))
    item.full_clean(exclude=["file", "record_sha256", "content_sha256"])
    if checked:
        checked.content.seek(0)
        item.file.save("evidence", checked.content, save=False)
    item.record_sha256 = chain.record_sha256(item, previous_sha256=last.record_sha256 if last else chain.GENESIS)
    item.save()
    return item
