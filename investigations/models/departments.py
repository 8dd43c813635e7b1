"""Departments that help with a complaint: referrals to one, and joint handling by several."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Department(models.Model):
    """A department of the company that complaints can be routed to.

    Seed 004 (第二章主要职责): 班长坐席审核工单并转致业务部门协助处理; 服务部, 生产单位品控部 and 企业质量管理部
    each handle their part. Only the department's members answer what is routed to it.
    """

    class Kind(models.TextChoices):
        BUSINESS = "business", _("Business department")
        SERVICE = "service", _("Service department")
        QUALITY_CONTROL = "quality_control", _("Quality control department")
        QUALITY_MANAGEMENT = "quality_management", _("Quality management department")
        OTHER = "other", _("Other department")

    name = models.CharField(_("name"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="departments", blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    def has_member(self, user) -> bool:
        return user.pk == self.head_id or self.members.filter(pk=user.pk).exists()


class DepartmentReferral(models.Model):
    """A complaint routed to a department for help, with what it answered.

    Seed 004: 转致业务部门协助处理; the department has a due date in working days (seed 004: 三个工作日内).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the department")
        ANSWERED = "answered", _("Answered")

    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="department_referrals"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="referrals"
    )
    request_text = models.TextField(_("what is asked"), max_length=2000)
    due_on = models.DateField(_("due on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(_("referred at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(_("response"), max_length=5000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["referred_at", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="referral_open_due")]
        verbose_name = _("department referral")
        verbose_name_plural = _("department referrals")

    def __str__(self) -> str:
        return f"{self.complaint} → {self.department}"

    @property
    def overdue(self) -> bool:
        return self.status == self.Status.OPEN and timezone.localdate() > self.due_on


class JointHandlingGroup(models.Model):
    """The joint handling group of a complaint that spans departments.

    Seed 002: 对于跨部门投诉，须设立联合处理小组，由机构分管领导担任组长，确保权责无盲区.
    """

    complaint = models.OneToOneField(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="joint_group"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leader"), on_delete=models.PROTECT, related_name="+"
    )
    departments = models.ManyToManyField(Department, verbose_name=_("departments"), related_name="joint_groups")
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("formed by"), on_delete=models.PROTECT, related_name="+"
    )
    formed_at = models.DateTimeField(_("formed at"), default=timezone.now)

    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        verbose_name = _("joint handling group")
        verbose_name_plural = _("joint handling groups")

    def __str__(self) -> str:
        return f"{self.complaint}: {self.leader}"
