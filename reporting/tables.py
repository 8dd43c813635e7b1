"""The report's tables, built once from the report dict and shared by the page, the exports and the PDF."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .labels import CHOICE_LABELS, DIMENSION_LABELS, FIGURES, dimension_value

NO_DATA = "—"


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    #: How the table's figures are computed, printed under its title.
    formula: str = ""


def show(value, unit: str = "count"):
    """A figure as printed: "—" when there is nothing to divide by or no data."""
    if value is None:
        return NO_DATA
    if unit in CHOICE_LABELS:
        return str(CHOICE_LABELS[unit].get(value, value))
    if unit == "percent":
        return f"{value:.1f} %"
    if unit == "permille":
        return f"{value:.1f} ‰"
    if unit == "hours":
        return _("%(hours).1f h") % {"hours": value}
    if unit == "money":
        return f"¥{float(value):,.2f}"
    if unit == "score":
        return f"{value:.2f}"
    return value


def _compared_headers(first: str) -> list[str]:
    return [first, _("This month"), _("Previous month"), _("Same month last year")]


def figures_table(report: dict) -> Table:
    table = Table("figures", _("Key figures"), [*_compared_headers(_("Figure")), _("Formula")])
    for key, (label, formula, unit) in FIGURES.items():
        values = report["figures"][key]
        table.rows.append(
            [str(label), *(show(values[name], unit) for name in ("current", "previous", "year_ago")), str(formula)]
        )
    return table


def report_tables(report: dict) -> dict[str, Table]:
    tables = [figures_table(report)]
    for dimension, rows in report["distributions"].items():
        title = _("By %(dimension)s") % {"dimension": str(DIMENSION_LABELS[dimension][0])}
        table = Table(dimension, title, _compared_headers(str(DIMENSION_LABELS[dimension][0])))
        table.formula = _("complaints received in each month, counted by %(dimension)s") % {
            "dimension": str(DIMENSION_LABELS[dimension][0])
        }
        table.rows = [
            [dimension_value(dimension, row["key"]), row["current"], row["previous"], row["year_ago"]] for row in rows
        ]
        tables.append(table)
    tables.append(
        Table(
            "keywords",
            _("Most frequent keywords"),
            [_("Keyword"), _("Complaints")],
            [[row["keyword"], row["count"]] for row in report["keywords"]],
            _("complaints received in the month whose triage proposal names the keyword, the 10 most frequent"),
        )
    )
    tables.append(
        Table(
            "subtypes",
            _("Most frequent problems"),
            [_("Category"), _("Service type"), _("Complaints")],
            [
                [
                    dimension_value("category", row["category"]),
                    dimension_value("service_type", row["service_type"]),
                    row["count"],
                ]
                for row in report["subtypes"]
            ],
            _("complaints received in the month per category and service type, the 10 most frequent pairs"),
        )
    )
    for slug, title, headers, columns, formula in _source_tables():
        if slug in report:  # absent from snapshots taken before the table existed
            table = Table(slug, title, headers, formula=formula)
            table.rows = [[show(row.get(column), unit) for column, unit in columns] for row in report[slug]]
            tables.append(table)
    return {table.slug: table for table in tables}


def _source_tables():
    """Tables fed by the other stages' apps: (slug, title, headers, [(column, unit)])."""
    return [
        (
            "timeliness_steps",
            _("Timeliness per step"),
            [_("Step"), _("On time"), _("Due"), _("Timeliness rate")],
            [("step", "step"), ("on_time", "count"), ("due", "count"), ("rate", "percent")],
            _(
                "per step: deadlines started in the month and met on time ÷ deadlines started in the month that "
                "were owed and are over (met, or missed) × 100 %"
            ),
        ),
        (
            "compensation_by_kind",
            _("Compensation paid by kind"),
            [_("Kind"), _("Payments"), _("Amount")],
            [("kind", "compensation_kind"), ("count", "count"), ("amount", "money")],
            _("compensation payments made in the month and the sum of their amounts, per kind"),
        ),
        (
            "penalties_by_kind",
            _("Penalties by kind"),
            [_("Kind"), _("Penalties")],
            [("kind", "penalty_kind"), ("count", "count")],
            _("penalties approved in the month, per kind"),
        ),
        (
            "top_workers",
            _("Workers with most complaints"),
            [_("Worker"), _("Complaints")],
            [("name", "text"), ("count", "count")],
            _("complaints received in the month about the worker, the 10 most frequent"),
        ),
        (
            "top_teams",
            _("Teams with most complaints"),
            [_("Team"), _("Complaints")],
            [("name", "text"), ("count", "count")],
            _("complaints received in the month about the team, the 10 most frequent"),
        ),
    ]


def quarterly_table(rows: list[dict], year: int) -> Table:
    table = Table("quarterly", _("Complaints by category per quarter, %(year)s") % {"year": year}, [_("Category")])
    table.headers += [f"Q{q}" for q in range(1, 5)]
    table.rows = [[dimension_value("category", row["key"]), row["q1"], row["q2"], row["q3"], row["q4"]] for row in rows]
    return table


def agents_table(rows: list[dict]) -> Table:
    table = Table(
        "agents",
        _("Handler KPIs"),
        [
            _("Handler"),
            _("Complaints handled"),
            _("On-time rate"),
            _("Satisfaction rate"),
            _("Resolution rate"),
            _("First contact on time"),
            _("Repeat complaint rate"),
            _("Reopen rate"),
            _("Praise"),
            _("Accountability"),
        ],
    )
    table.rows = [
        [
            row["handler"],
            row["handled"],
            *(
                show(row[key], "percent")
                for key in (
                    "on_time_rate",
                    "satisfaction_rate",
                    "resolution_rate",
                    "contact_rate",
                    "repeat_rate",
                    "reopen_rate",
                )
            ),
            row["praise"],
            row["accountability"],
        ]
        for row in rows
    ]
    return table
