"""The deadlines of a complaint over REST (read only): every step's clock, as the workbench shows it.

Deadlines are set and stopped by the stages' services and the sweep, never by hand; policies and
the calendar are configured in admin.
"""

from django.utils import timezone
from rest_framework import exceptions, serializers

from intake.api_stage import ComplaintStageViewSet

from .models import Deadline
from .selectors import deadline_status, time_left_words


class DeadlineSerializer(serializers.ModelSerializer):
    responsible = serializers.SlugRelatedField(slug_field="username", read_only=True)
    status = serializers.SerializerMethodField(help_text="`overdue`, `red` or empty.")
    time_left = serializers.SerializerMethodField(help_text="Time left or overdue, in words of the user's language.")

    class Meta:
        model = Deadline
        fields = [
            "id",
            "step",
            "clock",
            "responsible",
            "started_at",
            "due_at",
            "red_at",
            "met_at",
            "stopped_at",
            "breached_at",
            "escalation_level",
            "status",
            "time_left",
        ]

    def get_status(self, deadline) -> str:
        return deadline_status(deadline, now=self.context["now"])

    def get_time_left(self, deadline) -> str:
        return time_left_words(deadline, now=self.context["now"])


class DeadlinesSerializer(serializers.Serializer):
    deadlines = DeadlineSerializer(many=True, read_only=True)


class DeadlineAPI(ComplaintStageViewSet):
    """Every deadline of the complaint, oldest first, with its status and time left"""

    stage = "deadlines"
    read_serializer = DeadlinesSerializer

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "now": timezone.now()}

    def stage_read(self, complaint) -> dict:
        if not self.request.user.has_perm("deadlines.view_deadline"):
            raise exceptions.PermissionDenied()
        rows = Deadline.objects.filter(complaint=complaint).select_related("responsible").order_by("started_at", "pk")
        return {"deadlines": rows}
