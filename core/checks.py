"""Deployment checks that Django's own ``check --deploy`` does not make.

Each one is a production setting that works silently wrong: a per-process cache makes every
rate limit per gunicorn worker, the filesystem broker serves one machine only, a plain-http
SITE_URL goes out in every SMS link.
"""

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
    return warnings
