"""People on an investigation team who have no login, and the stage's own settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.singleton import SingletonModel

from .investigation import Investigation

phone_validator = RegexValidator(r"^1\d{10}$", _("Enter an 11-digit mobile phone number."))


class ExternalTeamMember(models.Model):
    """A member of the investigation team who is not a desk user.

    Seed 001 (组建调查小组): the team is usually 客服人员、家政服务项目负责人、相关服务人员. The
    project lead and the workers involved take part in the investigation but never log in, so they
    are recorded here by name and role, and gain access to nothing.
    """

    class Role(models.TextChoices):
        PROJECT_LEAD = "project_lead", _("Service project lead")
        WORKER = "worker", _("Related service worker")
        OTHER = "other", _("Other")

    investigation = models.ForeignKey(
        Investigation, verbose_name=_("investigation"), on_delete=models.PROTECT, related_name="external_members"
    )
    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    worker = models.ForeignKey(
        "penalties.Worker",
        verbose_name=_("worker record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True, validators=[phone_validator])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "name", "role"], name="external_member_unique"),
        ]
        verbose_name = _("external team member")
        verbose_name_plural = _("external team members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class InvestigationSettings(SingletonModel):
    """The stage's numbers a supervisor changes without a deploy (domain.md: every number is a default).

    Seed 001 (调查时间): 经公司领导批准后，可适当延长调查时间，但最长不得超过[X]个工作日 — the seed leaves
    X open, so the defaults below are the desk's choice. Seed 004 (三个工作日内完成调查) gives the
    default time a department has to answer a referral.
    """

    extension_supervisor_max_days = models.PositiveSmallIntegerField(
        _("longest extension a supervisor approves alone (working days)"),
        default=2,
        validators=[MaxValueValidator(60)],
        help_text=_("All extensions of one investigation together; beyond this company leadership must approve."),
    )
    extension_max_days = models.PositiveSmallIntegerField(
        _("longest extension in all (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Seed 001: never more than this many working days, even with leadership's approval."),
    )
    referral_response_days = models.PositiveSmallIntegerField(
        _("working days for a department to answer a referral"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investigation settings")
        verbose_name_plural = _("investigation settings")
