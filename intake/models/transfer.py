"""A complaint transferred by another body (domain.md §9): the body's own dates, its testing or
appraisal pauses, and the outcome the desk reports back to it.

The body and its case number stay on the complaint (``transfer_body``, ``transfer_case_number``),
where the classifier and the inbox read them; this record holds the rest, one per complaint.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OutcomeMethod(models.TextChoices):
    """How the dispute was handled, as the 12315 platform asks it (处理方式)."""

    NEGOTIATION = "negotiation", _("Negotiated with the consumer")
    MEDIATION = "mediation", _("Mediation by the body")
    REFUND = "refund", _("Refund")
    COMPENSATION = "compensation", _("Compensation")
    REDO = "redo", _("Service redone or worker replaced")
    APOLOGY = "apology", _("Apology and explanation")
    OTHER = "other", _("Other")


class MediationEnd(models.TextChoices):
    """Why the body's mediation ended: an agreement, or one of the grounds for ending it (终止调解)
    the market-regulation complaint rules list."""

    AGREEMENT = "agreement", _("Mediation agreement reached")
    SETTLED = "settled", _("The parties settled between themselves")
    WITHDRAWN = "withdrawn", _("The consumer withdrew the complaint")
    NOT_ATTENDED = "not_attended", _("A party did not attend the mediation without good reason")
    REFUSED = "refused", _("The business refused mediation")
    NO_AGREEMENT = "no_agreement", _("A party declared that no agreement can be reached")
    TESTING_DISPUTE = "testing_dispute", _("No agreement on the testing or appraisal body or its costs")
    TIME_LIMIT = "time_limit", _("No agreement within the mediation period")
    OTHER_AUTHORITY = "other_authority", _("Brought to arbitration, a court or another authority")
    OTHER = "other", _("Another ground in laws, regulations or rules")


def _not_in_future(day: date | None) -> bool:
    return day is not None and day > timezone.localdate()


class Transfer(models.Model):
    complaint = models.OneToOneField(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="transfer"
    )
    received_on = models.DateField(_("received by the body on"))
    accepted_on = models.DateField(_("accepted by the body on"))
    # The outcome reported back to the body, in the 12315 platform's fields.
    outcome_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    outcome_process = models.TextField(_("handling process"), max_length=2000, blank=True)
    outcome_method = models.CharField(_("handling method"), max_length=20, choices=OutcomeMethod.choices, blank=True)
    outcome_result = models.TextField(_("handling result"), max_length=2000, blank=True)
    mediation_end = models.CharField(
        _("how the mediation ended"), max_length=20, choices=MediationEnd.choices, blank=True
    )
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("outcome recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_on__gte=F("received_on")), name="transfer_accepted_after_received"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint.get_transfer_body_display()} {self.complaint.transfer_case_number}"

    def clean(self) -> None:
        errors = {}
        if _not_in_future(self.received_on):
            errors["received_on"] = _("The date received cannot be in the future.")
        if _not_in_future(self.accepted_on):
            errors["accepted_on"] = _("The date accepted cannot be in the future.")
        if self.received_on and self.accepted_on and self.accepted_on < self.received_on:
            errors["accepted_on"] = _("The body cannot accept the complaint before it received it.")
        if errors:
            raise ValidationError(errors)

    @property
    def outcome_recorded(self) -> bool:
        return self.outcome_at is not None


class TransferPause(models.Model):
    """Time the body's mediation waited for testing or appraisal (检验、检测、鉴定): not counted."""

    class Kind(models.TextChoices):
        TESTING = "testing", _("Testing or inspection")
        APPRAISAL = "appraisal", _("Appraisal")

    transfer = models.ForeignKey(Transfer, verbose_name=_("transfer"), on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("testing or appraisal pause")
        verbose_name_plural = _("testing or appraisal pauses")
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__gte=F("started_on")), name="transfer_pause_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.started_on:%Y-%m-%d}–{self.ended_on:%Y-%m-%d}"

    @property
    def days(self) -> int:
        return (self.ended_on - self.started_on).days + 1

    def clean(self) -> None:
        if self.started_on is None or self.ended_on is None:
            return
        if self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The pause cannot end before it started.")})
        so_far = (timezone.localdate() - self.transfer.accepted_on).days + 1
        if self.days > so_far:
            raise ValidationError(
                _("A pause of %(days)d days is longer than the mediation so far (%(so_far)d days).")
                % {"days": self.days, "so_far": max(so_far, 0)}
            )
        if _not_in_future(self.ended_on):
            raise ValidationError({"ended_on": _("The pause cannot end in the future.")})
        if self.started_on < self.transfer.accepted_on:
            raise ValidationError({"started_on": _("The pause cannot start before the body accepted the complaint.")})
