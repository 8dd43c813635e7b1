"""A worker's credit record outside the company (domain.md §9): their consent to share it, every
disclosure made, and listings proposed to the national 家政 credit platform. The internal
blacklist (``BlacklistEntry``) is the company's own list and is kept apart from all of this."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.choices import Category

from .penalty import PenaltyKind


class ConsentScope(models.TextChoices):
    """To whom a worker's complaint and penalty history may go; also the kind of a disclosure's recipient."""

    CUSTOMER_ENQUIRY = "customer_enquiry", _("Customer enquiries")
    CREDIT_PLATFORM = "credit_platform", _("National domestic-services credit platform")


class WorkerConsent(models.Model):
    class Method(models.TextChoices):
        SIGNED_PAPER = "signed_paper", _("Signed on paper")
        APP = "app", _("In the app")
        IN_PERSON = "in_person", _("In person, witnessed by staff")

    worker = models.ForeignKey(
        "penalties.Worker", verbose_name=_("worker"), on_delete=models.PROTECT, related_name="consents"
    )
    scope = models.CharField(_("scope"), max_length=20, choices=ConsentScope.choices)
    method = models.CharField(_("how given"), max_length=20, choices=Method.choices)
    given_at = models.DateTimeField(_("given at"))
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("The signed form's number or the app's record.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            )
        ]
        verbose_name = _("worker's consent")
        verbose_name_plural = _("workers' consents")

    def __str__(self) -> str:
        return f"{self.worker.name} – {self.get_scope_display()}"

    def clean(self) -> None:
        """Checked here so that the admin's form and the services refuse the same things."""
        now = timezone.now()
        if self.given_at and self.given_at > now:
            raise ValidationError({"given_at": _("A consent cannot be dated in the future.")})
        if self.withdrawn_at and self.withdrawn_at > now:
            raise ValidationError({"withdrawn_at": _("A withdrawal cannot be dated in the future.")})
        if self.withdrawn_at and self.given_at and self.withdrawn_at < self.given_at:
            raise ValidationError({"withdrawn_at": _("A consent cannot be withdrawn before it was given.")})
        if self._state.adding and self.worker_id and self.scope:
            current = WorkerConsent.objects.filter(worker_id=self.worker_id, scope=self.scope)
            if current.filter(withdrawn_at__isnull=True).exists():
                raise ValidationError(_("This worker's consent for this scope is already on record and not withdrawn."))

    def in_force_at(self, moment) -> bool:
        return self.given_at <= moment and (self.withdrawn_at is None or self.withdrawn_at > moment)


class HistoryDisclosure(models.Model):
    """One time a worker's history left the company: to whom, by whom, on which consent, and what exactly."""

    worker = models.ForeignKey(
        "penalties.Worker", verbose_name=_("worker"), on_delete=models.PROTECT, related_name="disclosures"
    )
    recipient_kind = models.CharField(_("recipient kind"), max_length=20, choices=ConsentScope.choices)
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("Who asked: the customer's name and order, or the platform.")
    )
    consent = models.ForeignKey(
        WorkerConsent, verbose_name=_("consent relied on"), on_delete=models.PROTECT, related_name="disclosures"
    )
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("disclosed by"), on_delete=models.PROTECT, related_name="+"
    )
    disclosed_at = models.DateTimeField(_("disclosed at"), auto_now_add=True, db_index=True)
    #: What was handed over, as it was at that moment (see ``selectors.worker_history_summary``).
    summary = models.JSONField(_("summary disclosed"), default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-disclosed_at"]
        verbose_name = _("history disclosure")
        verbose_name_plural = _("history disclosures")
        permissions = [("disclose_worker_history", "Can disclose a worker's history outside the company")]

    def __str__(self) -> str:
        return f"{self.worker.name} → {self.recipient}"

    def penalty_lines(self) -> list[dict]:
        """The disclosed penalties with their labels in today's language; the codes are what was kept."""
        kinds, categories = dict(PenaltyKind.choices), dict(Category.choices)
        return [
            {
                **line,
                "kind_label": kinds.get(line["kind"], line["kind"]),
                "category_label": categories.get(line["category"], line["category"]),
            }
            for line in self.summary.get("penalties", [])
        ]


class OfficialListing(models.Model):
    """A proposal to list the worker on the credit platform's 黑名单/失信 list: reviewed by a second
    supervisor, then exported. It never touches the internal blacklist, and has its own reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        EXPORTED = "exported", _("Exported")

    worker = models.ForeignKey(
        "penalties.Worker", verbose_name=_("worker"), on_delete=models.PROTECT, related_name="official_listings"
    )
    reason = models.TextField(_("reason for the official listing"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), max_length=2000, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("exported at"), null=True, blank=True)
    consent = models.ForeignKey(
        WorkerConsent,
        verbose_name=_("consent relied on"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="official_listings",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("official listing")
        verbose_name_plural = _("official listings")
        permissions = [
            ("propose_officiallisting", "Can propose official listings"),
            ("review_officiallisting", "Can approve or reject official listings"),
            ("export_officiallisting", "Can export official listings"),
        ]

    def __str__(self) -> str:
        return f"{self.worker.name} – {self.get_status_display()}"
