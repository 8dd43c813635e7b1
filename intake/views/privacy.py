"""Requests about personal data (docs/personal-data.md): the complainant's side on /track/, the
privacy notice, the workbench panel and its endpoints, and the supervisors' list of open requests."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.privacy import can_see_personal_data, personal_data_access_log
from core.ratelimit import client_address, rate_limit_hit

from ..forms.privacy import PrivacyCorrectionForm, PrivacyRefuseForm, PrivacyRequestForm, PrivacyRequestRegisterForm
from ..models import Complaint, ComplaintEvent, PrivacyRequest
from ..personal_data import personal_data_copy_open, personal_data_export
from ..services.privacy import (
    HANDLE_PERMISSION,
    REGISTER_PERMISSION,
    erasure_refusal,
    privacy_request_fulfil,
    privacy_request_refuse,
    privacy_request_submit,
)
from ..tracking import tracked_complaint
from .workbench import workbench_action_run, workbench_complaint_get, workbench_form_view

PRIVACY_RATE_SCOPE = "track-privacy"


# --- the public side ---------------------------------------------------------------------------


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    context = {
        "retention_years": settings.ARCHIVE_RETENTION_YEARS,
        "answer_days": settings.PRIVACY_REQUEST_WORKING_DAYS,
    }
    return render(request, "intake/public/privacy_notice.html", context)


def track_privacy_context(complaint: Complaint, form: PrivacyRequestForm | None = None) -> dict:
    """The privacy part of the tracking page: the complainant's requests, the form, the data page."""
    return {
        "privacy_form": form or PrivacyRequestForm(),
        "privacy_requests": list(complaint.privacy_requests.order_by("-received_at", "-pk")),
        "privacy_copy_open": personal_data_copy_open(complaint),
        "privacy_erased": complaint.personal_data_erased_at is not None,
        "privacy_answer_days": settings.PRIVACY_REQUEST_WORKING_DAYS,
    }


@never_cache
@require_POST
def track_privacy_request(request: HttpRequest) -> HttpResponse:
    """A request about the complaint this browser looked up with number and phone: a complaint that
    is not the requester's cannot be named here at all."""
    from .public import track_render

    complaint = tracked_complaint(request.session)
    if complaint is None:
        return redirect("track")
    form = PrivacyRequestForm(request.POST)
    if not form.is_valid():
        return track_render(request, complaint, privacy_form=form, status=400)
    if not rate_limit_hit(scope=PRIVACY_RATE_SCOPE, key=client_address(request), rate=settings.TRACK_ADD_RATE):
        messages.error(request, _("Too many requests from your connection. Please try again later."))
        return redirect(reverse("track") + "#privacy")
    try:
        privacy_request = privacy_request_submit(
            complaint_id=complaint.pk, channel=PrivacyRequest.Channel.WEB, **form.cleaned_data
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("track") + "#privacy")
    messages.success(
        request,
        _("We have your request and will answer it by SMS by %(date)s.")
        % {"date": timezone.localtime(privacy_request.due_at).strftime("%Y-%m-%d")},
    )
    return redirect(reverse("track") + "#privacy")


def _tracked_with_copy(request: HttpRequest) -> Complaint | None:
    complaint = tracked_complaint(request.session)
    if complaint is None or not personal_data_copy_open(complaint):
        return None
    return complaint


@never_cache
@require_http_methods(["GET"])
def track_personal_data(request: HttpRequest) -> HttpResponse:
    """The complainant's data as a page, once a request to see or copy it was fulfilled."""
    complaint = _tracked_with_copy(request)
    if complaint is None:
        return redirect("track")
    return render(request, "intake/public/personal_data.html", {"data": personal_data_export(complaint)})


@never_cache
@require_http_methods(["GET"])
def track_personal_data_download(request: HttpRequest) -> HttpResponse:
    """The same data as a JSON file; each download is on the timeline."""
    complaint = _tracked_with_copy(request)
    if complaint is None:
        return redirect("track")
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        transition="personal_data_downloaded",
        note=_("The complainant downloaded a copy of their data from the tracking page."),
    )
    return _json_download(complaint)


def _json_download(complaint: Complaint) -> HttpResponse:
    body = json.dumps(personal_data_export(complaint), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{complaint.tracking_number}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the desk side -----------------------------------------------------------------------------


def privacy_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The complaint's requests about personal data, the form to register one and, for supervisors,
    the forms to answer the open ones. Two queries."""
    user = request.user
    if not user.has_perm("intake.view_privacyrequest"):
        return None
    requests = list(complaint.privacy_requests.select_related("registered_by", "decided_by"))
    may_handle = user.has_perm(HANDLE_PERMISSION)
    for item in requests if may_handle else ():
        if item.is_open:  # each answer's own fields, so that two open requests never share an id
            item.refuse_form = PrivacyRefuseForm(auto_id=f"id_refuse_{item.pk}_%s")
            item.correction_form = PrivacyCorrectionForm(auto_id=f"id_correct_{item.pk}_%s")
    open_deletion = any(item.is_open and item.kind == PrivacyRequest.Kind.DELETE for item in requests)
    return {
        "privacy_requests": requests,
        "privacy_may_register": user.has_perm(REGISTER_PERMISSION) and complaint.personal_data_erased_at is None,
        "privacy_may_handle": may_handle,
        "privacy_may_export": can_see_personal_data(user) and complaint.personal_data_erased_at is None,
        "privacy_register_form": PrivacyRequestRegisterForm(),
        "erasure_refusal": erasure_refusal(complaint) if may_handle and open_deletion else "",
    }


privacy_request_register_view = workbench_form_view(
    REGISTER_PERMISSION,
    PrivacyRequestRegisterForm,
    "privacy_request",
    privacy_request_submit,
    gettext_lazy("Request about personal data registered; the complainant is told by SMS."),
)


def _request_of(pk: int, privacy_request_pk: int) -> PrivacyRequest:
    return get_object_or_404(PrivacyRequest, pk=privacy_request_pk, complaint_id=pk)


def _form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


@login_required
@permission_required(HANDLE_PERMISSION, raise_exception=True)
@require_POST
def privacy_request_fulfil_view(request: HttpRequest, pk: int, privacy_request_pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    privacy_request = _request_of(pk, privacy_request_pk)
    corrections = None
    if privacy_request.kind == PrivacyRequest.Kind.CORRECT:
        form = PrivacyCorrectionForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(reverse("complaint-workbench", args=[pk]) + "#privacy")
        corrections = form.corrections()
    return workbench_action_run(
        request,
        complaint,
        lambda: privacy_request_fulfil(request_id=privacy_request.pk, actor=request.user, corrections=corrections),
        success=_("Request fulfilled; the complainant is told by SMS."),
    )


@login_required
@permission_required(HANDLE_PERMISSION, raise_exception=True)
@require_POST
def privacy_request_refuse_view(request: HttpRequest, pk: int, privacy_request_pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    privacy_request = _request_of(pk, privacy_request_pk)
    form = PrivacyRefuseForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(reverse("complaint-workbench", args=[pk]) + "#privacy")
    return workbench_action_run(
        request,
        complaint,
        lambda: privacy_request_refuse(request_id=privacy_request.pk, actor=request.user, **form.cleaned_data),
        success=_("Request refused; the complainant receives the reason by SMS."),
    )


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def personal_data_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The complainant's copy for a request made by phone or letter, to send them; logged like any
    unmasking."""
    complaint = workbench_complaint_get(pk)
    if not can_see_personal_data(request.user):
        raise PermissionDenied
    personal_data_access_log(user=request.user, complaint=complaint, purpose="copy for the complainant")
    return _json_download(complaint)


@login_required
@permission_required(HANDLE_PERMISSION, raise_exception=True)
@require_GET
def privacy_requests_open(request: HttpRequest) -> HttpResponse:
    """The supervisors' worklist: open requests, the earliest due first, archived complaints included."""
    requests = PrivacyRequest.objects.filter(status=PrivacyRequest.Status.OPEN).select_related("complaint")
    return render(request, "intake/privacy_requests.html", {"privacy_requests": requests[:500]})
