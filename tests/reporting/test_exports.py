"""Every table downloads as CSV and XLSX that a spreadsheet opens, with no formula left alive."""

import csv
import io

import pytest
from openpyxl import load_workbook

from reporting.exports import neutralise, table_csv, table_xlsx
from reporting.period import Month
from reporting.tables import Table
from tests.reporting.factories import march_2026_sources, prepared

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
SLUGS = [
    "figures",
    "category",
    "channel",
    "severity",
    "service_type",
    "responsibility",
    "keywords",
    "subtypes",
    "timeliness_steps",
    "compensation_by_kind",
    "penalties_by_kind",
    "top_workers",
    "top_teams",
    "quarterly",
    "agents",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_is_neutralised(text):
    assert neutralise(text) == "'" + text


def test_numbers_and_plain_text_are_left_alone():
    assert (neutralise(-3), neutralise(2.5), neutralise("保洁")) == (-3, 2.5, "保洁")


def test_hostile_cells_reach_neither_file_as_formulas():
    table = Table("keywords", "t", ["=header"], [[text] for text in HOSTILE])
    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    values = [row[0].value for row in sheet.iter_rows()]
    assert values[:6] == ["'=header", *("'" + text for text in HOSTILE[:5])]
    assert values[6].startswith("'")  # XML stores the carriage return as a line feed
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"), newline="")))
    assert all(row[0].startswith("'") for row in rows)


def test_keyword_from_a_complaint_is_exported_inert(client, manager, agent):
    """Classifier keywords come from text people typed: a '=' keyword must not become a formula."""
    data = march_2026_sources(agent)
    data["c2"].proposal_keywords = ["=cmd|' /C calc'!A0"]
    data["c2"].save()
    prepared(Month(2026, 3))
    client.force_login(manager)
    response = client.get("/reports/2026-03/export/keywords.xlsx")
    values = [cell.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for cell in row]
    assert "'=cmd|' /C calc'!A0" in values


@pytest.mark.parametrize("slug", SLUGS)
def test_every_table_exports_to_csv_and_xlsx(client, manager, agent, slug):
    march_2026_sources(agent)
    prepared(Month(2026, 3))
    client.force_login(manager)
    xlsx = client.get(f"/reports/2026-03/export/{slug}.xlsx")
    assert xlsx.status_code == 200
    assert "attachment" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row >= 1
    csv_response = client.get(f"/reports/2026-03/export/{slug}.csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0] == [cell.value for cell in sheet[1]]


def test_unknown_table_is_not_found(client, manager):
    prepared(Month(2026, 3))
    client.force_login(manager)
    assert client.get("/reports/2026-03/export/secrets.csv").status_code == 404


def test_exports_need_the_report_permission(client, agent):
    client.force_login(agent)
    assert client.get("/reports/2026-03/export/figures.csv").status_code == 403
