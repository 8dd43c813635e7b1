"""The investigation pages: forms, file serving, chain verification and extension decisions."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from investigations import services
from investigations.models import EvidenceItem, ExtensionRequest
from tests.investigations.factories import investigating_complaint, photo_evidence, png_bytes, text_evidence


def test_team_member_adds_a_photo_through_the_form(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    url = reverse("evidence-add", args=[complaint.pk])

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "photo",
            "provided_by": "complainant",
            "collected_at": "2026-01-05T10:00",
            "upload": SimpleUploadedFile("厨房.png", png_bytes(), content_type="image/png"),
        },
    )

    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert item.original_name == "厨房.png" and "厨房" not in item.file.name


def test_refused_file_comes_back_on_the_form_with_the_text_kept(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)

    response = client.post(
        reverse("evidence-add", args=[complaint.pk]),
        {
            "kind": "photo",
            "provided_by": "complainant",
            "collected_at": "2026-01-05T10:00",
            "description": "客户拍的照片",
            "upload": SimpleUploadedFile("x.png", b"<html><script>alert(1)</script>", content_type="image/png"),
        },
    )

    assert response.status_code == 400
    assert "客户拍的照片".encode() in response.content
    assert not EvidenceItem.objects.exists()


def test_outsider_gets_403_on_the_evidence_form(client, agent, other_agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(other_agent)

    response = client.post(
        reverse("evidence-add", args=[complaint.pk]),
        {"kind": "chat_log", "provided_by": "complainant", "collected_at": "2026-01-05T10:00", "description": "x"},
    )

    assert response.status_code == 403


def test_image_is_served_inline_with_nosniff_and_never_from_media(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    photo = photo_evidence(complaint, actor=investigator)
    client.force_login(agent)

    response = client.get(reverse("evidence-file", args=[photo.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert client.get("/media/" + photo.file.name).status_code == 404


def test_manager_without_evidence_permission_cannot_download(client, agent, investigator, manager):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    photo = photo_evidence(complaint, actor=investigator)
    client.force_login(manager)

    assert client.get(reverse("evidence-file", args=[photo.pk])).status_code == 403


def test_verify_button_reports_intact_then_broken_at_the_tampered_item(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    tampered = text_evidence(complaint, actor=investigator)
    client.force_login(agent)
    url = reverse("evidence-verify", args=[complaint.pk])

    intact = client.post(url, follow=True).content.decode()
    EvidenceItem.objects.filter(pk=tampered.pk).update(description="改过的内容")
    broken = client.post(url, follow=True).content.decode()

    assert "证据链完整" in intact or "chain intact" in intact
    assert "#2" in broken and ("断开" in broken or "broken" in broken)


def test_supervisor_approves_an_extension_from_the_workbench(client, agent, investigator, supervisor):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    request = services.extension_request(complaint_id=complaint.pk, actor=investigator, hours=12, reason="等待报告")
    client.force_login(supervisor)

    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert reverse("extension-decide", args=[request.pk]) in page
    client.post(reverse("extension-decide", args=[request.pk]), {"approve": "1"})

    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED


def test_report_form_keeps_what_was_typed_when_refused(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)

    response = client.post(
        reverse("investigation-report", args=[complaint.pk]),
        {
            "service_quality": "厨房没有打扫",
            "worker_conduct": "迟到",
            "needs_understanding": "理解",
            "communication": "不足",
            "responsibility": "worker",
            "fault_degree": "major",
            "responsible_name": "",
            "conclusion": "服务人员负主要责任",
        },
    )

    assert response.status_code == 400
    assert "厨房没有打扫".encode() in response.content
    assert not complaint.has_investigation_report()


def test_supersede_page_for_a_forged_item_is_404(client, investigator):
    client.force_login(investigator)
    assert client.get(reverse("evidence-supersede", args=[424242])).status_code == 404
