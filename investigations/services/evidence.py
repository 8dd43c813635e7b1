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
from intake.models import Complaint, ComplaintEvent
from intake.uploads import upload_check

from .. import chain
from ..models import EvidenceItem, Investigation, SiteVisit, Statement
from ..models.evidence import EvidenceKind
from ..models.investigation import Party
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
    return {pk: chain.chain_check(complaint_items) for pk, complaint_items in by_complaint.items()}


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
    site_visit: SiteVisit | None = None,
    supersedes: EvidenceItem | None = None,
    supersede_reason: str = "",
) -> EvidenceItem:
    """Write the next link. The caller holds the complaint's row lock."""
    if not description.strip() and upload is None and supersedes is None:
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
    if checked:
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
