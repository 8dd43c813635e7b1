"""Uploaded files of every stage (intake attachments, investigation evidence, compensation vouchers):
reachable only through views that check the user, downloaded unless they are raster images we
decoded ourselves, always with nosniff, never from a public media URL, and a file missing on disk is
a 404, not a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core import roles
from intake.models import Attachment
from investigations.models import EvidenceItem
from resolutions.models import Compensation
from resolutions.services import compensation
from tests.intake.public_data import PDF_BYTES

from .audit_data import World, world_build

pytestmark = pytest.mark.django_db

RASTER = {"image/png", "image/jpeg", "image/webp", "image/gif"}


def _files(world: World) -> list[tuple[str, str, object]]:
    """(label, download URL, stored FieldFile) of one file of each kind."""
    c, ids = world.complaints, world.ids
    attachment = Attachment.objects.get(pk=ids["attachment"])
    evidence = EvidenceItem.objects.get(pk=ids["evidence"])
    resolved = c["resolved"]
    unpaid = resolved.compensations.get()
    compensation.compensation_pay(
        compensation_id=unpaid.pk,
        actor=world.users[roles.AGENT],
        voucher=SimpleUploadedFile("slip.pdf", PDF_BYTES, "application/pdf"),
    )
    pdf_voucher = Compensation.objects.get(pk=unpaid.pk)
    png_voucher = Compensation.objects.get(pk=ids["compensation"])
    return [
        ("attachment", reverse("attachment-download", args=[attachment.complaint_id, attachment.pk]), attachment.file),
        ("evidence photo", reverse("evidence-file", args=[evidence.pk]), evidence.file),
        (
            "png voucher",
            reverse("resolution-voucher", args=[png_voucher.complaint_id, png_voucher.pk]),
            png_voucher.voucher,
        ),
        (
            "pdf voucher",
            reverse("resolution-voucher", args=[pdf_voucher.complaint_id, pdf_voucher.pk]),
            pdf_voucher.voucher,
        ),
    ]


@pytest.fixture
def world():
    return world_build()


@pytest.fixture
def files(world):
    return _files(world)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_files_are_refused_to_visitors_and_to_roles_without_complaint_access(world, files):
    for label, url, _file in files:
        anonymous = _client().get(url)
        assert anonymous.status_code == 302 and "/login/" in anonymous["Location"], label
        assert _client(world.users[roles.MANAGER]).get(url).status_code in {403, 404}, label


def test_files_are_downloads_with_nosniff_unless_verified_raster_images(world, files):
    for label, url, _file in files:
        response = _client(world.users[roles.AGENT]).get(url)
        assert response.status_code == 200, label
        assert response["X-Content-Type-Options"] == "nosniff", label
        disposition = response["Content-Disposition"]
        if disposition.startswith("inline"):
            assert response["Content-Type"] in RASTER, label
        else:
            assert disposition.startswith("attachment"), label


def test_stored_files_have_no_public_media_url(world, files):
    for label, _url, stored in files:
        response = _client(world.users[roles.SUPERVISOR]).get("/media/" + stored.name)
        assert response.status_code == 404, label


def test_file_missing_on_disk_is_not_found_not_a_server_error(world, files):
    client = Client(raise_request_exception=False)
    client.force_login(world.users[roles.AGENT])
    failures = []
    for label, url, stored in files:
        stored.storage.delete(stored.name)
        if client.get(url).status_code != 404:
            failures.append(label)
    assert failures == []
