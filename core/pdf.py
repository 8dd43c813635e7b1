"""What every PDF of the desk shares: the embedded Chinese font and safe paragraphs.

ReportLab's built-in CID fonts (STSong-Light) are not embedded: a reader without Adobe's Asian
font pack substitutes them, and characters outside them (·, —) come out as "�". Every PDF
therefore draws with a TrueType font shipped in ``core/fonts`` and embedded (subset) in the file.
"""

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle

FONT = "DeskSans"
FONT_FILE = Path(__file__).with_name("fonts") / "wqy-microhei-gb2312.ttf"


def font_register() -> str:
    """Register the font once per process and return its name. Drawings (charts) start in it too:
    ReportLab's graphics otherwise set Helvetica first, which is never embedded."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
        STATE_DEFAULTS["fontName"] = FONT
    return FONT


def table_style(*commands) -> TableStyle:
    """A table style whose cells (plain strings included) are in the embedded font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), font_register()), *commands])


def grid_table(rows: list[list], **options) -> Table:
    """A ruled table with a shaded header row, as every document prints its lists."""
    table = Table(rows, repeatRows=1, **options)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        )
    )
    return table


def paragraph_style(name: str, **options) -> ParagraphStyle:
    """A style in the embedded font; ``wordWrap="CJK"`` breaks lines between Chinese characters."""
    options.setdefault("fontName", font_register())
    options.setdefault("wordWrap", "CJK")
    options.setdefault("bulletFontName", options["fontName"])
    return ParagraphStyle(name, **options)


def text_paragraph(text, style: ParagraphStyle) -> Paragraph:
    """Every text goes through escape(): ReportLab parses markup such as ``<img src=...>``, which
    would read files from the server, and the text may come from a complainant."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def document_options() -> dict:
    """Options of every ``SimpleDocTemplate``: pages start in the embedded font. ReportLab
    otherwise starts them in Helvetica, a font it never embeds, which a strict reader reports
    even when no text uses it."""
    return {"initialFontName": font_register(), "initialFontSize": 10}
