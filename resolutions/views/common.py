"""What every resolutions desk view shares: the complaint lookup, access, and the way back."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from intake.locking import ComplaintChanged
from intake.models import Complaint
from intake.views.workbench import workbench_action_run, workbench_render

VIEW = "intake.view_complaint"


def complaint_get(pk: int) -> Complaint:
    return get_object_or_404(Complaint.objects.select_related("assigned_to", "received_by"), pk=pk)


def version(form) -> int | None:
    return form.cleaned_data.get("seen_version")


def run(request: HttpRequest, complaint: Complaint, service: Callable[[], object], *, success: str) -> HttpResponse:
    return workbench_action_run(request, complaint, service, success=success)


def panel_form_invalid(request: HttpRequest, complaint: Complaint, name: str, form, items=None) -> HttpResponse:
    """Show the workbench again with the panel's bound form (and its compensation rows), so
    nothing typed is lost."""
    request.resolution_forms = {name: form, f"{name}_items": items}
    return workbench_render(request, complaint, status=400)


def run_keeping_input(
    request: HttpRequest, complaint: Complaint, service: Callable[[], object], *, success: str, refused
) -> HttpResponse:
    """Run a service; when it refuses (a rule, a stale page), show the form again with the
    reason and everything typed, instead of coming back to an empty form. ``refused(error)``
    renders that page; a stale page's "reload" is a message, so ``error`` is then ``None``."""
    try:
        service()
    except ComplaintChanged as error:
        messages.error(request, error.message)  # shown at the top of the page, above the kept form
        return refused(None)
    except ValidationError as error:
        return refused(error)
    messages.success(request, success)
    return redirect("complaint-workbench", pk=complaint.pk)


def transition_form_invalid(request: HttpRequest, complaint: Complaint, transition: str, form) -> HttpResponse:
    return workbench_render(request, complaint, forms={transition: form}, status=400)


def form_error_add(form, error) -> None:
    """A service's refusal shown on the form: field errors on their field when the form has it."""
    if error is None:
        return
    if isinstance(error, str):
        form.add_error(None, error)
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
