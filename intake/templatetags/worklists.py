"""The desk menu of worklists with their counters, on every staff page."""

from django import template

from ..worklists import worklist_counts

register = template.Library()


@register.inclusion_tag("intake/desk/includes/worklist_menu.html", takes_context=True)
def worklist_menu(context) -> dict:
    """The user's worklists and counts (one query); nothing, and no query, for users without complaints."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("intake.view_complaint"):
        return {"worklists": []}
    current = (
        request.GET.get("worklist", "") if request.resolver_match and request.resolver_match.url_name == "desk" else ""
    )
    rows = [
        {
            "key": worklist.key,
            "label": worklist.label,
            "url": worklist.url(),
            "count": count,
            "current": worklist.key == current,
        }
        for worklist, count in worklist_counts(user)
    ]
    return {"worklists": rows}
