"""Team members without a login (seed 001: 家政服务项目负责人、相关服务人员)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from investigations import services
from investigations.models import ExternalTeamMember
from tests.investigations.factories import investigating_complaint
from tests.penalties.factories import WorkerFactory


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def test_lead_adds_the_project_lead_and_the_workbench_shows_a_masked_phone(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)

    response = client.post(
        reverse("external-member-add", args=[complaint.pk]),
        {"name": "王经理", "role": "project_lead", "phone": "13900002001"},
    )

    assert response.status_code == 302
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert "王经理" in page and "139****2001" in page and "13900002001" not in page


def test_a_related_worker_is_linked_to_the_worker_record_and_duplicates_are_refused(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    investigation = complaint.investigations.get()
    worker = WorkerFactory(name="李阿姨")

    member = services.external_member_add(
        investigation_id=investigation.pk, actor=investigator, name="", role="worker", worker=worker
    )

    assert member.name == "李阿姨" and member.worker == worker
    with pytest.raises(ValidationError, match="already on this investigation team"):
        services.external_member_add(
            investigation_id=investigation.pk, actor=investigator, name="李阿姨", role="worker"
        )
    assert ExternalTeamMember.objects.count() == 1


def test_a_plain_team_member_may_not_change_the_team(agent, investigator, other_agent, supervisor):
    complaint = investigating_complaint(agent=agent, lead=investigator, members=[other_agent])
    investigation = complaint.investigations.get()

    with pytest.raises(ValidationError, match="Only the investigation's lead or a supervisor"):
        services.external_member_add(investigation_id=investigation.pk, actor=other_agent, name="王经理", role="other")

    member = services.external_member_add(
        investigation_id=investigation.pk, actor=supervisor, name="王经理", role="other"
    )
    with pytest.raises(ValidationError):
        services.external_member_remove(member_id=member.pk, actor=other_agent)
    services.external_member_remove(member_id=member.pk, actor=investigator)
    assert not ExternalTeamMember.objects.exists()
    assert ExternalTeamMember.history.filter(history_type="-").count() == 1


def test_a_bad_phone_shows_a_message_and_saves_nothing(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)

    response = client.post(
        reverse("external-member-add", args=[complaint.pk]),
        {"name": "王经理", "role": "project_lead", "phone": "12345"},
        follow=True,
    )

    assert "11-digit mobile phone" in response.content.decode()
    assert not ExternalTeamMember.objects.exists()
