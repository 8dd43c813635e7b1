"""The API's error body everywhere: for addresses no route matches, for objects looked up with
Django's shortcuts, and for a service's refusal, so every answer matches the schema."""

import pytest

from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_an_api_address_no_route_matches_is_a_json_404(client, agent):
    client.force_login(agent)

    response = client.get("/api/desk/complaints/null,null/contact/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "detail": "Not found."}


def test_a_page_no_route_matches_stays_the_sites_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_complaint_that_does_not_exist_answers_the_error_body(client, agent):
    client.force_login(agent)

    response = client.post("/api/desk/complaints/0/contact/notes/", {"text": "x"}, content_type="application/json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_refused_worker_answers_the_error_body(client, supervisor):
    client.force_login(supervisor)

    response = client.post(
        "/api/workers/", {"name": "李阿姨", "identity_number": "110101199001011234"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "18" in response.json()["detail"]  # the identity number's rule, in the user's language


def test_a_body_of_a_type_no_parser_reads_is_a_415(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.post(f"/api/desk/complaints/{complaint.pk}/contact/notes/", "x", content_type="text/csv")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
