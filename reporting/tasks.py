from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def snapshots_refresh() -> list[str]:
    return services.snapshots_refresh()


@shared_task(ignore_result=True)
def snapshot_prepare(month: str, team_id: int | None, service_type: str, by_id: int | None = None) -> None:
    services.snapshot_prepare(month=month, team_id=team_id, service_type=service_type, by_id=by_id)
