"""What every resolutions desk view shares: the complaint lookup, access, and the way back."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from intake.models import Complaint
from intake.views.workbench import workbench_action_run, workbench_render

VIEW = "intake.view_complaint"


def complaint_get(pk: int) -> Complaint:
    return get_object_or_404(Complaint.objects.select_related("assigned_to", "received_by"), pk=pk)


def version(form) -> int | None:
    return form.cleaned_data.get("seen_version")


def run(request: HttpRequest, complaint: Complaint, service: Callable[[], object], *, success: str) -> HttpResponse:
    return workbench_action_run(request, complaint, service, success=success)


def panel_form_invalid(request: HttpRequest, complaint: Complaint, name: str, form) -> HttpResponse:
    """Show the workbench again with the panel's bound form, so nothing typed is lost."""
    request.resolution_forms = {name: form}
    return workbench_render(request, complaint, status=400)


def transition_form_invalid(request: HttpRequest, complaint: Complaint, transition: str, form) -> HttpResponse:
    return workbench_render(request, complaint, forms={transition: form}, status=400)
