"""The printable case file: the whole record of one complaint as one PDF, kept beside the
electronic record (001: 电子文档和纸质文档相结合保存). It is read from the record as it stands; every
time is local (the desk's time zone)."""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from core.privacy import mask_name, mask_phone
from intake.choices import Category, Channel, Demand, ServiceType, Severity
from intake.models import Complaint, State
from intake.models.lifecycle import TRANSITION_LABELS

from .models import Compensation, Verdict
from .notice import Section, _label, notice_sections, pdf_build, pdf_story
from .selectors import resolution_overview


def _at(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def _complaint_section(complaint: Complaint, *, show_personal_data: bool) -> Section:
    name = complaint.complainant_name if show_personal_data else mask_name(complaint.complainant_name)
    phone = complaint.phone if show_personal_data else mask_phone(complaint.phone)
    demands = "、".join(_label(Demand, value) for value in complaint.demands or []) or "—"
    lines = [
        _("Complainant: %(name)s") % {"name": name} + " · " + phone,
        _("Received at: %(at)s") % {"at": _at(complaint.received_at)} + " · " + _label(Channel, complaint.channel),
        _("Service: %(service)s; category: %(category)s")
        % {"service": _label(ServiceType, complaint.service_type), "category": _label(Category, complaint.category)}
        + (" · " + _label(Severity, complaint.severity) if complaint.severity else ""),
        _("Demands: %(demands)s") % {"demands": demands}
        + (f"（{complaint.demand_note}）" if complaint.demand_note else ""),
        complaint.description,
    ]
    return Section(_("Complaint"), lines)


def _files_section(complaint: Complaint) -> Section:
    rows = [[_("File"), _("Kind"), _("Received at"), "SHA-256"]]
    rows += [
        [attachment.original_name, attachment.get_kind_display(), _at(attachment.uploaded_at), attachment.sha256]
        for attachment in complaint.attachments.all()
    ]
    if len(rows) == 1:
        return Section(_("The complainant's files"), [_("None.")])
    return Section(_("The complainant's files"), [], table=rows, widths=[0.25, 0.15, 0.2, 0.4])


def _investigation_section(complaint: Complaint) -> Section | None:
    try:
        report_model = apps.get_model("investigations", "InvestigationReport")
    except LookupError:
        return None
    lines = []
    for report in report_model.objects.filter(investigation__complaint=complaint).order_by("investigation__round"):
        lines.append(
            _("Round %(round)d, report of %(at)s: %(party)s, %(degree)s")
            % {
                "round": report.investigation.round,
                "at": _at(report.submitted_at),
                "party": report.get_responsibility_display(),
                "degree": report.get_fault_degree_display(),
            }
        )
        lines.append(report.conclusion)
    return Section(_("Investigation"), lines or [_("None.")])


def _resolution_section(overview: dict) -> Section:
    lines = []
    for proposal in reversed(overview["proposals"]):
        lines.append(
            _("Proposal of %(at)s: %(text)s") % {"at": _at(proposal.proposed_at), "text": proposal.complainant_gets}
        )
        for answer in proposal.answers.all():
            verdict = _("agrees") if answer.accepted else _("disagrees")
            lines.append(f"{answer.get_party_display()} {verdict} {_at(answer.recorded_at)} {answer.reason}".strip())
    for ruling in overview["rulings"]:
        for vote in ruling.votes.all():
            lines.append(f"{vote.member} · {vote.get_verdict_display()} · {vote.opinion}")
        if ruling.decided:
            lines.append(
                _("Ruling of the ruling panel of %(at)s: %(verdict)s")
                % {"at": _at(ruling.decided_at), "verdict": _label(Verdict, ruling.verdict)}
            )
            lines.append(ruling.basis)
    rows = [[_("Compensation"), _("Amount"), _("Due by"), _("Status")]]
    rows += [
        [
            f"{item.get_kind_display()}：{item.description}",
            f"¥{item.amount}" if item.has_amount else "—",
            item.due_on.isoformat() if item.due_on else "—",
            item.get_status_display() + (f" {_at(item.paid_at)}" if item.paid_at else ""),
        ]
        for item in overview["compensations"]
        if item.status != Compensation.Status.VOID
    ]
    return Section(_("Mediation and ruling"), lines or [_("None.")], table=rows if len(rows) > 1 else [])


def _timeline_section(complaint: Complaint) -> Section:
    states = dict(State.choices)
    lines = []
    for event in complaint.events.select_related("actor"):
        what = str(TRANSITION_LABELS.get(event.transition, event.get_kind_display()))
        if event.to_state:
            what += f" → {states.get(event.to_state, event.to_state)}"
        lines.append(f"{_at(event.at)} · {event.actor or _('system')} · {what} {event.note}".strip())
    return Section(_("Timeline"), lines)


def case_file_pdf(complaint: Complaint, *, show_personal_data: bool) -> bytes:
    overview = resolution_overview(complaint)
    sections = [_complaint_section(complaint, show_personal_data=show_personal_data), _files_section(complaint)]
    investigation = _investigation_section(complaint)
    if investigation is not None:
        sections.append(investigation)
    sections.append(_resolution_section(overview))
    notice = overview["notice"]
    if notice is not None:
        measures = notice_sections(notice.content)[3]  # the rest repeats the sections above
        measures.title = _("Result notice sent at %(at)s") % {"at": _at(notice.sent_at)}
        sections.append(measures)
    follow_up = overview["follow_up"]
    if follow_up is not None and follow_up.answered:
        sections.append(
            Section(
                _("Follow-up"),
                [
                    _("Satisfaction: %(score)d/5. %(comment)s")
                    % {"score": follow_up.score, "comment": follow_up.comment}
                ],
            )
        )
    sections.append(_timeline_section(complaint))
    number = complaint.archive_number or complaint.tracking_number
    subtitle = _("Complaint number: %(number)s") % {"number": complaint.tracking_number}
    subtitle += " · " + _("printed at %(at)s") % {"at": _at(timezone.now())}
    return pdf_build(pdf_story(_("Complaint case file"), subtitle, sections), title=number)
