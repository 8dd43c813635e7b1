"""The workbench leads: who acts next and by when, labelled action cards, the stage's panel first,
the caller's other complaints, photo thumbnails, and the phone one click away for the agent."""

from django.urls import reverse

from core.models import PersonalDataAccess
from intake.services.registration import complaint_register
from intake.uploads import attachments_store, uploads_check
from tests.factories import ComplaintFactory, UserFactory
from tests.intake.desk_data import registration_post
from tests.intake.public_data import png_upload
from tests.investigations.factories import accepted_complaint, investigating_complaint


def _page(client, complaint) -> str:
    return client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()


def test_the_first_line_names_the_investigator_who_acts_next_and_the_due_time(client, agent, investigator):
    investigator.first_name, investigator.last_name = "三", "张"
    investigator.save()
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(agent)

    page = _page(client, complaint)

    line = page[page.index('id="next-step"') :].split("</p>")[0]
    assert "调查人员" in line and investigator.get_full_name() in line and "提交调查报告" in line
    assert "截止" in line and "调查报告" in line


def test_the_stage_panel_comes_right_after_the_action_cards(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(agent)

    page = _page(client, complaint)

    assert page.index('id="actions"') < page.index('id="investigation-title"') < page.index('id="deadlines')


def test_each_action_is_a_labelled_card_saying_what_it_does(client, agent):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    page = _page(client, complaint)

    assert '<h3 id="action-start_investigation">开始调查</h3>' in page
    assert "指定负责调查员和调查小组" in page


def test_the_assigned_agent_reveals_the_phone_in_one_click_with_a_tel_link(client, agent):
    complaint = accepted_complaint(agent=agent, assigned_to=agent, phone="13812345678")
    client.force_login(agent)
    assert "13812345678" not in _page(client, complaint)

    page = client.post(reverse("complaint-phone-reveal", args=[complaint.pk])).content.decode()

    assert 'href="tel:13812345678"' in page
    assert PersonalDataAccess.objects.filter(user=agent, complaint=complaint, purpose="phone").count() == 1


def test_another_agent_cannot_reveal_the_phone(client, agent, other_agent):
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(other_agent)

    assert 'id="reveal-phone"' not in _page(client, complaint)
    assert client.post(reverse("complaint-phone-reveal", args=[complaint.pk])).status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_the_caller_s_other_complaints_are_beside_the_case(client, agent):
    earlier = ComplaintFactory(phone="13800009999")
    same_order = ComplaintFactory(order_number="SO-77")
    stranger = ComplaintFactory()
    complaint = ComplaintFactory(phone="13800009999", order_number="SO-77")
    client.force_login(agent)

    box = _page(client, complaint).split('id="caller-complaints"')[1].split("</section>")[0]

    assert earlier.tracking_number in box and same_order.tracking_number in box
    assert stranger.tracking_number not in box and complaint.tracking_number not in box


def test_the_registration_check_step_lists_the_caller_s_other_complaints_before_saving(client, agent):
    earlier = complaint_register(
        channel="hotline",
        complainant_name="李四",
        phone="13912345678",
        service_type="cleaning",
        description="上次的投诉",
    )
    client.force_login(agent)

    response = client.post(reverse("complaint-register"), registration_post())

    box = response.content.decode().split('id="caller-complaints"')[1].split("</section>")[0]
    assert earlier.tracking_number in box


def test_photos_show_as_thumbnails_through_the_access_checked_view(client, agent):
    complaint = ComplaintFactory()
    (photo,) = attachments_store(complaint=complaint, uploads=uploads_check([png_upload()]))
    client.force_login(agent)

    page = _page(client, complaint)

    src = reverse("attachment-download", args=[complaint.pk, photo.pk])
    assert f'<img src="{src}"' in page
    client.force_login(UserFactory(username="nobody"))
    assert client.get(src).status_code == 403
