"""Figures whose data lives in the other stages' apps (deadlines, resolutions, penalties).

Each figure is computed only when the app providing its data has the model it needs; otherwise
the figure is listed in ``unavailable()`` and the page says "not available" instead of failing.
"""

from django.apps import apps


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


#: figure or table -> the model its data comes from.
NEEDS = {
    "timeliness_rate": "deadlines.Deadline",
    "timeliness_steps": "deadlines.Deadline",
    "escalations": "deadlines.Deadline",
    "overdue": "deadlines.Deadline",
    "satisfaction_rate": "resolutions.SatisfactionSurvey",
    "average_score": "resolutions.SatisfactionSurvey",
    "compensation_paid": "resolutions.Compensation",
    "compensation_by_kind": "resolutions.Compensation",
    "complaint_rate": "penalties.ServiceOrder",
    "penalties_by_kind": "penalties.Penalty",
    "top_workers": "penalties.ServiceOrder",
    "top_teams": "penalties.ServiceOrder",
}


def unavailable() -> list[str]:
    return sorted(name for name, label in NEEDS.items() if _model(label) is None)


def scalars(month, scope) -> dict:
    return {}


def tables(month, scope) -> dict:
    return {}


def handler_figures(month, scope) -> dict[int, dict]:
    return {}
