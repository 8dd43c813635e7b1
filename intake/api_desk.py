"""The desk's complaints over REST, for staff and integrations: the inbox's list with its filters,
one complaint, its timeline, its state changes, and the decision and changes of its own pages.

The same reads as the pages: ``inbox_complaints`` (constant query count whatever the page holds)
and ``complaints_visible_to`` (a ruling-panel member or management sees only its scope; anything
else is a 404). Personal data is masked. A state change runs the workbench action's own form and
service (``intake.workbench``): the same checks, the same timeline entry, no second path. The
acceptance decision (the decide page) and the changes after it (reassign, reclassify, escalate,
merge: the workbench's changes card) run their pages' forms and services the same way.
"""

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api_errors import request_data

from . import workbench
from .access import complaints_visible_to
from .api_stage import (
    VIEW_COMPLAINT,
    CanViewComplaints,
    ComplaintStageViewSet,
    ServiceWrite,
    form_validate,
    service_run,
)
from .forms.desk import AcceptForm, DeclineForm, InboxFilterForm
from .forms.emergency import ContactAttemptForm
from .forms.workbench import EscalateForm, MergeForm, NoteForm, ReassignForm, ReclassifyForm
from .models import Complaint, ComplaintEvent
from .selectors import inbox_annotate, inbox_complaints
from .serializers_desk import (
    ComplaintContactSerializer,
    ComplaintDetailSerializer,
    ComplaintEventSerializer,
    ComplaintRowSerializer,
)
from .services.assignment import ASSIGN_PERMISSION, complaint_assign
from .services.classification import RECLASSIFY_PERMISSION, complaint_reclassify
from .services.contact import CONTACT_PERMISSION, contact_attempt_record
from .services.decision import complaint_accept, complaint_decline
from .services.escalation import ESCALATE_PERMISSION, complaint_escalate
from .services.merge import MERGE_PERMISSION, complaint_merge
from .services.notes import note_add

DECIDE_PERMISSION = "intake.accept_complaint"  # the decide page's

_ERRORS = {
    403: OpenApiResponse(description="Not logged in, or without the permission to view complaints."),
}
_NOT_FOUND = {404: OpenApiResponse(description="No such complaint, or not one this user may open.")}


def _filter_parameters() -> list[OpenApiParameter]:
    """The inbox form's fields as query parameters, with their allowed values."""
    parameters = []
    for name, field in InboxFilterForm.base_fields.items():
        kind = {forms.BooleanField: OpenApiTypes.BOOL, forms.DateField: OpenApiTypes.DATE}.get(
            type(field), OpenApiTypes.STR
        )
        choices = [value for value, _label in getattr(field, "choices", [])]
        parameters.append(OpenApiParameter(name, kind, enum=choices or None, description=str(field.label)))
    return parameters


@extend_schema_view(
    list=extend_schema(
        operation_id="desk_complaint_list",
        summary="The inbox: complaints this user may open, filtered and sorted as on the inbox page",
        parameters=_filter_parameters(),
        responses={
            200: ComplaintRowSerializer(many=True),
            400: OpenApiResponse(description="A filter value that is not allowed."),
            **_ERRORS,
            404: OpenApiResponse(description="A page past the last one."),
        },
    ),
    retrieve=extend_schema(
        operation_id="desk_complaint_detail",
        summary="One complaint, with the state changes open to this user now",
        responses={200: ComplaintDetailSerializer, **_ERRORS, **_NOT_FOUND},
    ),
    timeline=extend_schema(
        operation_id="desk_complaint_timeline",
        summary="The complaint's timeline: state changes, notes, messages and actions, oldest first",
        responses={200: ComplaintEventSerializer(many=True), **_ERRORS, **_NOT_FOUND},
    ),
    transition=extend_schema(
        operation_id="desk_complaint_transition",
        summary="Run one state change (a name from the complaint's `transitions`) through its service",
        description=(
            "The body carries the action's fields: `seen_version` (the complaint's `version` as read; "
            "a stale one is a 409), and `note`, `reason`, or the referral's and investigation's fields."
        ),
        parameters=[
            OpenApiParameter("transition", OpenApiTypes.STR, OpenApiParameter.PATH, description="e.g. start_mediation")
        ],
        request=OpenApiTypes.OBJECT,
        responses={
            200: ComplaintDetailSerializer,
            400: OpenApiResponse(description="A field error, or a condition of the change not met."),
            **_ERRORS,
            **_NOT_FOUND,
            409: OpenApiResponse(description="The complaint changed meanwhile, or its state no longer allows this."),
        },
    ),
)
class ComplaintViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewComplaints]
    api_scope = "complaints"
    queryset = Complaint.objects.none()  # the schema's model; rows come from get_queryset
    filter_backends: list = []

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            form = InboxFilterForm(self.request.query_params)
            if not form.is_valid():
                raise exceptions.ValidationError(form.errors)
            return inbox_complaints(user, form.cleaned_data)
        return inbox_annotate(complaints_visible_to(user))

    def get_serializer_class(self):
        if self.action in ("retrieve", "transition"):
            return ComplaintDetailSerializer
        if self.action == "timeline":
            return ComplaintEventSerializer
        return ComplaintRowSerializer

    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        complaint = self.get_object()
        events = complaint.events.select_related("actor").order_by("at", "pk")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<transition>[a-z_]{1,40})")
    def transition(self, request, pk=None, transition=None):
        complaint = self.get_object()
        registered = workbench.action_get(transition)
        if registered is None or registered.service is None:
            raise exceptions.NotFound()
        form = form_validate(registered.form_class, request_data(request))
        service_run(lambda: registered.service(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data))
        return Response(self.get_serializer(self.get_object()).data)


class ComplaintContactAPI(ComplaintStageViewSet):
    """Attempts to reach the complainant, and the desk's notes and messages to them"""

    stage = "contact"
    api_scope = "complaints"
    read_serializer = ComplaintContactSerializer

    def stage_read(self, complaint: Complaint) -> dict:
        notes = complaint.events.filter(kind__in=[ComplaintEvent.Kind.NOTE, ComplaintEvent.Kind.MESSAGE])
        return {
            "attempts": complaint.contact_attempts.select_related("recorded_by").order_by("attempted_at", "pk"),
            "notes": notes.select_related("actor").order_by("at", "pk"),
        }

    service_writes = {
        "attempts": ServiceWrite(
            CONTACT_PERMISSION,
            ContactAttemptForm,
            contact_attempt_record,
            "Record an attempt to reach the complainant, with its outcome",
        ),
        "notes": ServiceWrite(
            VIEW_COMPLAINT,
            NoteForm,
            note_add,
            "Add an internal note, or (`public`: 1) a message sent to the complainant by SMS",
        ),
    }


class AcceptBody(AcceptForm):
    """The decide page's form, with the version read named as everywhere in the API."""

    version = None
    seen_version = forms.IntegerField(min_value=0)


class DeclineBody(DeclineForm):
    version = None
    seen_version = forms.IntegerField(min_value=0)


class ComplaintActionsAPI(ComplaintStageViewSet):
    """The decision on a new complaint and the changes after it, each answering the complaint"""

    stage = "complaint"
    api_scope = "complaints"
    readable = False
    read_serializer = ComplaintDetailSerializer

    def stage_read(self, complaint: Complaint) -> Complaint:
        return inbox_annotate(complaints_visible_to(self.request.user)).get(pk=complaint.pk)

    service_writes = {
        "accept": ServiceWrite(
            DECIDE_PERMISSION,
            AcceptBody,
            complaint_accept,
            "Accept (受理): classification, handler or team, and the reply time promised",
        ),
        "decline": ServiceWrite(
            DECIDE_PERMISSION,
            DeclineBody,
            complaint_decline,
            "Do not accept (不予受理): the reason, told to the complainant",
        ),
        "reassign": ServiceWrite(
            ASSIGN_PERMISSION,
            ReassignForm,
            complaint_assign,
            "A new handler (by username) and/or team, with the reason",
        ),
        "reclassify": ServiceWrite(
            RECLASSIFY_PERMISSION,
            ReclassifyForm,
            complaint_reclassify,
            "Correct category, severity, urgency or channel; the open deadlines follow",
        ),
        "escalate": ServiceWrite(
            ESCALATE_PERMISSION,
            EscalateForm,
            complaint_escalate,
            "Move the complaint up one layer; that layer is alerted",
        ),
        "merge": ServiceWrite(
            MERGE_PERMISSION,
            MergeForm,
            complaint_merge,
            "Merge a repeat into the open complaint numbered `original_number`",
        ),
    }
