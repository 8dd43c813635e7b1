"""API shapes of the public intake: the same rules as the public form, through the same checks."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .choices import Demand, ServiceType
from .services.submission import ReplyWithin, idempotency_key_valid
from .uploads import uploads_check
from .validators import landline_normalize, mobile_phone_normalize, tracking_number_normalize


class ComplaintCreateSerializer(serializers.Serializer):
    complainant_name = serializers.CharField(max_length=50)
    phone = serializers.CharField(max_length=20, help_text=_("Mainland China mobile number."))
    landline = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    order_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    service_type = serializers.ChoiceField(choices=ServiceType.choices)
    worker_named = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    occurred_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(min_length=10, max_length=5000)
    demands = serializers.ListField(child=serializers.ChoiceField(choices=Demand.choices), required=False, default=list)
    demand_note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    reply_within = serializers.ChoiceField(choices=ReplyWithin.choices, required=False, default="")
    privacy_consent = serializers.BooleanField(help_text=_("Must be true: the privacy notice was accepted."))
    evidence = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    idempotency_key = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A random string (16-64 letters, digits, - or _): resending it returns the same complaint."),
    )

    def validate_phone(self, value: str) -> str:
        return mobile_phone_normalize(value)

    def validate_landline(self, value: str) -> str:
        return landline_normalize(value)

    def validate_privacy_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(
                _("Please agree to the privacy notice so that we can handle your complaint.")
            )
        return value

    def validate_evidence(self, value: list) -> list:
        return uploads_check(value)

    def validate_idempotency_key(self, value: str) -> str:
        if value and not idempotency_key_valid(value):
            raise serializers.ValidationError(_("Use 16 to 64 letters, digits, - or _."))
        return value

    def complaint_fields(self) -> dict:
        """The validated values under the service's argument names."""
        data = dict(self.validated_data)
        data.pop("privacy_consent")
        return {"uploads": data.pop("evidence"), **data}


class ComplaintReceiptSerializer(serializers.Serializer):
    tracking_number = serializers.CharField()
    received_at = serializers.DateTimeField()
    reply_promised_by = serializers.DateTimeField()


class StatusLookupSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=40)
    phone = serializers.CharField(max_length=20)

    def validate_tracking_number(self, value: str) -> str:
        return tracking_number_normalize(value)

    def validate_phone(self, value: str) -> str:
        # A malformed phone gets the same answer as a wrong one.
        try:
            return mobile_phone_normalize(value)
        except DjangoValidationError:
            return ""


class PublicEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    label = serializers.CharField()
    note = serializers.CharField()


class PublicStatusSerializer(serializers.Serializer):
    tracking_number = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    received_at = serializers.DateTimeField()
    reply_promised_by = serializers.DateTimeField(allow_null=True)
    next_step = serializers.CharField()
    events = PublicEventSerializer(many=True)
