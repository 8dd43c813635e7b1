"""The emergency procedure of an urgent complaint, and the report of a major one to management.

An urgent complaint (safety, ongoing harm, abuse or threats) starts the emergency procedure at
once (seeds 001, 002, 004): supervisors and management are alerted, someone acknowledges within
the hour, records what was done and follows up within 24 hours. A major complaint that is not
urgent is reported to management within one working day (seed 003).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Emergency(models.Model):
    """The emergency record of one complaint: opened once, when the complaint first becomes urgent."""

    complaint = models.OneToOneField(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="emergency"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the classifier marked the complaint urgent."),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actions_taken = models.TextField(_("actions taken"), blank=True, max_length=5000)
    hospital_reference = models.CharField(_("hospital reference"), max_length=100, blank=True)
    police_reference = models.CharField(_("police reference"), max_length=100, blank=True)
    people_informed = models.TextField(_("people informed"), blank=True, max_length=2000)
    follow_up_due_at = models.DateTimeField(_("follow-up due"), null=True, blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_note = models.TextField(_("follow-up note"), blank=True, max_length=5000)
    # Guards the record's text fields against lost updates between two open workbenches.
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["opened_at"]
        verbose_name = _("emergency")
        verbose_name_plural = _("emergencies")
        indexes = [
            # The staff banner reads the unacknowledged ones on every page: a few rows of a small index.
            models.Index(
                fields=["opened_at"], name="emergency_unacknowledged", condition=Q(acknowledged_at__isnull=True)
            )
        ]
        permissions = [
            ("acknowledge_emergency", "Can acknowledge an emergency"),
            ("record_emergency", "Can record an emergency's actions and follow-up"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.opened_at:%Y-%m-%d %H:%M}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def is_followed_up(self) -> bool:
        return self.followed_up_at is not None


class ManagementReport(models.Model):
    """A major complaint reported to management (重大投诉向公司高层汇报): who told whom, when, what."""

    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="management_reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_to = models.CharField(_("reported to"), max_length=200)
    reported_at = models.DateTimeField(_("reported at"))
    summary = models.TextField(_("summary"), max_length=5000)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["reported_at", "pk"]
        verbose_name = _("report to management")
        verbose_name_plural = _("reports to management")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.reported_at:%Y-%m-%d %H:%M}"


class ManagementDecision(models.Model):
    """What management decided on a major complaint, recorded by a member of management.

    An opinion (处理意见, seed 003: within 3 working days) or the resolution of the management
    meeting (管理层会议审议, seed 002: within 7 working days); a resolution is also an opinion.
    """

    class Kind(models.TextChoices):
        OPINION = "opinion", _("Opinion (处理意见)")
        RESOLUTION = "resolution", _("Resolution of the management meeting (会议决议)")

    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="management_decisions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    decision = models.TextField(_("decision"), max_length=5000)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("management decision")
        verbose_name_plural = _("management decisions")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.decided_at:%Y-%m-%d %H:%M}"
