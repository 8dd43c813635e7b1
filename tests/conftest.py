"""Fixtures shared by every test module: users per role and a tidy broker folder."""

import pytest
from django.contrib.auth.models import Group

from core import roles
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.SMS_BACKEND = "core.sms.MemorySmsBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from core.sms import MemorySmsBackend

    MemorySmsBackend.outbox = []
    from django.core.cache import cache

    cache.clear()


def _user_with_role(role: str, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def agent(db):
    return _user_with_role(roles.AGENT, username="agent-a")


@pytest.fixture
def other_agent(db):
    return _user_with_role(roles.AGENT, username="agent-b")


@pytest.fixture
def investigator(db):
    return _user_with_role(roles.INVESTIGATOR, username="investigator")


@pytest.fixture
def supervisor(db):
    return _user_with_role(roles.SUPERVISOR, username="supervisor", is_staff=True)


@pytest.fixture
def other_supervisor(db):
    return _user_with_role(roles.SUPERVISOR, username="supervisor-b", is_staff=True)


@pytest.fixture
def panel(db):
    return [_user_with_role(roles.RULING_PANEL, username=f"panel-{i}") for i in range(3)]


@pytest.fixture
def management_user(db):
    return _user_with_role(roles.MANAGEMENT, username="gm")


@pytest.fixture
def manager(db):
    return _user_with_role(roles.MANAGER, username="manager")
