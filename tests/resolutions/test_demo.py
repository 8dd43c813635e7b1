import pytest

from core.demo import seed_users
from intake.models import Complaint, State
from resolutions import demo

pytestmark = pytest.mark.django_db


def test_demo_seed_reaches_each_target_and_is_idempotent():
    users = seed_users()
    demo.seed(users)
    states = dict(Complaint.objects.filter(order_number__startswith="DEMO-RES-").values_list("order_number", "state"))
    versions = dict(Complaint.objects.values_list("pk", "version"))
    demo.seed(users)
    assert states == {
        "DEMO-RES-001": State.RESOLVED,
        "DEMO-RES-002": State.NOTIFIED,
        "DEMO-RES-003": State.CLOSED,
        "DEMO-RES-004": State.ARCHIVED,
        "DEMO-RES-005": State.RESOLVED,  # at first contact, the quick path
    }
    assert dict(Complaint.objects.values_list("pk", "version")) == versions
