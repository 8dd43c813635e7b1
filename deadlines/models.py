"""SLA policies (what each step is allowed), the deadlines they set on complaints, and the calendar
overrides that correct the official calendar (domain.md §3)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.singleton import SingletonModel
from intake.choices import Channel, Severity


class Step(models.TextChoices):
    REGISTER = "register", _("Register the work order")
    HANDOVER = "handover", _("E-mail handed over to the handler")
    ASSIGN = "assign", _("Assign responsibility")
    FIRST_CONTACT = "first_contact", _("First contact with the complainant")
    CUSTOMER_MANAGER = "customer_manager", _("Complainant not reached: customer manager's contact")
    RESPONSE = "response", _("Response by severity")
    INVESTIGATION = "investigation", _("Investigation report")
    MANAGEMENT_REVIEW = "management_review", _("Finding reviewed by the management department")
    GM_REPORT = "gm_report", _("Finding reported to the general manager")
    ACCOUNTABILITY = "accountability", _("Accountability carried out")
    SOLUTION = "solution", _("Solution by the supervisor")
    DECISION = "decision", _("Handling decided (by channel)")
    MAJOR_REPORT = "major_report", _("Major complaint reported to management")
    MAJOR_OPINION = "major_opinion", _("Major complaint: management's opinion")
    MAJOR_DECISION = "major_decision", _("Major complaint decided by management")
    COMPLETION = "completion", _("Handling completed (result notified)")
    CALLBACK = "callback", _("Callback after the result")
    FOLLOW_UP_SURVEY = "follow_up_survey", _("Satisfaction follow-up")
    RESOLVE = "resolve", _("Resolved within a month (else upgraded to major)")
    EMERGENCY_ACKNOWLEDGE = "emergency_ack", _("Emergency acknowledged")
    EMERGENCY_FOLLOW_UP = "emergency_follow_up", _("Emergency followed up")
    EVIDENCE = "evidence", _("Evidence asked of the worker or the company")
    INCIDENT_STATEMENT = "incident_statement", _("Group incident: public statement")
    TRANSFER_BODY = "transfer_body", _("Outcome owed to the transferring body")


class Clock(models.TextChoices):
    CLOCK_HOURS = "clock_hours", _("Clock hours (24/7)")
    BUSINESS_MINUTES = "business_minutes", _("Minutes of business hours on working days")
    BUSINESS_HOURS = "business_hours", _("Business hours on working days")
    WORKING_DAYS = "working_days", _("Working days")
    CALENDAR_MONTHS = "calendar_months", _("Calendar months")


#: Clocks that count only working time: a policy on them may set another amount for a start outside it.
BUSINESS_CLOCKS = (Clock.BUSINESS_MINUTES, Clock.BUSINESS_HOURS)


class DeadlineSettings(SingletonModel):
    """The company's choices about its clocks: one row, edited in admin, with history."""

    review_chain = models.BooleanField(
        _("review chain after a finding"),
        default=False,
        help_text=_(
            "Clocks of the management department's review (4 hours), the report to the general manager "
            "(4 hours) and the accountability (8 hours) after each investigation finding (seed 004)."
        ),
    )

    odr_negotiation_working_days = models.PositiveSmallIntegerField(
        _("12315 ODR negotiation (working days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "A company in the 12315 online dispute resolution scheme negotiates a complaint the platform routed "
            "to it within this many working days, counted from the day after the platform accepted it, and "
            "enters the outcome there."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline settings")
        verbose_name_plural = _("deadline settings")


class HolidayNotice(models.Model):
    """The State Council's holiday notice for one year, as a supervisor pasted and confirmed it.

    The calendar overrides it produced point to it; pasting the year again updates this row, and
    its history keeps every earlier text.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source_text = models.TextField(_("text of the notice"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")

    def __str__(self) -> str:
        return str(self.year)


class CalendarOverride(models.Model):
    """A day whose status differs from (or is missing in) the official calendar package.

    ``notice`` is set when the day comes from a pasted holiday notice, empty when it was typed by hand.
    """

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    notice = models.ForeignKey(
        HolidayNotice,
        verbose_name=_("from the notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="overrides",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class SlaPolicy(models.Model):
    """The limit of one step, optionally for one severity and one channel (blank: any).

    The most specific active policy applies: channel and severity, then channel, then severity,
    then neither. Deadlines copy their due time when they are created, so editing a policy affects
    only deadlines started afterwards; ``version`` grows with every change and each deadline keeps
    the policy and the version that set it (the history table keeps the old values).
    """

    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    amount = models.PositiveIntegerField(_("limit"), validators=[MinValueValidator(1)])
    clock = models.CharField(_("clock"), max_length=20, choices=Clock.choices)
    amount_outside_hours = models.PositiveIntegerField(
        _("limit when started outside working hours"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Business clocks only: when the clock starts outside working hours, this amount counted from "
            "the start of work instead (seed 004: an e-mail in working hours within half an hour, "
            "otherwise within one hour of the start of work)."
        ),
    )
    rule = models.TextField(
        _("rule"), blank=True, max_length=2000, help_text=_("The rule this limit comes from, in its own words.")
    )
    red_at_percent = models.PositiveSmallIntegerField(
        _("red at this percentage of the allowed time"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    escalation_interval = models.DurationField(
        _("escalation interval"),
        null=True,
        blank=True,
        default=timedelta(hours=1),
        help_text=_("Time between escalation levels once missed. Empty: no escalation."),
    )
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "severity"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "severity", "channel"],
                condition=Q(active=True),
                name="one_active_policy_per_step_severity_channel",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=1) & (Q(amount_outside_hours__isnull=True) | Q(amount_outside_hours__gte=1)),
                name="policy_length_positive",
            ),
        ]

    def __str__(self) -> str:
        qualifiers = " ".join(filter(None, [self.get_severity_display(), self.get_channel_display()]))
        return f"{self.get_step_display()} {qualifiers} {self.amount} {self.clock}".replace("  ", " ")

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.amount_outside_hours is not None and self.clock not in BUSINESS_CLOCKS:
            raise ValidationError(
                {
                    "amount_outside_hours": _(
                        "Only a business-hours clock has a limit for a start outside working hours."
                    )
                }
            )


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(met_at__isnull=True, stopped_at__isnull=True)


class Deadline(models.Model):
    """One step's deadline on one complaint.

    ``next_check_at`` is the next moment the sweep has something to do for this row (turn red,
    mark missed, escalate); it is NULL once there is nothing left, so the sweep reads a partial
    index of due rows and its cost grows with what is due, not with the number of complaints.
    """

    complaint = models.ForeignKey("intake.Complaint", on_delete=models.CASCADE, related_name="deadlines")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    policy = models.ForeignKey(SlaPolicy, on_delete=models.PROTECT, related_name="deadlines")
    policy_version = models.PositiveIntegerField(_("policy version"))
    clock = models.CharField(_("clock"), max_length=20, choices=Clock.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deadlines",
    )
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due at"))
    red_at = models.DateTimeField(_("red from"))
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    stopped_at = models.DateTimeField(
        _("stopped at"), null=True, blank=True, help_text=_("The complaint ended before the step was needed.")
    )
    warned_at = models.DateTimeField(_("turned red at"), null=True, blank=True)
    breached_at = models.DateTimeField(_("missed at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"), default=0, validators=[MaxValueValidator(3)]
    )
    escalation_interval = models.DurationField(_("escalation interval"), null=True, blank=True)
    next_escalation_at = models.DateTimeField(_("next escalation at"), null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, editable=False)
    paused_total = models.DurationField(_("paused in total"), default=timedelta)
    #: The evidence request this clock runs for (step ``evidence`` only): a complaint may wait for
    #: several at once, each with its own due date.
    evidence_request = models.ForeignKey(
        "investigations.EvidenceRequest",
        verbose_name=_("evidence request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    #: The group incident this clock runs for (step ``incident_statement`` only); it is kept on the
    #: incident's first complaint, since every deadline belongs to a complaint.
    incident = models.ForeignKey(
        "intake.Incident",
        verbose_name=_("group incident"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    #: The transfer whose body's clock this is (step ``transfer_body`` only).
    transfer = models.ForeignKey(
        "intake.Transfer",
        verbose_name=_("transfer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadlines",
    )

    objects = DeadlineQuerySet.as_manager()
    #: Every change, with who made it (nobody: the sweep) and why. Most writes are bulk, so the
    #: services record it themselves (``deadlines.history``); the sweep's bookkeeping column is left out.
    history = HistoricalRecords(excluded_fields=["next_check_at"])

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(
                fields=["next_check_at"], name="deadline_next_check", condition=Q(next_check_at__isnull=False)
            ),
            models.Index(
                fields=["complaint", "due_at"],
                name="deadline_open_by_complaint",
                condition=Q(met_at__isnull=True, stopped_at__isnull=True),
            ),
            models.Index(fields=["step", "started_at"], name="deadline_step_started"),
            # The monthly report's periods: deadlines started or due within a month, whatever the step.
            models.Index(fields=["started_at"], name="deadline_started"),
            models.Index(fields=["due_at"], name="deadline_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "step"],
                condition=Q(met_at__isnull=True, stopped_at__isnull=True) & ~Q(step="evidence"),
                name="one_open_deadline_per_step",
            ),
            models.UniqueConstraint(
                fields=["evidence_request"],
                condition=Q(met_at__isnull=True, stopped_at__isnull=True, evidence_request__isnull=False),
                name="one_open_deadline_per_evidence_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.step} {timezone.localtime(self.due_at):%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.stopped_at is None

    @property
    def met_on_time(self) -> bool | None:
        return None if self.met_at is None else self.met_at <= self.due_at

    def compute_next_check(self):
        """The next moment the sweep must look at this row, or None."""
        if not self.is_open:
            return None
        if self.warned_at is None and self.red_at < self.due_at:
            return self.red_at
        if self.breached_at is None:
            return self.due_at
        if self.escalation_level < 3 and self.next_escalation_at is not None:
            return self.next_escalation_at
        return None


class DeadlinePause(models.Model):
    """An approved pause (waiting for the complainant, an investigation extension): the due time moved."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    amount = models.DurationField(_("amount"))
    reason = models.CharField(_("reason"), max_length=200)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    due_before = models.DateTimeField(_("due before"))
    due_after = models.DateTimeField(_("due after"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("deadline pause")
        verbose_name_plural = _("deadline pauses")

    def __str__(self) -> str:
        return f"{self.deadline_id} +{self.amount}"


class EscalationLevel(models.IntegerChoices):
    RESPONSIBLE = 0, _("Responsible agent")
    SUPERVISOR = 1, _("Supervisor")
    DEPARTMENT_HEAD = 2, _("Department head")
    GENERAL_MANAGER = 3, _("General manager")


class DeadlineNotice(models.Model):
    """One person told about one missed deadline at one level.

    The unique constraint is the last guard against a double notification when two sweeps run at
    once; the rows also answer "escalated to me" in the inbox.
    """

    class Kind(models.TextChoices):
        ESCALATION = "escalation", _("Escalation")
        MANAGEMENT_ALERT = "management_alert", _("Management alert (urgent or major)")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=EscalationLevel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="deadline_notices"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        indexes = [models.Index(fields=["recipient", "deadline"], name="notice_recipient")]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind", "level", "recipient"], name="one_notice_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} {self.kind} {self.level} {self.recipient_id}"
