"""Evidence files: type by content, images re-encoded without EXIF, limits, served only to staff."""

import hashlib
import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override
from PIL import Image

from core.models import PersonalDataAccess
from intake.models import Attachment, Complaint
from intake.services.submission import complaint_submit
from intake.uploads import upload_name_clean, uploads_check
from tests.factories import ComplaintFactory, UserFactory
from tests.intake.public_data import (
    MP3_BYTES,
    PDF_BYTES,
    complaint_post_data,
    image_bytes,
    png_upload,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_images_are_accepted_and_reencoded(image_format):
    [checked] = uploads_check([upload(f"photo.{image_format.lower()}", image_bytes(image_format))])
    assert checked.kind == Attachment.Kind.IMAGE
    assert checked.content_type == f"image/{image_format.lower()}"
    assert Image.open(checked.content).format == image_format


def test_gps_exif_is_stripped_from_photos():
    original = image_bytes("JPEG", exif_gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    [checked] = uploads_check([upload("home.jpg", original, "image/jpeg")])
    cleaned = Image.open(checked.content)
    assert not cleaned.getexif()
    assert b"PhoneMaker" not in checked.content.read()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("contract.pdf", PDF_BYTES, Attachment.Kind.PDF),
        ("call.mp3", MP3_BYTES, Attachment.Kind.AUDIO),
        ("clip.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64, Attachment.Kind.VIDEO),
        ("voice.amr", b"#!AMR\n" + b"\x00" * 64, Attachment.Kind.AUDIO),
    ],
)
def test_other_allowed_types_are_recognised_by_content(name, content, kind):
    [checked] = uploads_check([upload(name, content)])
    assert checked.kind == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!doctype html><html><script>alert(document.cookie)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        ("photo.jpg", b"this is only text pretending to be a photo"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_disallowed_or_fake_files_are_refused_naming_the_file(name, content):
    with pytest.raises(ValidationError) as error:
        uploads_check([upload(name, content, "image/jpeg")])
    assert name in error.value.messages[0]


def test_truncated_image_is_refused():
    broken = image_bytes("PNG", size=(200, 200))[:120]
    with override("en"), pytest.raises(ValidationError, match="cannot be opened"):
        uploads_check([upload("broken.png", broken)])


def test_jpeg_header_with_other_content_is_refused():
    fake = b"\xff\xd8\xff\xe0" + b"<script>alert(1)</script>" * 20
    with pytest.raises(ValidationError):
        uploads_check([upload("fake.jpg", fake)])


def test_file_over_the_per_file_limit_is_refused(settings):
    settings.COMPLAINT_MAX_FILE_SIZE = 100
    with pytest.raises(ValidationError, match="big.pdf"):
        uploads_check([upload("big.pdf", PDF_BYTES + b"0" * 200)])


def test_files_over_the_per_complaint_total_are_refused(settings):
    settings.COMPLAINT_MAX_TOTAL_UPLOAD = 60
    with override("en"), pytest.raises(ValidationError, match="Together the files"):
        uploads_check([upload("a.pdf", PDF_BYTES), upload("b.pdf", PDF_BYTES)])


def test_every_bad_file_is_named_at_once():
    with pytest.raises(ValidationError) as error:
        uploads_check([upload("a.html", b"<html></html>"), png_upload(), upload("b.exe", b"MZ" + b"\x00" * 100)])
    assert len(error.value.messages) == 2


def test_uploaded_name_loses_its_path_and_control_characters():
    assert upload_name_clean("../../etc/pass\x00wd\r\n.png") == "passwd.png"
    assert upload_name_clean("C:\\Users\\me\\照片.jpg") == "照片.jpg"


def test_fake_file_on_the_form_comes_back_with_the_files_name(client):
    response = client.post(
        "/complaints/new/",
        complaint_post_data(evidence=[upload("invoice.jpg", b"just text")]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "invoice.jpg" in response.content.decode()
    assert not Complaint.objects.exists()


def test_stored_file_has_a_random_name_outside_static_and_its_sha256(client, settings):
    client.post("/complaints/new/", complaint_post_data(evidence=[png_upload("my photo.png")]))
    attachment = Attachment.objects.get()
    assert "my photo" not in attachment.file.name
    assert attachment.file.name.startswith("complaints/")
    assert str(settings.MEDIA_ROOT) not in str(settings.STATIC_ROOT)
    with attachment.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == attachment.sha256


def _media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_failure_while_storing_leaves_no_rows_and_no_files(settings):
    uploads = uploads_check([png_upload("one.png"), png_upload("two.png")])
    fields = {
        "complainant_name": "张三",
        "phone": "13812345678",
        "service_type": "cleaning",
        "description": "保洁阿姨迟到两个小时。",
    }
    real_save = Attachment.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(Attachment, "save", failing_save), pytest.raises(OSError):
        complaint_submit(idempotency_key="x" * 20, uploads=uploads, **fields)
    assert not Complaint.objects.exists()
    assert not Attachment.objects.exists()
    assert _media_files(settings) == []


# --- download ---------------------------------------------------------------------------------


@pytest.fixture
def stored_attachment(client):
    client.post("/complaints/new/", complaint_post_data(evidence=[png_upload("厨房.png")]))
    return Attachment.objects.get()


def _download_url(attachment) -> str:
    return reverse("attachment-download", kwargs={"complaint_pk": attachment.complaint_id, "pk": attachment.pk})


def test_anonymous_visitor_cannot_download_evidence(client, stored_attachment):
    response = client.get(_download_url(stored_attachment))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_without_permission_cannot_download_evidence(client, stored_attachment):
    client.force_login(UserFactory(username="no-role"))
    assert client.get(_download_url(stored_attachment)).status_code == 403


def test_attachment_of_another_complaint_is_not_found(client, agent, stored_attachment):
    client.force_login(agent)
    other = ComplaintFactory()
    url = reverse("attachment-download", kwargs={"complaint_pk": other.pk, "pk": stored_attachment.pk})
    assert client.get(url).status_code == 404


def test_agent_sees_verified_image_inline_with_nosniff(client, agent, stored_attachment):
    client.force_login(agent)
    response = client.get(_download_url(stored_attachment))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_download_is_recorded_in_the_access_log(client, agent, stored_attachment):
    client.force_login(agent)
    client.get(_download_url(stored_attachment))
    access = PersonalDataAccess.objects.get()
    assert access.user == agent
    assert access.complaint == stored_attachment.complaint


def test_pdf_is_always_downloaded_not_shown(client, agent):
    client.post("/complaints/new/", complaint_post_data(evidence=[upload("合同.pdf", PDF_BYTES)]))
    attachment = Attachment.objects.get()
    client.force_login(agent)
    response = client.get(_download_url(attachment))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''%E5%90%88%E5%90%8C.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
