"""Compensation (赔偿/补偿) and its payment, made once and proven by a voucher."""

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def voucher_path(instance: "Compensation", filename: str) -> str:
    # The stored name is random and carries no part of the uploaded name.
    return f"vouchers/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}"


def money_total(items) -> Decimal:
    """What a plan pays in money: the statutory compensation for fraud is money, not a service or
    an apology."""
    return sum((item.amount for item in items if item.kind == Compensation.Kind.MONEY), Decimal("0.00"))


class CompensationPlan(models.Model):
    """What a proposal and a ruling share: compensation items and, after a fraud finding, the
    reason a plan pays less than the statutory minimum (``resolutions.statute``)."""

    below_minimum_reason = models.TextField(_("why less than the statutory minimum"), max_length=2000, blank=True)

    class Meta:
        abstract = True

    @property
    def money_total(self) -> Decimal:
        return money_total(item for item in self.compensations.all() if item.status != Compensation.Status.VOID)


class Compensation(models.Model):
    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        IN_KIND = "in_kind", _("In kind")
        SERVICE = "service", _("Service (redo, free extra service)")
        APOLOGY = "apology", _("Apology")

    class Payer(models.TextChoices):
        COMPANY = "company", _("Company")
        WORKER = "worker", _("Service worker")
        TEAM = "team", _("Service team")
        FUND = "fund", _("Advance-payment fund")
        THIRD_PARTY = "third_party", _("Third party")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        PAID = "paid", _("Paid")
        VOID = "void", _("Not agreed")

    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="compensations", verbose_name=_("complaint")
    )
    #: The proposal or ruling this item belongs to; it becomes agreed when that is accepted.
    proposal = models.ForeignKey(
        "resolutions.MediationProposal",
        verbose_name=_("mediation proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compensations",
    )
    ruling = models.ForeignKey(
        "resolutions.Ruling",
        verbose_name=_("ruling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compensations",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(
        _("amount (CNY)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    advance_payment = models.BooleanField(
        _("advance payment from the fund"), default=False, help_text=_("Only when the facts are clear.")
    )
    payer = models.CharField(_("payer"), max_length=12, choices=Payer.choices)
    #: The worker's part of the amount; the payer (usually the company) pays the rest.
    worker_share = models.DecimalField(
        _("paid by the worker (CNY)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    due_on = models.DateField(_("to be paid or delivered by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)

    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payment recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    voucher = models.FileField(_("payment voucher"), upload_to=voucher_path, max_length=200, blank=True)
    voucher_content_type = models.CharField(_("voucher content type"), max_length=100, blank=True)
    voucher_sha256 = models.CharField(_("voucher SHA-256"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="compensation_amount_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(paid_at__isnull=False),
                name="paid_compensation_has_paid_at",
            ),
            models.CheckConstraint(
                condition=models.Q(worker_share__gte=0, worker_share__lte=models.F("amount")),
                name="compensation_worker_share_within_amount",
            ),
        ]
        verbose_name = _("compensation")
        verbose_name_plural = _("compensations")
        permissions = [("record_payment", "Can record compensation payments")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ¥{self.amount}"

    @property
    def needs_payment(self) -> bool:
        return self.status == self.Status.AGREED

    @property
    def overdue(self) -> bool:
        """Agreed and not paid by its due date (消费者权益保护法 Art. 56(8): a delayed payment is a violation)."""
        return self.needs_payment and self.due_on is not None and self.due_on < timezone.localdate()

    @classmethod
    def overdue_condition(cls, today: date | None = None) -> models.Q:
        """``overdue`` as a query condition, for worklists and reports."""
        return models.Q(status=cls.Status.AGREED, due_on__lt=today or timezone.localdate())

    @property
    def payer_share(self) -> Decimal:
        """What the payer (the company, unless another payer was chosen) pays of the amount."""
        return self.amount - self.worker_share

    @property
    def has_amount(self) -> bool:
        return self.kind in (self.Kind.MONEY, self.Kind.IN_KIND)

    @property
    def has_payment_plan(self) -> bool:
        """An item with an amount is planned once it has a date by which it is paid or delivered."""
        return not self.has_amount or self.due_on is not None or self.status == self.Status.PAID


class CompensationPolicy(models.Model):
    """The limits supervisors set in admin. The latest row is in force; without one, the
    setting ``COMPENSATION_MAX_AMOUNT`` is."""

    max_amount = models.DecimalField(
        _("highest amount of one compensation item (CNY)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("compensation limit")
        verbose_name_plural = _("compensation limits")

    def __str__(self) -> str:
        return f"¥{self.max_amount}"

    @classmethod
    def max_amount_in_force(cls) -> Decimal:
        latest = cls.objects.values_list("max_amount", flat=True).first()
        return latest if latest is not None else Decimal(str(settings.COMPENSATION_MAX_AMOUNT))
