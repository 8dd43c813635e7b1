"""What a team or the company owes when the finding names them (domain.md §6)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RectificationPlan(models.Model):
    """整改: a responsible team's plan, with a deadline, verified by a supervisor."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        VERIFIED = "verified", _("Verified")

    team = models.ForeignKey(
        "penalties.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="rectification_plans"
    )
    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectification_plans",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    actions = models.TextField(_("actions"), max_length=5000)
    deadline = models.DateField(_("deadline"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the plan was created from an investigation finding."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("rectification plan")
        verbose_name_plural = _("rectification plans")
        permissions = [("verify_rectificationplan", "Can verify rectification plans")]

    def __str__(self) -> str:
        return f"{self.team} – {self.deadline:%Y-%m-%d}"


class ProcessChange(models.Model):
    """A change of the company's process or resources, recorded when management is responsible;
    like a rectification plan it has an owner, a deadline and a supervisor's verification (seed 001:
    明确责任部门和责任人，限期进行整改)."""

    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_changes",
    )
    description = models.TextField(_("change"), max_length=5000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    #: Empty only on changes recorded before changes had deadlines.
    deadline = models.DateField(_("deadline"), null=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RectificationPlan.Status.choices,
        default=RectificationPlan.Status.OPEN,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("process change")
        verbose_name_plural = _("process changes")
        permissions = [("verify_processchange", "Can verify process changes")]

    def __str__(self) -> str:
        return self.description[:60]
