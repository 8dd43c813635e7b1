"""Group incidents on the desk: the list with the form to open one, and the incident's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.incidents import (
    IncidentCheckForm,
    IncidentConclusionForm,
    IncidentLinkForm,
    IncidentOpenForm,
    IncidentStatementForm,
)
from ..locking import ComplaintChanged
from ..models import Incident
from ..selectors_incidents import incident_report, incidents_list
from ..services.incidents import (
    INCIDENT_PERMISSION,
    incident_check_tick,
    incident_complaint_link,
    incident_conclusion_record,
    incident_open,
    incident_statement_record,
    tracking_numbers_parse,
)


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@permission_required("intake.view_incident", raise_exception=True)
@require_http_methods(["GET", "POST"])
def incident_list(request: HttpRequest) -> HttpResponse:
    form = IncidentOpenForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm(INCIDENT_PERMISSION):
            return HttpResponse(status=403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaints = tracking_numbers_parse(data["complaints"])
                incident = incident_open(
                    actor=request.user, title=data["title"], kind=data["kind"], lead=data["lead"], complaints=complaints
                )
            except ComplaintChanged as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Incident opened; the public statement is due within 72 hours."))
                return redirect("incident-page", pk=incident.pk)
    status = 400 if form.errors else 200
    context = {"incidents": incidents_list(), "form": form, "may_lead": request.user.has_perm(INCIDENT_PERMISSION)}
    return render(request, "intake/incidents/list.html", context, status=status)


def _page(request: HttpRequest, incident: Incident, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "incident": incident,
        "report": incident_report(incident),
        "may_lead": request.user.has_perm(INCIDENT_PERMISSION),
        "link_form": forms.get("link_form") or IncidentLinkForm(),
        "statement_form": forms.get("statement_form") or IncidentStatementForm(),
        "conclusion_form": forms.get("conclusion_form")
        or IncidentConclusionForm(initial={"conclusion": incident.conclusion}),
    }
    return render(request, "intake/incidents/page.html", context, status=status)


@login_required
@permission_required("intake.view_incident", raise_exception=True)
def incident_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_object_or_404(Incident.objects.select_related("lead", "opened_by"), pk=pk))


def _incident_post(request: HttpRequest, pk: int, form_class, form_key: str, run, success: str) -> HttpResponse:
    incident = get_object_or_404(Incident, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(incident, form.cleaned_data)
        except ComplaintChanged as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, success)
            return redirect("incident-page", pk=incident.pk)
    if form_key:
        return _page(request, incident, status=400, **{form_key: form})
    for error in form.errors.get("__all__", []) + form.errors.get("item", []):
        messages.error(request, error)
    return redirect("incident-page", pk=incident.pk)


@login_required
@permission_required(INCIDENT_PERMISSION, raise_exception=True)
@require_POST
def incident_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(incident, data):
        incident_complaint_link(
            incident_id=incident.pk, actor=request.user, complaints=tracking_numbers_parse(data["complaints"])
        )

    return _incident_post(request, pk, IncidentLinkForm, "link_form", run, _("Complaints linked to the incident."))


@login_required
@permission_required(INCIDENT_PERMISSION, raise_exception=True)
@require_POST
def incident_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(incident, data):
        incident_check_tick(incident_id=incident.pk, actor=request.user, item=data["item"])

    return _incident_post(request, pk, IncidentCheckForm, "", run, _("Item of the emergency plan ticked."))


@login_required
@permission_required(INCIDENT_PERMISSION, raise_exception=True)
@require_POST
def incident_statement_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(incident, data):
        incident_statement_record(incident_id=incident.pk, actor=request.user, statement=data["statement"])

    return _incident_post(request, pk, IncidentStatementForm, "statement_form", run, _("Public statement recorded."))


@login_required
@permission_required(INCIDENT_PERMISSION, raise_exception=True)
@require_POST
def incident_conclusion_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(incident, data):
        incident_conclusion_record(incident_id=incident.pk, actor=request.user, conclusion=data["conclusion"])

    return _incident_post(
        request, pk, IncidentConclusionForm, "conclusion_form", run, _("Conclusion of the incident recorded.")
    )
