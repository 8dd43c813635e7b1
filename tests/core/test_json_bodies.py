"""A JSON body that is not an object is a client error on every API route, never a 500."""

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

NOT_OBJECTS = ["[null, null]", '"x"', "1", "null", "true", "[]"]


def _api_routes(patterns, prefix: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _api_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/") and not entry.pattern.regex.groupindex:
            yield "/" + route


def test_non_object_json_bodies_are_refused_everywhere(settings, supervisor):
    settings.PUBLIC_COMPLAINT_RATE = settings.TRACK_LOOKUP_RATE = "100000/h"
    routes = sorted(set(_api_routes(get_resolver().url_patterns)))
    assert "/api/complaints/" in routes
    staff = Client(raise_request_exception=False)
    staff.force_login(supervisor)
    problems = []
    for who, client in {"anonymous": Client(raise_request_exception=False), "supervisor": staff}.items():
        for url in routes:
            for body in NOT_OBJECTS:
                response = client.post(url, body, content_type="application/json")
                if response.status_code >= 500:
                    problems.append(f"{who} {url} {body}: {response.status_code}")
    assert problems == []


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_public_complaint_api_answers_400_with_a_reason(body):
    response = Client().post("/api/complaints/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body must be a JSON object."


def test_the_reason_speaks_the_users_language():
    response = Client().post("/api/complaints/status/", "[1]", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"] and "对象" in response.json()["detail"]


def test_staff_api_refuses_a_list_body(supervisor, client):
    client.force_login(supervisor)
    response = client.post("/api/workers/", json.dumps([{"name": "王"}]), content_type="application/json")
    assert response.status_code == 400
