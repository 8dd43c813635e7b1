"""The complaint workbench: what each role sees and may do, stale pages, forged ids, query count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import OutboxMessage, PersonalDataAccess
from intake.models import ComplaintEvent, State
from intake.services.notes import note_add
from tests.factories import ComplaintFactory
from tests.investigations.factories import accepted_complaint, investigating_complaint, text_evidence


def _url(complaint):
    return reverse("complaint-workbench", args=[complaint.pk])


def _start_form_shown(response) -> bool:
    return reverse("investigation-start", args=[response.context["complaint"].pk]).encode() in response.content


def test_agent_sees_start_investigation_on_an_accepted_complaint(client, agent):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    response = client.get(_url(complaint))

    assert response.status_code == 200
    assert _start_form_shown(response)
    assert f'name="seen_version" value="{complaint.version}"'.encode() in response.content


def test_ruling_panel_member_does_not_even_open_a_complaint_without_their_panel(client, agent, panel):
    complaint = accepted_complaint(agent=agent)
    client.force_login(panel[0])

    response = client.get(_url(complaint))

    assert response.status_code == 404


def test_no_start_action_once_the_investigation_runs(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(agent)

    assert not _start_form_shown(client.get(_url(complaint)))


def test_user_without_desk_role_is_refused(client, manager):
    complaint = ComplaintFactory()
    client.force_login(manager)

    assert client.get(_url(complaint)).status_code == 403


def test_forged_complaint_id_is_a_404(client, agent):
    client.force_login(agent)

    assert client.get(reverse("complaint-workbench", args=[987654])).status_code == 404
    assert client.post(reverse("investigation-start", args=[987654]), {}).status_code == 404
    assert client.get(reverse("evidence-file", args=[987654])).status_code == 404


def test_anonymous_user_is_sent_to_login(client, db):
    complaint = ComplaintFactory()
    response = client.get(_url(complaint))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_starting_the_investigation_from_the_workbench(client, agent, investigator):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    response = client.post(
        reverse("investigation-start", args=[complaint.pk]),
        {"seen_version": complaint.version, "lead": investigator.pk, "note": "组建调查小组"},
        follow=True,
    )

    complaint.refresh_from_db()
    assert complaint.state == State.INVESTIGATING
    assert response.redirect_chain[-1][0] == _url(complaint)


def test_stale_page_gets_the_reload_message_and_changes_nothing(client, agent, investigator):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    response = client.post(
        reverse("investigation-start", args=[complaint.pk]),
        {"seen_version": complaint.version - 1, "lead": investigator.pk},
        follow=True,
    )

    complaint.refresh_from_db()
    assert complaint.state == State.ACCEPTED
    assert "reload" in response.content.decode().lower() or "刷新" in response.content.decode()


def test_invalid_action_form_comes_back_with_what_was_typed(client, agent):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    response = client.post(
        reverse("investigation-start", args=[complaint.pk]),
        {"seen_version": complaint.version, "lead": "", "note": "请尽快"},
    )

    assert response.status_code == 400
    assert "请尽快".encode() in response.content


def test_personal_data_is_masked_and_unmasking_is_logged(client, supervisor):
    complaint = ComplaintFactory(phone="13812345678", complainant_name="张三丰")
    client.force_login(supervisor)

    page = client.get(_url(complaint)).content.decode()
    assert "138****5678" in page and "13812345678" not in page

    unmasked = client.post(reverse("complaint-unmask", args=[complaint.pk])).content.decode()
    assert "13812345678" in unmasked
    assert PersonalDataAccess.objects.filter(user=supervisor, complaint=complaint).count() == 1


def test_agent_cannot_unmask(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    assert client.post(reverse("complaint-unmask", args=[complaint.pk])).status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_internal_note_and_message_are_kept_apart(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    url = reverse("complaint-note-add", args=[complaint.pk])

    client.post(url, {"text": "客户情绪激动，注意沟通", "public": "0"})
    client.post(url, {"text": "您好，我们已开始调查。", "public": "1"})

    note, message = complaint.events.filter(kind__in=["note", "message"]).order_by("id")
    assert (note.kind, note.public) == (ComplaintEvent.Kind.NOTE, False)
    assert (message.kind, message.public) == (ComplaintEvent.Kind.MESSAGE, True)
    assert OutboxMessage.objects.filter(complaint=complaint, purpose="message").count() == 1
    page = client.get(_url(complaint)).content.decode()
    assert 'class="ev-note"' in page and 'class="ev-message"' in page


def test_investigator_cannot_message_the_complainant(client, investigator):
    complaint = ComplaintFactory()
    client.force_login(investigator)

    response = client.post(reverse("complaint-note-add", args=[complaint.pk]), {"text": "hi", "public": "1"})

    assert response.status_code == 400
    assert not complaint.events.filter(kind="message").exists()


def test_state_change_by_get_is_refused(client, agent):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    assert client.get(reverse("investigation-start", args=[complaint.pk])).status_code == 405


def test_workbench_query_count_does_not_grow_with_the_complaint(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    client.force_login(investigator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(complaint)).status_code == 200
        return len(queries)

    small = count()
    for _ in range(10):
        text_evidence(complaint, actor=investigator)
    for text in ["a", "b", "c"]:
        note_add(complaint_id=complaint.pk, actor=investigator, text=text)

    assert count() == small
    assert (
        small <= 42
    )  # a fixed few per panel: summary, next step, caller, emergency, contact, investigation, review, resolutions,
    # the canned replies, and whether the complaint is about the desk (the supervisors' alone)
