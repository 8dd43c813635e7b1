"""The review chain after a finding (seed 004): the management department reviews the handling
opinion, reports the result to the general manager, then carries out the accountability — each
step recorded, in order, by the person who did it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.locking import complaint_for_update, complaint_refuse_if_archived
from intake.models import ComplaintEvent

from ..models import FindingReview, InvestigationReport, ReviewStep
from ..signals import finding_review_recorded

REVIEW_PERMISSION = "investigations.add_findingreview"
#: Each step needs the one before it.
ORDER = list(ReviewStep)


def review_next_step(report: InvestigationReport, done: set[str]) -> str | None:
    return next((step for step in ORDER if step not in done), None)


@transaction.atomic
def finding_review_record(*, complaint_id: int, actor, step: str, note: str) -> FindingReview:
    if actor is None or not actor.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    report = (
        InvestigationReport.objects.filter(investigation__complaint=complaint).order_by("-investigation__round").first()
    )
    if report is None:
        raise ValidationError(_("The review follows the investigation report: there is none yet."), code="no_report")
    expected = review_next_step(report, set(report.reviews.values_list("step", flat=True)))
    if step != expected:
        raise ValidationError(
            _("The next step of the review is: %(step)s.") % {"step": ReviewStep(expected).label}
            if expected
            else _("The review of this finding is complete."),
            code="order",
        )
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write what was decided.")})
    review = FindingReview(report=report, step=step, note=note, recorded_by=actor)
    review.full_clean()
    review.save()
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        transition="finding_review",
        note=(f"{ReviewStep(step).label}: {note}")[:5000],
    )
    finding_review_recorded.send(sender=FindingReview, complaint=complaint, review=review)
    return review
