"""An agent carries a complaint from the inbox to closed, entirely through the pages."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from core import roles
from core.models import OutboxMessage
from intake.models import Complaint, State
from tests.e2e.conftest import screenshot
from tests.factories import ComplaintFactory
from tests.resolutions.factories import complaint_in_follow_up

pytestmark = pytest.mark.e2e


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.click(f"{form_selector} button[type=submit]")


def test_agent_carries_a_complaint_from_the_inbox_to_closed(page, login):
    agent = login(roles.AGENT)
    complaint = ComplaintFactory(description="保洁阿姨迟到两个小时，而且没有打扫厨房。")
    base = f"/desk/complaints/{complaint.pk}"

    page.goto("/desk/")
    with page.expect_navigation():
        page.click(f"a[href='{base}/decide/']")
    page.select_option("#id_category", "service_quality")
    _submit(page, "form:has(input[name=action][value=accept])")

    page.goto("/desk/")
    with page.expect_navigation():
        page.click(f"text={complaint.tracking_number}")
    page.select_option(f"form[action='{base}/investigation/start/'] select[name=lead]", str(agent.pk))
    _submit(page, f"form[action='{base}/investigation/start/']")

    with page.expect_navigation():
        page.click(f"a[href='{base}/investigation/report/']")
    for field in ("service_quality", "worker_conduct", "needs_understanding", "communication", "conclusion"):
        page.fill(f"#id_{field}", "服务人员迟到且未打扫厨房。")
    page.select_option("#id_responsibility", "worker")
    page.select_option("#id_fault_degree", "major")
    page.fill("#id_responsible_name", "李阿姨")
    _submit(page, "form[novalidate]")

    page.goto(f"{base}/")
    _submit(page, f"form[action='{base}/mediation/start/']")
    page.fill("#id_proposalform_complainant_gets", "退还服务费并书面道歉")
    _rows(page, "proposal_items", amount="500.00", company="500.00", worker="")
    _submit(page, f"form[action='{base}/mediation/proposals/']")
    assert "¥500.00" in page.inner_text("#resolution")

    _answer(page, "complainant")
    # The company asks for more to be paid: amended after the complainant agreed, who is asked again.
    page.click("#amend summary")
    _rows(page, "amend_items", amount="800.00", company="500.00", worker="300.00")
    _submit(page, f"form[action='{base}/compensations/amend/']")
    _answer(page, "respondent")
    assert Complaint.objects.get(pk=complaint.pk).state == State.MEDIATING
    _answer(page, "complainant")
    assert Complaint.objects.get(pk=complaint.pk).state == State.RESOLVED
    assert "¥800.00" in page.inner_text("#resolution")

    page.set_input_files(
        "form[action*='/pay/'] input[type=file]",
        files=[{"name": "回单.png", "mimeType": "image/png", "buffer": _png()}],
    )
    _submit(page, "form[action*='/pay/']")
    assert page.locator(f"a[href^='{base}/compensations/'][href$='/voucher/']").count() == 1

    _submit(page, f"form[action='{base}/notice/send/']")  # the workbench's button shows the notice first
    assert Complaint.objects.get(pk=complaint.pk).state == State.RESOLVED
    page.fill("#id_noticesendform_expected_effect", "服务人员经培训后按时上门，厨房清洁纳入验收。")
    page.check("#id_noticesendform_confirmed")
    _submit(page, "#notice-send")
    assert Complaint.objects.get(pk=complaint.pk).state == State.NOTIFIED
    page.goto(f"{base}/notice/")
    text = page.inner_text("main")
    assert complaint.tracking_number in text and complaint.complainant_name in text
    assert "¥800.00" in text and "¥500.00" not in text.replace("公司 ¥500.00", "")
    screenshot(page, "notice.{lang}.png", languages=("zh-hans", "en"))
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])
    page.reload()
    assert "Complaint result notice" in page.inner_text("main")
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": page.url}])

    page.goto(f"{base}/")
    _submit(page, f"form[action='{base}/notice/confirm/']")
    page.select_option("#id_callbackform_score", "5")
    page.fill("#id_callbackform_comment", "电话回访：满意，阿姨后来补做了厨房")
    _submit(page, f"form[action='{base}/follow-up/callback/']")
    assert Complaint.objects.get(pk=complaint.pk).state == State.FOLLOW_UP  # a comment is read first
    _submit(page, f"form[action='{base}/close/']")

    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    assert "已结案" in page.inner_text(".wb-head")


def _rows(page, name: str, *, amount: str, company: str, worker: str) -> None:
    """Fill the first compensation row of a panel form."""
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    page.select_option(f"#id_{name}-0-kind", "money")
    page.fill(f"#id_{name}-0-description", "退还服务费")
    page.fill(f"#id_{name}-0-amount", amount)
    page.fill(f"#id_{name}-0-company_share", company)
    page.fill(f"#id_{name}-0-worker_share", worker)
    page.fill(f"#id_{name}-0-due_on", due)


def _answer(page, party: str) -> None:
    page.select_option("#id_answerform_party", party)
    page.check("#id_answerform_accepted_0")
    _submit(page, "form[action*='/answers/']")


def test_complainant_answers_the_survey_once_on_a_phone(page, transactional_db, agent):
    complaint = complaint_in_follow_up(agent)
    body = OutboxMessage.objects.get(complaint=complaint, purpose="result_notice", channel="sms").body
    link = "/survey/" + body.split("/survey/")[1].split("/")[0] + "/"
    page.goto(link)
    assert complaint.tracking_number in page.inner_text("main")
    page.check("input[name=score][value='5']")
    with page.expect_navigation():  # a good score without a comment closes by itself
        page.click("button[type=submit].primary")
    assert "谢谢" in page.inner_text("main")
    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    page.goto(link)
    assert "本问卷已关闭" in page.inner_text("main")
