"""Asking the worker or the company for evidence with a due date, and recording its arrival."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import ComplaintEvent
from intake.validators import mobile_phone_normalize

from .. import signals
from ..models import EvidenceRequest
from ..notifications import evidence_request_tell
from .evidence import _locked

#: Asking for evidence is part of collecting it: the same permission as adding an item.
PERMISSION = "investigations.add_evidenceitem"


@transaction.atomic
def evidence_request_create(
    *, complaint_id: int, actor, addressee: str, addressee_name: str, asked_for: str, due_on: date, phone: str = ""
) -> EvidenceRequest:
    """Record the request on the timeline, start its clock and, when a phone is given, send it by SMS
    (``investigations.notifications``: never the complaint's tracking number)."""
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
    signals.evidence_requested.send(sender=EvidenceRequest, complaint=complaint, request=request)
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        note=_("Evidence asked of %(name)s by %(due)s: %(what)s")
        % {"name": addressee_name, "due": due_on.isoformat(), "what": asked_for},
    )
    evidence_request_tell(request=request, complaint=complaint)
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
    signals.evidence_received.send(sender=EvidenceRequest, complaint=complaint, request=request, by=actor)
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        note=_("Evidence received from %(name)s.") % {"name": request.addressee_name},
    )
    return request
