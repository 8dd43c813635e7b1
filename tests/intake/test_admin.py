"""Complaints in admin: no edit form; state changes, reassignment and history through the services
(the classifier's admin is tested in test_classifier_admin)."""

import pytest
from django.urls import reverse

from core.models import PersonalDataAccess
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_complaint_admin_has_no_edit_form_and_only_the_reassign_action(client, supervisor):
    complaint = ComplaintFactory()
    client.force_login(supervisor)

    changelist = client.get(reverse("admin:intake_complaint_changelist"))
    change = client.get(reverse("admin:intake_complaint_change", args=[complaint.pk]))
    post = client.post(reverse("admin:intake_complaint_change", args=[complaint.pk]), {"state": "closed"})

    assert changelist.status_code == 200
    assert [value for value, _label in changelist.context["action_form"].fields["action"].choices if value] == [
        "reassign"
    ]
    assert change.status_code == 200
    assert post.status_code == 403
    assert client.get(reverse("admin:intake_complaint_add")).status_code == 403
    assert client.get(reverse("admin:intake_complaint_history", args=[complaint.pk])).status_code == 200


def test_opening_a_complaint_in_admin_is_logged(client, supervisor):
    complaint = ComplaintFactory()
    client.force_login(supervisor)

    client.get(reverse("admin:intake_complaint_change", args=[complaint.pk]))

    assert PersonalDataAccess.objects.filter(user=supervisor, complaint=complaint, purpose="admin").exists()


def test_timeline_events_cannot_be_edited(client, supervisor):
    client.force_login(supervisor)

    assert client.get(reverse("admin:intake_complaintevent_add")).status_code == 403


def test_supervisor_sees_the_timeline_inline(client, supervisor, agent):
    from intake.services.decision import complaint_decline

    complaint = ComplaintFactory()
    complaint_decline(complaint_id=complaint.pk, actor=agent, seen_version=0, reason="no_facts", note="")
    client.force_login(supervisor)

    page = client.get(reverse("admin:intake_complaint_change", args=[complaint.pk])).content.decode()

    assert "不予受理" in page and ">decline<" not in page  # the transition by its name, not its code
    assert client.get(reverse("admin:intake_complaintevent_changelist")).status_code == 200


def test_the_complaint_admin_shows_demands_and_keywords_as_words(client, supervisor):
    complaint = ComplaintFactory(demands=["refund", "apology"])
    client.force_login(supervisor)
    page = client.get(reverse("admin:intake_complaint_change", args=[complaint.pk])).content.decode()
    assert "退款、道歉" in page and "[&quot;refund&quot;" not in page
    for label in ("系统建议的投诉分类", "系统建议为紧急", "提交幂等键"):
        assert label in page
