"""The contact panel (every attempt to reach the complainant) and management's decisions on the
workbench: their context, and the POST endpoints behind their forms."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..choices import Severity
from ..forms.emergency import ContactAttemptForm, ManagementDecisionForm
from ..models import Complaint, State
from ..services.contact import CONTACT_PERMISSION, contact_attempt_record
from ..services.management import DECISION_PERMISSION, management_decision_record, may_decide
from .workbench import workbench_action_run, workbench_complaint_get, workbench_render


def contact_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """Attempts to reach the complainant, newest last, with the form. One query."""
    if not request.user.has_perm("intake.view_contactattempt"):
        return None
    return {
        "attempts": list(complaint.contact_attempts.select_related("recorded_by")),
        "may_record": complaint.state != State.ARCHIVED and request.user.has_perm(CONTACT_PERMISSION),
        "contact_form": ContactAttemptForm(),
    }


def management_decision_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """Management's opinions and resolutions on a major complaint. One query."""
    if not request.user.has_perm("intake.view_managementdecision"):
        return None
    decisions = list(complaint.management_decisions.select_related("decided_by"))
    if complaint.severity != Severity.MAJOR and not decisions:
        return None
    return {
        "decisions": decisions,
        "may_decide": complaint.severity == Severity.MAJOR
        and complaint.state not in (State.SUBMITTED, State.ARCHIVED)
        and may_decide(request.user),
        "decision_form": ManagementDecisionForm(),
    }


@login_required
@permission_required(CONTACT_PERMISSION, raise_exception=True)
@require_POST
def contact_attempt_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    form = ContactAttemptForm(request.POST)
    if not form.is_valid():
        return workbench_render(request, complaint, forms={"contact_attempt": form}, status=400)
    return workbench_action_run(
        request,
        complaint,
        lambda: contact_attempt_record(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Contact attempt recorded."),
    )


@login_required
@permission_required(DECISION_PERMISSION, raise_exception=True)
@require_POST
def management_decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    form = ManagementDecisionForm(request.POST)
    if not form.is_valid():
        return workbench_render(request, complaint, forms={"management_decision": form}, status=400)
    return workbench_action_run(
        request,
        complaint,
        lambda: management_decision_record(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Management decision recorded."),
    )
