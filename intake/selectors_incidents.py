"""Reads of group incidents: the list, and the incident's own report."""

from collections import Counter

from django.db.models import Count, QuerySet

from .models import Incident, IncidentCheck


def incidents_list() -> QuerySet:
    return Incident.objects.select_related("lead").annotate(complaint_count=Count("complaints"))


def incident_report(incident: Incident) -> dict:
    """The incident's short report: its complaints by state and category, the span of their
    receipt, the emergency plan's progress and the statement against its 72 hours."""
    complaints = list(incident.complaints.order_by("received_at", "pk").select_related("assigned_to"))
    ticks = {check.item: check for check in incident.checks.select_related("ticked_by")}
    clock = incident.deadlines.order_by("started_at").first()
    return {
        "complaints": complaints,
        "by_state": Counter(c.get_state_display() for c in complaints).most_common(),
        "by_category": Counter(c.get_category_display() or "—" for c in complaints).most_common(),
        "first_received": complaints[0].received_at if complaints else None,
        "last_received": complaints[-1].received_at if complaints else None,
        "plan": [(value, label, ticks.get(value)) for value, label in IncidentCheck.Item.choices],
        "plan_done": len(ticks),
        "plan_total": len(IncidentCheck.Item.choices),
        "clock": clock,
        "statement_on_time": bool(clock and incident.statement_at and incident.statement_at <= clock.due_at),
    }
