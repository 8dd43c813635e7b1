"""Deployment checks that Django's own ``check --deploy`` does not make.

Each one is a production setting that works silently wrong: a per-process cache makes every
rate limit per gunicorn worker, the filesystem broker serves one machine only, a plain-http
SITE_URL goes out in every SMS link, and a wrong proxy setting either puts every complainant
behind the proxy's one address (NUM_PROXIES 0) or lets a client that reaches gunicorn directly
write its own address and scheme.
"""

import runpy
from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

_PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@register(Tags.security, deploy=True)
def production_settings_check(app_configs, **kwargs) -> list[CheckWarning]:
    warnings = []
    if not settings.CSRF_TRUSTED_ORIGINS:
        warnings.append(
            CheckWarning(
                "CSRF_TRUSTED_ORIGINS is empty.",
                hint="Set it to the site's origin, e.g. https://complaints.example.com.",
                id="core.W001",
            )
        )
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        warnings.append(
            CheckWarning(
                "Celery uses the filesystem broker, which only serves processes on one machine.",
                hint="Set CELERY_BROKER_URL to Redis, e.g. redis://redis:6379/0.",
                id="core.W002",
            )
        )
    if settings.CACHES["default"]["BACKEND"] in _PER_PROCESS_CACHES:
        warnings.append(
            CheckWarning(
                "The cache is per process: rate limits would count per web worker.",
                hint="Set CACHE_URL to Redis, e.g. redis://redis:6379/1.",
                id="core.W003",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        warnings.append(
            CheckWarning(
                "SITE_URL is not an https address; it goes out in SMS and e-mail links.",
                hint="Set SITE_URL to the public https address of the site.",
                id="core.W004",
            )
        )
    return warnings + proxy_warnings()


def gunicorn_config() -> dict:
    """The values ``deploy/gunicorn.conf.py`` gives gunicorn in this environment."""
    path = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"
    return runpy.run_path(str(path)) if path.exists() else {}


def proxy_warnings() -> list[CheckWarning]:
    warnings = []
    if settings.SECURE_PROXY_SSL_HEADER and not settings.REST_FRAMEWORK.get("NUM_PROXIES"):
        warnings.append(
            CheckWarning(
                "NUM_PROXIES is 0 although the site runs behind a reverse proxy (SECURE_PROXY_SSL_HEADER is set): "
                "every client would share the proxy's address, for rate limits and login lockouts alike.",
                hint="Set NUM_PROXIES to the number of proxies that add to X-Forwarded-For, usually 1.",
                id="core.W005",
            )
        )
    gunicorn = gunicorn_config()
    trusted = {ip.strip() for ip in str(gunicorn.get("forwarded_allow_ips", "")).split(",")}
    if "*" in trusted:
        warnings.append(
            CheckWarning(
                "gunicorn trusts X-Forwarded-* headers from every address (forwarded_allow_ips='*').",
                hint="Set FORWARDED_ALLOW_IPS to the reverse proxy's address as gunicorn sees it.",
                id="core.W006",
            )
        )
    binds = gunicorn.get("bind") or []
    binds = [binds] if isinstance(binds, str) else binds
    if any(address.rsplit(":", 1)[0] in ("0.0.0.0", "[::]", "") for address in binds):  # noqa: S104 - detected
        warnings.append(
            CheckWarning(
                "gunicorn listens on every interface.",
                hint="Leave GUNICORN_BIND unset (loopback and the compose network) or name the addresses.",
                id="core.W007",
            )
        )
    return warnings
