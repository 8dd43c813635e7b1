"""The end of an archive's retention: its personal data goes only after company leadership
approved the list (seed 001: 档案保存期满后，经公司领导批准方可销毁).

A supervisor proposes the archives past ``ARCHIVE_RETENTION_YEARS``; a member of management other
than the proposer approves the list; only then does the disposal anonymise them. The complaint rows
stay, so the reports' counts do not change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RetentionDisposal(models.Model):
    complaints = models.ManyToManyField("intake.Complaint", verbose_name=_("archives"), related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_note = models.CharField(_("approval note"), max_length=1000, blank=True)
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("carried out by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    erased = models.PositiveIntegerField(_("archives anonymised"), default=0)
    history = HistoricalRecords(m2m_fields=[complaints])

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("retention disposal")
        verbose_name_plural = _("retention disposals")
        permissions = [
            ("propose_disposal", "Can propose and carry out the disposal of archives past retention"),
            ("approve_disposal", "Can approve the disposal of archives past retention"),
        ]

    def __str__(self) -> str:
        return f"{self.proposed_at:%Y-%m-%d} ({self.pk})"
