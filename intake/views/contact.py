"""The contact panel (every attempt to reach the complainant) and management's decisions on the
workbench: their context, and the POST endpoints behind their forms."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from ..choices import Severity
from ..forms.emergency import ContactAttemptForm, ManagementDecisionForm
from ..models import Complaint, State
from ..services.contact import CONTACT_PERMISSION, contact_attempt_record
from ..services.management import DECISION_PERMISSION, management_decision_record, may_decide
from .workbench import workbench_form_view


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


contact_attempt_view = workbench_form_view(
    CONTACT_PERMISSION,
    ContactAttemptForm,
    "contact_attempt",
    contact_attempt_record,
    gettext_lazy("Contact attempt recorded."),
)
management_decision_view = workbench_form_view(
    DECISION_PERMISSION,
    ManagementDecisionForm,
    "management_decision",
    management_decision_record,
    gettext_lazy("Management decision recorded."),
)
