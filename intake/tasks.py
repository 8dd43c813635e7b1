from celery import shared_task

from .services.classifier import classifier_train


@shared_task(ignore_result=True)
def classifier_retrain() -> int:
    """Weekly: learn from the complaints agents confirmed since the last run."""
    return classifier_train().pk
