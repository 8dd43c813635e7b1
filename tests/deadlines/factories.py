import factory

from deadlines.models import CalendarOverride


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarOverride
        django_get_or_create = ("date",)

    is_working_day = False
    note = "holiday"


def send_transition(complaint, name: str) -> None:
    """Fire the lifecycle signal of a transition whose conditions belong to other stages."""
    from django_fsm.signals import post_transition

    from intake.models import Complaint

    post_transition.send(sender=Complaint, instance=complaint, name=name, source="", target="", method_kwargs={})
