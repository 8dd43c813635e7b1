from celery import shared_task

from .services import penalties


@shared_task(ignore_result=True)
def suspensions_end() -> None:
    penalties.suspensions_end()
