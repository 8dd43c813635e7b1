"""Switching language halfway through the public form keeps what was typed and submits nothing."""

import pytest

from intake.models import Complaint
from tests.intake.public_data import complaint_post_data

pytestmark = pytest.mark.django_db


def test_language_buttons_submit_the_complaint_form(client):
    html = client.get("/complaints/new/").content.decode()
    assert 'form="complaint-form" formaction="/complaints/new/" formnovalidate' in html


def test_switching_keeps_what_was_typed_and_registers_nothing(client):
    data = complaint_post_data(description="阿姨迟到了。", complainant_name="", language="en")
    response = client.post("/complaints/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "阿姨迟到了。" in html
    assert "Up to 20.0" in html  # the file help is in English too
    assert 'value="SO-2026-0001"' in html
    assert html.count("checked") >= 3  # two wishes and the consent box
    assert "errorlist" not in html  # the half-filled form is not judged yet
    assert not Complaint.objects.exists()
    assert response.cookies["django_language"].value == "en"


def test_switching_back_to_chinese(client):
    response = client.post("/complaints/new/", complaint_post_data(language="zh-hans"))
    assert '<html lang="zh-hans">' in response.content.decode()
    assert not Complaint.objects.exists()


def test_unknown_language_is_an_ordinary_submission(client):
    client.post("/complaints/new/", complaint_post_data(language="xx"))
    assert Complaint.objects.count() == 1
