import pytest

from core.demo import seed_users
from penalties import demo
from penalties.models import Appeal, Penalty, ServiceOrder, Worker
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_matches_demo_complaints(settings):
    complaint = ComplaintFactory(order_number="DEMO-ORDER-1")
    users = seed_users()
    demo.seed(users)
    demo.seed(users)
    assert Worker.objects.count() == 10
    assert ServiceOrder.objects.count() == 30
    assert Penalty.objects.count() == 3
    assert Appeal.objects.count() == 1
    assert complaint.subject.worker is not None
