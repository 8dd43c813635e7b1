"""The public intake over REST: file a complaint (with files) and read its public status.

No login and no session: authentication is off, so no CSRF token is needed, and abuse is held
back by the same per-client rate limits as the web pages.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_errors import request_data
from core.parsers import ObjectJSONParser
from core.ratelimit import client_address, rate_limit_hit

from .serializers import (
    ComplaintCreateSerializer,
    ComplaintReceiptSerializer,
    PublicStatusSerializer,
    StatusLookupSerializer,
)
from .services.submission import complaint_by_idempotency_key, complaint_submit
from .tracking import complaint_public_status, reply_promised_by
from .views.public import COMPLAINT_RATE_SCOPE, TRACK_RATE_SCOPE


class PublicAPIView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser, ObjectJSONParser]

    def rate_limit(self, request, *, scope: str, rate: str) -> None:
        if not rate_limit_hit(scope=scope, key=client_address(request), rate=rate):
            raise exceptions.Throttled(detail=_("Too many requests from your connection. Please try again later."))


def _receipt(complaint) -> dict:
    return ComplaintReceiptSerializer(
        {
            "tracking_number": complaint.tracking_number,
            "received_at": complaint.received_at,
            "reply_promised_by": reply_promised_by(complaint),
        }
    ).data


class ComplaintCreateAPI(PublicAPIView):
    @extend_schema(
        operation_id="complaint_create",
        request={"multipart/form-data": ComplaintCreateSerializer, "application/json": ComplaintCreateSerializer},
        responses={
            201: ComplaintReceiptSerializer,
            200: OpenApiResponse(ComplaintReceiptSerializer, description="Same idempotency key: the earlier one."),
            400: OpenApiResponse(description="Field errors, in the language of Accept-Language."),
            413: OpenApiResponse(description="Request too large."),
            429: OpenApiResponse(description="Rate limit reached."),
        },
        summary="File a complaint (evidence files as repeated `evidence` parts)",
    )
    def post(self, request):
        data = request_data(request)
        existing = complaint_by_idempotency_key(str(data.get("idempotency_key") or "")[:64])
        if existing is not None:
            return Response(_receipt(existing), status=status.HTTP_200_OK)
        serializer = ComplaintCreateSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        self.rate_limit(request, scope=COMPLAINT_RATE_SCOPE, rate=settings.PUBLIC_COMPLAINT_RATE)
        complaint, created = complaint_submit(**serializer.complaint_fields())
        return Response(_receipt(complaint), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ComplaintStatusAPI(PublicAPIView):
    parser_classes = [ObjectJSONParser, FormParser]

    @extend_schema(
        operation_id="complaint_status",
        request=StatusLookupSerializer,
        responses={
            200: PublicStatusSerializer,
            404: OpenApiResponse(
                description="No complaint with this tracking number and phone (same for any mismatch)."
            ),
            429: OpenApiResponse(description="Rate limit reached."),
        },
        summary="Public status of a complaint by tracking number and phone (POST, never in a URL)",
    )
    def post(self, request):
        self.rate_limit(request, scope=TRACK_RATE_SCOPE, rate=settings.TRACK_LOOKUP_RATE)
        lookup = StatusLookupSerializer(data=request_data(request))
        result = complaint_public_status(**lookup.validated_data) if lookup.is_valid() else None
        if result is None:
            raise exceptions.NotFound(_("We found no complaint with this tracking number and phone number."))
        return Response(PublicStatusSerializer(result).data)
