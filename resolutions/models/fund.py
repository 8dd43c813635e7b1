"""The advance-payment fund (专项基金预先垫付, seed 002): money the company sets aside so that a
complainant whose facts are clear is paid before the responsible party pays.

The fund's ledger is its entries — money put in and money recovered afterwards from whoever was
responsible — and its draws, which are the advance payments themselves (``Compensation`` with
``advance_payment``) once paid: a draw is never typed twice, it is the payment with its voucher.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FundEntry(models.Model):
    class Kind(models.TextChoices):
        DEPOSIT = "deposit", _("Put into the fund")
        RECOVERY = "recovery", _("Recovered from who was responsible")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    entered_on = models.DateField(_("date"), db_index=True)
    #: The complaint whose advance payment a recovery pays back.
    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    note = models.CharField(_("note"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-entered_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="fund_entry_amount_positive")]
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.entered_on:%Y-%m-%d})"
