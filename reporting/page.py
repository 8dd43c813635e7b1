"""What the monthly report page shows, assembled from the report dict (no query here)."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .charts import bar_chart
from .labels import DIMENSION_LABELS, FIGURES, dimension_value
from .period import Scope
from .tables import report_tables, show

CHARTED = ["category", "channel", "severity", "service_type"]


def scope_query(scope: Scope) -> str:
    params = {"team": scope.team_id or "", "service_type": scope.service_type}
    params = {key: value for key, value in params.items() if value}
    return f"?{urlencode(params)}" if params else ""


def _figure_cards(report: dict) -> list[dict]:
    cards = []
    for key, (label, formula, unit) in FIGURES.items():
        values = report["figures"][key]
        cards.append(
            {
                "key": key,
                "label": label,
                "formula": formula,
                "current": show(values["current"], unit),
                "previous": show(values["previous"], unit),
                "year_ago": show(values["year_ago"], unit),
            }
        )
    return cards


def report_context(report: dict) -> dict:
    series = [_("This month"), _("Previous month"), _("Same month last year")]
    charts = [
        bar_chart(
            _("Complaints by %(dimension)s") % {"dimension": str(DIMENSION_LABELS[dimension][0])},
            [
                (dimension_value(dimension, row["key"]), [row["current"], row["previous"], row["year_ago"]])
                for row in report["distributions"][dimension]
            ],
            series,
        )
        for dimension in CHARTED
    ]
    tables = report_tables(report)
    return {
        "report": report,
        "cards": _figure_cards(report),
        "charts": charts,
        "tables": [table for slug, table in tables.items() if slug != "figures"],
    }
