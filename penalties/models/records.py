"""What the company checked and taught, kept on the worker's record: background checks (seed 000:
服务人员无犯罪记录核查, a safety complaint when missing) and training, of workers and of desk staff
(seed 001: 定期组织培训)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class BackgroundCheck(models.Model):
    class Kind(models.TextChoices):
        CRIMINAL_RECORD = "criminal_record", _("No-criminal-record certificate (无犯罪记录证明)")
        HEALTH = "health", _("Health certificate (健康证)")
        IDENTITY = "identity", _("Identity verification")

    class Result(models.TextChoices):
        CLEAR = "clear", _("Clear")
        FOUND = "found", _("Record found")

    worker = models.ForeignKey(
        "penalties.Worker", verbose_name=_("worker"), on_delete=models.PROTECT, related_name="background_checks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CRIMINAL_RECORD)
    checked_on = models.DateField(_("checked on"))
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    reference = models.CharField(_("certificate or reference number"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("background check")
        verbose_name_plural = _("background checks")

    def __str__(self) -> str:
        return f"{self.worker} {self.get_kind_display()} {self.checked_on:%Y-%m-%d}"


class TrainingRecord(models.Model):
    """One training given to a worker or to a member of the desk staff, often after a complaint."""

    worker = models.ForeignKey(
        "penalties.Worker",
        verbose_name=_("worker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    topic = models.CharField(_("topic"), max_length=200)
    trained_on = models.DateField(_("trained on"))
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint that led to it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-trained_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(worker__isnull=False, staff__isnull=True)
                | models.Q(worker__isnull=True, staff__isnull=False),
                name="training_of_a_worker_or_a_staff_member",
            )
        ]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")

    def __str__(self) -> str:
        return f"{self.worker or self.staff} {self.topic} {self.trained_on:%Y-%m-%d}"
