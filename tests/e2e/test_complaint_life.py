"""An agent carries a complaint from the inbox to closed, entirely through the pages."""

import io

import pytest
from PIL import Image

from core import roles
from core.models import OutboxMessage
from intake.models import Complaint, State
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
    page.fill("#id_proposalform_complainant_gets", "退还服务费 200 元并书面道歉")
    _submit(page, f"form[action='{base}/mediation/proposals/']")

    page.click("details:has(#id_compensationform_kind) summary")
    page.select_option("#id_compensationform_kind", "money")
    page.fill("#id_compensationform_description", "退还服务费")
    page.fill("#id_compensationform_amount", "200.00")
    page.select_option("#id_compensationform_payer", "company")
    _submit(page, f"form[action='{base}/compensations/']")
    assert "¥200.00" in page.inner_text("#resolution")

    for party in ("complainant", "respondent"):
        page.select_option("#id_answerform_party", party)
        page.check("#id_answerform_accepted_0")
        _submit(page, "form[action*='/answers/']")
    assert complaint.__class__.objects.get(pk=complaint.pk).state == State.RESOLVED

    page.set_input_files(
        "form[action*='/pay/'] input[type=file]",
        files=[{"name": "回单.png", "mimeType": "image/png", "buffer": _png()}],
    )
    _submit(page, "form[action*='/pay/']")
    assert page.locator(f"a[href^='{base}/compensations/'][href$='/voucher/']").count() == 1

    _submit(page, f"form[action='{base}/notice/send/']")
    notice = page.context.new_page()
    notice.goto(f"{base}/notice/")
    assert complaint.tracking_number in notice.inner_text("main")
    assert "¥200.00" in notice.inner_text("main")
    notice.close()

    _submit(page, f"form[action='{base}/notice/confirm/']")
    page.select_option("#id_callbackform_score", "5")
    page.fill("#id_callbackform_comment", "电话回访：满意")
    _submit(page, f"form[action='{base}/follow-up/callback/']")

    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    assert "已结案" in page.inner_text(".wb-head")


def test_complainant_answers_the_survey_once_on_a_phone(page, transactional_db, agent):
    complaint = complaint_in_follow_up(agent)
    body = OutboxMessage.objects.get(complaint=complaint, purpose="result_notice", channel="sms").body
    link = "/survey/" + body.split("/survey/")[1].split("/")[0] + "/"
    page.goto(link)
    assert complaint.tracking_number in page.inner_text("main")
    page.check("input[name=score][value='5']")
    page.fill("textarea[name=comment]", "处理很及时")
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    assert "谢谢" in page.inner_text("main")
    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    page.goto(link)
    assert "本问卷已关闭" in page.inner_text("main")
