"""Integrations: outside systems calling the API with a token of their own.

A supervisor creates one in admin (name, the account it acts as, scopes, rate limit); the token is
shown once and only its SHA-256 is kept. A request sends ``Authorization: Token <token>``; the
integration then acts as its account (every permission check and service applies as for that
account), limited to its scopes — ``<area>:read`` for GET, ``<area>:write`` for changes — and to
its own rate limit. A revoked or unknown token is refused (403, like any missing login);
``last_used_at`` shows when it last called.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from .models import Integration
from .ratelimit import rate_limit_hit

#: The API's areas a token may be given (the ``api_scope`` of its views).
AREAS = {
    "complaints": gettext_lazy("Complaints: inbox, detail, timeline, state changes, contact and notes"),
    "investigation": gettext_lazy("Investigations"),
    "resolution": gettext_lazy("Mediation, rulings, compensation, notice, follow-up"),
    "deadlines": gettext_lazy("Deadlines"),
    "penalties": gettext_lazy("Penalties and appeals"),
    "workers": gettext_lazy("Service workers, orders, onboarding check"),
    "reports": gettext_lazy("Monthly figures"),
}
SCOPE_CHOICES = [
    (f"{area}:{access}", f"{label} · {access_label}")
    for area, label in AREAS.items()
    for access, access_label in (("read", gettext_lazy("read")), ("write", gettext_lazy("write")))
]
PREFIX = "cdk_"
#: ``last_used_at`` is written at most this often, not on every request.
_USE_RESOLUTION = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def integration_token_issue(integration: Integration) -> str:
    """A new token for ``integration`` (an unsaved one, or one whose token is replaced): returned
    once, stored only as its hash. A new integration gets the secret that signs its webhooks too."""
    token = PREFIX + secrets.token_urlsafe(32)
    integration.token_prefix = token[: len(PREFIX) + 4]
    integration.token_hash = token_hash(token)
    integration.webhook_secret = integration.webhook_secret or secrets.token_hex(32)
    return token


def integration_revoke(*, integration: Integration) -> None:
    Integration.objects.filter(pk=integration.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def _scope_of(request) -> str | None:
    view = (request.parser_context or {}).get("view")
    area = getattr(view, "api_scope", None)
    if area is None:
        return None
    return f"{area}:{'read' if request.method in permissions.SAFE_METHODS else 'write'}"


class IntegrationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Authorization: Token <token>."))
        token = parts[1].decode(errors="replace")
        integration = (
            Integration.objects.select_related("user")
            .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if integration is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or revoked."))
        scope = _scope_of(request)
        if scope is None or scope not in integration.scopes:
            raise exceptions.PermissionDenied(_("This token may not use this part of the API."))
        now = timezone.now()
        if integration.last_used_at is None or now - integration.last_used_at > _USE_RESOLUTION:
            Integration.objects.filter(pk=integration.pk).update(last_used_at=now)
        return integration.user, integration


class IntegrationRateThrottle(throttling.BaseThrottle):
    """Each integration has its own rate limit; staff sessions and the public API are limited elsewhere."""

    def allow_request(self, request, view) -> bool:
        integration = request.auth
        if not isinstance(integration, Integration):
            return True
        return rate_limit_hit(scope="integration", key=str(integration.pk), rate=integration.rate)


class IntegrationTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema's security schemes."""

    target_class = IntegrationTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`: an integration's token (created by a supervisor in admin).",
        }
