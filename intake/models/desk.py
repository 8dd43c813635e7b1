"""How the desk organises its own work: automatic assignment within a team, saved inbox views,
canned replies, whether agents may resolve simple complaints at first contact, and what the
acceptance page warns about."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.singleton import SingletonModel

from ..choices import ServiceType


class AssignmentRule(models.Model):
    """A team's automatic assignment: a complaint given to the team without a handler gets one."""

    class Method(models.TextChoices):
        ROUND_ROBIN = "round_robin", _("Round robin")
        LEAST_LOADED = "least_loaded", _("Least loaded (fewest open complaints)")

    team = models.OneToOneField(
        "core.StaffTeam", verbose_name=_("team"), on_delete=models.CASCADE, related_name="assignment_rule"
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.ROUND_ROBIN)
    enabled = models.BooleanField(_("enabled"), default=True)
    #: Round robin's pointer: the next pick is the eligible member after this one.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last assigned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["last_assigned"])

    class Meta:
        verbose_name = _("automatic assignment")
        verbose_name_plural = _("automatic assignments")

    def __str__(self) -> str:
        return f"{self.team} · {self.get_method_display()}"


class AssignmentSkill(models.Model):
    """The service types a member of the team takes. Once a rule lists skills, only members listed
    for the complaint's service type are picked; an empty list takes every type."""

    rule = models.ForeignKey(
        AssignmentRule, verbose_name=_("automatic assignment"), on_delete=models.CASCADE, related_name="skills"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE)
    service_types = models.JSONField(_("service types"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [models.UniqueConstraint(fields=["rule", "user"], name="one_skill_row_per_member")]

    def __str__(self) -> str:
        labels = [str(ServiceType(value).label) for value in self.service_types if value in ServiceType.values]
        return f"{self.user}: {', '.join(labels) or _('all service types')}"


class SavedView(models.Model):
    """An inbox filter and sort saved under a name; shared with a team when ``team`` is set."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="saved_views"
    )
    name = models.CharField(_("name"), max_length=60)
    #: The inbox's query string, checked by ``InboxFilterForm`` when saved and again when used.
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    team = models.ForeignKey(
        "core.StaffTeam",
        verbose_name=_("shared with team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="saved_views",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_unique_per_owner")]

    def __str__(self) -> str:
        return self.name


class QuickPathSettings(SingletonModel):
    """Whether agents may resolve a simple complaint on the call (seed 004: 受理人员能够及时处理的投诉要及时处理):
    one row, edited by supervisors in admin, with history."""

    enabled = models.BooleanField(
        _("resolution at first contact allowed"),
        default=True,
        help_text=_(
            "A general, non-urgent complaint that blames no worker may be resolved by the agent on the call: "
            "the agreed solution is recorded, investigation and mediation are skipped, the result notice and "
            "the follow-up still happen. Safety hazards and fraud always take the full path."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution at first contact")
        verbose_name_plural = _("resolution at first contact")


class AcceptanceSettings(SingletonModel):
    """What the acceptance page warns about (never decides on): one row, edited by supervisors in
    admin, with history."""

    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit for complaints (days)"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Complaints are made within this many days of the event (the desk's rule: 2). The acceptance "
            "page warns when it happened longer ago; the agent decides, as the complainant may have "
            "learned of it later."
        ),
    )
    frequent_complaints = models.PositiveSmallIntegerField(
        _("complaints from one phone that suggest a non-consumer"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_("Counting the complaint being decided, within the period below."),
    )
    frequent_complaints_days = models.PositiveSmallIntegerField(
        _("period for counting them (days)"), default=30, validators=[MinValueValidator(1)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("acceptance warnings")
        verbose_name_plural = _("acceptance warnings")


class CannedReply(models.Model):
    """A text supervisors keep for what agents write again and again, with variables filled in when
    it is sent or saved: ``{name}``, ``{tracking_number}``, ``{due_date}`` (see ``intake.replies``)."""

    class Use(models.TextChoices):
        MESSAGE = "message", _("Message to the complainant")
        NOTE = "note", _("Internal note")

    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(
        _("text"),
        max_length=2000,
        help_text=_(
            "Variables: {name} the complainant's name, {tracking_number} the complaint number, "
            "{due_date} the promised reply date."
        ),
    )
    use = models.CharField(_("used as"), max_length=10, choices=Use.choices, default=Use.MESSAGE)
    team = models.ForeignKey(
        "core.StaffTeam",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: offered to everyone."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title", "pk"]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")

    def __str__(self) -> str:
        return self.title
