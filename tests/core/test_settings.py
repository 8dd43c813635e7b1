"""Settings come from the environment: the same module serves development and production."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-production-secret-key-with-enough-entropy-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "complaints.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://complaints.example.com",
    "DATABASE_URL": "postgres://desk:secret@db:5432/desk",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "CACHE_URL": "redis://redis:6379/1",
    "SITE_URL": "https://complaints.example.com",
    "IDENTITY_HASH_KEY": "a-production-identity-hash-key-kept-outside-the-database",
    "NUM_PROXIES": "1",
}


def _read_settings(env: dict, expression: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "complaints_site.settings", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_time_zone_and_languages_follow_the_product():
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _name in settings.LANGUAGES] == ["zh-hans", "en"]


def test_database_broker_and_hosts_come_from_the_environment():
    out = _read_settings(
        PRODUCTION_ENV,
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'],"
        " s.CELERY_BROKER_URL, s.ALLOWED_HOSTS, s.DEBUG",
    )
    assert out == "django.db.backends.postgresql db redis://redis:6379/0 ['complaints.example.com'] False"


def test_without_environment_the_embedded_defaults_need_no_service():
    out = _read_settings({"DEBUG": "true"}, "s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL")
    assert out == "django.db.backends.sqlite3 filesystem://localhost/"


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "complaints_site.settings", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    test_only = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "check_id"),
    [
        ("CSRF_TRUSTED_ORIGINS", "", "core.W001"),
        ("CELERY_BROKER_URL", "filesystem://", "core.W002"),
        ("CACHE_URL", "locmemcache://", "core.W003"),
        ("SITE_URL", "http://complaints.example.com", "core.W004"),
        ("NUM_PROXIES", "0", "core.W005"),
        ("FORWARDED_ALLOW_IPS", "*", "core.W006"),
        ("GUNICORN_BIND", "0.0.0.0:8000", "core.W007"),
    ],
)
def test_check_deploy_warns_about_production_values_django_does_not_check(variable, value, check_id):
    clean = {k: v for k, v in os.environ.items() if k not in {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **PRODUCTION_ENV, variable: value},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert check_id in result.stderr + result.stdout


def test_production_refuses_an_empty_identity_hash_key():
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "complaints_site.settings", **PRODUCTION_ENV, "IDENTITY_HASH_KEY": ""},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "IDENTITY_HASH_KEY" in result.stderr
