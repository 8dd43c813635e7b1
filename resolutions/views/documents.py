"""The result notice (printable page and PDF) and the payment vouchers, for desk staff only."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.privacy import can_see_personal_data, personal_data_access_log
from intake.models import State
from intake.uploads import INLINE_CONTENT_TYPES

from ..case_file import case_file_pdf
from ..forms import NoticeSendForm
from ..models import Compensation
from ..notice import notice_pdf, notice_sections
from ..selectors import follow_ups_to_read, notice_content_build
from ..services.agreement import notice_send_problems
from .common import VIEW, complaint_get


def _notice_content(complaint) -> tuple[dict, object]:
    """The sent notice as it was sent; before sending, a draft from the record as it stands."""
    notice = complaint.result_notices.first()
    if notice is not None:
        return notice.content, notice
    return notice_content_build(complaint), None


def _access_log(request: HttpRequest, complaint) -> None:
    """The notice is the complainant's letter and names them in full: every reading is on the record."""
    personal_data_access_log(user=request.user, complaint=complaint, purpose="result notice")


def notice_page_render(request: HttpRequest, complaint, *, send_form=None, status: int = 200) -> HttpResponse:
    """The notice as sent, or before sending the draft with what stops it and the send confirmation."""
    content, notice = _notice_content(complaint)
    _access_log(request, complaint)
    may_send = notice is None and complaint.state == State.RESOLVED and request.user.has_perm("intake.notify_result")
    context = {
        "complaint": complaint,
        "notice": notice,
        "content": content,
        "sections": notice_sections(content),
        "today": timezone.localdate(),
        "problems": notice_send_problems(complaint) if complaint.state == State.RESOLVED else [],
        "send_form": send_form or (NoticeSendForm() if may_send else None),
        "seen_version": complaint.version,
    }
    return render(request, "resolutions/notice.html", context, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_page(request: HttpRequest, pk: int) -> HttpResponse:
    return notice_page_render(request, complaint_get(pk))


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_get(pk)
    content, _notice = _notice_content(complaint)
    _access_log(request, complaint)
    return _pdf_response(notice_pdf(content), f"notice-{complaint.tracking_number}.pdf")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def case_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole record as one PDF; personal data in clear only for roles that may see it (logged)."""
    complaint = complaint_get(pk)
    show = can_see_personal_data(request.user)
    if show:
        personal_data_access_log(user=request.user, complaint=complaint, purpose="case file")
    return _pdf_response(case_file_pdf(complaint, show_personal_data=show), f"case-{complaint.tracking_number}.pdf")


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
    """Survey answers an agent must read before closing: unsatisfied, or with a comment; oldest first."""
    return render(request, "resolutions/unsatisfied.html", {"follow_ups": follow_ups_to_read()[:200]})
