from celery import shared_task

from .services import archive, open_matters, outcome


@shared_task(ignore_result=True)
def follow_up_close_unanswered() -> int:
    return outcome.follow_up_close_unanswered()


@shared_task(ignore_result=True)
def archive_previous_month() -> int:
    return len(archive.archive_previous_month())


@shared_task(ignore_result=True)
def open_matters_remind() -> int:
    return open_matters.open_matters_remind()
