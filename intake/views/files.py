"""Evidence downloads: staff only, through this view, never from a public media URL."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from core.privacy import personal_data_access_log

from ..models import Attachment
from ..uploads import INLINE_CONTENT_TYPES


@require_GET
@login_required
@permission_required("intake.view_complaint", raise_exception=True)
def attachment_download(request: HttpRequest, complaint_pk: int, pk: int) -> FileResponse:
    """Only raster images we decoded and re-encoded ourselves are shown inline; everything else
    downloads, so an uploaded file can never run as a page of our own origin."""
    attachment = get_object_or_404(Attachment, pk=pk, complaint_id=complaint_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404
    # Evidence shows the complainant's home, voice and chats: every download is on the record.
    personal_data_access_log(user=request.user, complaint=attachment.complaint, purpose=f"evidence {attachment.pk}")
    inline = attachment.content_type in INLINE_CONTENT_TYPES and attachment.kind == Attachment.Kind.IMAGE
    response = FileResponse(
        handle, as_attachment=not inline, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
