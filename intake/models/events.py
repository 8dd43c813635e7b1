"""The complaint's timeline: transitions, notes and messages, in the order they happened."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComplaintEvent(models.Model):
    class Kind(models.TextChoices):
        TRANSITION = "transition", _("State change")
        NOTE = "note", _("Internal note")
        MESSAGE = "message", _("Message to the complainant")
        ACTION = "action", _("Action")

    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transition = models.CharField(_("transition"), max_length=40, blank=True)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    #: Shown on the public status page. Internal notes never are.
    public = models.BooleanField(_("visible to the complainant"), default=False)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["complaint", "at"], name="event_complaint_at")]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
