"""The public pages: complaint form, receipt and status lookup. No login, so no trust either."""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from core.ratelimit import client_address, rate_limit_hit

from ..forms.public import PublicComplaintForm, TrackAddForm, TrackForm
from ..models import Complaint
from ..services.additions import complaint_information_add
from ..services.submission import (
    complaint_by_idempotency_key,
    complaint_submit,
    idempotency_key_new,
    idempotency_key_valid,
)
from ..tracking import complaint_tracked, public_status, reply_promised_by, tracked_complaint, tracked_remember
from ..validators import tracking_number_normalize
from .privacy import track_privacy_context

logger = logging.getLogger(__name__)

_RECEIPT_SALT = "intake.receipt"
_RECEIPT_MAX_AGE = 7 * 24 * 3600
COMPLAINT_RATE_SCOPE = "public-complaint"
TRACK_RATE_SCOPE = "track"
TRACK_ADD_RATE_SCOPE = "track-add"


def receipt_url(complaint: Complaint) -> str:
    """A link only the submitter gets: the tracking number signed with the site's key."""
    token = signing.dumps(complaint.tracking_number, salt=_RECEIPT_SALT, compress=True)
    return reverse("complaint-receipt", kwargs={"token": token})


def _render_form(
    request: HttpRequest,
    form: PublicComplaintForm,
    status: int = 200,
    files_dropped: bool = False,
    page_error: str = "",
) -> HttpResponse:
    """``files_dropped``: a browser never re-sends chosen files with a form shown again, so say so.
    ``page_error``: what went wrong when the request could not even be read into the form."""
    context = {
        "form": form,
        "files_dropped": files_dropped,
        "page_error": page_error,
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        # The language buttons submit this form, so that switching keeps what was typed.
        "language_form": "complaint-form",
    }
    return render(request, "intake/public/complaint_form.html", context, status=status)


def _language_switch(request: HttpRequest, data) -> HttpResponse:
    """The form again, as typed, in the language chosen: nothing is submitted or checked."""
    language = data["language"]
    with translation.override(language):  # the form's help texts are written when it is built
        form = PublicComplaintForm(
            initial={
                name: data.getlist(name) if isinstance(field, forms.MultipleChoiceField) else data.get(name)
                for name, field in PublicComplaintForm.base_fields.items()
                if name in data and name != "evidence"
            }
        )
        response = _render_form(request, form, files_dropped=bool(request.FILES))
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=settings.LANGUAGE_COOKIE_SECURE)
    return response


def _body_too_large(request: HttpRequest) -> bool:
    """Refuse before reading: the body can hold at most every file plus the text fields."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.COMPLAINT_MAX_TOTAL_UPLOAD + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@never_cache
@csrf_exempt  # CSRF is enforced by ``_complaint_new`` below, after the size checks.
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """Size checks first: the CSRF check reads the body, and a body over Django's limits would
    otherwise end on a bare 400 page instead of the form with a message."""
    if request.method == "POST":
        too_large = _("What you sent is too large or has too many files (at most %(count)d). Please try again.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
        if _body_too_large(request):
            return _render_form(request, _blank_form(), status=413, page_error=too_large)
        try:
            request.POST, request.FILES  # noqa: B018 -- parse once here, where the limits can be answered
        except (RequestDataTooBig, TooManyFilesSent):
            return _render_form(request, _blank_form(), status=413, page_error=too_large)
    return _complaint_new(request)


def _blank_form() -> PublicComplaintForm:
    return PublicComplaintForm(initial={"idempotency_key": idempotency_key_new()})


@csrf_protect
def _complaint_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_form(request, _blank_form())
    data = request.POST.copy()
    if data.get("language") in dict(settings.LANGUAGES):
        return _language_switch(request, data)
    # A retried POST (timeout, double tap) answers with the complaint it already created.
    existing = complaint_by_idempotency_key(data.get("idempotency_key", "")[:64])
    if existing is not None:
        return redirect(receipt_url(existing))
    if not idempotency_key_valid(data.get("idempotency_key")):
        data["idempotency_key"] = idempotency_key_new()
    form = PublicComplaintForm(data, request.FILES)
    if not form.is_valid():
        return _render_form(request, form, files_dropped=bool(request.FILES))
    if form.is_spam:
        logger.info("Public complaint refused: honeypot field filled")
        form.add_error(None, _("Your complaint could not be sent. Please try again or call our hotline."))
        return _render_form(request, form, status=400)
    if not rate_limit_hit(scope=COMPLAINT_RATE_SCOPE, key=client_address(request), rate=settings.PUBLIC_COMPLAINT_RATE):
        form.add_error(
            None, _("Too many complaints were sent from your connection. Please try again later or call our hotline.")
        )
        return _render_form(request, form, status=429)
    complaint, _created = complaint_submit(**form.complaint_fields())
    return redirect(receipt_url(complaint))


@never_cache
@require_http_methods(["GET"])
def complaint_receipt(request: HttpRequest, token: str) -> HttpResponse:
    try:
        tracking_number = signing.loads(token, salt=_RECEIPT_SALT, max_age=_RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404
    complaint = Complaint.objects.filter(tracking_number=tracking_number).first()
    if complaint is None:
        raise Http404
    return render(
        request,
        "intake/public/receipt.html",
        {"complaint": complaint, "reply_promised_by": reply_promised_by(complaint)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Status lookup by POST, so that the phone never lands in logs or history. A link may fill
    in the tracking number (``?number=``); after a lookup the page follows that complaint for an
    hour without retyping (the notice, adding information)."""
    if request.method == "GET":
        complaint = None if "number" in request.GET else tracked_complaint(request.session)
        if complaint is not None:
            return track_render(request, complaint)
        number = tracking_number_normalize(request.GET.get("number", "")[:40])
        return render(request, "intake/public/track.html", {"form": TrackForm(initial={"tracking_number": number})})
    form = TrackForm(request.POST)
    context = {"form": form}
    if not rate_limit_hit(scope=TRACK_RATE_SCOPE, key=client_address(request), rate=settings.TRACK_LOOKUP_RATE):
        context["refused"] = _("Too many lookups from your connection. Please try again later.")
        return render(request, "intake/public/track.html", context, status=429)
    complaint = complaint_tracked(**form.cleaned_data) if form.is_valid() else None
    if complaint is not None:
        tracked_remember(request.session, complaint)
        return track_render(request, complaint)
    context["not_found"] = form.is_valid()
    return render(request, "intake/public/track.html", context)


def track_render(
    request: HttpRequest,
    complaint: Complaint,
    add_form: TrackAddForm | None = None,
    status=200,
    add_refused="",
    privacy_form=None,
):
    context = {
        "status": public_status(complaint),
        "add_form": add_form or TrackAddForm(),
        "add_refused": add_refused,
        **track_privacy_context(complaint, privacy_form),
    }
    return render(request, "intake/public/track.html", context, status=status)


@never_cache
@csrf_exempt  # CSRF is enforced by ``_track_add`` below, after the size checks.
@require_http_methods(["POST"])
def track_add(request: HttpRequest) -> HttpResponse:
    """A message or files for the complaint this browser looked up, with the public form's checks."""
    complaint = tracked_complaint(request.session)
    if complaint is None:
        return redirect("track")
    too_large = _("What you sent is too large or has too many files (at most %(count)d). Please try again.") % {
        "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
    }
    if _body_too_large(request):
        return _track_refused(request, complaint, too_large, status=413)
    try:
        request.POST, request.FILES  # noqa: B018 -- parse once here, where the limits can be answered
    except (RequestDataTooBig, TooManyFilesSent):
        return _track_refused(request, complaint, too_large, status=413)
    return _track_add(request, complaint)


def _track_refused(request: HttpRequest, complaint: Complaint, error: str, *, status: int) -> HttpResponse:
    return track_render(request, complaint, status=status, add_refused=error)


@csrf_protect
def _track_add(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = TrackAddForm(request.POST, request.FILES)
    if not form.is_valid():
        return track_render(request, complaint, form, status=400)
    if not rate_limit_hit(scope=TRACK_ADD_RATE_SCOPE, key=client_address(request), rate=settings.TRACK_ADD_RATE):
        return _track_refused(
            request, complaint, _("Too many messages from your connection. Please try again later."), status=429
        )
    try:
        complaint_information_add(
            complaint_id=complaint.pk, text=form.cleaned_data["text"], uploads=form.cleaned_data["evidence"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return track_render(request, complaint, form, status=400)
    messages.success(request, _("Thank you. What you added is now with the person handling your complaint."))
    return redirect("track")
