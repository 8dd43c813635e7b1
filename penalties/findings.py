"""What an investigation's responsibility finding sets in motion here (domain.md §4, §6).

Investigations knows nothing of penalties: this module listens for a submitted report. A finding
against a worker proposes the rule's penalty (a supervisor still decides); against a team it opens
a rectification plan owned by the team's supervisor; against company management it asks the
supervisors to record the process change, whose owner only a person can choose.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from core.outbox import message_queue

from .models import ComplaintSubject, Penalty, Team, Worker
from .notifications import finding_tell
from .services.accountability import rectification_plan_create
from .services.penalties import penalty_propose, penalty_suggestion, supervisor_emails

logger = logging.getLogger(__name__)


def _named(model, complaint, field: str, name: str):
    """The subject found from the order first; else the only record with the name the report gives."""
    subject = ComplaintSubject.objects.filter(complaint=complaint).first()
    if subject is not None and getattr(subject, field) is not None:
        return getattr(subject, field)
    matches = list(model.objects.filter(name=name.strip())[:2]) if name.strip() else []
    return matches[0] if len(matches) == 1 else None


def _supervisors_notify(*, complaint, subject: str, body: str) -> None:
    for email in supervisor_emails():
        message_queue(
            channel="email", recipient=email, subject=subject, body=body, complaint=complaint, purpose="finding"
        )


def finding_apply(*, complaint, responsibility: str, responsible_name: str, conclusion: str) -> None:
    if responsibility == "worker":
        worker = _named(Worker, complaint, "worker", responsible_name)
        if worker is not None and not Penalty.objects.filter(complaint=complaint, worker=worker).exists():
            penalty = penalty_propose(
                worker=worker,
                complaint=complaint,
                reason=conclusion[:2000],
                **penalty_suggestion(category=complaint.category),
            )
            finding_tell(penalty=penalty)
            return
    elif responsibility == "team":
        team = _named(Team, complaint, "team", responsible_name)
        if team is not None and team.supervisor is not None:
            rectification_plan_create(
                team=team,
                owner=team.supervisor,
                actions=conclusion,
                deadline=timezone.localdate() + timedelta(days=settings.RECTIFICATION_DEFAULT_DAYS),
                complaint=complaint,
            )
            return
    elif responsibility != "company":
        return
    _supervisors_notify(
        complaint=complaint,
        subject=_("Responsibility finding needs follow-up"),
        body=_("Complaint %(number)s: the finding names %(who)s. Record the penalty, plan or process change.")
        % {"number": complaint.tracking_number, "who": responsible_name or responsibility},
    )


def report_submitted(sender, instance, created: bool, **kwargs) -> None:
    if not created:
        return
    complaint = instance.investigation.complaint
    try:
        with transaction.atomic():
            finding_apply(
                complaint=complaint,
                responsibility=instance.responsibility,
                responsible_name=instance.responsible_name,
                conclusion=instance.conclusion,
            )
    except ValidationError:
        # A rule whose suggestion is incomplete must not block the report: a person takes over.
        logger.warning("Finding of complaint %s needs a manual penalty", complaint.pk)
        _supervisors_notify(
            complaint=complaint,
            subject=_("Responsibility finding needs follow-up"),
            body=_("Complaint %(number)s: propose the penalty by hand.") % {"number": complaint.tracking_number},
        )


try:
    _report_model = apps.get_model("investigations", "InvestigationReport")
except LookupError:  # the investigations app is optional for this module
    _report_model = None
if _report_model is not None:
    post_save.connect(report_submitted, sender=_report_model, dispatch_uid="penalties_report_submitted")
