"""The result notice (处理结果通知书) as sections of text, printed as HTML or drawn as a PDF.

Both outputs come from the same ``notice_sections`` so the page and the PDF never disagree. The
PDF uses ReportLab's built-in CID font STSong-Light: it renders Chinese and ¥ without a font file.
Every value is escaped before it reaches ReportLab's paragraph markup, which would otherwise
follow tags such as ``<img src=...>`` and read files from the server.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from core.privacy import mask_name
from intake.choices import Category, ServiceType

from .models import Compensation, Verdict

CID_FONT = "STSong-Light"


@dataclass
class Section:
    title: str
    lines: list[str]


def _label(choices, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _responsibility_labels(party: str, degree: str) -> tuple[str, str]:
    """Labels from the investigations stage, if it is installed (it owns these vocabularies)."""
    try:
        from investigations.models.report import FaultDegree, Responsibility
    except ImportError:
        return party, degree
    return _label(Responsibility, party), _label(FaultDegree, degree)


def _when(value: str | None) -> str:
    if not value:
        return ""
    return timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")


def notice_sections(content: dict, *, show_name: bool) -> list[Section]:
    name = content["complainant_name"] if show_name else mask_name(content["complainant_name"])
    facts = [
        _("Complainant: %(name)s") % {"name": name},
        _("Received at: %(at)s") % {"at": _when(content["received_at"])},
        _("Service: %(service)s; category: %(category)s")
        % {"service": _label(ServiceType, content["service_type"]), "category": _label(Category, content["category"])},
        content["facts"],
    ]
    responsibility = content.get("responsibility")
    if responsibility:
        party, degree = _responsibility_labels(responsibility["party"], responsibility["degree"])
        found = [_("Responsible: %(party)s; degree of fault: %(degree)s") % {"party": party, "degree": degree}]
        found.append(responsibility["conclusion"])
    else:
        found = [_("No investigation report is on record.")]
    decision = content.get("decision") or {}
    if decision.get("kind") == "settlement":
        basis = [
            _("Settlement agreement of %(at)s between both sides:") % {"at": _when(decision["at"])},
            decision["text"],
        ]
    elif decision.get("kind") == "ruling":
        basis = [
            _("Ruling of the ruling panel of %(at)s: %(verdict)s")
            % {"at": _when(decision["at"]), "verdict": _label(Verdict, decision["verdict"])},
            decision["text"],
        ]
    else:
        basis = [_("No decision is on record.")]
    measures = [_compensation_line(item) for item in content["compensations"]] or [_("No compensation.")]
    appeal = [
        _(
            "If you disagree with this result you may appeal within %(days)d days, until %(date)s: reply to "
            "the message you received, call our complaint hotline, or apply to the consumer association, "
            "the market regulator (12315), arbitration or a court."
        )
        % {"days": content["appeal_days"], "date": date.fromisoformat(content["appeal_by"]).isoformat()}
    ]
    return [
        Section(_("Facts"), facts),
        Section(_("Responsibility"), found),
        Section(_("Basis of the result"), basis),
        Section(_("Measures and compensation"), measures),
        Section(_("How and by when to appeal"), appeal),
    ]


def _compensation_line(item: dict) -> str:
    line = f"{_label(Compensation.Kind, item['kind'])}: {item['description']}"
    if item["kind"] in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND):
        line += f" ¥{item['amount']}"
    line += " · " + _("payer: %(payer)s") % {"payer": _label(Compensation.Payer, item["payer"])}
    if item["advance_payment"]:
        line += " · " + _("advance payment from the fund")
    if item["paid_at"]:
        proof = _("paid at %(at)s") % {"at": _when(item["paid_at"])}
        if item["payment_reference"]:
            proof += f", {item['payment_reference']}"
        if item["voucher_sha256"]:
            proof += ", " + _("voucher %(ref)s") % {"ref": item["voucher_sha256"][:12]}
        line += f" · {proof}"
    else:
        line += " · " + _("not paid yet")
    return line


def notice_pdf(content: dict, *, show_name: bool) -> bytes:
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    body = ParagraphStyle("body", fontName=CID_FONT, fontSize=10.5, leading=16, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=12.5, leading=20, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontSize=17, leading=26, alignment=1)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=content["tracking_number"],
    )
    story = [
        Paragraph(escape(_("Complaint result notice")), title),
        Paragraph(escape(_("Complaint number: %(number)s") % {"number": content["tracking_number"]}), body),
        Spacer(1, 4 * mm),
    ]
    for section in notice_sections(content, show_name=show_name):
        story.append(Paragraph(escape(section.title), heading))
        story.extend(Paragraph(escape(line).replace("\n", "<br/>"), body) for line in section.lines)
    document.build(story)
    return buffer.getvalue()
