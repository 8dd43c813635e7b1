import pytest
from django.core.management import CommandError, call_command

from intake.choices import Channel
from intake.models import Complaint, Emergency
from intake.selectors import inbox_complaints

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True  # the command refuses to fill a production database


def test_seed_complaints_creates_the_requested_number_in_batches(agent):
    call_command("seed_complaints", count=120, batch_size=50, seed=7, verbosity=0)

    assert Complaint.objects.count() == 120
    assert Complaint.objects.values("tracking_number").distinct().count() == 120
    assert len(set(Complaint.objects.values_list("channel", flat=True))) > 3
    assert Complaint.objects.filter(repeat_of__isnull=False).count() < 120


def test_seeded_complaints_are_valid_and_listed_by_the_inbox(agent):
    call_command("seed_complaints", count=30, seed=1, verbosity=0)

    complaint = Complaint.objects.filter(channel=Channel.TRANSFER).first() or Complaint.objects.first()
    complaint.full_clean(exclude=["state"])
    assert inbox_complaints(agent, {"state": "all"}).count() == 30


def test_seed_complaints_adds_to_existing_data():
    call_command("seed_complaints", count=10, verbosity=0)
    call_command("seed_complaints", count=10, verbosity=0)

    assert Complaint.objects.count() == 20


def test_seed_complaints_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_complaints", count=10, verbosity=0)


def test_demo_complaints_are_loaded_once():
    from core.demo import seed_users
    from intake import demo

    users = seed_users()
    demo.seed(users)
    count = Complaint.objects.count()
    demo.seed(users)

    # The inbox's complaints, one complaint about the desk and the group incident's complaints.
    assert count == len(demo.DEMO) + 1 + len(demo.GROUP)
    assert Complaint.objects.count() == count
    assert Complaint.objects.filter(urgent=True).exists()
    # The inbox's three repeats (the complaint about the desk, by a caller who complained before, is a fourth).
    assert Complaint.objects.filter(repeat_of__isnull=False).exclude(channel="desk_report").count() == 3
    assert set(Complaint.objects.values_list("state", flat=True)) >= {"submitted", "accepted", "not_accepted"}
    emergencies = Emergency.objects.all()
    assert emergencies.filter(acknowledged_at__isnull=False).exclude(hospital_reference="").count() == 1
    assert emergencies.filter(acknowledged_at__isnull=True).exists()


def test_seeded_complaints_carry_their_clocks_and_nearest_due_time():
    from django.db.models import Min, Q

    from deadlines.models import Deadline
    from intake.models.lifecycle import OPEN_STATES

    call_command("seed_complaints", count=60, seed=3, verbosity=0)

    open_clocks = Q(deadlines__met_at__isnull=True, deadlines__stopped_at__isnull=True)
    rows = Complaint.objects.annotate(nearest=Min("deadlines__due_at", filter=open_clocks))
    assert Deadline.objects.count() >= 2 * Complaint.objects.count()
    assert all(row.next_due_at == row.nearest for row in rows)
    assert not rows.exclude(state__in=OPEN_STATES).filter(nearest__isnull=False).exists()
    assert rows.filter(state="submitted", nearest__isnull=False).count() == rows.filter(state="submitted").count()
