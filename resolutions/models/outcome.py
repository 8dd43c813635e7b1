"""The result notice (处理结果通知书) and the follow-up (回访) that comes after it."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ResultNotice(models.Model):
    """A sent notice. ``content`` is the record as it stood when sent, so the notice never
    changes afterwards even if the record does."""

    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="result_notices", verbose_name=_("complaint")
    )
    content = models.JSONField(_("content"))
    appeal_by = models.DateField(_("appeal by"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    phone_confirmed_at = models.DateTimeField(_("confirmed by phone at"), null=True, blank=True)
    phone_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("result notice")
        verbose_name_plural = _("result notices")

    def __str__(self) -> str:
        return f"{self.complaint} {timezone.localtime(self.sent_at):%Y-%m-%d}"


def survey_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FollowUp(models.Model):
    """The satisfaction survey of one notice: answered once, by the complainant through the
    single-use link or by an agent on a phone callback. Only the hash of the link's token is
    stored, so a database reader cannot answer in the complainant's name."""

    class Channel(models.TextChoices):
        LINK = "link", _("Survey link")
        PHONE = "phone", _("Phone callback")

    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("complaint")
    )
    notice = models.OneToOneField(
        ResultNotice, verbose_name=_("result notice"), on_delete=models.PROTECT, related_name="follow_up"
    )
    token_hash = models.CharField(_("survey link hash"), max_length=64, unique=True, editable=False)
    due_at = models.DateTimeField(_("answer due by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    channel = models.CharField(_("answered through"), max_length=10, choices=Channel.choices, blank=True)
    score = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_unanswered = models.BooleanField(_("closed without an answer"), default=False)
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-due_at", "-id"]
        # The monthly report's satisfaction figures: surveys answered within a month.
        indexes = [models.Index(fields=["answered_at"], name="follow_up_answered")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5), name="score_1_to_5"
            )
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.complaint} {self.score or '-'}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def unsatisfied(self) -> bool:
        return self.score is not None and self.score <= settings.FOLLOW_UP_UNSATISFIED_MAX_SCORE
