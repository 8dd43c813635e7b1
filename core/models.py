"""Shared plumbing: staff teams, the outbox of every message sent, and the personal-data access log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaffTeam(models.Model):
    """A team of desk staff a complaint can be assigned to (not a team of service workers)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="staff_teams", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("staff team")
        verbose_name_plural = _("staff teams")

    def __str__(self) -> str:
        return self.name


class OutboxMessage(models.Model):
    """Every message to a complainant or staff member.

    Written in the same transaction as the change that caused it; a Celery task sends it after
    commit, and the periodic outbox sweep picks up whatever the broker never received.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    complaint = models.ForeignKey(
        "intake.Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    purpose = models.CharField(_("purpose"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.purpose or self.subject}"


class PersonalDataAccess(models.Model):
    """Who saw a complainant's unmasked personal data, and when (domain.md §8)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey("intake.Complaint", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    purpose = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")

    def __str__(self) -> str:
        return f"{self.user_id} {self.complaint_id} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
