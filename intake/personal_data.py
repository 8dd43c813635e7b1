"""What the desk holds about a complainant in one complaint, for the data subject's copy
(个人信息保护法 Art. 45): the details they gave, what happened to the complaint, the messages we
sent them and their requests. Internal notes, staff names and other people's statements are not
the complainant's personal data and stay out."""

from datetime import timedelta

from django.utils import timezone

from core.models import OutboxMessage

from .models import Complaint, PrivacyRequest
from .tracking import public_status

#: How long a fulfilled request to see or copy keeps the data page open on /track/.
COPY_OPEN_FOR = timedelta(days=30)

_COMPLAINANT_FIELDS = (
    "tracking_number",
    "channel",
    "complainant_name",
    "phone",
    "landline",
    "email",
    "address",
    "order_number",
    "service_type",
    "worker_named",
    "occurred_at",
    "occurred_place",
    "description",
    "demands",
    "demand_note",
    "reply_wanted_by",
    "received_at",
    "privacy_consent_at",
    "consent_withdrawn_at",
    "processing_restricted_at",
)


def personal_data_copy_open(complaint: Complaint) -> bool:
    """A request to see or copy was fulfilled in the last 30 days."""
    return complaint.privacy_requests.filter(
        kind__in=[PrivacyRequest.Kind.SEE, PrivacyRequest.Kind.COPY],
        status=PrivacyRequest.Status.FULFILLED,
        decided_at__gte=timezone.now() - COPY_OPEN_FOR,
    ).exists()


def _value(complaint: Complaint, name: str):
    value = getattr(complaint, name)
    display = getattr(complaint, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).isoformat()
    return value


def personal_data_export(complaint: Complaint) -> dict:
    """The complainant's data as labelled sections, ready for a page or for JSON."""
    fields = [
        {"field": name, "label": str(Complaint._meta.get_field(name).verbose_name), "value": _value(complaint, name)}
        for name in _COMPLAINANT_FIELDS
    ]
    status = public_status(complaint)
    return {
        "exported_at": timezone.localtime().isoformat(),
        "complaint": fields,
        "state": status.state_label,
        "progress": [
            {"at": timezone.localtime(event.at).isoformat(), "event": event.label, "note": event.note}
            for event in status.events
        ],
        "attachments": [
            {"name": attachment.original_name, "kind": attachment.get_kind_display(), "size": attachment.size}
            for attachment in complaint.attachments.all()
        ],
        "messages_sent": [
            {
                "at": timezone.localtime(message.created_at).isoformat(),
                "channel": message.get_channel_display(),
                "to": message.recipient,
                "text": message.body,
            }
            for message in OutboxMessage.objects.filter(complaint=complaint).order_by("created_at", "pk")
        ],
        "requests": [
            {
                "kind": request.get_kind_display(),
                "received_at": timezone.localtime(request.received_at).isoformat(),
                "status": request.get_status_display(),
                "reason": request.refusal_reason,
            }
            for request in complaint.privacy_requests.order_by("received_at", "pk")
        ],
    }
