"""What each figure is called and how it is computed, as the page and the PDF print it next to the figure."""

from django.utils.translation import gettext_lazy as _

from deadlines.models import Step
from intake.choices import Category, Channel, ServiceType, Severity
from investigations.models.report import FaultDegree, Responsibility
from penalties.models import PenaltyKind
from resolutions.models import Compensation

#: key -> (label, formula, unit)
FIGURES = {
    "received": (_("Complaints received"), _("complaints received in the month"), "count"),
    "closed": (_("Complaints closed"), _("complaints closed in the month"), "count"),
    "completion_rate": (
        _("Completion rate"),
        _("complaints received in the month and no longer open ÷ complaints received × 100 %"),
        "percent",
    ),
    "timeliness_rate": (
        _("Timeliness rate"),
        _(
            "complaints received in the month whose every owed deadline was met on time ÷ complaints received "
            "in the month × 100 % (seed 001: 及时处理的投诉数量 ÷ 总投诉数量); per step in the table below"
        ),
        "percent",
    ),
    "average_handling_hours": (
        _("Average handling time"),
        _("mean of (closed at - received at) over complaints closed in the month, in hours"),
        "hours",
    ),
    "median_handling_hours": (
        _("Median handling time"),
        _("middle value of (closed at - received at) over complaints closed in the month, in hours"),
        "hours",
    ),
    "satisfaction_rate": (
        _("Satisfaction rate"),
        _("surveys scored 4 or 5 ÷ surveys answered in the month × 100 %"),
        "percent",
    ),
    "average_score": (_("Average satisfaction score"), _("sum of scores ÷ surveys answered (1–5)"), "score"),
    "complaint_rate": (
        _("Complaint rate"),
        _("complaints received ÷ service orders served in the month × 1,000 (per thousand orders)"),
        "permille",
    ),
    "repeat_rate": (
        _("Repeat-complaint rate"),
        _("repeat complaints received ÷ complaints received × 100 %"),
        "percent",
    ),
    "escalations": (_("Escalations"), _("deadlines due in the month that were escalated at least one level"), "count"),
    "overdue": (_("Overdue items"), _("deadlines due in the month that were met late or missed"), "count"),
    "compensation_paid": (_("Compensation paid"), _("sum of compensation amounts paid in the month"), "money"),
    "compensation_overdue": (
        _("Compensation not paid on time"),
        _("agreed compensation items due in the month that were paid late or are still unpaid"),
        "count",
    ),
}

DIMENSION_LABELS = {
    "category": (_("Category"), dict(Category.choices)),
    "channel": (_("Channel"), dict(Channel.choices)),
    "severity": (_("Severity"), dict(Severity.choices)),
    "service_type": (_("Service type"), dict(ServiceType.choices)),
    "responsibility": (_("Cause: responsibility"), dict(Responsibility.choices)),
    "fault_degree": (_("Cause: degree of fault"), dict(FaultDegree.choices)),
}
#: A cause is known once an investigation found it.
CAUSE_DIMENSIONS = {"responsibility", "fault_degree"}


#: Columns of the other stages' tables that hold a choice key, with that choice's labels.
CHOICE_LABELS = {
    "step": dict(Step.choices),
    "compensation_kind": dict(Compensation.Kind.choices),
    "penalty_kind": dict(PenaltyKind.choices),
}


def dimension_value(dimension: str, key: str) -> str:
    if not key:
        return str(_("No finding yet") if dimension in CAUSE_DIMENSIONS else _("Unclassified"))
    return str(DIMENSION_LABELS[dimension][1].get(key, key))
