"""Keep intake unaware of penalties: the complaint link is made from here, after each save."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from intake.models import Complaint

from .services.workers import complaint_subject_match


@receiver(post_save, sender=Complaint)
def complaint_saved(sender, instance: Complaint, created: bool, update_fields=None, **kwargs) -> None:
    if created or update_fields is None or "order_number" in update_fields:
        complaint_subject_match(complaint=instance)
