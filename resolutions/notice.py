"""The result notice (处理结果通知书) as sections of text, printed as HTML or drawn as a PDF.

Both outputs come from the same ``notice_sections`` so the page and the PDF never disagree. The
notice is the complainant's own letter: it names them in full. Compensation is a table, one row an
item, so that no amount, payer or state is run together on one line. The PDF embeds its font
(``core.pdf``) and escapes every value before it reaches ReportLab's paragraph markup.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from core.pdf import document_options, grid_table, paragraph_style, text_paragraph
from intake.choices import Category, ServiceType

from .models import Compensation, Verdict


@dataclass
class Section:
    title: str
    lines: list[str]
    #: Optional table: the header row, then one row per item.
    table: list[list[str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    #: The share of the page's width each column takes (equal when not given).
    widths: list[float] = field(default_factory=list)


def _label(choices, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _responsibility_labels(party: str, degree: str) -> tuple[str, str]:
    """Labels from the investigations stage, if it is installed (it owns these vocabularies)."""
    try:
        from investigations.models.report import FaultDegree, Responsibility
    except ImportError:
        return party, degree
    return _label(Responsibility, party), _label(FaultDegree, degree)


def _penalty_label(kind: str) -> str:
    try:
        from penalties.models.penalty import PenaltyKind
    except ImportError:
        return kind
    return _label(PenaltyKind, kind)


def when(value: str | None) -> str:
    if not value:
        return ""
    return timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")


def notice_sections(content: dict) -> list[Section]:
    facts = [
        _("Complainant: %(name)s") % {"name": content["complainant_name"]},
        _("Received at: %(at)s") % {"at": when(content["received_at"])},
        _("Service: %(service)s; category: %(category)s")
        % {"service": _label(ServiceType, content["service_type"]), "category": _label(Category, content["category"])},
        content["facts"],
    ]
    responsibility = content.get("responsibility")
    if responsibility:
        party, degree = _responsibility_labels(responsibility["party"], responsibility["degree"])
        found = [_("Responsible: %(party)s; degree of fault: %(degree)s") % {"party": party, "degree": degree}]
        found.append(responsibility["conclusion"])
    decision = content.get("decision") or {}
    if not responsibility and decision.get("kind") == "first_contact":
        found = [_("Resolved at first contact: no worker or team was blamed, so no investigation was needed.")]
    elif not responsibility:
        found = [_("No investigation report is on record.")]
    if decision.get("kind") == "settlement":
        basis = [
            _("Settlement agreement of %(at)s between both sides:") % {"at": when(decision["at"])},
            decision["text"],
        ]
    elif decision.get("kind") == "ruling":
        basis = [
            _("Ruling of the ruling panel of %(at)s: %(verdict)s")
            % {"at": when(decision["at"]), "verdict": _label(Verdict, decision["verdict"])},
            decision["text"],
        ]
    elif decision.get("kind") == "first_contact":
        basis = [
            _("Solution agreed with you at first contact on %(at)s:") % {"at": when(decision["at"])},
            decision["text"],
        ]
    else:
        basis = [_("No decision is on record.")]
    appeal = [
        _(
            "If you disagree with this result you may appeal within %(days)d days, until %(date)s: reply to "
            "the message you received, call our complaint hotline, or apply to the consumer association, "
            "the market regulator (12315), arbitration or a court."
        )
        % {"days": content["appeal_days"], "date": date.fromisoformat(content["appeal_by"]).isoformat()}
    ]
    appeal += _contact_lines(content.get("contact") or {})
    return [
        Section(_("Facts"), facts),
        Section(_("Responsibility"), found),
        Section(_("Basis of the result"), basis),
        _measures_section(content),
        Section(_("How and by when to appeal"), appeal),
    ]


def _contact_lines(contact: dict) -> list[str]:
    """The published hotline and e-mail (seed 002: 公示投诉电话与电子邮箱), as they were when sent."""
    lines = []
    if contact.get("hotline"):
        lines.append(_("Complaint hotline: %(hotline)s") % {"hotline": contact["hotline"]})
    if contact.get("email"):
        lines.append(_("Complaint e-mail: %(email)s") % {"email": contact["email"]})
    return lines


def _measures_section(content: dict) -> Section:
    items = content.get("compensations") or []
    lines = [] if items else [_("No compensation.")]
    table = []
    if items:
        table = [[_("Compensation"), _("Amount"), _("Paid by"), _("Due by"), _("Status")]]
        table += [_compensation_row(item) for item in items]
    after = [_measure_line(measure) for measure in content.get("measures") or []]
    if content.get("measures") is not None and not after:
        after = [_("No penalty of the worker or rectification of the team was decided.")]
    if content.get("expected_effect"):
        after.append(_("Expected effect: %(effect)s") % {"effect": content["expected_effect"]})
    return Section(
        _("Measures and compensation"), lines, table=table, after=after, widths=[0.28, 0.13, 0.25, 0.14, 0.2]
    )


def _compensation_row(item: dict) -> list[str]:
    kind = _label(Compensation.Kind, item["kind"])
    description = f"{kind}：{item['description']}"
    if item.get("advance_payment"):
        description += "（" + _("advance payment from the fund") + "）"
    has_amount = item["kind"] in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND)
    amount = f"¥{item['amount']}" if has_amount else "—"
    worker_share = item.get("worker_share") or "0.00"
    payer = _label(Compensation.Payer, item["payer"])
    if has_amount and worker_share not in ("0", "0.00"):
        company = Decimal(item["amount"]) - Decimal(worker_share)
        payer = _("%(payer)s ¥%(company)s; service worker ¥%(worker)s") % {
            "payer": payer,
            "company": company,
            "worker": worker_share,
        }
    status = _("Paid at %(at)s") % {"at": when(item["paid_at"])} if item["paid_at"] else _("Not paid yet")
    if item["paid_at"] and item.get("payment_reference"):
        status += "\n" + item["payment_reference"]
    return [description, amount, payer, item.get("due_on") or "—", status]


def _measure_line(measure: dict) -> str:
    if measure["kind"] == "penalty":
        return _("Service worker: %(penalty)s. %(reason)s") % {
            "penalty": _penalty_label(measure["penalty"]),
            "reason": measure["reason"],
        }
    return _("Service team: rectification by %(date)s: %(actions)s") % {
        "date": measure["deadline"],
        "actions": measure["actions"],
    }


def pdf_story(title: str, subtitle: str, sections: list[Section]) -> list:
    """The flowables of a document made of sections: shared by the notice and the case file."""
    body = paragraph_style("body", fontSize=10.5, leading=16)
    cell = paragraph_style("cell", fontSize=9, leading=12)
    heading = paragraph_style("heading", fontSize=12.5, leading=20, spaceBefore=8)
    title_style = paragraph_style("title", fontSize=17, leading=26, alignment=1)
    story = [text_paragraph(title, title_style), text_paragraph(subtitle, body), Spacer(1, 4 * mm)]
    for section in sections:
        story.append(text_paragraph(section.title, heading))
        story.extend(text_paragraph(line, body) for line in section.lines)
        if section.table:
            columns = len(section.table[0])
            shares = section.widths or [1 / columns] * columns
            story.append(
                grid_table(
                    [[text_paragraph(value, cell) for value in row] for row in section.table],
                    colWidths=[(A4[0] - 40 * mm) * share for share in shares],
                )
            )
        story.extend(text_paragraph(line, body) for line in section.after)
    return story


def pdf_build(story: list, *, title: str) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        **document_options(),
    )
    document.build(story)
    return buffer.getvalue()


def notice_pdf(content: dict) -> bytes:
    story = pdf_story(
        _("Complaint result notice"),
        _("Complaint number: %(number)s") % {"number": content["tracking_number"]},
        notice_sections(content),
    )
    return pdf_build(story, title=content["tracking_number"])
