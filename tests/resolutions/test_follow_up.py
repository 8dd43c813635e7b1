from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from intake.models import State
from resolutions.models import Compensation, FollowUp, survey_token_hash
from resolutions.services import outcome

from .factories import complaint_in_follow_up, complaint_notified, fresh

pytestmark = pytest.mark.django_db


def _survey_url(complaint) -> str:
    message = OutboxMessage.objects.get(complaint=complaint, purpose="result_notice", channel="sms")
    return message.body[message.body.index("/survey/") :].split()[0]


def test_notice_message_carries_a_survey_link_stored_only_as_a_hash(agent):
    complaint = complaint_notified(agent)
    url = _survey_url(complaint)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    follow_up = complaint.follow_ups.get()
    assert len(token) >= 40 and token not in follow_up.token_hash
    assert follow_up.token_hash == survey_token_hash(token)


def test_survey_link_works_once_without_login(client, agent):
    complaint = complaint_in_follow_up(agent)
    url = _survey_url(complaint)
    page = client.get(url)
    assert page.status_code == 200 and complaint.tracking_number in page.content.decode()
    assert complaint.phone not in page.content.decode()
    answered = client.post(url, {"score": "5", "comment": ""})
    assert answered.status_code == 200
    assert fresh(complaint).state == State.CLOSED
    again = client.post(url, {"score": "1", "comment": "改主意"})
    assert again.status_code == 410
    assert fresh(complaint).follow_ups.get().score == 5


def test_bad_survey_input_keeps_the_comment(client, agent):
    complaint = complaint_in_follow_up(agent)
    page = client.post(_survey_url(complaint), {"score": "9", "comment": "保留我的话"})
    assert page.status_code == 400 and "保留我的话" in page.content.decode()


def test_unknown_token_gets_the_polite_closed_page(client):
    assert client.get(reverse("survey", args=["nope" * 10])).status_code == 410


def test_answer_before_phone_confirmation_starts_the_follow_up(client, agent):
    complaint = complaint_notified(agent)
    client.post(_survey_url(complaint), {"score": "4"})
    assert fresh(complaint).state == State.CLOSED


def test_unsatisfied_answer_stays_for_the_agent_with_its_reason(client, agent):
    complaint = complaint_in_follow_up(agent)
    client.post(_survey_url(complaint), {"score": "2", "comment": "阿姨态度仍然不好"})
    complaint = fresh(complaint)
    assert complaint.state == State.FOLLOW_UP
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert "阿姨态度仍然不好" in page
    with pytest.raises(ValidationError):
        outcome.follow_up_close(complaint_id=complaint.pk, actor=agent)


def test_phone_callback_answers_the_survey_and_disables_the_link(client, agent):
    complaint = complaint_in_follow_up(agent)
    outcome.follow_up_callback_record(complaint_id=complaint.pk, actor=agent, score=4)
    assert fresh(complaint).state == State.CLOSED
    assert client.get(_survey_url(complaint)).status_code == 410


def test_unanswered_follow_up_is_closed_after_the_deadline(agent):
    complaint = complaint_in_follow_up(agent)
    assert outcome.follow_up_close_unanswered() == 0
    later = timezone.now() + timedelta(days=10)
    assert outcome.follow_up_close_unanswered(now=later) == 1
    complaint = fresh(complaint)
    assert complaint.state == State.CLOSED
    assert FollowUp.objects.get(complaint=complaint).closed_unanswered
    assert outcome.follow_up_close_unanswered(now=later) == 0


def test_links_of_an_earlier_round_stop_working_after_reopening(client, agent):
    complaint = complaint_in_follow_up(agent)
    first_link = _survey_url(complaint)
    client.post(first_link, {"score": "1", "comment": "不满意"})
    outcome.follow_up_reopen(complaint_id=complaint.pk, actor=agent, reason="复核")
    assert client.get(first_link).status_code == 410


def test_unsatisfied_list_shows_the_reason_to_agents_only(client, agent, manager):
    complaint = complaint_in_follow_up(agent)
    client.post(_survey_url(complaint), {"score": "1", "comment": "赔偿太少"})
    client.force_login(agent)
    page = client.get(reverse("resolution-unsatisfied")).content.decode()
    assert complaint.tracking_number in page and "赔偿太少" in page
    client.force_login(manager)
    assert client.get(reverse("resolution-unsatisfied")).status_code == 403


def test_a_good_score_with_a_comment_waits_for_the_agent(client, agent):
    complaint = complaint_in_follow_up(agent)
    client.post(_survey_url(complaint), {"score": "5", "comment": "阿姨后来又来了一次"})
    assert fresh(complaint).state == State.FOLLOW_UP
    client.force_login(agent)
    listed = client.get(reverse("resolution-unsatisfied")).content.decode()
    assert "阿姨后来又来了一次" in listed
    outcome.follow_up_close(complaint_id=complaint.pk, actor=agent, note="已阅读")
    assert fresh(complaint).state == State.CLOSED


@pytest.mark.parametrize("comment", ["赔偿款还没到账", "退款到现在都没收到", "The refund was never received"])
def test_a_comment_about_unpaid_compensation_reopens_the_payment(client, agent, comment):
    complaint = complaint_in_follow_up(agent)
    client.post(_survey_url(complaint), {"score": "4", "comment": comment})
    complaint = fresh(complaint)
    assert complaint.state == State.FOLLOW_UP
    assert complaint.compensations.get().status == Compensation.Status.AGREED
    assert not complaint.can_be_closed()
    assert complaint.events.filter(note__contains=comment).count() >= 2  # the answer and the reopened payment
