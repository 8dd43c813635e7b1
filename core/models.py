"""Shared plumbing: staff teams and contact numbers, the outbox of every message sent, the
wording of those messages, and the personal-data access log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class StaffTeam(models.Model):
    """A team of desk staff a complaint can be assigned to (not a team of service workers)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="staff_teams", blank=True
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        verbose_name = _("staff team")
        verbose_name_plural = _("staff teams")

    def __str__(self) -> str:
        return self.name


class StaffProfile(models.Model):
    """What the desk knows about a staff member beyond the login: the staff number (工号) and the
    mobile number that urgent alerts reach by SMS (the account's e-mail receives the same alert by mail)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_profile"
    )
    # Longer than the stored 11 digits so that "+86 139 1234 5678" reaches ``clean``.
    mobile_phone = models.CharField(
        _("mobile phone"), max_length=20, blank=True, help_text=_("Receives urgent alerts by SMS.")
    )
    staff_number = models.CharField(
        _("staff number"), max_length=20, blank=True, help_text=_("Recorded on each complaint the person receives.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        from intake.validators import mobile_phone_normalize

        if self.mobile_phone:
            try:
                self.mobile_phone = mobile_phone_normalize(self.mobile_phone)
            except ValidationError as error:
                raise ValidationError({"mobile_phone": error.messages}) from error


class OutboxMessage(models.Model):
    """Every message to a complainant or staff member.

    Written in the same transaction as the change that caused it; a Celery task sends it after
    commit, and the periodic outbox sweep picks up whatever the broker never received. A message
    is sent at most once: see ``core.outbox.message_send``.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        #: Handed to the gateway; the outcome is not recorded yet. Never sent again from here.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Delivery(models.TextChoices):
        """What the provider reported about a sent message (its delivery receipt)."""

        UNKNOWN = "unknown", _("Not reported")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Not delivered")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    complaint = models.ForeignKey(
        "intake.Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    purpose = models.CharField(_("purpose"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    #: The provider's id of the sent message (Alibaba Cloud: ``BizId``), to ask for its receipt.
    provider_message_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.UNKNOWN)
    delivery_error = models.CharField(
        _("provider's delivery error"), max_length=100, blank=True, help_text=_("The provider's error code.")
    )
    delivery_reported_at = models.DateTimeField(_("delivery reported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(
                fields=["sent_at"],
                name="outbox_delivery_unknown",
                condition=models.Q(status="sent", delivery="unknown") & ~models.Q(provider_message_id=""),
            ),
        ]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.purpose or self.subject}"


class MessageTemplate(models.Model):
    """The wording of one kind of message (``core.message_templates``), in both languages."""

    purpose = models.CharField(_("kind of message"), max_length=50, unique=True, editable=False)
    text_zh = models.TextField(_("text in Chinese"), max_length=1000)
    text_en = models.TextField(_("text in English"), max_length=1000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["purpose"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        kind = self.kind
        return str(kind.label) if kind else self.purpose

    @property
    def kind(self):
        from .message_templates import KINDS

        return KINDS.get(self.purpose)

    def text_for(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_zh

    def clean(self) -> None:
        from .message_templates import braced, unknown_variables

        if self.kind is None:
            return
        errors = {}
        for name in ("text_zh", "text_en"):
            if unknown := unknown_variables(self.purpose, getattr(self, name)):
                errors[name] = _("Unknown variable(s): %(unknown)s. This message can use: %(allowed)s.") % {
                    "unknown": braced(unknown),
                    "allowed": braced(self.kind.samples),
                }
        if errors:
            raise ValidationError(errors)


class PersonalDataAccess(models.Model):
    """Who saw a complainant's unmasked personal data, and when (domain.md §8)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey("intake.Complaint", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    purpose = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")

    def __str__(self) -> str:
        return f"{self.user_id} {self.complaint_id} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class Integration(models.Model):
    """An outside system calling the API with its own token (an order system, a CRM, the 12345
    platform). It acts as ``user`` — whose permissions apply — narrowed to its ``scopes``; only a
    hash of the token is stored, and a revoked token is refused."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acts as"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The account whose permissions the integration uses, within its scopes."),
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    rate = models.CharField(
        _("rate limit"), max_length=20, default="1000/h", help_text=_("Requests per period, e.g. 1000/h or 50/m.")
    )
    webhook_url = models.URLField(
        _("webhook URL"),
        blank=True,
        help_text=_("Receives a signed POST at every state change of a complaint it may read."),
    )
    #: Signs the webhooks (HMAC-SHA256); shown once, on creation, like the token.
    webhook_secret = models.CharField(max_length=64, editable=False, default="")
    token_prefix = models.CharField(_("token starts with"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from .ratelimit import rate_parse

        try:
            rate_parse(self.rate)
        except (ValueError, KeyError, IndexError) as error:
            raise ValidationError({"rate": _("Write a number of requests per period, e.g. 1000/h.")}) from error


class WebhookDelivery(models.Model):
    """One webhook to one integration, kept as the delivery log: sent after the change commits,
    retried with growing pauses until the receiver answers 2xx or the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    integration = models.ForeignKey(
        Integration, verbose_name=_("integration"), on_delete=models.CASCADE, related_name="deliveries"
    )
    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.CharField(_("event"), max_length=50)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now, db_index=True)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} → {self.integration}"
