"""The emergency banner of every staff page (the desk shell and Django admin)."""

from django import template

from ..selectors import emergencies_unacknowledged

register = template.Library()


@register.inclusion_tag("intake/emergency_banner.html", takes_context=True)
def emergency_banner(context) -> dict:
    """Unacknowledged emergencies for staff who may see them; nothing (and no query) for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("intake.view_emergency"):
        return {"emergencies": []}
    emergencies, more = emergencies_unacknowledged()
    return {"emergencies": emergencies, "more": more, "may_open": user.has_perm("intake.view_complaint")}
