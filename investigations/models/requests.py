"""Evidence asked of the worker or the company (002: 要求被投诉方提供证据材料), with a due date."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .investigation import Investigation


class EvidenceRequest(models.Model):
    class Addressee(models.TextChoices):
        WORKER = "worker", _("Service worker")
        COMPANY = "company", _("Company (department or team)")

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="evidence_requests")
    addressee = models.CharField(_("asked of"), max_length=10, choices=Addressee.choices)
    addressee_name = models.CharField(_("name"), max_length=100)
    #: Where the request goes by SMS; empty when it is handed over another way.
    phone = models.CharField(_("mobile phone (optional)"), max_length=20, blank=True)
    asked_for = models.TextField(_("what is asked for"), max_length=2000)
    due_on = models.DateField(_("due on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("evidence request")
        verbose_name_plural = _("evidence requests")

    def __str__(self) -> str:
        return f"{self.addressee_name} {self.due_on:%Y-%m-%d}"

    @property
    def overdue(self) -> bool:
        return self.received_at is None and self.due_on < timezone.localdate()
