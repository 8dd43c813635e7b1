"""The quick path (seed 004: 受理人员能够及时处理的投诉要及时处理): a simple complaint the agent
resolved on the call, with the solution the complainant agreed to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class QuickResolution(models.Model):
    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="quick_resolutions", verbose_name=_("complaint")
    )
    solution = models.TextField(_("agreed solution"), max_length=3000)
    #: The call or message in which the complainant agreed: it is also the first contact.
    contact_attempt = models.OneToOneField(
        "intake.ContactAttempt",
        verbose_name=_("contact in which the complainant agreed"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("resolution at first contact")
        verbose_name_plural = _("resolutions at first contact")

    def __str__(self) -> str:
        return str(self.complaint)
