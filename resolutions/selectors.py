"""Reads of the resolutions stage: the result notice's content, what the desk must follow up,
and which archives are past their retention period."""

from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.access import complaints_visible_to
from intake.models import Complaint, State

from .models import Compensation, FollowUp, FundEntry, OpenMatter, Ruling
from .services.agreement import agreement_current


def investigation_report_latest(complaint: Complaint):
    """The report of the latest investigation round, if the investigations stage wrote one."""
    try:
        report_model = apps.get_model("investigations", "InvestigationReport")
    except LookupError:
        return None
    return report_model.objects.filter(investigation__complaint=complaint).order_by("-investigation__round").first()


def decision_latest(complaint: Complaint) -> dict | None:
    """The settlement, ruling or solution at first contact that resolved the complaint most recently."""
    decisions = []
    settlement = complaint.settlements.first()
    if settlement:
        decisions.append({"kind": "settlement", "text": settlement.terms, "at": settlement.recorded_at})
    ruling = complaint.rulings.exclude(verdict="").first()
    if ruling:
        decisions.append({"kind": "ruling", "verdict": ruling.verdict, "text": ruling.basis, "at": ruling.decided_at})
    quick = complaint.quick_resolutions.first()
    if quick:
        decisions.append({"kind": "first_contact", "text": quick.solution, "at": quick.recorded_at})
    if not decisions:
        return None
    latest = max(decisions, key=lambda decision: decision["at"])
    return {**latest, "at": latest["at"].isoformat()}


def measures_taken(complaint: Complaint) -> list[dict]:
    """Penalties of the worker and rectification plans of the team decided on this complaint
    (the penalties stage owns them; absent when it is not installed)."""
    try:
        penalty_model = apps.get_model("penalties", "Penalty")
        plan_model = apps.get_model("penalties", "RectificationPlan")
    except LookupError:
        return []
    penalties = penalty_model.objects.filter(complaint=complaint).exclude(status__in=["rejected", "revoked"])
    measures = [
        {"kind": "penalty", "penalty": penalty.kind, "reason": penalty.reason}
        for penalty in penalties.order_by("proposed_at", "pk")
    ]
    plans = plan_model.objects.filter(complaint=complaint).order_by("deadline", "pk")
    measures += [
        {"kind": "rectification", "actions": plan.actions, "deadline": plan.deadline.isoformat()} for plan in plans
    ]
    return measures


def notice_content_build(complaint: Complaint, *, sent_on: date | None = None, expected_effect: str = "") -> dict:
    """The facts a result notice states, taken from the record, as plain JSON so a sent notice
    can keep exactly what it said. Labels are looked up when it is shown."""
    sent_on = sent_on or timezone.localdate()
    report = investigation_report_latest(complaint)
    compensations = complaint.compensations.filter(status__in=[Compensation.Status.AGREED, Compensation.Status.PAID])
    return {
        "tracking_number": complaint.tracking_number,
        "complainant_name": complaint.complainant_name,
        "received_at": complaint.received_at.isoformat(),
        "service_type": complaint.service_type,
        "category": complaint.category,
        "facts": complaint.description,
        "responsibility": None
        if report is None
        else {
            "party": report.responsibility,
            "degree": report.fault_degree,
            "conclusion": report.conclusion,
        },
        "decision": decision_latest(complaint),
        "compensations": [
            {
                "kind": item.kind,
                "description": item.description,
                "amount": str(item.amount),
                "worker_share": str(item.worker_share),
                "due_on": item.due_on.isoformat() if item.due_on else None,
                "payer": item.payer,
                "advance_payment": item.advance_payment,
                "paid_at": item.paid_at.isoformat() if item.paid_at else None,
                "payment_reference": item.payment_reference,
            }
            for item in compensations
        ],
        "measures": measures_taken(complaint),
        "expected_effect": expected_effect,
        "appeal_days": settings.APPEAL_DAYS,
        "contact": {"hotline": settings.DESK_HOTLINE, "email": settings.DESK_EMAIL},
        "appeal_by": (sent_on + timedelta(days=settings.APPEAL_DAYS)).isoformat(),
    }


def resolution_overview(complaint: Complaint) -> dict:
    """Everything the resolution panel shows, in a fixed number of queries."""
    proposals = list(
        complaint.mediation_proposals.select_related("proposed_by").prefetch_related(
            "answers", Prefetch("compensations", queryset=Compensation.objects.order_by("id"))
        )
    )
    rulings = list(complaint.rulings.prefetch_related("members", "votes__member", "compensations"))
    notices = list(complaint.result_notices.select_related("follow_up"))
    current = agreement_current(complaint)
    return {
        "agreement": current,
        "agreement_items": []
        if current is None
        else [
            item
            for item in current.compensations.order_by("id")
            if item.status in (Compensation.Status.PROPOSED, Compensation.Status.AGREED)
        ],
        "proposals": proposals,
        # Only the latest proposal can be answered; a newer one supersedes any earlier.
        "open_proposal": proposals[0] if proposals and proposals[0].open else None,
        "rulings": rulings,
        "open_ruling": next((r for r in rulings if not r.decided), None),
        "compensations": list(complaint.compensations.order_by("id")),
        "notice": notices[0] if notices else None,
        "follow_up": getattr(notices[0], "follow_up", None) if notices else None,
        "quick_resolutions": list(complaint.quick_resolutions.select_related("recorded_by", "contact_attempt")),
        "withdrawals": list(complaint.withdrawals.all()),
        "referrals": list(complaint.referrals.all()),
        "open_matters": list(complaint.open_matters.select_related("owner", "done_by").order_by("done_at", "due_on")),
    }


def _answers_to_read():
    return FollowUp.objects.filter(answered_at__isnull=False).filter(
        Q(score__lte=settings.FOLLOW_UP_UNSATISFIED_MAX_SCORE) | ~Q(comment="")
    )


def follow_ups_to_read():
    """Answers an agent must read before the complaint closes: unsatisfied, or with a comment,
    on complaints still waiting in follow-up."""
    return (
        _answers_to_read().filter(complaint__state=State.FOLLOW_UP).select_related("complaint").order_by("answered_at")
    )


def with_follow_up_to_read(user) -> Q:
    """Worklist: the complaints of ``follow_ups_to_read`` (the menu links to their own page)."""
    return Q(state=State.FOLLOW_UP) & Q(Exists(_answers_to_read().filter(complaint=OuterRef("pk"))))


def awaiting_vote_of(user) -> Q:
    """Worklist: a ruling panel the user sits on, not decided, and the user has not voted yet."""
    rulings = Ruling.objects.filter(complaint=OuterRef("pk"), members=user, verdict="").exclude(votes__member=user)
    return Q(state=State.RULING) & Q(Exists(rulings))


def with_compensation_overdue(user) -> Q:
    """Worklist: an agreed compensation unpaid past its due date. A delayed refund or compensation
    is itself a violation (消费者权益保护法 Art. 56(8)), so the supervisors chase it."""
    return Q(Exists(Compensation.objects.filter(Compensation.overdue_condition(), complaint=OuterRef("pk"))))


def follow_ups_overdue(*, now=None):
    """Unanswered follow-ups past their deadline on complaints still in follow-up."""
    return FollowUp.objects.filter(
        answered_at__isnull=True, due_at__lte=now or timezone.now(), complaint__state=State.FOLLOW_UP
    ).order_by("due_at")


def archives_past_retention(*, today: date | None = None):
    """Archived complaints kept longer than ARCHIVE_RETENTION_YEARS (to be destroyed only with approval)."""
    today = today or timezone.localdate()
    years = settings.ARCHIVE_RETENTION_YEARS
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return Complaint.objects.filter(state=State.ARCHIVED, archived_at__date__lt=cutoff).order_by("archive_number")


def open_matters_ledger(user, *, mine: bool = False, done: bool = False):
    """The open matters ledger as ``user`` may see it: still open by due date (or done, latest
    first), with the complaint and the people named, in one query."""
    matters = OpenMatter.objects.filter(complaint__in=complaints_visible_to(user), done_at__isnull=not done)
    if mine:
        matters = matters.filter(owner=user)
    return matters.select_related("complaint", "owner", "done_by").order_by(
        *(("-done_at", "-pk") if done else ("due_on", "pk"))
    )


#: The fund ledger page shows the latest movements; admin keeps every entry.
FUND_MOVEMENTS_SHOWN = 50


def fund_movements(limit: int = FUND_MOVEMENTS_SHOWN) -> list[dict]:
    """The advance-payment fund's latest movements, newest first: its entries and the advance
    payments paid from it, in two queries of at most ``limit`` rows each."""
    entries = [
        {
            "on": entry.entered_on,
            "kind": entry.get_kind_display(),
            "amount": entry.amount,
            "complaint": entry.complaint,
            "note": entry.note,
            "by": entry.recorded_by,
        }
        for entry in FundEntry.objects.select_related("complaint", "recorded_by").order_by("-entered_on", "-pk")[:limit]
    ]
    draws = [
        {
            "on": timezone.localdate(item.paid_at),
            "kind": _("Advance payment"),
            "amount": -item.amount,
            "complaint": item.complaint,
            "note": item.description,
            "by": item.paid_recorded_by,
        }
        for item in Compensation.objects.filter(advance_payment=True, status=Compensation.Status.PAID)
        .select_related("complaint", "paid_recorded_by")
        .order_by("-paid_at", "-pk")[:limit]
    ]
    return sorted(entries + draws, key=lambda row: row["on"], reverse=True)[:limit]
