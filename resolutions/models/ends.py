"""The other ends of a complaint: withdrawn by the complainant, or taken to an external route."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Withdrawal(models.Model):
    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="withdrawals", verbose_name=_("complaint")
    )
    reason = models.TextField(_("the complainant's reason"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")

    def __str__(self) -> str:
        return str(self.complaint)


class ExternalReferral(models.Model):
    """The complaint left the desk for an outside route; the desk's case stays traceable.

    Either the complainant took the route, or the desk passed the matter on to the body it belongs
    to — a higher body or another competent one — and tells the complainant so, with the reason
    (seed 004: 需转上级或相关机构处理的，应告知投诉者).
    """

    class Route(models.TextChoices):
        CONSUMER_ASSOCIATION = "consumer_association", _("Consumer association")
        REGULATOR = "regulator", _("Market regulator")
        ARBITRATION = "arbitration", _("Arbitration")
        COURT = "court", _("Court")
        SUPERIOR = "superior", _("Higher body (head office, franchisor)")
        OTHER_BODY = "other_body", _("Another competent body")

    class InitiatedBy(models.TextChoices):
        COMPLAINANT = "complainant", _("The complainant took this route")
        DESK = "desk", _("The desk passed the matter on to this body")

    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("complaint")
    )
    route = models.CharField(_("route"), max_length=24, choices=Route.choices)
    initiated_by = models.CharField(
        _("who chose the route"), max_length=12, choices=InitiatedBy.choices, default=InitiatedBy.COMPLAINANT
    )
    body = models.CharField(_("body"), max_length=200, blank=True, help_text=_("The body's name, e.g. its office."))
    reference = models.CharField(_("their case reference"), max_length=100, blank=True)
    referred_on = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("external route")
        verbose_name_plural = _("external routes")

    def __str__(self) -> str:
        return f"{self.complaint} {self.get_route_display()}"
