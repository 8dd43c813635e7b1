"""Ruling (裁决): a panel of at least three members votes; the majority decides and states its basis."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .compensation import CompensationPlan


class Verdict(models.TextChoices):
    UPHOLD = "uphold", _("Uphold the complaint")
    PARTLY = "partly", _("Uphold in part")
    REJECT = "reject", _("Reject the complaint")


class Ruling(CompensationPlan):
    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="rulings", verbose_name=_("complaint")
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("panel members"), related_name="+")
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("formed by"), on_delete=models.PROTECT, related_name="+"
    )
    formed_at = models.DateTimeField(_("formed at"), auto_now_add=True)
    verdict = models.CharField(_("decision"), max_length=10, choices=Verdict.choices, blank=True)
    basis = models.TextField(_("basis of the decision"), max_length=6000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-formed_at", "-id"]
        verbose_name = _("ruling")
        verbose_name_plural = _("rulings")

    def __str__(self) -> str:
        return f"{self.complaint} #{self.pk}"

    @property
    def decided(self) -> bool:
        return bool(self.verdict)


class RulingVote(models.Model):
    """One member's vote and opinion, cast once."""

    ruling = models.ForeignKey(Ruling, verbose_name=_("ruling"), on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    verdict = models.CharField(_("vote"), max_length=10, choices=Verdict.choices)
    opinion = models.TextField(_("opinion"), max_length=3000)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cast_at", "id"]
        constraints = [models.UniqueConstraint(fields=["ruling", "member"], name="one_vote_per_member")]
        verbose_name = _("ruling vote")
        verbose_name_plural = _("ruling votes")

    def __str__(self) -> str:
        return f"{self.ruling} {self.member_id} {self.verdict}"
