"""What the reports keep: frozen monthly figures, supervisory callbacks and published typical cases."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .period import Month

#: The months the public figures show: the current one and the eleven before it.
PUBLIC_MONTHS = 12


class MonthlySnapshot(models.Model):
    """All figures of one month for one filter scope, computed by the worker.

    Computing a month's figures over a million rows takes seconds, so no page computes them: a
    closed month's snapshot is final (recomputed by a supervisor when late corrections arrive),
    the current month's is refreshed every ``REPORT_LIVE_MINUTES`` and shows its time.
    """

    month = models.DateField(_("month"), help_text=_("First day of the month."))
    #: "all", or the filter scope's key (see ``reporting.period.Scope.key``).
    scope = models.CharField(_("scope"), max_length=80, default="all")
    figures = models.JSONField(_("figures"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-month", "scope"]
        verbose_name = _("monthly snapshot")
        verbose_name_plural = _("monthly snapshots")
        constraints = [models.UniqueConstraint(fields=["month", "scope"], name="snapshot_month_scope")]
        permissions = [
            ("view_report", "Can read the monthly reports"),
            ("recompute_snapshot", "Can recompute a closed month's report"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.scope}"

    @property
    def is_final(self) -> bool:
        """Computed after the month ended: a snapshot taken during the month is only provisional."""
        return self.computed_at >= Month.of(self.month).end

    def is_outdated(self, now: datetime) -> bool:
        """A provisional snapshot is recomputed once its month has ended or it is older than the refresh interval."""
        if self.is_final:
            return False
        return Month.of(self.month).is_closed(now) or self.computed_at < now - timedelta(
            minutes=settings.REPORT_LIVE_MINUTES
        )


class SupervisionCallback(models.Model):
    """The result of a supervisor's callback to a complainant drawn into the monthly sample."""

    class Result(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied with the handling")
        UNSATISFIED = "unsatisfied", _("Not satisfied with the handling")
        UNREACHABLE = "unreachable", _("Could not be reached")

    complaint = models.OneToOneField(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="supervision_callback"
    )
    month = models.DateField(_("sample month"))
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("called by"), on_delete=models.PROTECT, related_name="+"
    )
    # When the call was made: set once; a later correction of the result keeps it (the history shows both).
    called_at = models.DateTimeField(_("called at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-called_at"]
        indexes = [models.Index(fields=["month"], name="callback_month")]
        verbose_name = _("supervisory callback")
        verbose_name_plural = _("supervisory callbacks")
        permissions = [("record_callback", "Can record supervisory callbacks")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.result}"


class TypicalCase(models.Model):
    """A complaint retold by a supervisor for public disclosure (公示), with no personal data.

    Only the supervisor's own words are published: no field of the complaint is ever copied here,
    so nothing a complainant typed can reach the public page.
    """

    month = models.DateField(_("month"), help_text=_("First day of the month it belongs to."))
    title = models.CharField(_("title"), max_length=100)
    summary = models.TextField(
        _("summary"),
        max_length=2000,
        help_text=_(
            "What happened and how it was resolved, in your own words. No names, phones, addresses or numbers."
        ),
    )
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "-created_at"]
        indexes = [models.Index(fields=["published", "month"], name="typical_case_published")]
        verbose_name = _("typical case")
        verbose_name_plural = _("typical cases")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


class Reconciliation(models.Model):
    """One half-yearly reconciliation of the complaint ledger with finance's compensation payments
    (seed 002), kept as it was found: the figures and every mismatch, with the file it compared."""

    half_year = models.CharField(_("half-year"), max_length=7, help_text=_("2026-H1 or 2026-H2."))
    finance_file_name = models.CharField(_("finance's file"), max_length=200)
    finance_file_sha256 = models.CharField(_("SHA-256 of finance's file"), max_length=64)
    result = models.JSONField(_("result"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("run by"), on_delete=models.PROTECT, related_name="+"
    )
    run_at = models.DateTimeField(_("run at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-run_at", "-id"]
        verbose_name = _("compensation reconciliation")
        verbose_name_plural = _("compensation reconciliations")
        permissions = [("reconcile_payments", "Can reconcile compensation payments with finance")]

    def __str__(self) -> str:
        return f"{self.half_year} {timezone.localtime(self.run_at):%Y-%m-%d}"

    @property
    def mismatch_count(self) -> int:
        return len(self.result.get("mismatches", []))


class WarningBulletinEntry(models.Model):
    """An entry of the internal warning bulletin of typical cases (seed 002: 发布《典型案例警示通报》;
    seed 001 七: 典型案例分析 in training), read by staff only.

    Unlike ``TypicalCase`` (公示, public, no personal data) it may name the complaint's tracking number,
    because its readers are the desk's own staff; no public page reads this model.
    """

    month = models.DateField(_("month"), help_text=_("First day of the month it belongs to."))
    title = models.CharField(_("title"), max_length=100)
    complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warning_bulletin_entries",
    )
    what_happened = models.TextField(_("what happened"), max_length=3000)
    lesson = models.TextField(_("lesson"), max_length=3000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "-written_at", "-id"]
        verbose_name = _("warning bulletin entry")
        verbose_name_plural = _("warning bulletin")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


#: How many closed complaints a quarterly review samples unless the supervisor says otherwise.
REVIEW_SAMPLE_SIZE = 10


class QuarterlyReview(models.Model):
    """The quarterly sampling review of closed complaints by legal, quality and a customer
    representative (seed 002: 由法务、质检、客户代表三方组成，每季度对投诉处理结果进行抽样复审, checking the
    evidence chain, the legal basis and the compensation). The sample is drawn once and stored, so
    the review can be reproduced and nobody chooses which complaints are reviewed."""

    quarter = models.CharField(_("quarter"), max_length=7, unique=True, help_text=_("2026-Q1 … 2026-Q4."))
    legal_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("legal reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    quality_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("quality reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    #: The customer representative usually has no login: a name.
    customer_representative = models.CharField(_("customer representative"), max_length=100)
    sample_size = models.PositiveSmallIntegerField(_("sample size"), default=REVIEW_SAMPLE_SIZE)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-quarter"]
        verbose_name = _("quarterly sampling review")
        verbose_name_plural = _("quarterly sampling reviews")
        permissions = [("conduct_quarterlyreview", "Can start quarterly reviews and record their findings")]

    def __str__(self) -> str:
        return self.quarter


class ReviewFinding(models.Model):
    """One sampled complaint of a quarterly review and what the reviewers found about it."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Not reviewed yet")
        COMPLIANT = "compliant", _("Compliant")
        ISSUE_FOUND = "issue_found", _("Issue found")

    review = models.ForeignKey(
        QuarterlyReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="findings"
    )
    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="review_findings"
    )
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, default=Result.PENDING)
    note = models.TextField(_("finding"), max_length=3000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "complaint"], name="review_finding_unique")]
        verbose_name = _("review finding")
        verbose_name_plural = _("review findings")

    def __str__(self) -> str:
        return f"{self.review} {self.complaint_id} {self.result}"
