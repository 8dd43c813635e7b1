from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def sweep() -> None:
    services.deadlines_sweep()
