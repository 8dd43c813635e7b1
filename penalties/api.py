"""The penalties API: workers and orders for staff with the model permissions, and the onboarding check."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_errors import request_data
from core.api_permissions import ModelPermissions
from core.privacy import mask_name
from intake.access import complaints_visible_to
from intake.api_stage import form_serializer, form_validate, service_run

from .forms import AppealDecisionForm, AppealForm, DecisionForm
from .models import Appeal, Penalty, ServiceOrder, Worker
from .selectors import penalties_for_review
from .serializers import CsvUploadSerializer, OnboardingCheckSerializer, ServiceOrderSerializer, WorkerSerializer
from .services import appeals, imports, penalties
from .services.workers import onboarding_check, order_upsert, worker_create


class WorkerListCreate(generics.ListCreateAPIView):
    serializer_class = WorkerSerializer
    permission_classes = [ModelPermissions]
    api_scope = "workers"
    queryset = Worker.objects.select_related("team").order_by("pk")
    filterset_fields = ["status", "team"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        worker = service_run(lambda: worker_create(**serializer.validated_data))
        return Response(self.get_serializer(worker).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        responses={
            201: OpenApiResponse(ServiceOrderSerializer, description="A new order."),
            200: OpenApiResponse(ServiceOrderSerializer, description="The order of that number, updated."),
        }
    )
)
class ServiceOrderListCreate(generics.ListCreateAPIView):
    serializer_class = ServiceOrderSerializer
    permission_classes = [ModelPermissions]
    api_scope = "workers"
    queryset = ServiceOrder.objects.select_related("worker", "team").order_by("pk")
    filterset_fields = ["service_type", "worker", "team"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order, created = service_run(lambda: order_upsert(**serializer.validated_data))
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(order).data, status=code)


_REPORT = inline_serializer(
    "ImportReport",
    {"created": serializers.IntegerField(), "updated": serializers.IntegerField(), "errors": serializers.JSONField()},
)


class _ImportView(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [ModelPermissions]
    api_scope = "workers"
    importer = None

    @extend_schema(request=CsvUploadSerializer, responses=_REPORT)
    def post(self, request):
        serializer = CsvUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = type(self).importer(content=serializer.validated_data["file"].read())
        return Response(report.as_dict())


class WorkerImport(_ImportView):
    queryset = Worker.objects.none()
    importer = staticmethod(imports.workers_import)


class ServiceOrderImport(_ImportView):
    queryset = ServiceOrder.objects.none()
    importer = staticmethod(imports.orders_import)


class CanCheckBlacklist(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("penalties.check_blacklist")


class OnboardingCheckView(APIView):
    """Answers whether an identity is listed, nothing more; every check is logged."""

    permission_classes = [permissions.IsAuthenticated, CanCheckBlacklist]
    api_scope = "workers"

    @extend_schema(
        request=OnboardingCheckSerializer,
        responses=inline_serializer("OnboardingCheckAnswer", {"listed": serializers.BooleanField()}),
    )
    def post(self, request):
        serializer = OnboardingCheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        listed = onboarding_check(identity_number=serializer.validated_data["identity_number"], actor=request.user)
        return Response({"listed": listed})


class AppealSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appeal
        fields = ["id", "grounds", "submitted_at", "outcome", "decided_at", "decision_note"]


class PenaltySerializer(serializers.ModelSerializer):
    worker_name = serializers.SerializerMethodField()
    appeal = AppealSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Penalty
        fields = [
            "id",
            "worker",
            "worker_name",
            "complaint",
            "kind",
            "category",
            "reason",
            "points",
            "fine_amount",
            "suspension_days",
            "starts_on",
            "ends_on",
            "status",
            "proposed_at",
            "decided_at",
            "decision_note",
            "appeal",
        ]
        read_only_fields = fields

    def get_worker_name(self, penalty) -> str:
        return mask_name(penalty.worker.name)


def _penalty_write(*, form_class, summary: str, permission: str = "penalties.decide_penalty"):
    """A write on one penalty (by id in the URL): the page's permission, form and service."""

    def decorate(run):
        @extend_schema(
            operation_id=f"penalty_{run.__name__}",
            summary=summary,
            request=form_serializer(form_class, f"Penalty{run.__name__.title().replace('_', '')}Body"),
            responses={200: PenaltySerializer},
        )
        def post(self, request, pk: int):
            penalty = get_object_or_404(self.get_queryset(), pk=pk)
            if not request.user.has_perm(permission):
                raise exceptions.PermissionDenied()
            form = form_validate(form_class, request_data(request))
            service_run(lambda: run(penalty, request.user, **form.cleaned_data))
            return Response(PenaltySerializer(self.get_queryset().get(pk=pk)).data)

        return type(run.__name__.title().replace("_", ""), (_PenaltyWrite,), {"post": post})

    return decorate


class _PenaltyScope:
    """Penalties of complaints this user may open, or of none (proposed from a worker's record)."""

    api_scope = "penalties"

    def get_queryset(self):
        visible = complaints_visible_to(self.request.user)
        return (
            penalties_for_review(status=None)
            .select_related("appeal")
            .filter(Q(complaint__isnull=True) | Q(complaint__in=visible))
        )


class PenaltyList(_PenaltyScope, generics.ListAPIView):
    serializer_class = PenaltySerializer
    permission_classes = [ModelPermissions]
    queryset = Penalty.objects.none()
    filterset_fields = ["status", "worker", "complaint"]

    def get_queryset(self):
        return super().get_queryset().order_by("-proposed_at", "-pk")


class _PenaltyWrite(_PenaltyScope, APIView):
    permission_classes = [permissions.IsAuthenticated]
    queryset = Penalty.objects.none()


@_penalty_write(form_class=DecisionForm, summary="Approve a proposed penalty: it takes effect")
def penalty_approve(penalty, user, note=""):
    penalties.penalty_approve(penalty=penalty, actor=user, note=note)


@_penalty_write(form_class=DecisionForm, summary="Reject a proposed penalty")
def penalty_reject(penalty, user, note=""):
    penalties.penalty_reject(penalty=penalty, actor=user, note=note)


@_penalty_write(form_class=AppealForm, summary="Record the worker's appeal", permission="penalties.propose_penalty")
def appeal_submit(penalty, user, grounds):
    appeals.appeal_submit(penalty=penalty, grounds=grounds, actor=user)


@_penalty_write(form_class=AppealDecisionForm, summary="Decide the appeal (a second supervisor)")
def appeal_decide(penalty, user, **decision):
    if not hasattr(penalty, "appeal"):
        raise exceptions.NotFound()
    appeals.appeal_decide(appeal=penalty.appeal, actor=user, **decision)
