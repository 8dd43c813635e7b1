"""The Celery application shared by the worker, beat and the web process (which only enqueues)."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "complaints_site.settings")

app = Celery("complaints_site")
app.config_from_object("django.conf:settings", namespace="CELERY")


def _broker_transport_options(broker_url: str, folder: str) -> dict:
    """The filesystem broker needs its folders; Redis needs bounded waits so a dead broker
    makes ``.delay()`` fail fast instead of hanging a web request."""
    if broker_url.startswith("filesystem://"):
        for sub in ("out", "processed", "control"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
        return {
            "data_folder_in": os.path.join(folder, "out"),
            "data_folder_out": os.path.join(folder, "out"),
            "processed_folder": os.path.join(folder, "processed"),
            "control_folder": os.path.join(folder, "control"),
            "store_processed": False,
        }
    return {
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        "max_retries": 1,
        "visibility_timeout": 3600,
    }


def configure(application: Celery) -> None:
    from django.conf import settings

    application.conf.update(
        broker_transport_options=_broker_transport_options(
            settings.CELERY_BROKER_URL, str(settings.CELERY_BROKER_FILESYSTEM_DIR)
        ),
        broker_connection_timeout=2,
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_acks_late=False,
        worker_prefetch_multiplier=1,
        timezone=settings.TIME_ZONE,
        enable_utc=True,
        beat_scheduler=settings.CELERY_BEAT_SCHEDULER,
        beat_max_loop_interval=settings.CELERY_BEAT_SCHEDULE_INTERVAL_SECONDS,
    )


app.autodiscover_tasks()


@app.on_after_configure.connect
def _setup(sender: Celery, **kwargs) -> None:
    configure(sender)


@after_setup_logger.connect
@after_setup_task_logger.connect
def _scrub_personal_data(logger, **kwargs) -> None:
    """The worker and beat replace the root logger's handlers with Celery's own, which do not
    carry the LOGGING filter: without this, phone numbers reach the worker's log."""
    from core.logging import install

    install(logger)
