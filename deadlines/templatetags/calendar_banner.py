"""The supervisors' reminder that a year has no official calendar yet, on staff pages and in admin."""

from django import template

from ..notice_preview import years_without_calendar

register = template.Library()


@register.inclusion_tag("deadlines/calendar_banner.html", takes_context=True)
def calendar_banner(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("deadlines.add_holidaynotice"):
        return {"years": []}
    return {"years": years_without_calendar()}
