"""Factories for the penalties app. Identity numbers are valid (GB 11643 check character)."""

from datetime import timedelta

import factory
from django.utils import timezone

from intake.choices import ServiceType
from penalties.identity import identity_check_char, identity_hash, identity_last_four
from penalties.models import ConsentScope, Penalty, PenaltyKind, ServiceOrder, Team, Worker, WorkerConsent
from tests.factories import UserFactory


def identity_number(n: int) -> str:
    first = f"110101199001{n % 10000:04d}{n // 10000 % 10}"
    return first + identity_check_char(first)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"保洁{n}组")


class WorkerFactory(factory.django.DjangoModelFactory):
    """A worker; pass ``identity_number=`` to know the clear number the test uses."""

    class Meta:
        model = Worker
        exclude = ("identity_number",)

    identity_number = factory.Sequence(lambda n: identity_number(n + 100))
    name = factory.Sequence(lambda n: f"李阿姨{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    team = factory.SubFactory(TeamFactory)
    service_types = factory.LazyFunction(lambda: [ServiceType.CLEANING.value])
    identity_hash = factory.LazyAttribute(lambda o: identity_hash(o.identity_number))
    identity_last_four = factory.LazyAttribute(lambda o: identity_last_four(o.identity_number))


class ServiceOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOrder

    order_number = factory.Sequence(lambda n: f"OR{n:06d}")
    service_type = ServiceType.CLEANING
    worker = factory.SubFactory(WorkerFactory)
    team = factory.LazyAttribute(lambda o: o.worker.team if o.worker else None)
    customer_phone = "13800000000"
    service_date = factory.LazyFunction(timezone.localdate)
    amount = "199.00"


class PenaltyFactory(factory.django.DjangoModelFactory):
    """A proposed penalty; approve it through the service to make it take effect."""

    class Meta:
        model = Penalty

    worker = factory.SubFactory(WorkerFactory)
    kind = PenaltyKind.WARNING
    reason = "迟到且未完成服务"


class WorkerConsentFactory(factory.django.DjangoModelFactory):
    """A consent in force since yesterday, for customer enquiries unless ``scope=`` says otherwise."""

    class Meta:
        model = WorkerConsent

    worker = factory.SubFactory(WorkerFactory)
    scope = ConsentScope.CUSTOMER_ENQUIRY
    method = WorkerConsent.Method.SIGNED_PAPER
    given_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    recorded_by = factory.SubFactory(UserFactory)
