"""Saved inbox views: a user saves filters and sort under a name and may share them with their team;
the workbench's previous / next follow the last inbox page."""

import pytest
from django.urls import reverse

from core.models import StaffTeam
from intake.models import SavedView
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
URL = reverse("desk")
SAVE = reverse("saved-view-save")


def test_a_saved_view_keeps_only_valid_filters_and_opens_them(client, agent):
    client.force_login(agent)

    response = client.post(SAVE, {"name": "我的紧急", "query": "urgent=on&sort=-received&page=3&evil=1"})

    view = SavedView.objects.get(owner=agent)
    assert view.query == "urgent=on&sort=-received"
    assert response.url == f"{URL}?urgent=on&sort=-received"
    assert view.history.count() == 1
    assert "我的紧急" in client.get(URL).content.decode()


def test_invalid_filters_or_no_name_save_nothing(client, agent):
    client.force_login(agent)

    client.post(SAVE, {"name": "坏的", "query": "sort=phone"})
    client.post(SAVE, {"name": " ", "query": "urgent=on"})

    assert not SavedView.objects.exists()


def test_a_view_shared_with_a_team_reaches_its_members_only(client, agent, other_agent, supervisor):
    team = StaffTeam.objects.create(name="一组")
    team.members.add(agent, other_agent)
    client.force_login(agent)
    client.post(SAVE, {"name": "本组逾期", "query": "deadline=overdue", "team": team.pk})

    client.force_login(other_agent)
    assert "本组逾期" in client.get(URL).content.decode()
    client.force_login(supervisor)
    assert "本组逾期" not in client.get(URL).content.decode()


def test_sharing_with_a_team_one_is_not_in_is_refused(client, agent):
    team = StaffTeam.objects.create(name="别的组")
    client.force_login(agent)

    client.post(SAVE, {"name": "共享", "query": "urgent=on", "team": team.pk})

    assert not SavedView.objects.exists()


def test_only_the_owner_deletes_a_view(client, agent, other_agent):
    view = SavedView.objects.create(owner=agent, name="我的", query="urgent=on")
    client.force_login(other_agent)
    client.post(reverse("saved-view-delete", args=[view.pk]))
    assert SavedView.objects.filter(pk=view.pk).exists()

    client.force_login(agent)
    client.post(reverse("saved-view-delete", args=[view.pk]))
    assert not SavedView.objects.filter(pk=view.pk).exists()


def test_sortable_columns_toggle_their_direction(client, agent):
    client.force_login(agent)
    ComplaintFactory()

    response = client.get(URL, {"sort": "category"})

    assert response.context["sort_links"]["category"] == {"url": "?sort=-category", "direction": "ascending"}
    assert response.context["sort_links"]["due"]["url"] == "?sort=due"


def test_the_workbench_links_to_the_previous_and_next_complaint_of_the_inbox(client, agent):
    first, second, third = (ComplaintFactory() for _ in range(3))
    client.force_login(agent)
    rows = [c.pk for c in client.get(URL, {"sort": "received"}).context["page"].object_list]
    assert rows == [first.pk, second.pk, third.pk]

    html = client.get(reverse("complaint-workbench", args=[second.pk])).content.decode()

    assert f'rel="prev" href="{reverse("complaint-workbench", args=[first.pk])}"' in html
    assert f'rel="next" href="{reverse("complaint-workbench", args=[third.pk])}"' in html
    assert "?sort=received" in html
