"""schemathesis against every API operation of the OpenAPI schema, through the WSGI application,
anonymous and as a logged-in supervisor (session and CSRF token): whatever it generates, the server
never answers 5xx.

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
from schemathesis.checks import not_a_server_error

from complaints_site.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "10"))


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


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_operation_ever_fails_with_a_server_error(case, session_cookies):
    case.call_and_validate(checks=[not_a_server_error])
    case.call_and_validate(cookies=session_cookies, headers={"X-CSRFToken": CSRF_TOKEN}, checks=[not_a_server_error])
