"""The paths through the pages, with their page loads counted (docs/intake-desk.md, "Page loads").

A page load is a navigation of the main frame: following a link, submitting a form (its redirect
lands in the same load) or typing an address."""

import pytest

from core import roles
from intake.models import Complaint, State
from tests.e2e.conftest import screenshot
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.e2e

#: The budget of the quick path, from the inbox to closed.
QUICK_PATH_LOADS = 7


@pytest.fixture
def loads(page):
    counted = []
    page.on("framenavigated", lambda frame: counted.append(frame.url) if frame == page.main_frame else None)
    return counted


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(f"{selector} button[type=submit]")


def test_quick_path_from_the_inbox_to_closed(page, login, loads):
    login(roles.AGENT)
    complaint = ComplaintFactory(description="预约的保洁时间被改了两次，客服没有提前通知。")
    base = f"/desk/complaints/{complaint.pk}"
    loads.clear()

    page.goto("/desk/")
    with page.expect_navigation():
        page.click(f"a[href='{base}/decide/']")
    page.select_option("#id_category", "service_attitude")
    _submit(page, "form:has(input[name=action][value=accept])")
    assert page.url.endswith(f"{base}/")  # accepted, the agent stays on the case
    screenshot(page, "workbench.{lang}.png", width=1440, languages=("zh-hans", "en"))

    card = f"form[action='{base}/resolve-on-call/']"
    page.fill(f"{card} textarea[name=solution]", "以后改期至少提前一天短信通知，本次赠送一次两小时保洁。")
    page.check(f"{card} input[name=complainant_agreed]")
    page.check(f"{card} input[name=no_worker_blamed]")
    _submit(page, card)
    assert Complaint.objects.get(pk=complaint.pk).state == State.RESOLVED

    _submit(page, f"form[action='{base}/notice/send/']")  # the notice as it will be sent
    assert "本次赠送一次两小时保洁" in page.inner_text("main")
    page.fill("#id_noticesendform_expected_effect", "改期提前通知，不再临时变更。")
    page.check("#id_noticesendform_confirmed")
    _submit(page, "#notice-send")
    assert Complaint.objects.get(pk=complaint.pk).state == State.NOTIFIED

    page.select_option("#id_callbackform_score", "5")
    _submit(page, f"form[action='{base}/follow-up/callback/']")

    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    assert len(loads) <= QUICK_PATH_LOADS, loads


#: The budget of the mediation path across its roles (agent, investigator), from the inbox to closed.
MEDIATION_PATH_LOADS = 15


def test_mediation_path_across_roles(page, login, loads):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    investigator = UserFactory(username="e2e-investigator", first_name="调查员")
    investigator.groups.add(Group.objects.get(name=roles.INVESTIGATOR))
    login(roles.AGENT)
    complaint = ComplaintFactory(description="保洁阿姨迟到两个小时，而且没有打扫厨房。")
    base = f"/desk/complaints/{complaint.pk}"
    loads.clear()

    page.goto("/desk/")
    with page.expect_navigation():
        page.click(f"a[href='{base}/decide/']")
    page.select_option("#id_category", "service_quality")
    _submit(page, "form:has(input[name=action][value=accept])")
    start = f"form[action='{base}/investigation/start/']"
    page.select_option(f"{start} select[name=lead]", str(investigator.pk))
    _submit(page, start)
    agent_loads = len(loads)

    page.context.clear_cookies()
    login_page_loads = len(loads)
    page.goto("/login/")
    page.fill("#id_username", investigator.username)
    page.fill("#id_password", "pw-for-tests")
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    login_page_loads = len(loads) - login_page_loads
    page.goto("/desk/?worklist=my_investigation")
    with page.expect_navigation():
        page.click(f"text={complaint.tracking_number}")
    with page.expect_navigation():
        page.click(f"a[href='{base}/investigation/report/']")
    for field in ("service_quality", "worker_conduct", "needs_understanding", "communication", "conclusion"):
        page.fill(f"#id_{field}", "服务人员迟到且未打扫厨房。")
    page.select_option("#id_responsibility", "worker")
    page.select_option("#id_fault_degree", "minor")
    page.fill("#id_responsible_name", "李阿姨")
    _submit(page, "form[novalidate]")
    investigator_loads = len(loads) - agent_loads - login_page_loads

    page.context.clear_cookies()
    before_login = len(loads)
    page.goto("/login/")
    page.fill("#id_username", "e2e-agent")
    page.fill("#id_password", "pw-for-tests")
    with page.expect_navigation():
        page.click("button[type=submit].primary")
    login_page_loads += len(loads) - before_login
    before_agent = len(loads)
    page.goto(f"{base}/")
    page.fill("#id_proposalform_complainant_gets", "书面道歉并免费返工一次")
    _submit(page, f"form[action='{base}/mediation/proposals/']")
    for party in ("complainant", "respondent"):
        page.select_option("#id_answerform_party", party)
        page.check("#id_answerform_accepted_0")
        _submit(page, "form[action*='/answers/']")
    assert Complaint.objects.get(pk=complaint.pk).state == State.RESOLVED
    _submit(page, f"form[action='{base}/notice/send/']")
    page.fill("#id_noticesendform_expected_effect", "服务人员按时上门。")
    page.check("#id_noticesendform_confirmed")
    _submit(page, "#notice-send")
    page.select_option("#id_callbackform_score", "5")  # the callback confirms the notice too
    _submit(page, f"form[action='{base}/follow-up/callback/']")
    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    agent_loads += len(loads) - before_agent

    work = agent_loads + investigator_loads
    print(f"mediation path: agent {agent_loads}, investigator {investigator_loads}, logins {login_page_loads}")
    assert work <= MEDIATION_PATH_LOADS, loads
