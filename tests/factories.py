"""factory-boy factories for the models every stage uses. Apps keep their own next to their tests."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from intake.choices import Channel, ServiceType
from intake.models import Complaint


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-for-tests")


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint as registered, in its first state (submitted)."""

    class Meta:
        model = Complaint

    channel = Channel.HOTLINE
    complainant_name = "张三"
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    service_type = ServiceType.CLEANING
    order_number = factory.Sequence(lambda n: f"SO{n:06d}")
    description = "保洁阿姨迟到两个小时，而且没有打扫厨房。"
    demands = factory.LazyFunction(lambda: ["refund"])
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=5))
