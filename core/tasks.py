from celery import shared_task

from . import outbox, webhooks


@shared_task(ignore_result=True)
def send_outbox_message(message_id: int) -> None:
    outbox.message_send(message_id=message_id)


@shared_task(ignore_result=True)
def outbox_sweep() -> None:
    outbox.outbox_sweep()


@shared_task(ignore_result=True)
def outbox_delivery_reports() -> None:
    outbox.delivery_reports_fetch()


@shared_task
def ping(value: str) -> str:
    """Round trip used by the health check tests: a worker must answer."""
    return f"pong:{value}"


@shared_task(ignore_result=True)
def deliver_webhook(delivery_id: int) -> None:
    webhooks.webhook_deliver(delivery_id=delivery_id)


@shared_task(ignore_result=True)
def webhooks_sweep() -> None:
    webhooks.webhooks_sweep()
