"""Which complaints a staff member may open.

Agents, investigators and supervisors work the whole desk and see every complaint, except that a
complaint about the desk itself is the supervisors' (seed 002): agents and investigators never see
it, so nobody whose handling it reports reads it or works it. A ruling-panel
member sees only the complaints whose ruling panel they sit on; management sees what its role
oversees (domain.md §1, §2, §3): major complaints, urgent ones and their emergencies, complaints
reported to management, those escalated to management by hand, and those whose missed deadline
was escalated to them. Everything else answers 404, as if it did not exist, on pages, file
downloads and the API alike (see docs/security-audit.md).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, JsonResponse
from rest_framework import exceptions

from core import roles

from .choices import Category, Channel, EscalationLayer, Severity
from .models import Complaint, ManagementReport

#: Whoever may accept or investigate complaints works the whole desk (agents, investigators,
#: supervisors). Read from the permissions, which Django caches per request, so the inbox keeps
#: its query count.
WHOLE_DESK_PERMISSIONS = ("intake.accept_complaint", "intake.investigate_complaint")


#: Who sees complaints about the desk: the supervisors, who assign them (seed 002).
DESK_REPORTS_PERMISSION = "intake.assign_complaint"


def sees_whole_desk(user) -> bool:
    return any(user.has_perm(permission) for permission in WHOLE_DESK_PERMISSIONS)


def sees_every_complaint(user) -> bool:
    return sees_whole_desk(user) and user.has_perm(DESK_REPORTS_PERMISSION)


def about_the_desk() -> Q:
    """Complaints about how the desk handled a complaint (``Complaint.is_about_the_desk`` as a filter)."""
    return Q(category=Category.DESK_HANDLING) | Q(channel=Channel.DESK_REPORT) | Q(earlier_complaint__isnull=False)


def _panel_scope(user) -> Q:
    from resolutions.models import Ruling

    return Q(Exists(Ruling.objects.filter(complaint=OuterRef("pk"), members=user)))


def _management_scope(user) -> Q:
    from deadlines.models import DeadlineNotice

    return (
        Q(severity=Severity.MAJOR)
        | Q(urgent=True)
        | Q(escalation_layer__gte=EscalationLayer.MANAGEMENT)
        | Q(Exists(ManagementReport.objects.filter(complaint=OuterRef("pk"))))
        | Q(Exists(DeadlineNotice.objects.filter(deadline__complaint=OuterRef("pk"), recipient=user)))
    )


def complaints_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """``queryset`` (every complaint by default) narrowed to what ``user`` may open."""
    queryset = Complaint.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.has_perm("intake.view_complaint"):
        return queryset.none()
    if sees_every_complaint(user):
        return queryset
    if sees_whole_desk(user):
        return queryset.exclude(about_the_desk())
    user_roles = roles.user_roles(user)
    scope = Q(pk__in=[])
    if roles.RULING_PANEL in user_roles:
        scope |= _panel_scope(user)
    if roles.MANAGEMENT in user_roles:
        scope |= _management_scope(user)
    return queryset.filter(scope)


def complaint_visible(user, complaint_id: int) -> bool:
    return complaints_visible_to(user).filter(pk=complaint_id).exists()


def complaint_visible_or_404(user, complaint_id: int) -> None:
    if not complaint_visible(user, complaint_id):
        raise Http404


class ComplaintScopeMiddleware:
    """Answers 404 on every desk route of a complaint the user may not open.

    Routes name their complaint ``pk`` under ``desk/complaints/<pk>/`` or ``complaint_pk``; checking
    here, once, keeps a route added later from forgetting it. Users without the permission to view
    complaints at all are left to the view (a login redirect or 403). Routes keyed by a record of a
    complaint (an evidence file) check in their view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        complaint_id = _complaint_of_route(request, view_kwargs)
        user = getattr(request, "user", None)
        if complaint_id is None or user is None or not user.has_perm("intake.view_complaint"):
            return None
        if not sees_every_complaint(user) and not complaint_visible(user, complaint_id):
            if request.path.startswith("/api/"):
                return _api_not_found()
            raise Http404
        return None


def _api_not_found() -> JsonResponse:
    """The API's own 404 body (core.api_errors), in the user's language."""
    error = exceptions.NotFound()
    return JsonResponse({"code": error.default_code, "detail": str(error.detail)}, status=404)


def _complaint_of_route(request, view_kwargs) -> int | None:
    if "complaint_pk" in view_kwargs:
        return view_kwargs["complaint_pk"]
    match = request.resolver_match
    if match is not None and match.route.startswith("desk/complaints/<int:pk>/") and "pk" in view_kwargs:
        return view_kwargs["pk"]
    return None
