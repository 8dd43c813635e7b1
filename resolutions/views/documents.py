"""The result notice (printable page and PDF) and the payment vouchers, for desk staff only."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.privacy import can_see_personal_data, personal_data_access_log
from intake.uploads import INLINE_CONTENT_TYPES

from ..models import Compensation
from ..notice import notice_pdf, notice_sections
from ..selectors import follow_ups_unsatisfied, notice_content_build
from .common import VIEW, complaint_get


def _notice_content(complaint) -> tuple[dict, object]:
    """The sent notice as it was sent; before sending, a draft from the record as it stands."""
    notice = complaint.result_notices.first()
    if notice is not None:
        return notice.content, notice
    return notice_content_build(complaint), None


def _show_name(request: HttpRequest, complaint) -> bool:
    if not can_see_personal_data(request.user):
        return False
    personal_data_access_log(user=request.user, complaint=complaint, purpose="result notice")
    return True


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_page(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_get(pk)
    content, notice = _notice_content(complaint)
    context = {
        "complaint": complaint,
        "notice": notice,
        "content": content,
        "sections": notice_sections(content, show_name=_show_name(request, complaint)),
        "today": timezone.localdate(),
    }
    return render(request, "resolutions/notice.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_get(pk)
    content, _notice = _notice_content(complaint)
    response = HttpResponse(
        notice_pdf(content, show_name=_show_name(request, complaint)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="notice-{complaint.tracking_number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def voucher_download(request: HttpRequest, pk: int, compensation_id: int) -> FileResponse:
    """The voucher of one compensation of this complaint: inline only for images we re-encoded."""
    item = get_object_or_404(Compensation, pk=compensation_id, complaint_id=pk)
    if not item.voucher:
        raise Http404
    try:
        handle = item.voucher.open("rb")
    except FileNotFoundError:  # the record outlived its file: not found, never a server error
        raise Http404
    inline = item.voucher_content_type in INLINE_CONTENT_TYPES
    extension = "pdf" if item.voucher_content_type == "application/pdf" else item.voucher_content_type.split("/")[-1]
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"voucher-{item.pk}.{extension}",
        content_type=item.voucher_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@permission_required("intake.follow_up_complaint", raise_exception=True)
def unsatisfied_list(request: HttpRequest) -> HttpResponse:
    """Complaints whose complainant said they are unsatisfied, oldest answer first, with the reason."""
    return render(request, "resolutions/unsatisfied.html", {"follow_ups": follow_ups_unsatisfied()[:200]})
