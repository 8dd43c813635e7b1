"""API shapes of complaints for desk staff: what the inbox row, the workbench and the timeline show.

Personal data is always masked here: unmasking is a logged act on the workbench, not an API read.
"""

from django_fsm import has_transition_perm
from rest_framework import serializers

from core.privacy import mask_phone

from . import workbench
from .models import Complaint, ComplaintEvent, ContactAttempt


class ComplaintRowSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    phone = serializers.SerializerMethodField()
    assigned_to = serializers.SlugRelatedField(slug_field="username", read_only=True)
    assigned_team = serializers.StringRelatedField()
    next_due_at = serializers.DateTimeField(read_only=True, allow_null=True)
    deadline_red = serializers.BooleanField(read_only=True)
    deadline_overdue = serializers.BooleanField(read_only=True)
    has_repeats = serializers.BooleanField(read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "tracking_number",
            "state",
            "state_label",
            "channel",
            "category",
            "severity",
            "urgent",
            "service_type",
            "received_at",
            "phone",
            "assigned_to",
            "assigned_team",
            "next_due_at",
            "deadline_red",
            "deadline_overdue",
            "has_repeats",
            "version",
        ]
        read_only_fields = fields

    def get_phone(self, complaint: Complaint) -> str:
        return mask_phone(complaint.phone)


class ComplaintDetailSerializer(ComplaintRowSerializer):
    transitions = serializers.SerializerMethodField(help_text="State changes open to the requesting user now.")

    class Meta(ComplaintRowSerializer.Meta):
        fields = [
            *ComplaintRowSerializer.Meta.fields,
            "order_number",
            "description",
            "demands",
            "demand_note",
            "occurred_at",
            "promised_reply_at",
            "decided_at",
            "closed_at",
            "archive_number",
            "transitions",
        ]
        read_only_fields = fields

    def get_transitions(self, complaint: Complaint) -> list[str]:
        user = self.context["request"].user
        return [
            action.transition
            for action in workbench.actions()
            if has_transition_perm(getattr(complaint, action.transition), user)
        ]


class ComplaintEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ComplaintEvent
        fields = ["id", "at", "kind", "actor", "transition", "from_state", "to_state", "note", "public"]
        read_only_fields = fields


class ContactAttemptSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ContactAttempt
        fields = ["id", "channel", "outcome", "attempted_at", "note", "recorded_by"]
        read_only_fields = fields


class ComplaintContactSerializer(serializers.Serializer):
    attempts = ContactAttemptSerializer(many=True, read_only=True)
    notes = ComplaintEventSerializer(many=True, read_only=True, help_text="Internal notes and messages sent.")
