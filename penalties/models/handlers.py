"""Praise and accountability of the desk's own staff, the other half of 双追责."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class HandlerRecord(models.Model):
    """A supervisor's praise, reward or accountability of a desk handler for one complaint.

    Seed 001 (八·考核结果应用, 六·持续改进): 对投诉处理工作表现优秀的……个人给予表彰和奖励, 对因工作不力……进行问责;
    seed 002: a mishandled complaint holds both the direct handler and the process to account (双追责;
    the process half is ``ProcessChange``); seed 001 (四·处理措施 2): a team-management lapse brings
    对团队负责人进行批评教育, so that kind names the team whose lead is criticised.
    """

    class Kind(models.TextChoices):
        PRAISE = "praise", _("Praise")
        REWARD = "reward", _("Reward")
        ACCOUNTABILITY = "accountability", _("Accountability")
        LEAD_CRITICISM = "lead_criticism", _("Criticism and education of a team lead")

    #: The kinds counted as praise and as accountability on the handler report.
    PRAISE_KINDS = (Kind.PRAISE, Kind.REWARD)
    ACCOUNTABILITY_KINDS = (Kind.ACCOUNTABILITY, Kind.LEAD_CRITICISM)

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="handler_records",
    )
    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="handler_records"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    team = models.ForeignKey(
        "penalties.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_criticisms",
        help_text=_("Only for criticism of a team lead: the team the staff member leads."),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("praise or accountability record")
        verbose_name_plural = _("praise and accountability records")
        permissions = [("record_handlerrecord", "Can record praise and accountability of desk staff")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.staff}"

    def clean(self) -> None:
        if not (self.reason or "").strip():
            raise ValidationError({"reason": _("Give the reason.")})
        if self.kind == self.Kind.LEAD_CRITICISM:
            if self.team_id is None:
                raise ValidationError({"team": _("Choose the team whose lead is criticised.")})
            if self.team.supervisor_id is None or self.team.supervisor_id != self.staff_id:
                raise ValidationError({"team": _("The staff member is not the lead of this team.")})
        elif self.team_id is not None:
            raise ValidationError({"team": _("A team is named only for criticism of a team lead.")})
