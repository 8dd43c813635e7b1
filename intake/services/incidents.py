"""Group incidents (seed 002: 突发性群体投诉): opening one with its complaints and lead, linking more
complaints, ticking the emergency plan and recording the public statement owed within 72 hours."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import roles

from ..locking import complaint_for_update, complaint_save
from ..models import Complaint, ComplaintEvent, Incident, IncidentCheck
from ..signals import incident_opened, incident_statement_made
from ..validators import tracking_number_normalize

INCIDENT_PERMISSION = "intake.lead_incident"


def _lead_check(actor) -> None:
    if actor is None or not actor.has_perm(INCIDENT_PERMISSION):
        raise PermissionDenied


def tracking_numbers_parse(text: str) -> list[Complaint]:
    """The complaints named by tracking numbers separated by spaces, commas or new lines; an unknown
    number is refused by name."""
    numbers = list(
        dict.fromkeys(tracking_number_normalize(n) for n in text.replace(",", " ").replace("，", " ").split())
    )
    found = {c.tracking_number: c for c in Complaint.objects.filter(tracking_number__in=numbers)}
    unknown = [n for n in numbers if n not in found]
    if unknown:
        raise ValidationError(
            {"complaints": _("No complaint has the tracking number %(numbers)s.") % {"numbers": ", ".join(unknown)}}
        )
    if not numbers:
        raise ValidationError({"complaints": _("Name at least one complaint by its tracking number.")})
    return [found[n] for n in numbers]


def _link(*, complaint_id: int, incident: Incident, actor) -> Complaint:
    """Link one complaint; a complaint belongs to one incident at most."""
    complaint = complaint_for_update(pk=complaint_id)
    if complaint.incident_id == incident.pk:
        raise ValidationError(
            _("Complaint %(number)s is already part of this incident.") % {"number": complaint.tracking_number}
        )
    if complaint.incident_id is not None:
        raise ValidationError(
            _("Complaint %(number)s is already part of the incident “%(title)s”; a complaint belongs to one incident.")
            % {"number": complaint.tracking_number, "title": complaint.incident}
        )
    complaint.incident = incident
    complaint._change_reason = incident.title[:100]
    complaint_save(complaint, update_fields=["incident"])
    with override("zh-hans"):
        note = _("Linked to the group incident “%(title)s”.") % {"title": incident.title}
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="incident_link", note=note
    )
    return complaint


@transaction.atomic
def incident_open(*, actor, title: str, kind: str, lead, complaints: list[Complaint]) -> Incident:
    """Open an incident with its first complaints; its 72-hour statement clock starts now."""
    _lead_check(actor)
    if lead is None or not lead.is_active or not roles.user_roles(lead):
        raise ValidationError({"lead": _("Choose an active member of staff as the lead.")})
    if not complaints:
        raise ValidationError({"complaints": _("Name at least one complaint by its tracking number.")})
    incident = Incident(title=title.strip(), kind=kind, lead=lead, opened_by=actor, opened_at=timezone.now())
    incident.full_clean()
    incident.save()
    linked = [_link(complaint_id=c.pk, incident=incident, actor=actor) for c in complaints]
    first = min(linked, key=lambda c: (c.received_at, c.pk))
    incident_opened.send(sender=Incident, complaint=first, incident=incident)
    return incident


@transaction.atomic
def incident_complaint_link(*, incident_id: int, actor, complaints: list[Complaint]) -> Incident:
    _lead_check(actor)
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    for complaint in complaints:
        _link(complaint_id=complaint.pk, incident=incident, actor=actor)
    return incident


@transaction.atomic
def incident_check_tick(*, incident_id: int, actor, item: str) -> IncidentCheck:
    """Tick one item of the emergency plan, with who and when; an item is ticked once."""
    _lead_check(actor)
    if item not in IncidentCheck.Item.values:
        raise ValidationError({"item": _("Choose an item of the emergency plan.")})
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    if incident.checks.filter(item=item).exists():
        raise ValidationError(_("This item of the emergency plan is ticked already."))
    return IncidentCheck.objects.create(incident=incident, item=item, ticked_by=actor, ticked_at=timezone.now())


@transaction.atomic
def incident_statement_record(*, incident_id: int, actor, statement: str) -> Incident:
    """The public statement (seed 002: 72小时内说明情况) was made: it meets the incident's clock."""
    _lead_check(actor)
    statement = statement.strip()
    if not statement:
        raise ValidationError({"statement": _("Write what the public statement said.")})
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    if incident.statement_at is not None:
        raise ValidationError(_("The public statement of this incident is recorded already."))
    incident.statement, incident.statement_at = statement, timezone.now()
    incident.save(update_fields=["statement", "statement_at"])
    first = incident.complaints.order_by("received_at", "pk").first()
    incident_statement_made.send(sender=Incident, complaint=first, incident=incident, by=actor)
    return incident


@transaction.atomic
def incident_conclusion_record(*, incident_id: int, actor, conclusion: str) -> Incident:
    """The incident's conclusion for its report: what happened, what was done, what changes. The lead
    may revise it as the complaints are resolved; the history keeps every earlier version."""
    _lead_check(actor)
    conclusion = conclusion.strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Write the incident's conclusion.")})
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    incident.conclusion = conclusion
    incident._change_reason = "conclusion"
    incident.save(update_fields=["conclusion"])
    return incident
