from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def snapshots_refresh() -> list[str]:
    return services.snapshots_refresh()
