"""Requests from the data subject (个人信息保护法 Arts. 45–47, 50): the complainant asks to see, copy,
correct, delete or restrict their data, or withdraws consent; a supervisor fulfils or refuses each
one, with a reason, before its due date."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PrivacyRequest(models.Model):
    class Kind(models.TextChoices):
        SEE = "see", _("See my data")
        COPY = "copy", _("A copy of my data")
        CORRECT = "correct", _("Correct my data")
        DELETE = "delete", _("Delete my data")
        RESTRICT = "restrict", _("Restrict the use of my data")
        WITHDRAW_CONSENT = "withdraw_consent", _("Withdraw my consent")

    class Channel(models.TextChoices):
        WEB = "web", _("Tracking page")
        PHONE = "phone", _("Phone")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")
        REFUSED = "refused", _("Refused")

    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="privacy_requests"
    )
    kind = models.CharField(_("request"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("received by"), max_length=12, choices=Channel.choices)
    details = models.TextField(
        _("details"), max_length=2000, blank=True, help_text=_("What to correct, or anything the requester added.")
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_at = models.DateTimeField(_("answer due by"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for refusing"), max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("request about personal data")
        verbose_name_plural = _("requests about personal data")
        permissions = [("handle_privacyrequest", "Can fulfil or refuse requests about personal data")]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()
