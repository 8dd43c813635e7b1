"""Every API error has one shape, in the user's language, and every operation declares it.

The body of any 4xx answer::

    {"code": "invalid", "detail": "Some fields are not valid.", "fields": {"reason": ["This field is required."]}}

``code`` is stable and meant for programs (``invalid``, ``parse_error``, ``not_authenticated``,
``authentication_failed``, ``permission_denied``, ``not_found``, ``method_not_allowed``,
``conflict``, ``too_large``, ``throttled``, …); ``detail`` and the messages in ``fields`` follow
``Accept-Language`` (zh-Hans by default). ``fields`` is present on validation errors only.

``ErrorAutoSchema`` adds the answers every operation can give to the OpenAPI schema, each with
this body, unless the operation describes them itself.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def request_data(request):
    """``request.data``, with a body over the upload limits as a 413 rather than a server error."""
    try:
        return request.data
    except (RequestDataTooBig, TooManyFilesSent):
        raise RequestTooLarge(
            _("What you sent is too large or has too many files (at most %(count)d). Please try again.")
            % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
        )


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):  # get_object_or_404 and friends: the same body as any other 404
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args[:1])
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {}
        plain = fields.pop("detail", []) if fields else exc.detail
        body = {"code": "invalid", "detail": " ".join(_messages(plain)) or _("Some fields are not valid.")}
        body["fields"] = {name: _messages(value) for name, value in fields.items()}
    else:
        codes = exc.get_codes()
        body = {
            "code": codes if isinstance(codes, str) else exc.default_code,
            "detail": " ".join(_messages(exc.detail)),
        }
    response.data = body
    return response


def api_not_found(request):
    """A 404 for an address under ``/api/`` that no route matches (``/api/desk/complaints/x/``):
    the API's error body, not the site's HTML page."""
    return JsonResponse({"code": "not_found", "detail": str(exceptions.NotFound.default_detail)}, status=404)


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, for programs: invalid, not_found, conflict, throttled, …")
    detail = serializers.CharField(help_text="What went wrong, in the language of Accept-Language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation errors only: the messages of each field.",
    )


_ANSWERS = {
    400: "The input is not valid: a field, a filter or the body (see `fields`).",
    401: "No valid credentials: a missing, unknown or revoked token.",
    403: "Not logged in, or without the permission this needs.",
    404: "No such object, or not one this user may open.",
    409: "The complaint changed meanwhile, or its state no longer allows this.",
    413: "The body is too large, or carries too many files.",
    415: "The body's content type is not one this operation reads.",
    429: "Too many requests: try again later.",
}
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            answer = responses.get(str(code))
            if answer is None:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=_ANSWERS[code]), str(code)
                )
            elif "content" not in answer:
                described = OpenApiResponse(ErrorSerializer, description=answer.get("description", _ANSWERS[code]))
                responses[str(code)] = self._get_response_for_code(described, str(code))
        return responses

    def _error_codes(self) -> list[int]:
        codes = [400, 429]
        if self.view.get_authenticators():
            codes += [401, 403]
        if "{" in self.path or self.method == "GET":
            codes.append(404)
        if self.method in _WRITES:
            codes += [409, 413, 415]
        return codes
