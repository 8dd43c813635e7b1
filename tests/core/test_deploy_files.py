"""The production shape: docker-compose.yml, the image and .env.example agree with each other."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def _command(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def _env_example() -> dict:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_compose_runs_database_broker_and_three_app_services(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", *APP_SERVICES}
    assert services["db"]["image"].endswith("postgres:16}")
    assert services["redis"]["image"].endswith("redis:7}")


def test_the_three_app_services_share_one_image(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in APP_SERVICES}
    assert len(images) == 1
    assert all(services[name]["build"]["context"] == "." for name in APP_SERVICES)


def test_web_migrates_before_gunicorn_starts_and_has_a_health_check(compose):
    web = compose["services"]["web"]
    command = _command(web)
    assert re.search(
        r"manage\.py migrate --noinput && python manage\.py classifier_train --if-missing && exec gunicorn ", command
    )
    assert "deploy/healthcheck.py" in " ".join(web["healthcheck"]["test"])


def test_worker_and_beat_start_after_web_has_applied_the_migrations(compose):
    for name in ("worker", "beat"):
        assert compose["services"][name]["depends_on"] == {"web": {"condition": "service_healthy"}}
    web_needs = compose["services"]["web"]["depends_on"]
    assert web_needs == {"db": {"condition": "service_healthy"}, "redis": {"condition": "service_healthy"}}


def test_worker_and_beat_run_celery_with_the_database_scheduler(compose):
    assert " worker" in _command(compose["services"]["worker"])
    beat = _command(compose["services"]["beat"])
    assert " beat" in beat
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_redis_never_evicts_queued_tasks_and_keeps_them_on_disk(compose):
    command = _command(compose["services"]["redis"])
    assert "--maxmemory-policy noeviction" in command
    assert "--appendonly yes" in command


def test_uploads_volume_is_shared_by_web_and_worker(compose):
    services = compose["services"]
    media_root = services["web"]["environment"]["MEDIA_ROOT"]
    for name in ("web", "worker"):
        assert f"uploads:{media_root}" in services[name]["volumes"]
    assert {"db-data", "uploads"} <= set(compose["volumes"])
    assert any(volume.startswith("db-data:") for volume in services["db"]["volumes"])


def test_app_services_run_in_production_mode_from_the_env_file(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["env_file"] == ".env"
        assert service["environment"]["DEBUG"] == "false"
        assert service["environment"]["CELERY_BROKER_URL"].startswith("redis://redis:6379/")


def test_image_compiles_catalogs_collects_static_files_and_drops_root(dockerfile):
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in dockerfile
    assert "pip install" in dockerfile and "requirements.txt" in dockerfile
    assert "manage.py compile_catalogs" in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile
    assert re.search(r"^USER desk$", dockerfile, re.MULTILINE)
    assert '"gunicorn"' in dockerfile


def test_image_build_steps_run_with_only_the_build_time_values(dockerfile, tmp_path):
    """The build has no .env: settings must load, and static files must pass the manifest's
    post-processing (a CSS url() to a missing file fails here, not in production)."""
    assignments = re.search(r"^RUN export (.+?) \\$", dockerfile, re.MULTILINE).group(1)
    build_env = dict(pair.split("=", 1) for pair in assignments.split())
    assert build_env["DEBUG"] == "false"
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        env={"PATH": os.environ["PATH"], **build_env, "STATIC_ROOT": str(tmp_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()


def test_env_example_names_every_secret_production_refuses_to_start_without():
    example = _env_example()
    for name in ("SECRET_KEY", "IDENTITY_HASH_KEY", "POSTGRES_PASSWORD"):
        assert example[name] == "", f"{name} must be left for the operator to fill in"
    for name in ("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SITE_URL"):
        assert example[name]


def test_compose_trusts_one_proxy_on_the_host_side_of_its_network(compose):
    environment = compose["x-app"]["environment"]
    assert environment["NUM_PROXIES"] == "${NUM_PROXIES:-1}"
    trusted = environment["FORWARDED_ALLOW_IPS"].split(",")
    assert "*" not in trusted
    assert trusted == ["127.0.0.1", "${DESK_NETWORK_GATEWAY:-172.30.0.1}"]
    assert compose["networks"]["default"]["ipam"]["config"][0]["subnet"] == "${DESK_NETWORK_SUBNET:-172.30.0.0/24}"


def test_gunicorn_listens_on_loopback_and_the_container_address_only(monkeypatch):
    from core.checks import gunicorn_config

    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    config = gunicorn_config()
    hosts = {address.rsplit(":", 1)[0] for address in config["bind"]}
    assert "127.0.0.1" in hosts
    assert not hosts & {"0.0.0.0", "[::]", ""}  # noqa: S104 - what must not be there
    assert config["forwarded_allow_ips"] == "127.0.0.1"


def test_healthcheck_sends_a_configured_host_name():
    from deploy.healthcheck import host_from

    assert host_from("complaints.example.com, other.example.com") == "complaints.example.com"
    assert host_from("*, .example.com") == "example.com"
    assert host_from("") == "localhost"


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_docker_compose_validates_the_file(tmp_path):
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    env = (ROOT / ".env.example").read_text()
    env = re.sub(r"^(SECRET_KEY|IDENTITY_HASH_KEY|POSTGRES_PASSWORD)=$", r"\1=filled-in", env, flags=re.MULTILINE)
    (tmp_path / ".env").write_text(env)
    result = subprocess.run(
        ["docker-compose", "config", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_runtime_requirements_install_celerys_redis_transport():
    """kombu's Redis transport needs packages of Celery's ``redis`` extra (``packaging``). In the
    development environment the test tools bring them in by chance; the image has only
    requirements.txt, and without them worker and beat die at start."""
    requirements = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^celery\[redis\]==", requirements, re.MULTILINE)
