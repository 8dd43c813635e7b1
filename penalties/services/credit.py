"""A worker's history outside the company (domain.md §9): only with the worker's consent in force
for that recipient, every disclosure logged with what was handed over; and official listings on the
credit platform, reviewed by a second supervisor and exported only on a consent still in force.

The company's own blacklist is not touched here: a ban fills it (``penalties.penalty_approve``),
an official listing never does, and neither creates the other.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ConsentScope, HistoryDisclosure, OfficialListing, Worker, WorkerConsent
from ..selectors import consent_in_force, worker_history_summary
from .penalties import _require

CONSENT_RECORD_PERMISSION = "penalties.add_workerconsent"
CONSENT_WITHDRAW_PERMISSION = "penalties.change_workerconsent"
DISCLOSE_PERMISSION = "penalties.disclose_worker_history"
LISTING_PROPOSE_PERMISSION = "penalties.propose_officiallisting"
LISTING_REVIEW_PERMISSION = "penalties.review_officiallisting"
LISTING_EXPORT_PERMISSION = "penalties.export_officiallisting"

#: A listing still on its way to the platform; a worker has at most one.
LISTING_OPEN = (OfficialListing.Status.PROPOSED, OfficialListing.Status.APPROVED)


@transaction.atomic
def worker_consent_record(
    *, worker: Worker, scope: str, method: str, given_at: datetime, actor, reference: str = ""
) -> WorkerConsent:
    """Staff record a consent the worker gave (on paper, in the app, in person), dated when given;
    one consent per scope is on record and not withdrawn at a time."""
    _require(actor, CONSENT_RECORD_PERMISSION)
    Worker.objects.select_for_update().get(pk=worker.pk)  # two clerks recording the same form: one wins
    consent = WorkerConsent(
        worker=worker, scope=scope, method=method, given_at=given_at, reference=reference.strip(), recorded_by=actor
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def worker_consent_withdraw(*, consent: WorkerConsent, actor, withdrawn_at: datetime | None = None) -> WorkerConsent:
    """``withdrawn_at`` is when the worker withdrew (a letter may be recorded later); from then on
    nothing more is shared on this consent."""
    _require(actor, CONSENT_WITHDRAW_PERMISSION)
    consent = WorkerConsent.objects.select_for_update().get(pk=consent.pk)
    withdrawn_at = withdrawn_at or timezone.now()
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = withdrawn_at
    consent.withdrawn_by = actor
    consent.full_clean()  # refuses a withdrawal dated in the future or before the consent was given
    consent.save()
    return consent


def _consent_locked(*, worker: Worker, scope: str, at: datetime) -> WorkerConsent | None:
    """The consent in force at ``at``, locked so that a withdrawal being recorded either waits for
    this disclosure or is seen by it."""
    consent = consent_in_force(worker=worker, scope=scope, at=at)
    if consent is None:
        return None
    consent = WorkerConsent.objects.select_for_update().get(pk=consent.pk)
    return consent if consent.in_force_at(at) else None


def _consent_refusal(*, worker: Worker, scope: str, at: datetime) -> ValidationError:
    """Why nothing may be shared: never given, or withdrawn (and when)."""
    scope_label = ConsentScope(scope).label
    last = WorkerConsent.objects.filter(worker=worker, scope=scope, given_at__lte=at).order_by("-given_at").first()
    if last is not None and last.withdrawn_at is not None:
        return ValidationError(
            _("%(name)s withdrew their consent for “%(scope)s” on %(date)s; nothing was shared.")
            % {"name": worker.name, "scope": scope_label, "date": f"{timezone.localtime(last.withdrawn_at):%Y-%m-%d}"},
            code="consent_withdrawn",
        )
    return ValidationError(
        _("%(name)s has given no consent for “%(scope)s”; record the worker's consent first. Nothing was shared.")
        % {"name": worker.name, "scope": scope_label},
        code="no_consent",
    )


@transaction.atomic
def worker_history_disclose(*, worker: Worker, recipient_kind: str, recipient: str, actor) -> HistoryDisclosure:
    """Produce the history summary for someone outside the company and log it with the consent it
    relied on; refused without a consent in force for that kind of recipient at this moment."""
    _require(actor, DISCLOSE_PERMISSION)
    if recipient_kind not in ConsentScope.values:
        raise ValidationError({"recipient_kind": _("Choose to whom the history goes.")})
    recipient = recipient.strip()
    if not recipient:
        raise ValidationError({"recipient": _("Say who asked for the history.")})
    now = timezone.now()
    consent = _consent_locked(worker=worker, scope=recipient_kind, at=now)
    if consent is None:
        raise _consent_refusal(worker=worker, scope=recipient_kind, at=now)
    disclosure = HistoryDisclosure(
        worker=worker,
        recipient_kind=recipient_kind,
        recipient=recipient,
        consent=consent,
        disclosed_by=actor,
        summary=worker_history_summary(worker=worker),
    )
    disclosure.full_clean()
    disclosure.save()
    return disclosure


@transaction.atomic
def official_listing_propose(*, worker: Worker, reason: str, actor) -> OfficialListing:
    """The reason is the listing's own, written for the platform; the internal blacklist's is not reused."""
    _require(actor, LISTING_PROPOSE_PERMISSION)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the official listing.")})
    Worker.objects.select_for_update().get(pk=worker.pk)
    if OfficialListing.objects.filter(worker=worker, status__in=LISTING_OPEN).exists():
        raise ValidationError(_("This worker already has an official listing under review or awaiting export."))
    listing = OfficialListing(worker=worker, reason=reason.strip(), proposed_by=actor)
    listing.full_clean()
    listing.save()
    return listing


def _reviewed(
    *, listing: OfficialListing, actor, allowed: tuple[str, ...], status: str, note: str, refusal: str
) -> OfficialListing:
    _require(actor, LISTING_REVIEW_PERMISSION)
    listing = OfficialListing.objects.select_for_update().get(pk=listing.pk)
    if listing.status not in allowed:
        raise ValidationError(refusal)
    if listing.proposed_by_id == actor.pk:
        raise PermissionDenied(_("A supervisor other than the one who proposed the listing reviews it."))
    listing.status = status
    listing.reviewed_by = actor
    listing.reviewed_at = timezone.now()
    listing.review_note = note
    listing.save()
    return listing


@transaction.atomic
def official_listing_approve(*, listing: OfficialListing, actor, note: str = "") -> OfficialListing:
    return _reviewed(
        listing=listing,
        actor=actor,
        allowed=(OfficialListing.Status.PROPOSED,),
        status=OfficialListing.Status.APPROVED,
        note=note,
        refusal=_("Only a proposed listing can be approved."),
    )


@transaction.atomic
def official_listing_reject(*, listing: OfficialListing, actor, note: str) -> OfficialListing:
    """Also stops an approved listing not yet exported, e.g. when the worker withdrew consent."""
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for rejecting.")})
    return _reviewed(
        listing=listing,
        actor=actor,
        allowed=LISTING_OPEN,
        status=OfficialListing.Status.REJECTED,
        note=note,
        refusal=_("Only a listing not yet exported can be rejected."),
    )


@transaction.atomic
def official_listings_export(*, actor) -> list[OfficialListing]:
    """Every approved listing goes out in one file, or none does: a listing whose worker has no
    consent in force for the credit platform stops the export and is named."""
    _require(actor, LISTING_EXPORT_PERMISSION)
    listings = list(
        OfficialListing.objects.select_for_update(of=("self",))
        .filter(status=OfficialListing.Status.APPROVED)
        .select_related("worker", "reviewed_by")
        .order_by("reviewed_at", "pk")
    )
    if not listings:
        raise ValidationError(_("There is no approved listing to export."))
    now = timezone.now()
    consents = {
        listing.pk: _consent_locked(worker=listing.worker, scope=ConsentScope.CREDIT_PLATFORM, at=now)
        for listing in listings
    }
    refused = [listing.worker.name for listing in listings if consents[listing.pk] is None]
    if refused:
        raise ValidationError(
            _(
                "No consent in force for the credit platform (never given or withdrawn): %(names)s. "
                "Nothing was exported; record a new consent or reject these listings."
            )
            % {"names": "、".join(refused)},
            code="no_consent",
        )
    for listing in listings:
        listing.status = OfficialListing.Status.EXPORTED
        listing.exported_by = actor
        listing.exported_at = now
        listing.consent = consents[listing.pk]
        listing.save()
    return listings
