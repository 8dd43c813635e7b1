"""Requests from the data subject (个人信息保护法 Arts. 45–47, 50; docs/personal-data.md).

The complainant asks from the tracking page (after the lookup with number and phone, so a request
for someone else's complaint cannot be made), or an agent registers a request made by phone, by
letter or in person. A supervisor fulfils or refuses each one with a reason; the complainant is
told by SMS at each step, and each step is on the timeline (never public) and in the history.

Archived complaints are read-only for the case, not for the complainant's rights: a correction of
contact data, a restriction, a withdrawal of consent and an erasure after the retention period are
written to them too.
"""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.models import OutboxMessage
from deadlines.calendar import add_working_days

from ..complainant import complainant_tell
from ..locking import complaint_for_update
from ..models import Complaint, ComplaintEvent, ContactAttempt, PrivacyRequest
from ..models.lifecycle import OPEN_STATES

REGISTER_PERMISSION = "intake.add_privacyrequest"
HANDLE_PERMISSION = "intake.handle_privacyrequest"
#: The complainant's own fields a correction may change.
CORRECTABLE_FIELDS = ("complainant_name", "phone", "landline", "email", "address")
#: What an erasure empties on the complaint and in its history: who complained and their story.
#: Category, severity, service type, channel, demands, dates and states stay for the statistics.
ERASED_FIELDS = (
    *CORRECTABLE_FIELDS,
    "order_number",
    "worker_named",
    "occurred_place",
    "description",
    "demand_note",
    "transfer_case_number",
    "not_accepted_note",
)
Kind = PrivacyRequest.Kind


def privacy_request_due(received_at: datetime) -> datetime:
    return add_working_days(received_at, settings.PRIVACY_REQUEST_WORKING_DAYS)


def _kind_label(kind: str) -> str:
    with override("zh-hans"):
        return str(Kind(kind).label)


def _tell(complaint: Complaint, purpose: str, **values) -> None:
    if complaint.phone:  # an erased complaint has no one left to tell
        complainant_tell(complaint=complaint, purpose=purpose, **values)


def _log(complaint: Complaint, *, actor, transition: str, note: str) -> None:
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition=transition, note=note
    )


@transaction.atomic
def privacy_request_submit(
    *,
    complaint_id: int,
    kind: str,
    channel: str,
    details: str = "",
    actor=None,
    received_at: datetime | None = None,
) -> PrivacyRequest:
    """Record a request. ``actor`` is the agent who registers a phone or letter request, ``None``
    when the complainant asks from the tracking page."""
    if actor is not None and not actor.has_perm(REGISTER_PERMISSION):
        raise PermissionDenied
    if actor is None and channel != PrivacyRequest.Channel.WEB:
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id)
    if complaint.personal_data_erased_at is not None:
        raise ValidationError(_("The personal data of this complaint has already been erased."))
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The request cannot be received in the future.")})
    pending = complaint.privacy_requests.filter(kind=kind, status=PrivacyRequest.Status.OPEN).first()
    if pending is not None:
        raise ValidationError(
            _("A request of this kind is already open; it will be answered by %(date)s.")
            % {"date": timezone.localtime(pending.due_at).strftime("%Y-%m-%d")}
        )
    request = PrivacyRequest(
        complaint=complaint,
        kind=kind,
        channel=channel,
        details=details.strip(),
        received_at=received_at,
        registered_by=actor,
        due_at=privacy_request_due(received_at),
    )
    request.full_clean()
    request.save()
    due = timezone.localtime(request.due_at).strftime("%Y-%m-%d")
    _log(
        complaint,
        actor=actor,
        transition="privacy_request",
        note=_("Request about personal data received (%(kind)s, %(channel)s); answer due by %(date)s.")
        % {"kind": request.get_kind_display(), "channel": request.get_channel_display(), "date": due},
    )
    _tell(complaint, "privacy_request_received", request=_kind_label(kind), date=due)
    return request


def _open_request_for_update(request_id: int, actor) -> PrivacyRequest:
    if actor is None or not actor.has_perm(HANDLE_PERMISSION):
        raise PermissionDenied
    request = PrivacyRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise ValidationError(_("This request does not exist."))
    if not request.is_open:
        raise ValidationError(_("This request has already been answered."))
    return request


@transaction.atomic
def privacy_request_fulfil(*, request_id: int, actor, corrections: dict | None = None) -> PrivacyRequest:
    """Carry out the request: a correction is applied, a deletion anonymises the complaint when
    the law lets it go (``erasure_refusal``), a restriction or a withdrawal of consent is marked on
    the complaint; seeing and copying open the complainant's data page on /track/."""
    request = _open_request_for_update(request_id, actor)
    complaint = complaint_for_update(pk=request.complaint_id)
    now = timezone.now()
    if request.kind == Kind.DELETE and (refusal := erasure_refusal(complaint)):
        raise ValidationError(refusal)
    if request.kind == Kind.CORRECT:
        _personal_data_correct(complaint, actor=actor, corrections=corrections or {})
    elif request.kind == Kind.RESTRICT:
        _privacy_save(complaint, processing_restricted_at=now, reason=_("Use of personal data restricted"))
    elif request.kind == Kind.WITHDRAW_CONSENT:
        _privacy_save(complaint, consent_withdrawn_at=now, reason=_("Consent withdrawn"))
    request.status = PrivacyRequest.Status.FULFILLED
    request.decided_at = now
    request.decided_by = actor
    request.save()
    _log(
        complaint,
        actor=actor,
        transition="privacy_request_fulfilled",
        note=_("Request about personal data fulfilled (%(kind)s).") % {"kind": request.get_kind_display()},
    )
    # Told before an erasure empties the phone; the queued message keeps its recipient until sent.
    _tell(complaint, "privacy_request_fulfilled", request=_kind_label(request.kind))
    if request.kind == Kind.DELETE:
        personal_data_erase(complaint, actor=actor, reason=_("Personal data erased at the complainant's request"))
    return request


@transaction.atomic
def privacy_request_refuse(*, request_id: int, actor, reason: str) -> PrivacyRequest:
    """Refuse with a reason, which the complainant receives word for word (Art. 50)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for refusing: the requester receives it.")})
    request = _open_request_for_update(request_id, actor)
    complaint = complaint_for_update(pk=request.complaint_id)
    request.status = PrivacyRequest.Status.REFUSED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.refusal_reason = reason
    request.full_clean()
    request.save()
    _log(
        complaint,
        actor=actor,
        transition="privacy_request_refused",
        note=_("Request about personal data refused (%(kind)s): %(reason)s")
        % {"kind": request.get_kind_display(), "reason": reason},
    )
    _tell(complaint, "privacy_request_refused", request=_kind_label(request.kind), reason=reason)
    return request


def retention_ends_on(complaint: Complaint) -> date | None:
    """The day the complaint's record may go: ARCHIVE_RETENTION_YEARS after it ended (archived,
    closed, or its last change of state); ``None`` while it is open."""
    if complaint.state in OPEN_STATES:
        return None
    last_change = (
        complaint.events.filter(kind=ComplaintEvent.Kind.TRANSITION).order_by("-at").values_list("at", flat=True)
    ).first()
    ended = max(
        moment for moment in (complaint.archived_at, complaint.closed_at, last_change, complaint.received_at) if moment
    )
    return timezone.localdate(ended) + relativedelta(years=settings.ARCHIVE_RETENTION_YEARS)


def erasure_refusal(complaint: Complaint) -> str:
    """Why the complaint's personal data cannot be erased yet ("" when it can)."""
    if complaint.personal_data_erased_at is not None:
        return _("The personal data of this complaint has already been erased.")
    if complaint.state in OPEN_STATES:
        return _(
            "The complaint is still being handled: we need your details to contact you and to settle it. "
            "You may ask again once it is closed."
        )
    ends_on = retention_ends_on(complaint)
    if ends_on is not None and timezone.localdate() < ends_on:
        return _(
            "The law requires us to keep the record of a complaint for %(years)d years after it ends; "
            "this one is kept until %(date)s. Until then only the staff who need it can see your details."
        ) % {"years": settings.ARCHIVE_RETENTION_YEARS, "date": ends_on.isoformat()}
    return ""


def _privacy_save(complaint: Complaint, *, reason: str, **values) -> None:
    """Save the complainant's fields with a history row, archived or not (see the module's docstring)."""
    for name, value in values.items():
        setattr(complaint, name, value)
    complaint.version += 1
    complaint._change_reason = reason
    complaint.save(update_fields=[*values, "version"])


def _personal_data_correct(complaint: Complaint, *, actor, corrections: dict) -> None:
    changes = {
        name: value.strip()
        for name, value in corrections.items()
        if name in CORRECTABLE_FIELDS and value is not None and value.strip() != getattr(complaint, name)
    }
    if not changes:
        raise ValidationError(_("Enter the corrected details: at least one must differ from what is on record."))
    for name, value in changes.items():
        setattr(complaint, name, value)
    complaint.clean_fields(exclude=[field.name for field in Complaint._meta.fields if field.name not in changes])
    _privacy_save(complaint, reason=_("Corrected at the complainant's request"), **changes)
    labels = ", ".join(str(Complaint._meta.get_field(name).verbose_name) for name in changes)
    _log(
        complaint,
        actor=actor,
        transition="personal_data_corrected",
        note=_("Corrected at the complainant's request: %(fields)s.") % {"fields": labels},
    )


def personal_data_erase(complaint: Complaint, *, actor, reason: str) -> None:
    """Anonymise the complaint, its history, its timeline notes and the messages already sent —
    at the complainant's request, or when its retention period ended and leadership approved.
    Never deletes a row: the counts, categories and clocks of the reports stay as they were."""
    blank = dict.fromkeys(ERASED_FIELDS, "")
    _privacy_save(complaint, reason=reason, personal_data_erased_at=timezone.now(), **blank)
    Complaint.history.filter(id=complaint.pk).update(**blank)
    complaint.events.update(note="")
    ContactAttempt.objects.filter(complaint=complaint).update(note="")
    ContactAttempt.history.filter(complaint_id=complaint.pk).update(note="")
    PrivacyRequest.objects.filter(complaint=complaint).update(details="")
    PrivacyRequest.history.filter(complaint_id=complaint.pk).update(details="")
    OutboxMessage.objects.filter(complaint=complaint).exclude(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING]
    ).update(recipient="", subject="", body="")
    _log(complaint, actor=actor, transition="personal_data_erased", note=str(_("Personal data erased.")))
