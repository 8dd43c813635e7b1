"""schemathesis against every API operation of the OpenAPI schema, through the WSGI application:
anonymous, as a logged-in supervisor (session and CSRF token) and as an integration acting as a
supervisor (its token, every scope). Whatever it generates, the server never answers 5xx, and every
answer conforms to the schema: a declared status code, a declared content type, a body of the
declared shape (errors included, ``core.api_errors``).

Bounded in time: a few examples per operation (``API_FUZZ_EXAMPLES``, default 10).
"""

import json
import os

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from complaints_site.wsgi import application
from core.integrations import SCOPE_CHOICES, integration_token_issue
from core.models import Integration

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _schema():
    """The schema /api/schema/ serves, generated without a request (no database at collection)."""
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    return loaded


schema = _schema()


CSRF_TOKEN = "a" * 32  # the same secret in cookie and header: writes get past the CSRF check


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a request must not close the test's database connection (on
    PostgreSQL it holds the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def session_cookies(supervisor) -> dict:
    client = Client()
    client.force_login(supervisor)
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: CSRF_TOKEN,
    }


@pytest.fixture
def token_header(supervisor) -> dict:
    integration = Integration(
        name="fuzz", user=supervisor, created_by=supervisor, scopes=[scope for scope, _label in SCOPE_CHOICES]
    )
    token = integration_token_issue(integration)
    integration.save()
    return {"Authorization": f"Token {token}"}


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_answer_conforms_to_the_schema_and_none_is_a_server_error(case, session_cookies, token_header):
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(cookies=session_cookies, headers={"X-CSRFToken": CSRF_TOKEN}, checks=CHECKS)
    case.call_and_validate(headers=token_header, checks=CHECKS)
