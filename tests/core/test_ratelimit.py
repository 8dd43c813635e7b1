"""The shared rate limiter: atomic counts per window, and a broken cache never blocks or crashes."""

import time
from unittest import mock

import pytest
import time_machine
from django.test import RequestFactory

from core.ratelimit import Rate, client_address, rate_limit_hit, rate_parse


@pytest.mark.parametrize(
    ("text", "rate"),
    [("5/h", Rate(5, 3600)), ("20/m", Rate(20, 60)), ("3/10m", Rate(3, 600)), ("100/d", Rate(100, 86400))],
)
def test_rates_are_parsed(text, rate):
    assert rate_parse(text) == rate


def test_limit_allows_up_to_the_count_then_refuses():
    results = [rate_limit_hit(scope="test", key="1.2.3.4", rate="3/h") for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_clients_and_scopes_are_counted_separately():
    for _ in range(2):
        rate_limit_hit(scope="test", key="1.2.3.4", rate="2/h")
    assert rate_limit_hit(scope="test", key="1.2.3.4", rate="2/h") is False
    assert rate_limit_hit(scope="test", key="5.6.7.8", rate="2/h") is True
    assert rate_limit_hit(scope="other", key="1.2.3.4", rate="2/h") is True


def test_a_new_window_starts_a_new_count():
    with time_machine.travel("2026-03-02 10:00:00+08:00", tick=False) as traveller:
        assert rate_limit_hit(scope="test", key="k", rate="1/h") is True
        assert rate_limit_hit(scope="test", key="k", rate="1/h") is False
        traveller.shift(3601)
        assert rate_limit_hit(scope="test", key="k", rate="1/h") is True


def test_cache_down_allows_the_request_and_logs(caplog):
    with mock.patch("core.ratelimit.cache.add", side_effect=ConnectionError("redis down")):
        assert rate_limit_hit(scope="test", key="k", rate="1/h") is True
        assert rate_limit_hit(scope="test", key="k", rate="1/h") is True
    assert "Rate-limit cache unavailable" in caplog.text


def test_counter_expiring_between_add_and_incr_counts_as_a_first_hit():
    with mock.patch("core.ratelimit.cache.incr", side_effect=ValueError("missing")):
        assert rate_limit_hit(scope="test", key="k", rate="1/h") is True


def test_client_address_ignores_forwarded_for_without_a_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_address(request) == "10.0.0.1"


def test_client_address_behind_one_proxy_takes_the_address_the_proxy_saw(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"


def test_public_form_survives_a_broken_cache(client, db):
    from tests.intake.public_data import complaint_post_data

    with mock.patch("core.ratelimit.cache.add", side_effect=ConnectionError("redis down")):
        response = client.post("/complaints/new/", complaint_post_data())
    assert response.status_code == 302


def test_unreachable_redis_allows_the_request(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    assert rate_limit_hit(scope="test", key="k", rate="1/h") is True


@pytest.mark.services
def test_concurrent_hits_on_the_shared_cache_never_exceed_the_limit(settings):
    """Against the real Redis: twenty simultaneous requests, a limit of five, exactly five pass."""
    from concurrent.futures import ThreadPoolExecutor

    key = f"race-{time.time_ns()}"
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: rate_limit_hit(scope="race", key=key, rate="5/h"), range(20)))
    assert results.count(True) == 5
