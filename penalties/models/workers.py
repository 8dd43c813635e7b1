"""Service workers, their teams and orders, the link from a complaint to them, and the blacklist."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.choices import WORKER_CATEGORIES, ServiceType

from ..identity import identity_masked

mobile_phone_validator = RegexValidator(r"^1\d{10}$", _("Enter an 11-digit mobile phone number."))


class Team(models.Model):
    """A team of service workers (服务团队), which can itself be the responsible party."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("department supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_service_teams",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service team")
        verbose_name_plural = _("service teams")

    def __str__(self) -> str:
        return self.name


class Worker(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        DISMISSED = "dismissed", _("Dismissed")
        BANNED = "banned", _("Banned")

    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True, validators=[mobile_phone_validator])
    identity_hash = models.CharField(_("identity number hash"), max_length=64, unique=True, editable=False)
    identity_last_four = models.CharField(_("identity number (last four)"), max_length=4, editable=False)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="workers"
    )
    service_types = models.JSONField(_("service types"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service worker")
        verbose_name_plural = _("service workers")

    def __str__(self) -> str:
        return f"{self.name} ({self.identity_masked})"

    @property
    def identity_masked(self) -> str:
        return identity_masked(self.identity_last_four)

    def service_type_labels(self) -> list[str]:
        labels = dict(ServiceType.choices)
        return [str(labels.get(value, value)) for value in self.service_types]


class ServiceOrder(models.Model):
    order_number = models.CharField(_("order number"), max_length=40, unique=True)
    service_type = models.CharField(_("service type"), max_length=20, choices=ServiceType.choices)
    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    customer_phone = models.CharField(_("customer phone"), max_length=20, blank=True)
    service_date = models.DateField(_("service date"))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-service_date", "order_number"]
        # The monthly report's complaint rate: orders served within a month.
        indexes = [models.Index(fields=["service_date"], name="order_service_date")]
        verbose_name = _("service order")
        verbose_name_plural = _("service orders")

    def __str__(self) -> str:
        return self.order_number


class ComplaintSubject(models.Model):
    """Whom a complaint is about, found from its order number (the complainant rarely knows IDs)."""

    complaint = models.OneToOneField(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="subject"
    )
    order = models.ForeignKey(
        ServiceOrder, verbose_name=_("service order"), null=True, blank=True, on_delete=models.SET_NULL
    )
    worker = models.ForeignKey(
        Worker,
        verbose_name=_("worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_subjects",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matched_at = models.DateTimeField(_("matched at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint subject")
        verbose_name_plural = _("complaint subjects")

    def __str__(self) -> str:
        return f"{self.complaint} → {self.worker or self.team or '-'}"


class BlacklistEntry(models.Model):
    """The company's own blacklist (not the official credit platform): checked at onboarding."""

    identity_hash = models.CharField(_("identity number hash"), max_length=64, unique=True, editable=False)
    identity_last_four = models.CharField(_("identity number (last four)"), max_length=4, editable=False)
    reason_category = models.CharField(_("reason category"), max_length=20, choices=WORKER_CATEGORIES)
    penalty = models.ForeignKey(
        "penalties.Penalty", verbose_name=_("penalty"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("listed at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("blacklist entry")
        verbose_name_plural = _("blacklist")

    def __str__(self) -> str:
        return f"{identity_masked(self.identity_last_four)} ({self.get_reason_category_display()})"


class OnboardingCheck(models.Model):
    """The log of every blacklist query: who asked, when, for which hash. Never the number itself."""

    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True, db_index=True)
    identity_hash = models.CharField(_("identity number hash"), max_length=64, editable=False)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("onboarding check")
        verbose_name_plural = _("onboarding checks")
        permissions = [("check_blacklist", "Can check an identity number against the blacklist")]

    def __str__(self) -> str:
        return f"{self.checked_by} {timezone.localtime(self.checked_at):%Y-%m-%d %H:%M}"
