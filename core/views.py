from django.conf import settings
from django.http import HttpRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from . import health
from .api_errors import api_not_found


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": health.database_ok(), "broker": health.broker_ok()}
    body = {"status": "ok" if all(checks.values()) else "degraded"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


def home(request: HttpRequest):
    """Staff land where their role works (the inbox, or the reports for managers); everyone else
    on the public start page."""
    user = request.user
    if user.has_perm("intake.view_complaint"):
        return redirect("desk")
    if user.has_perm("reporting.view_report"):
        return redirect("reports")
    return render(request, "core/home.html")


def page_not_found(request: HttpRequest, exception=None):
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest):
    """Rendered without the request's context: the failure may be the database itself, and the
    session, the messages and the user all need it. A second error here would replace the page
    with the server's bare one."""
    return HttpResponseServerError(render_to_string("errors/500.html"))


def permission_denied(request: HttpRequest, exception=None):
    return render(request, "errors/403.html", status=403)


def bad_request(request: HttpRequest, exception=None):
    return render(request, "errors/400.html", status=400)


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """The page django-axes shows once a user name is locked on a client address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
