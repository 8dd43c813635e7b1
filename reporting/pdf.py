"""The printable monthly report as a PDF, drawn in the embedded Chinese font of ``core.pdf``."""

import io

from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from core.pdf import document_options, font_register, grid_table, paragraph_style, table_style, text_paragraph

from .charts import Chart
from .page import report_context
from .period import Month

FONT = font_register()
TITLE = paragraph_style("title", fontSize=16, leading=22, spaceAfter=6)
HEADING = paragraph_style("heading", fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
CELL = paragraph_style("cell", fontSize=8, leading=10)
CHART_WIDTH = 85 * mm
FIGURE_WIDTHS = [30 * mm, 22 * mm, 22 * mm, 22 * mm, 74 * mm]


def _paragraph(text, style=CELL) -> Paragraph:
    return text_paragraph(text, style)


def _table(headers, rows, widths=None) -> Table:
    data = [[_paragraph(cell) for cell in headers]] + [[_paragraph(cell) for cell in row] for row in rows]
    return grid_table(data, colWidths=widths)


def _drawing(chart: Chart) -> Drawing:
    """The page's SVG chart geometry, redrawn in ReportLab (whose y axis points up)."""
    scale = CHART_WIDTH / chart.width
    drawing = Drawing(chart.width * scale, chart.height * scale)
    for group in chart.groups:
        y = chart.height - group.label_y
        drawing.add(String(chart.label_x * scale, y * scale, group.label, fontName=FONT, fontSize=8, textAnchor="end"))
        for bar in group.bars:
            top = (chart.height - bar.y - 12) * scale
            drawing.add(
                Rect(
                    bar.x * scale,
                    top,
                    max(bar.width, 0.1) * scale,
                    12 * scale,
                    fillColor=colors.HexColor(bar.colour),
                    strokeWidth=0.3,
                )
            )
            drawing.add(
                String((bar.x + bar.width + 4) * scale, top + 3 * scale, str(bar.value), fontName=FONT, fontSize=7)
            )
    for name, colour, x in chart.legend:
        y = (chart.height - chart.legend_y - 10) * scale
        drawing.add(Rect(x * scale, y, 10 * scale, 10 * scale, fillColor=colors.HexColor(colour), strokeWidth=0.3))
        drawing.add(String((x + 14) * scale, y + 2, name, fontName=FONT, fontSize=7))
    return drawing


def report_pdf(report: dict, *, month: Month) -> bytes:
    context = report_context(report)
    story = [_paragraph(_("Monthly complaint report %(month)s") % {"month": month}, TITLE)]
    story.append(_paragraph(_("Key figures"), HEADING))
    story.append(
        _table(
            [_("Figure"), _("This month"), _("Previous month"), _("Same month last year"), _("Formula")],
            [
                [card["label"], card["current"], card["previous"], card["year_ago"], card["formula"]]
                for card in context["cards"]
            ],
            FIGURE_WIDTHS,
        )
    )
    charts = [[_paragraph(chart.title, HEADING), _drawing(chart)] for chart in context["charts"]]
    rows = [(charts[index : index + 2] + [""])[:2] for index in range(0, len(charts), 2)]
    story.append(
        Table(rows, colWidths=[CHART_WIDTH + 5 * mm] * 2, style=table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    )
    for table in context["tables"]:
        story.append(KeepTogether([_paragraph(table.title, HEADING), _table(table.headers, table.rows or [["—"]])]))
    story.append(Spacer(1, 4 * mm))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=str(_("Monthly complaint report")), **document_options()).build(story)
    return buffer.getvalue()
