"""The investigation report (投诉调查报告) and its responsibility finding (责任认定)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Responsibility(models.TextChoices):
    WORKER = "worker", _("Service worker")
    TEAM = "team", _("Service team (training or supervision lapse)")
    COMPANY = "company", _("Company management (process or resources)")
    CUSTOMER = "customer", _("Customer")
    THIRD_PARTY = "third_party", _("Third party")
    NONE = "none", _("No one")


#: The sides that answer for the business: a fraud finding names one of them.
BUSINESS_RESPONSIBILITIES = (Responsibility.WORKER, Responsibility.TEAM, Responsibility.COMPANY)


class FaultDegree(models.TextChoices):
    FULL = "full", _("Full")
    MAJOR = "major", _("Major")
    EQUAL = "equal", _("Equal")
    MINOR = "minor", _("Minor")
    NONE = "none", _("None")


class InvestigationReport(models.Model):
    investigation = models.OneToOneField(
        "investigations.Investigation", verbose_name=_("investigation"), on_delete=models.PROTECT, related_name="report"
    )
    service_quality = models.TextField(_("service quality"), max_length=5000)
    worker_conduct = models.TextField(_("worker's conduct"), max_length=5000)
    needs_understanding = models.TextField(_("understanding of the customer's needs"), max_length=5000)
    communication = models.TextField(_("communication"), max_length=5000)
    responsibility = models.CharField(_("responsibility"), max_length=20, choices=Responsibility.choices)
    fault_degree = models.CharField(_("degree of fault"), max_length=10, choices=FaultDegree.choices)
    #: The worker or team found responsible, as named here; penalties links it to its own records.
    responsible_name = models.CharField(_("responsible worker or team"), max_length=100, blank=True)
    conclusion = models.TextField(_("conclusion"), max_length=5000)
    #: A finding of fraud by the business (消费者权益保护法 Art. 55) brings the statutory minimum
    #: compensation into the outcome; the complaint's category "fraud" is only what was alleged.
    fraud_found = models.BooleanField(
        _("fraud by the business found"),
        default=False,
        help_text=_(
            "Consumer Protection Law Art. 55: the complainant is then owed at least three times the "
            "service fee, and no less than ¥500, in addition to the loss."
        ),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investigation report")
        verbose_name_plural = _("investigation reports")

    def __str__(self) -> str:
        return str(self.investigation)

    def clean(self) -> None:
        if self.fraud_found and self.responsibility not in BUSINESS_RESPONSIBILITIES:
            raise ValidationError(
                {"fraud_found": _("Fraud by the business needs the worker, the team or the company found responsible.")}
            )
        if self.responsibility in (Responsibility.WORKER, Responsibility.TEAM) and not self.responsible_name.strip():
            raise ValidationError({"responsible_name": _("Name the worker or team found responsible.")})
        if (self.responsibility == Responsibility.NONE) != (self.fault_degree == FaultDegree.NONE):
            raise ValidationError(
                {"fault_degree": _("The degree of fault is “none” exactly when no one is responsible.")}
            )

    @property
    def summary(self) -> str:
        return f"{self.get_responsibility_display()} · {self.get_fault_degree_display()}"


class ReviewStep(models.TextChoices):
    """The chain after a finding (seed 004), in order."""

    MANAGEMENT_REVIEW = "management_review", _("Reviewed by the management department (管理部复核)")
    GM_REPORT = "gm_report", _("Reported to the general manager (上报主管总经理)")
    ACCOUNTABILITY = "accountability", _("Accountability carried out (责任追究)")


class FindingReview(models.Model):
    """One step of the review of an investigation's finding, recorded by the person who did it."""

    report = models.ForeignKey(
        InvestigationReport, verbose_name=_("investigation report"), on_delete=models.PROTECT, related_name="reviews"
    )
    step = models.CharField(_("step"), max_length=20, choices=ReviewStep.choices)
    note = models.TextField(_("note"), max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("review of a finding")
        verbose_name_plural = _("reviews of findings")
        constraints = [models.UniqueConstraint(fields=["report", "step"], name="one_review_per_step")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.step}"
