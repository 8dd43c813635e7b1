"""Pages and POST endpoints of the investigation stage; every write goes to one service."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from intake.access import complaint_visible_or_404
from intake.locking import ComplaintChanged
from intake.models import Attachment, Complaint
from intake.views.workbench import workbench_action_run, workbench_render

from . import forms, services
from .models import EvidenceItem, EvidenceRequest, ExtensionRequest


def _complaint(pk: int) -> Complaint:
    return get_object_or_404(Complaint.objects.select_related("repeat_of", "assigned_to", "assigned_team"), pk=pk)


def _form_page(
    request: HttpRequest, complaint: Complaint, form, *, title: str, run: Callable[[dict], object], success: str
) -> HttpResponse:
    """GET shows the form; a valid POST runs the service and returns to the workbench.

    A service's refusal lands on the form (what was typed stays), a stale or archived complaint
    goes back to the workbench with its message.
    """
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ComplaintChanged as error:
            messages.error(request, error.message)
            return redirect("complaint-workbench", pk=complaint.pk)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, success)
            return redirect("complaint-workbench", pk=complaint.pk)
    status = 400 if request.method == "POST" else 200
    context = {"complaint": complaint, "form": form, "title": title}
    return render(request, "investigations/form_page.html", context, status=status)


def _errors_to_form(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def investigation_start(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.InvestigationStartForm(request.POST)
    if not form.is_valid():
        return workbench_render(request, complaint, forms={"start_investigation": form}, status=400)
    data = form.cleaned_data
    return workbench_action_run(
        request,
        complaint,
        lambda: services.investigation_start(
            complaint_id=complaint.pk,
            actor=request.user,
            lead=data["lead"],
            members=data["members"],
            seen_version=data["seen_version"],
            note=data["note"],
        ),
        success=_("The investigation has started."),
    )


@login_required
@permission_required("investigations.add_evidenceitem", raise_exception=True)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        complaint,
        form,
        title=_("Add evidence"),
        run=lambda data: services.evidence_add(complaint_id=complaint.pk, actor=request.user, **data),
        success=_("Evidence added to the chain."),
    )


@login_required
@permission_required("investigations.add_evidenceitem", raise_exception=True)
def evidence_supersede(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = get_object_or_404(EvidenceItem.objects.select_related("complaint"), pk=item_pk)
    form = forms.SupersedeForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        item.complaint,
        form,
        title=_("Supersede evidence #%(number)d") % {"number": item.sequence},
        run=lambda data: services.evidence_supersede(item_id=item.pk, actor=request.user, **data),
        success=_("The item is superseded; both stay in the chain."),
    )


@login_required
@permission_required("investigations.view_evidenceitem", raise_exception=True)
def evidence_file(request: HttpRequest, item_pk: int) -> FileResponse:
    """Evidence files never have a public URL: staff who may see evidence get them here."""
    item = get_object_or_404(EvidenceItem, pk=item_pk)
    if not request.user.has_perm("intake.view_complaint") or not item.file:
        raise Http404
    complaint_visible_or_404(request.user, item.complaint_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:  # the record outlived its file: not found, never a server error
        raise Http404
    inline = item.is_inline_image
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=item.original_name or f"evidence-{item.sequence}",
        content_type=item.content_type if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@permission_required("investigations.add_statement", raise_exception=True)
def statement_add(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.StatementForm(request.POST or None)
    return _form_page(
        request,
        complaint,
        form,
        title=_("Take a statement"),
        run=lambda data: services.statement_add(complaint_id=complaint.pk, actor=request.user, **data),
        success=_("Statement recorded."),
    )


@login_required
@permission_required("investigations.add_evidenceitem", raise_exception=True)
def evidence_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.EvidenceRequestForm(request.POST or None)
    return _form_page(
        request,
        complaint,
        form,
        title=_("Ask for evidence"),
        run=lambda data: services.evidence_request_create(complaint_id=complaint.pk, actor=request.user, **data),
        success=_("Evidence requested."),
    )


@login_required
@permission_required("investigations.add_evidenceitem", raise_exception=True)
@require_POST
def evidence_request_receive(request: HttpRequest, request_pk: int) -> HttpResponse:
    asked = get_object_or_404(EvidenceRequest.objects.select_related("investigation"), pk=request_pk)
    complaint = asked.investigation.complaint
    try:
        services.evidence_request_receive(request_id=asked.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Evidence marked as received."))
    return redirect("complaint-workbench", pk=complaint.pk)


@login_required
@permission_required("investigations.add_evidenceitem", raise_exception=True)
@require_POST
def complainant_file_adopt(request: HttpRequest, complaint_pk: int, pk: int) -> HttpResponse:
    """Adopt a file the complainant sent into the evidence chain; a second click changes nothing."""
    attachment = get_object_or_404(Attachment, pk=pk, complaint_id=complaint_pk)
    complaint_visible_or_404(request.user, attachment.complaint_id)
    try:
        item = services.complainant_file_adopt(attachment_id=attachment.pk, actor=request.user)
    except ComplaintChanged as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(name)s” is evidence #%(number)d, with the hash taken when it was received.")
            % {"name": attachment.original_name, "number": item.sequence},
        )
    return redirect("complaint-workbench", pk=attachment.complaint_id)


@login_required
@permission_required("investigations.add_sitevisit", raise_exception=True)
def site_visit_record(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.SiteVisitForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        complaint,
        form,
        title=_("Record a site visit"),
        run=lambda data: services.site_visit_record(complaint_id=complaint.pk, actor=request.user, **data),
        success=_("Site visit recorded."),
    )


@login_required
@permission_required("investigations.add_investigationreport", raise_exception=True)
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.ReportForm(request.POST or None)
    return _form_page(
        request,
        complaint,
        form,
        title=_("Investigation report"),
        run=lambda data: services.report_submit(complaint_id=complaint.pk, actor=request.user, **data),
        success=_("Investigation report submitted."),
    )


@login_required
@permission_required("investigations.add_extensionrequest", raise_exception=True)
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    form = forms.ExtensionRequestForm(request.POST or None)
    return _form_page(
        request,
        complaint,
        form,
        title=_("Ask for more time"),
        run=lambda data: services.extension_request(complaint_id=complaint.pk, actor=request.user, **data),
        success=_("Extension requested; a supervisor will decide."),
    )


@login_required
@require_POST
def extension_decide(request: HttpRequest, request_pk: int) -> HttpResponse:
    """Supervisors decide; company leadership decides what waits for it (the service checks which)."""
    if not (
        request.user.has_perm("investigations.decide_extension")
        or request.user.has_perm("investigations.approve_long_extension")
    ):
        raise PermissionDenied
    extension = get_object_or_404(ExtensionRequest.objects.select_related("investigation__complaint"), pk=request_pk)
    complaint = extension.investigation.complaint
    form = forms.ExtensionDecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("complaint-workbench", pk=complaint.pk)
    if request.POST.get("next") == reverse("extension-leadership"):
        # Company leadership decides from its own list: it may not open a general complaint's workbench.
        try:
            services.extension_decide(request_id=extension.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("extension-leadership")
    return workbench_action_run(
        request,
        complaint,
        lambda: services.extension_decide(request_id=extension.pk, actor=request.user, **form.cleaned_data),
        success=_("Decision recorded."),
    )


@login_required
@permission_required("investigations.approve_long_extension", raise_exception=True)
def extension_leadership(request: HttpRequest) -> HttpResponse:
    """Extensions beyond a supervisor's limit, approved by the supervisor, waiting for company
    leadership (seed 001: 经公司领导批准)."""
    waiting = (
        ExtensionRequest.objects.filter(status=ExtensionRequest.Status.AWAITING_LEADERSHIP)
        .exclude(requested_by=request.user)
        .select_related("investigation__complaint", "requested_by", "supervisor_approved_by")
        .order_by("supervisor_approved_at", "id")
    )
    return render(request, "investigations/extension_leadership.html", {"waiting": waiting})


@login_required
@permission_required("investigations.view_evidenceitem", raise_exception=True)
@require_POST
def chain_verify(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(pk)
    status = services.evidence_chain_verify(complaint_id=complaint.pk, actor=request.user)[complaint.pk]
    if status.intact:
        messages.success(request, _("Evidence chain intact: %(count)d items verified.") % {"count": status.count})
    else:
        messages.error(
            request,
            _("Evidence chain broken at item #%(number)d (%(problem)s).")
            % {"number": status.broken_at, "problem": PROBLEMS.get(status.problem, status.problem)},
        )
    return redirect("complaint-workbench", pk=complaint.pk)


PROBLEMS = {
    "missing": gettext_lazy("an item is missing"),
    "file": gettext_lazy("the stored file cannot be read"),
    "content": gettext_lazy("its content was changed"),
    "record": gettext_lazy("its record was changed"),
}


def start_form(complaint: Complaint):
    """The lead and members inputs of the workbench's "start investigation" action."""
    return forms.InvestigationStartForm(initial={"seen_version": complaint.version})
