"""An investigation round of one complaint, its team, statements, site visits and extensions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Party(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    WORKER = "worker", _("Service worker")
    COMPANY = "company", _("Company")
    WITNESS = "witness", _("Witness")
    THIRD_PARTY = "third_party", _("Third party")


class Investigation(models.Model):
    """One investigation per round: the first after acceptance, one more after each reopening."""

    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="investigations"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lead"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="investigations", blank=True
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["complaint", "round"]
        constraints = [models.UniqueConstraint(fields=["complaint", "round"], name="investigation_round_unique")]
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")
        permissions = [("decide_extension", "Can approve or reject investigation extensions")]

    def __str__(self) -> str:
        return f"{self.complaint} #{self.round}"

    def is_on_team(self, user) -> bool:
        return user.pk == self.lead_id or self.members.filter(pk=user.pk).exists()


class Statement(models.Model):
    """What one party said, taken down by a team member. Its text is also chained as evidence."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="statements")
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    person_name = models.CharField(_("person"), max_length=50)
    content = models.TextField(_("statement"), max_length=10000)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken by"), on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    evidence = models.OneToOneField(
        "investigations.EvidenceItem", on_delete=models.PROTECT, related_name="statement", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["taken_at", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.person_name}"


class SiteVisit(models.Model):
    """A visit to where the service took place; its photos are evidence items pointing here."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="site_visits")
    visited_at = models.DateTimeField(_("visited at"))
    place = models.CharField(_("place"), max_length=200)
    present = models.CharField(_("who was present"), max_length=300)
    findings = models.TextField(_("findings"), max_length=10000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    note_evidence = models.OneToOneField(
        "investigations.EvidenceItem", on_delete=models.PROTECT, related_name="site_visit_note", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["visited_at", "id"]
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")

    def __str__(self) -> str:
        return f"{self.place} {timezone.localtime(self.visited_at):%Y-%m-%d}"


class ExtensionRequest(models.Model):
    """More time for the investigation; a supervisor other than the requester decides.

    Seed 001: 对于复杂投诉，经公司领导批准后，可适当延长调查时间，但最长不得超过[X]个工作日. New requests
    count working days; beyond the supervisor's limit the supervisor's approval waits for company
    leadership. Requests made in clock hours before working days existed keep their hours.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        AWAITING_LEADERSHIP = "leadership", _("Awaiting leadership")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="extension_requests")
    hours = models.PositiveSmallIntegerField(_("extra hours"), default=0)
    working_days = models.PositiveSmallIntegerField(_("extra working days"), default=0)
    reason = models.TextField(_("reason"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=2000)
    supervisor_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by the supervisor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supervisor_approved_at = models.DateTimeField(_("approved by the supervisor at"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("new due date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        permissions = [("approve_long_extension", "Can approve investigation extensions beyond a supervisor's limit")]

    def __str__(self) -> str:
        if self.working_days:
            return f"{self.investigation} +{self.working_days}d"
        return f"{self.investigation} +{self.hours}h"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.AWAITING_LEADERSHIP)
