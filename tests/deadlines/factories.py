import factory

from deadlines.models import CalendarOverride


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarOverride
        django_get_or_create = ("date",)

    is_working_day = False
    note = "holiday"
