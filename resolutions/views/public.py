"""The result notice for the complainant who looked their complaint up on /track/: no login, the
same notice as the desk's but with the name masked, and only for the complaint of that lookup."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.privacy import mask_name
from intake.tracking import tracked_complaint

from ..notice import notice_pdf, notice_sections


def _sent_notice(request: HttpRequest):
    complaint = tracked_complaint(request.session)
    notice = complaint.result_notices.first() if complaint is not None else None
    return complaint, notice


def _masked(content: dict) -> dict:
    """The page is reached with number and phone only: the name stays masked, as everywhere public."""
    return {**content, "complainant_name": mask_name(content["complainant_name"])}


@never_cache
@require_http_methods(["GET"])
def track_notice(request: HttpRequest) -> HttpResponse:
    complaint, notice = _sent_notice(request)
    if notice is None:
        return redirect("track")
    context = {"notice": notice, "sections": notice_sections(_masked(notice.content))}
    return render(request, "resolutions/track_notice.html", context)


@never_cache
@require_http_methods(["GET"])
def track_notice_pdf(request: HttpRequest) -> HttpResponse:
    complaint, notice = _sent_notice(request)
    if notice is None:
        return redirect("track")
    response = HttpResponse(notice_pdf(_masked(notice.content)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notice-{complaint.tracking_number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
