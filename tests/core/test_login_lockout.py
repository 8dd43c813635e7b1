"""Staff logins lock after repeated failures of one user name from one address (django-axes)."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.admin.models import DELETION, LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "pw-for-tests"


def _login(client: Client, username: str, password: str, *, address: str = "10.0.0.1", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def _fail(client: Client, username: str, times: int, *, address: str = "10.0.0.1") -> None:
    for _ in range(times):
        assert _login(client, username, "wrong", address=address).status_code in (200, 429)


@pytest.fixture
def staff_user():
    return UserFactory(username="staff-a", is_staff=True)


def test_right_password_after_the_limit_is_refused(settings, staff_user):
    client = Client()
    _fail(client, "staff-a", settings.AXES_FAILURE_LIMIT)
    response = _login(client, "staff-a", RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "登录已锁定" in response.content.decode()


def test_failures_below_the_limit_do_not_lock(settings, staff_user):
    client = Client()
    _fail(client, "staff-a", settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, "staff-a", RIGHT).status_code == 302


def test_success_forgets_earlier_failures(settings, staff_user):
    client = Client()
    _fail(client, "staff-a", settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, "staff-a", RIGHT).status_code == 302
    _fail(Client(), "staff-a", settings.AXES_FAILURE_LIMIT - 1)
    assert _login(Client(), "staff-a", RIGHT).status_code == 302


def test_lock_holds_one_user_on_one_address_only(settings, staff_user):
    UserFactory(username="staff-b")
    _fail(Client(), "staff-a", settings.AXES_FAILURE_LIMIT)
    assert _login(Client(), "staff-a", RIGHT, address="10.0.0.2").status_code == 302
    assert _login(Client(), "staff-b", RIGHT).status_code == 302


def test_lock_ends_after_the_cool_off(settings, staff_user):
    _fail(Client(), "staff-a", settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert _login(Client(), "staff-a", RIGHT).status_code == 302


def test_admin_login_is_locked_too(settings, staff_user):
    _fail(Client(), "staff-a", settings.AXES_FAILURE_LIMIT)
    response = Client().post(reverse("admin:login"), {"username": "staff-a", "password": RIGHT}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429


def test_lockout_page_speaks_english_when_asked(settings, staff_user):
    _fail(Client(), "staff-a", settings.AXES_FAILURE_LIMIT)
    response = _login(Client(), "staff-a", RIGHT, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "Login locked" in text
    assert f"Try again in {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in text


def test_address_behind_the_proxy_is_the_forwarded_one(settings, staff_user):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "172.18.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "staff-a", "wrong", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert _login(Client(), "staff-a", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_supervisor_sees_the_lock_in_admin_and_unlocks_it(settings, staff_user, supervisor):
    _fail(Client(), "staff-a", settings.AXES_FAILURE_LIMIT)
    admin = Client()
    admin.force_login(supervisor)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"), HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert "staff-a" in listing.content.decode() and "Locked Out" in listing.content.decode()
    attempt = AccessAttempt.objects.get()
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "unlock", "_selected_action": [attempt.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert LogEntry.objects.filter(user=supervisor, action_flag=DELETION).exists()
    assert _login(Client(), "staff-a", RIGHT).status_code == 302


def test_a_forged_forwarded_address_is_stored_as_no_address(rf, settings):
    """The lockout stores the address in an IP column (inet on PostgreSQL): garbage must not reach it."""
    from core.ratelimit import client_ip

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    forged = rf.post("/login/", HTTP_X_FORWARDED_FOR="not-an-address")
    bare = rf.post("/login/")
    del bare.META["REMOTE_ADDR"]

    assert client_ip(forged) is None
    assert client_ip(bare) is None
    assert client_ip(rf.post("/login/", HTTP_X_FORWARDED_FOR="203.0.113.9")) == "203.0.113.9"
