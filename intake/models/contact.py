"""Calls and messages to the complainant, each with its outcome (seed 003: contact within 24 hours;
seed 004: a customer not reached in 24 hours is the customer manager's within 48)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ContactAttempt(models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("SMS")
        WECHAT = "wechat", _("WeChat")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Visit")

    class Outcome(models.TextChoices):
        REACHED = "reached", _("Reached")
        NO_ANSWER = "no_answer", _("No answer")
        WRONG_NUMBER = "wrong_number", _("Wrong number")
        REFUSED = "refused", _("Reached, refused to talk")

    #: Outcomes where the complainant was reached: the desk is in touch, whatever they said.
    REACHED_OUTCOMES = (Outcome.REACHED, Outcome.REFUSED)

    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="contact_attempts"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices)
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["attempted_at", "pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.channel} {self.outcome}"

    @property
    def reached(self) -> bool:
        return self.outcome in self.REACHED_OUTCOMES
