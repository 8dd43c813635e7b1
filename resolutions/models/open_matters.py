"""The open matters ledger (未了事宜台帐, seed 004): what was promised to a complainant and is not
done yet when the complaint's own work ends — a refund pending, a replacement to arrange, a
training to give. Each matter has an owner (the customer manager who keeps in touch with the
customer) and a due date, and stays on the ledger until its owner records it done.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OpenMatter(models.Model):
    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="open_matters", verbose_name=_("complaint")
    )
    action = models.CharField(_("what remains to be done"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="open_matters"
    )
    due_on = models.DateField(_("due on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    #: The last monthly reminder that listed this matter (seed 004: on the 4th of each month).
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="open_matter_ledger")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True) | models.Q(done_by__isnull=False),
                name="open_matter_done_has_done_by",
            )
        ]
        verbose_name = _("open matter")
        verbose_name_plural = _("open matters")

    def __str__(self) -> str:
        return f"{self.complaint} {self.action[:40]}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    @property
    def overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()
