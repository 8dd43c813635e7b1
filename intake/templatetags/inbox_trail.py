"""Previous / next complaint on the workbench, from the last inbox page (see ``intake.trail``)."""

from django import template

from ..trail import trail_neighbours

register = template.Library()


@register.inclusion_tag("intake/workbench/neighbours.html", takes_context=True)
def inbox_neighbours(context, complaint) -> dict:
    request = context.get("request")
    session = getattr(request, "session", None)
    return {"trail": trail_neighbours(session, complaint.pk) if session is not None else None}
