"""Group incidents (seed 002: 针对突发性群体投诉事件制定应急预案): complaints about one worker, order
batch, place or event, handled together by a lead, with the emergency plan's checklist and the
public statement owed within 72 hours (002: 应在72小时内召开新闻发布会说明情况)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Incident(models.Model):
    class Kind(models.TextChoices):
        SAME_WORKER = "same_worker", _("Same worker")
        ORDER_BATCH = "order_batch", _("Order batch")
        PLACE = "place", _("Place")
        EVENT = "event", _("Event")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lead"), on_delete=models.PROTECT, related_name="led_incidents"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    statement_at = models.DateTimeField(_("public statement made at"), null=True, blank=True)
    statement = models.TextField(_("public statement"), blank=True, max_length=5000)
    conclusion = models.TextField(_("conclusion"), blank=True, max_length=5000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("group incident")
        verbose_name_plural = _("group incidents")
        permissions = [("lead_incident", "Can open group incidents and record their plan and statement")]

    def __str__(self) -> str:
        return self.title


class IncidentCheck(models.Model):
    """One item of the emergency plan, ticked by a user at a time."""

    class Item(models.TextChoices):
        PLAN_STARTED = "plan_started", _("Emergency plan started and the lead named (应急预案)")
        CRISIS_SCRIPT = "crisis_script", _("Crisis communication script agreed (危机公关话术)")
        FAST_COMPENSATION = "fast_compensation", _("Fast compensation channel opened (快速赔付通道)")
        ADVANCE_PAYMENT = "advance_payment", _("Advance payment from the special fund decided (专项基金预先垫付)")

    incident = models.ForeignKey(
        Incident, verbose_name=_("group incident"), on_delete=models.CASCADE, related_name="checks"
    )
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ticked by"), on_delete=models.PROTECT, related_name="+"
    )
    ticked_at = models.DateTimeField(_("ticked at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["ticked_at", "pk"]
        verbose_name = _("emergency plan item")
        verbose_name_plural = _("emergency plan items")
        constraints = [models.UniqueConstraint(fields=["incident", "item"], name="one_tick_per_incident_item")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.item}"
