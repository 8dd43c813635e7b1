"""The emergency panel and the report to management on the workbench: their context, and the POST
endpoints behind their forms (each calls one service and returns to the workbench)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..choices import Severity
from ..forms.emergency import EmergencyFollowUpForm, EmergencyRecordForm, ManagementReportForm
from ..models import Complaint, Emergency, State
from ..services.emergency import (
    ACKNOWLEDGE_PERMISSION,
    RECORD_PERMISSION,
    REPORT_PERMISSION,
    emergency_acknowledge,
    emergency_follow_up,
    emergency_record,
    management_report_record,
)
from .workbench import workbench_action_run, workbench_complaint_get, workbench_form_view


def panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The emergency record with the forms the user may use. One query."""
    user = request.user
    if not user.has_perm("intake.view_emergency"):
        return None
    emergency = (
        Emergency.objects.filter(complaint=complaint)
        .select_related("opened_by", "acknowledged_by", "followed_up_by")
        .first()
    )
    if emergency is None:
        return None
    writable = complaint.state != State.ARCHIVED
    may_record = writable and user.has_perm(RECORD_PERMISSION)
    return {
        "emergency": emergency,
        "may_acknowledge": writable and not emergency.is_acknowledged and user.has_perm(ACKNOWLEDGE_PERMISSION),
        "may_record": may_record,
        "may_follow_up": may_record and emergency.is_acknowledged and not emergency.is_followed_up,
        "record_form": EmergencyRecordForm(emergency=emergency),
        "follow_up_form": EmergencyFollowUpForm(),
    }


def management_report_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """Reports to management of a major complaint, and the form to record one. One query."""
    user = request.user
    if not user.has_perm("intake.view_managementreport"):
        return None
    reports = list(complaint.management_reports.select_related("reported_by"))
    if complaint.severity != Severity.MAJOR and not reports:
        return None
    may_report = (
        complaint.severity == Severity.MAJOR
        and complaint.state not in (State.SUBMITTED, State.ARCHIVED)
        and user.has_perm(REPORT_PERMISSION)
    )
    return {
        "reports": reports,
        "may_report": may_report,
        "report_form": ManagementReportForm(initial={"seen_reports": len(reports)}),
    }


@login_required
@permission_required(ACKNOWLEDGE_PERMISSION, raise_exception=True)
@require_POST
def emergency_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    return workbench_action_run(
        request,
        complaint,
        lambda: emergency_acknowledge(complaint_id=complaint.pk, actor=request.user),
        success=_("Emergency acknowledged. Record the actions taken, and follow up within 24 hours."),
    )


emergency_record_view = workbench_form_view(
    RECORD_PERMISSION,
    EmergencyRecordForm,
    "emergency_record",
    emergency_record,
    gettext_lazy("Emergency record saved."),
)
emergency_follow_up_view = workbench_form_view(
    RECORD_PERMISSION,
    EmergencyFollowUpForm,
    "emergency_follow_up",
    emergency_follow_up,
    gettext_lazy("Emergency follow-up recorded."),
)
management_report_view = workbench_form_view(
    REPORT_PERMISSION,
    ManagementReportForm,
    "management_report",
    management_report_record,
    gettext_lazy("Report to management recorded."),
)
