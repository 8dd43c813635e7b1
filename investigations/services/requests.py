"""Asking the worker or the company for evidence with a due date, and recording its arrival."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.outbox import message_queue
from intake.models import ComplaintEvent
from intake.validators import mobile_phone_normalize

from ..models import EvidenceRequest
from .evidence import _locked

#: Asking for evidence is part of collecting it: the same permission as adding an item.
PERMISSION = "investigations.add_evidenceitem"


@transaction.atomic
def evidence_request_create(
    *, complaint_id: int, actor, addressee: str, addressee_name: str, asked_for: str, due_on: date, phone: str = ""
) -> EvidenceRequest:
    """Record the request on the timeline and, when a phone is given, send it by SMS. The text names
    the service date, never the complaint's tracking number (the worker knows the customer's phone)."""
    complaint, investigation = _locked(complaint_id, actor, PERMISSION)
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("The due date must be after today.")})
    request = EvidenceRequest(
        investigation=investigation,
        addressee=addressee,
        addressee_name=addressee_name,
        phone=mobile_phone_normalize(phone) if phone.strip() else "",
        asked_for=asked_for,
        due_on=due_on,
        requested_by=actor,
    )
    request.full_clean()
    request.save()
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        note=_("Evidence asked of %(name)s by %(due)s: %(what)s")
        % {"name": addressee_name, "due": due_on.isoformat(), "what": asked_for},
    )
    if request.phone:
        with override("zh-hans"):
            when = timezone.localtime(complaint.occurred_at or complaint.received_at).strftime("%Y-%m-%d")
            body = _(
                "The complaint desk asks you for evidence about the service of %(date)s by %(due)s: %(what)s. "
                "Please hand it to the person in charge of the investigation."
            ) % {"date": when, "due": due_on.isoformat(), "what": asked_for}
        message_queue(
            channel="sms", recipient=request.phone, body=body, complaint=complaint, purpose="evidence_request"
        )
    return request


@transaction.atomic
def evidence_request_receive(*, request_id: int, actor) -> EvidenceRequest:
    complaint_id = EvidenceRequest.objects.values_list("investigation__complaint_id", flat=True).get(pk=request_id)
    complaint, _investigation = _locked(complaint_id, actor, PERMISSION)
    request = EvidenceRequest.objects.select_for_update().get(pk=request_id)
    if request.received_at is not None:
        raise ValidationError(_("This evidence was already received."))
    request.received_at = timezone.now()
    request.save(update_fields=["received_at"])
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        note=_("Evidence received from %(name)s.") % {"name": request.addressee_name},
    )
    return request
