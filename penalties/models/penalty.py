"""Penalties of a worker (domain.md §6), the rules that suggest them, the points ledger and appeals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.choices import WORKER_CATEGORIES, Category


class PenaltyKind(models.TextChoices):
    CRITICISM = "criticism", _("Criticism and education")
    WARNING = "warning", _("Warning")
    POINTS = "points", _("Points deduction")
    FINE = "fine", _("Fine")
    SUSPENSION = "suspension", _("Suspension")
    RETRAINING = "retraining", _("Retraining")
    DISMISSAL = "dismissal", _("Dismissal")
    BAN = "ban", _("Permanent ban")
    AUTHORITY_REPORT = "authority_report", _("Report to the authorities")


class PenaltyRule(models.Model):
    """What the desk suggests for a category of violation; the supervisor still decides."""

    category = models.CharField(_("violation category"), max_length=20, choices=WORKER_CATEGORIES, unique=True)
    kind = models.CharField(_("suggested kind"), max_length=20, choices=PenaltyKind.choices)
    points = models.PositiveSmallIntegerField(_("points to deduct"), default=0)
    fine_amount = models.DecimalField(_("fine"), max_digits=10, decimal_places=2, null=True, blank=True)
    suspension_days = models.PositiveSmallIntegerField(_("suspension days"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category"]
        verbose_name = _("penalty rule")
        verbose_name_plural = _("penalty rules")

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.get_kind_display()}"


class Penalty(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REJECTED = "rejected", _("Rejected")
        IN_EFFECT = "in_effect", _("In effect")
        ENDED = "ended", _("Ended")
        REVOKED = "revoked", _("Revoked on appeal")

    worker = models.ForeignKey(
        "penalties.Worker", verbose_name=_("worker"), on_delete=models.PROTECT, related_name="penalties"
    )
    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="penalties",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PenaltyKind.choices)
    category = models.CharField(_("violation category"), max_length=20, choices=Category.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    points = models.PositiveSmallIntegerField(_("points to deduct"), default=0)
    fine_amount = models.DecimalField(_("fine"), max_digits=10, decimal_places=2, null=True, blank=True)
    suspension_days = models.PositiveSmallIntegerField(_("suspension days"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    authority = models.CharField(_("authority"), max_length=100, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    authority_reference = models.CharField(_("authority's reference"), max_length=100, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), max_length=2000, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        permissions = [
            ("propose_penalty", "Can propose penalties"),
            ("decide_penalty", "Can approve or reject penalties and decide appeals"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.worker.name}"

    def clean(self) -> None:
        """Each kind needs its own details: points, an amount, a number of days, an authority."""
        kind = self.kind
        if kind == PenaltyKind.POINTS and not self.points:
            raise ValidationError({"points": _("A points deduction needs a number of points.")})
        if kind == PenaltyKind.FINE and not (self.fine_amount and self.fine_amount > 0):
            raise ValidationError({"fine_amount": _("A fine needs an amount.")})
        if kind == PenaltyKind.SUSPENSION and not self.suspension_days:
            raise ValidationError({"suspension_days": _("A suspension needs a number of days.")})
        if kind == PenaltyKind.AUTHORITY_REPORT and not (self.authority and self.reported_on):
            raise ValidationError({"authority": _("A report to the authorities needs the authority and the date.")})


class PointsEntry(models.Model):
    """One line of a worker's points ledger; the balance of a year is the allowance plus its lines."""

    worker = models.ForeignKey(
        "penalties.Worker", verbose_name=_("worker"), on_delete=models.PROTECT, related_name="points_entries"
    )
    penalty = models.ForeignKey(
        Penalty, verbose_name=_("penalty"), on_delete=models.PROTECT, related_name="points_entries"
    )
    year = models.PositiveSmallIntegerField(_("period"), db_index=True)
    delta = models.SmallIntegerField(_("points"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("points entry")
        verbose_name_plural = _("points ledger")

    def __str__(self) -> str:
        return f"{self.worker.name} {self.year}: {self.delta:+d}"


class Appeal(models.Model):
    """A worker's appeal against a penalty, recorded by staff, decided by a second supervisor."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        UPHELD = "upheld", _("Upheld")
        REDUCED = "reduced", _("Reduced")
        REVOKED = "revoked", _("Revoked")

    penalty = models.OneToOneField(Penalty, verbose_name=_("penalty"), on_delete=models.PROTECT, related_name="appeal")
    grounds = models.TextField(_("grounds"), max_length=5000)
    submitted_at = models.DateTimeField(_("submitted at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.penalty} – {self.get_outcome_display()}"
