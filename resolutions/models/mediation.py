"""Mediation (调解): the agent's proposal, each side's answer, and the settlement agreement."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .compensation import CompensationPlan


class Party(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    RESPONDENT = "respondent", _("Worker or company")


class MediationProposal(CompensationPlan):
    """What each side gets. A complaint may see several proposals: a reopened complaint is
    mediated again, and a rejected proposal can be followed by a better one."""

    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="mediation_proposals", verbose_name=_("complaint")
    )
    complainant_gets = models.TextField(_("what the complainant gets"), max_length=3000)
    respondent_gets = models.TextField(_("what the worker or company does or gets"), max_length=3000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    #: Raised when the compensation is amended after a side accepted: earlier answers no longer count.
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("mediation proposal")
        verbose_name_plural = _("mediation proposals")

    def __str__(self) -> str:
        return f"{self.complaint} #{self.pk}"

    @property
    def current_answers(self) -> list["MediationAnswer"]:
        """The answers to the proposal as it now stands (answers to an earlier revision are kept
        on the record but asked again)."""
        return [a for a in self.answers.all() if a.revision == self.revision]

    def answer_of(self, party: str) -> "MediationAnswer | None":
        return next((a for a in self.current_answers if a.party == party), None)

    @property
    def parties_to_ask(self) -> list[str]:
        return [party for party in Party if self.answer_of(party) is None]

    @property
    def accepted_by_both(self) -> bool:
        answers = self.current_answers
        return len(answers) == len(Party) and all(a.accepted for a in answers)

    @property
    def rejected(self) -> bool:
        return any(not a.accepted for a in self.current_answers)

    @property
    def open(self) -> bool:
        return not self.rejected and not self.accepted_by_both


class MediationAnswer(models.Model):
    """One side's answer to a proposal, as the agent heard it. Recorded once per side."""

    proposal = models.ForeignKey(
        MediationProposal, verbose_name=_("mediation proposal"), on_delete=models.PROTECT, related_name="answers"
    )
    party = models.CharField(_("party"), max_length=12, choices=Party.choices)
    accepted = models.BooleanField(_("accepted"))
    reason = models.TextField(_("reason for rejecting"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "party", "revision"], name="one_answer_per_party_and_revision")
        ]
        verbose_name = _("mediation answer")
        verbose_name_plural = _("mediation answers")

    def __str__(self) -> str:
        return f"{self.proposal} {self.party}"


class SettlementAgreement(models.Model):
    """和解协议: both sides accepted the proposal voluntarily."""

    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="settlements", verbose_name=_("complaint")
    )
    proposal = models.OneToOneField(
        MediationProposal, verbose_name=_("mediation proposal"), on_delete=models.PROTECT, related_name="settlement"
    )
    terms = models.TextField(_("terms"), max_length=6000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("settlement agreement")
        verbose_name_plural = _("settlement agreements")

    def __str__(self) -> str:
        return f"{self.complaint} {timezone.localtime(self.recorded_at):%Y-%m-%d}"
