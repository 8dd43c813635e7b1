"""Documents fit to send: every PDF embeds its CJK font and holds no replacement glyph; the
printable case file holds the whole record; every party's files are shown to staff."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from intake.uploads import attachments_store, upload_check
from reporting.metrics.report import monthly_report
from reporting.pdf import report_pdf
from reporting.period import Month, Scope

from .factories import complaint_accepted, complaint_in_follow_up, complaint_mediating, voucher_png

pytestmark = pytest.mark.django_db


def pdf_check(content: bytes) -> str:
    """The text of a PDF whose every font is embedded TrueType, with no replacement glyph."""
    reader = PdfReader(io.BytesIO(content))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "\ufffd" not in text
    return text


def _file(complaint, name="厨房.png"):
    return attachments_store(complaint=complaint, uploads=[upload_check(voucher_png(name))])[0]


def test_the_notice_pdf_embeds_its_font_and_names_the_complainant_in_full(client, agent):
    complaint = complaint_in_follow_up(agent, complainant_name="陈小红")
    client.force_login(agent)
    text = pdf_check(client.get(reverse("resolution-notice-pdf", args=[complaint.pk])).content)
    assert "陈小红" in text and "陈**" not in text
    assert "¥200.00" in text and "服务人员改进服务" in text
    for line in text.splitlines():
        assert not line.startswith(("，", "。", "、", "；"))


def test_the_case_file_holds_the_whole_record(client, agent):
    complaint = complaint_in_follow_up(agent)
    attachment = _file(complaint)
    client.force_login(agent)
    response = client.get(reverse("resolution-case-file", args=[complaint.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_check(response.content)
    for expected in (complaint.tracking_number, attachment.original_name, "服务人员负主要责任", "¥200.00"):
        assert expected in text


def test_the_monthly_report_pdf_embeds_its_font(agent):
    complaint_mediating(agent)
    month = Month.current()
    pdf_check(report_pdf(monthly_report(month, Scope()), month=month))


def test_the_complainants_files_are_shown_wherever_staff_work(client, agent):
    complaint = complaint_accepted(agent)
    attachment = _file(complaint, "地板划痕.png")
    link = reverse("attachment-download", args=[complaint.pk, attachment.pk])
    client.force_login(agent)
    assert link in client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert link in client.get(reverse("complaint-decide", args=[complaint.pk])).content.decode()
    later = complaint_mediating(agent)
    added_later = _file(later, "补充照片.png")
    page = client.get(reverse("complaint-workbench", args=[later.pk])).content.decode()
    assert reverse("attachment-download", args=[later.pk, added_later.pk]) in page
    assert page.count(added_later.original_name) >= 2  # the summary and the investigation panel
    assert client.get(link).status_code == 200
