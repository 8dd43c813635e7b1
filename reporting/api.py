"""The monthly report's figures over REST: the JSON behind the report page, for the same users.

Figures are read from the snapshot the worker computed (``selectors.report_get``): while a month
and filter is being prepared the answer says so, with no figures. The filters are the page's
(`team`, `service_type`), and a filter value that is not allowed is a 400 rather than the page's
silent "all".
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from intake.api_stage import unknown_fields_refuse

from . import selectors
from .forms import ScopeForm
from .views import month_from_url


class CanViewReports(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.has_perm("reporting.view_report")


class MonthlyReportSerializer(serializers.Serializer):
    month = serializers.CharField()
    team = serializers.IntegerField(allow_null=True)
    service_type = serializers.CharField()
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the figures were computed; null while they are being prepared."
    )
    final = serializers.BooleanField(help_text="Computed after the month ended: these figures no longer change.")
    being_prepared = serializers.BooleanField(help_text="No figures yet: ask again in a minute.")
    figures = serializers.JSONField(
        allow_null=True, help_text="Every figure of the report page, as the snapshot stores them; null while prepared."
    )


class MonthlyReportAPI(APIView):
    permission_classes = [CanViewReports]
    api_scope = "reports"

    @extend_schema(
        operation_id="report_month",
        summary="The monthly report's figures, as last computed (a closed month's are final)",
        parameters=[
            OpenApiParameter("month", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=r"^\d{4}-\d{2}$"),
            OpenApiParameter("team", OpenApiTypes.INT, description="A service team's id"),
            OpenApiParameter(
                "service_type",
                OpenApiTypes.STR,
                enum=[c for c, _ in ScopeForm.base_fields["service_type"].choices if c],
            ),
        ],
        responses={200: MonthlyReportSerializer},
    )
    def get(self, request, month: str):
        period = month_from_url(month)
        unknown_fields_refuse(request.query_params, ScopeForm.base_fields)
        form = ScopeForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        scope = form.scope()
        figures, snapshot = selectors.report_get(month=period, scope=scope)
        body = {
            "month": str(period),
            "team": scope.team_id,
            "service_type": scope.service_type,
            "computed_at": snapshot.computed_at if snapshot else None,
            "final": bool(snapshot and snapshot.is_final),
            "being_prepared": snapshot is None,
            "figures": figures,
        }
        return Response(MonthlyReportSerializer(body).data)
