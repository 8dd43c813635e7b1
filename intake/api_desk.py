"""The desk's complaints over REST, for staff and integrations: the inbox's list with its filters,
one complaint, and its timeline.

The same reads as the pages: ``inbox_complaints`` (constant query count whatever the page holds)
and ``complaints_visible_to`` (a ruling-panel member or management sees only its scope; anything
else is a 404). Personal data is masked.
"""

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action

from core.api_permissions import ModelPermissions

from .access import complaints_visible_to
from .forms.desk import InboxFilterForm
from .models import Complaint
from .selectors import inbox_annotate, inbox_complaints
from .serializers_desk import ComplaintDetailSerializer, ComplaintEventSerializer, ComplaintRowSerializer

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
)
class ComplaintViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ModelPermissions]
    queryset = Complaint.objects.none()  # the model for ModelPermissions; rows come from get_queryset
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
        if self.action == "retrieve":
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
