"""The malicious or false complaint flag (seed 002: 设立投诉人信用评价机制，对恶意投诉或虚假举报者纳入管理).

A supervisor sets it on a complainant (known by the phone of a complaint) with a reason; it is
reviewed after a period and kept or lifted. It is internal: the complainant never sees it (tracking
page, messages, the integrations' API), and it never refuses a complaint by itself.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ComplainantFlagQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class ComplainantFlag(models.Model):
    phone = models.CharField(_("mobile phone"), max_length=11, db_index=True)
    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint that led to the flag"),
        on_delete=models.PROTECT,
        related_name="complainant_flags",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"))
    review_on = models.DateField(_("review due on"), db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("last reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True, max_length=2000)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ComplainantFlagQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "pk"]
        verbose_name = _("malicious or false complaint flag")
        verbose_name_plural = _("malicious or false complaint flags")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"], condition=models.Q(lifted_at__isnull=True), name="one_active_flag_per_phone"
            )
        ]
        permissions = [("flag_complainant", "Can set and review malicious or false complaint flags")]

    def __str__(self) -> str:
        return f"{self.complaint} {self.set_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
