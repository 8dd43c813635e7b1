"""The penalties API: workers and orders for staff with the model permissions, and the onboarding check."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, permissions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_permissions import ModelPermissions

from .models import ServiceOrder, Worker
from .serializers import CsvUploadSerializer, OnboardingCheckSerializer, ServiceOrderSerializer, WorkerSerializer
from .services import imports
from .services.workers import onboarding_check, order_upsert, worker_create


def _refusal(error: ValidationError) -> Response:
    detail = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    return Response(detail, status=status.HTTP_400_BAD_REQUEST)


class WorkerListCreate(generics.ListCreateAPIView):
    serializer_class = WorkerSerializer
    permission_classes = [ModelPermissions]
    queryset = Worker.objects.select_related("team").order_by("pk")
    filterset_fields = ["status", "team"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            worker = worker_create(**serializer.validated_data)
        except ValidationError as error:
            return _refusal(error)
        return Response(self.get_serializer(worker).data, status=status.HTTP_201_CREATED)


class ServiceOrderListCreate(generics.ListCreateAPIView):
    serializer_class = ServiceOrderSerializer
    permission_classes = [ModelPermissions]
    queryset = ServiceOrder.objects.select_related("worker", "team").order_by("pk")
    filterset_fields = ["service_type", "worker", "team"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            order, created = order_upsert(**serializer.validated_data)
        except ValidationError as error:
            return _refusal(error)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(order).data, status=code)


_REPORT = inline_serializer(
    "ImportReport",
    {"created": serializers.IntegerField(), "updated": serializers.IntegerField(), "errors": serializers.JSONField()},
)


class _ImportView(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [ModelPermissions]
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

    @extend_schema(
        request=OnboardingCheckSerializer,
        responses=inline_serializer("OnboardingCheckAnswer", {"listed": serializers.BooleanField()}),
    )
    def post(self, request):
        serializer = OnboardingCheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        listed = onboarding_check(identity_number=serializer.validated_data["identity_number"], actor=request.user)
        return Response({"listed": listed})
