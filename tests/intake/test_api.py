"""The REST intake: same checks and service as the form, JSON answers, throttled, schema renders."""

from unittest import mock

import pytest
from rest_framework.test import APIClient

from core.models import OutboxMessage
from intake.choices import Channel
from intake.models import Attachment, Complaint
from tests.factories import ComplaintFactory
from tests.intake.public_data import complaint_post_data, png_upload, upload

CREATE = "/api/complaints/"
STATUS = "/api/complaints/status/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def create(api, **overrides):
    return api.post(CREATE, complaint_post_data(privacy_consent="true", **overrides), format="multipart")


def test_create_with_files_registers_a_web_complaint_and_returns_the_receipt(api):
    response = create(api, evidence=[png_upload("a.png"), png_upload("b.png")])
    assert response.status_code == 201
    complaint = Complaint.objects.get()
    assert response.json()["tracking_number"] == complaint.tracking_number
    assert "reply_promised_by" in response.json()
    assert complaint.channel == Channel.WEB_FORM
    assert Attachment.objects.filter(complaint=complaint).count() == 2
    assert OutboxMessage.objects.filter(complaint=complaint, channel="sms").exists()


def test_create_needs_no_session_or_csrf_token():
    api = APIClient(enforce_csrf_checks=True)
    assert create(api).status_code == 201


def test_same_idempotency_key_returns_the_same_complaint(api):
    first = create(api)
    second = create(api)
    assert second.status_code == 200
    assert first.json()["tracking_number"] == second.json()["tracking_number"]
    assert Complaint.objects.count() == 1


def test_bad_input_gives_field_errors_in_the_requested_language(api):
    response = api.post(
        CREATE,
        complaint_post_data(phone="123", privacy_consent="false", description="x" * 6000),
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    errors = response.json()["fields"]
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "Enter a mainland China mobile number" in errors["phone"][0]
    assert "privacy notice" in errors["privacy_consent"][0]
    assert "description" in errors
    assert not Complaint.objects.exists()


def test_fake_file_is_refused_naming_it(api):
    response = create(api, evidence=[upload("x.jpg", b"<html>not an image</html>")], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "x.jpg" in response.json()["fields"]["evidence"][0]
    assert not Complaint.objects.exists()


def test_too_many_files_is_a_413_not_a_500(api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    response = create(api, evidence=[png_upload("a.png"), png_upload("b.png")])
    assert response.status_code == 413


def test_json_body_over_the_memory_limit_is_a_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(CREATE, complaint_post_data(description="x" * 5000), format="json")
    assert response.status_code == 413


def test_create_is_throttled_per_client(api, settings):
    settings.PUBLIC_COMPLAINT_RATE = "1/h"
    assert create(api, idempotency_key="a" * 20).status_code == 201
    response = create(api, idempotency_key="b" * 20)
    assert response.status_code == 429
    assert Complaint.objects.count() == 1


def test_create_survives_a_broker_outage(api, django_capture_on_commit_callbacks):
    with mock.patch("core.tasks.send_outbox_message.delay", side_effect=ConnectionError("redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = create(api)
    assert response.status_code == 201
    assert OutboxMessage.objects.get(channel="sms").status == OutboxMessage.Status.PENDING


def test_status_by_tracking_number_and_phone(api):
    complaint = ComplaintFactory(phone="13812345678", complainant_name="李四")
    response = api.post(STATUS, {"tracking_number": complaint.tracking_number, "phone": "13812345678"}, format="json")
    body = response.json()
    assert response.status_code == 200
    assert body["state"] == "submitted"
    assert body["events"][0]["at"]
    assert "李四" not in response.content.decode()
    assert "13812345678" not in response.content.decode()


@pytest.mark.parametrize("phone", ["13900000000", "bad", ""])
def test_status_wrong_pair_is_the_same_404(api, phone):
    complaint = ComplaintFactory(phone="13812345678")
    wrong = api.post(STATUS, {"tracking_number": complaint.tracking_number, "phone": phone}, format="json")
    unknown = api.post(STATUS, {"tracking_number": "TS000000NONE", "phone": "13812345678"}, format="json")
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_status_is_not_readable_by_query_string(api):
    complaint = ComplaintFactory(phone="13812345678")
    response = api.get(STATUS, {"tracking_number": complaint.tracking_number, "phone": "13812345678"})
    assert response.status_code == 405


def test_status_lookups_are_throttled(api, settings):
    settings.TRACK_LOOKUP_RATE = "2/h"
    for _ in range(2):
        api.post(STATUS, {"tracking_number": "TS000000NONE", "phone": "13812345678"}, format="json")
    response = api.post(STATUS, {"tracking_number": "TS000000NONE", "phone": "13812345678"}, format="json")
    assert response.status_code == 429


def test_openapi_schema_lists_the_intake_endpoints(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/complaints/" in paths and "/api/complaints/status/" in paths


def test_api_docs_use_local_assets_only(client):
    html = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "//unpkg" not in html and "jsdelivr" not in html
