from django.utils.translation import gettext as _
from rest_framework import serializers

from core.privacy import can_see_personal_data, mask_phone
from intake.choices import ServiceType

from .identity import identity_is_valid
from .models import ServiceOrder, Team, Worker


class PhonesMaskedMixin:
    """Phones in clear only for roles that may see personal data, as on the pages (domain.md §8)."""

    masked_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_see_personal_data(request.user):
            for name in self.masked_fields:
                data[name] = mask_phone(data.get(name) or "")
        return data


class WorkerSerializer(PhonesMaskedMixin, serializers.ModelSerializer):
    """The identity number is write-only: the API answers with the masked form only."""

    identity_number = serializers.CharField(write_only=True, max_length=30)
    identity_masked = serializers.CharField(read_only=True)
    team = serializers.SlugRelatedField(slug_field="name", queryset=Team.objects.all(), required=False, allow_null=True)
    service_types = serializers.ListField(child=serializers.ChoiceField(choices=ServiceType.choices), required=False)
    masked_fields = ("phone",)

    class Meta:
        model = Worker
        fields = ["id", "name", "phone", "identity_number", "identity_masked", "team", "service_types", "status"]
        read_only_fields = ["status"]


class ServiceOrderSerializer(PhonesMaskedMixin, serializers.ModelSerializer):
    masked_fields = ("customer_phone",)
    worker = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all(), required=False, allow_null=True)
    team = serializers.SlugRelatedField(slug_field="name", queryset=Team.objects.all(), required=False, allow_null=True)

    class Meta:
        model = ServiceOrder
        fields = ["id", "order_number", "service_type", "worker", "team", "customer_phone", "service_date", "amount"]
        # Uniqueness is the service's business: a known order number updates the order.
        extra_kwargs = {"order_number": {"validators": []}}


class OnboardingCheckSerializer(serializers.Serializer):
    identity_number = serializers.CharField(max_length=30)

    def validate_identity_number(self, value: str) -> str:
        if not identity_is_valid(value):
            raise serializers.ValidationError(_("Enter a valid 18-character identity number."))
        return value


class CsvUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
