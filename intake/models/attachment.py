"""Files the complainant sent with the complaint. Never served by URL: see intake.views.files."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random and carries no part of the uploaded name.
    return f"complaints/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo or screenshot")
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")
        PDF = "pdf", _("PDF document")

    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("content type"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 at upload"), max_length=64)
    uploaded_at = models.DateTimeField(_("received at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
