"""The demo history behind `make run`: loaded once, with something in every chart."""

import pytest

from core.demo import seed_users
from intake.models import Complaint
from reporting import demo
from reporting.metrics.report import monthly_report
from reporting.models import TypicalCase
from reporting.period import Month, Scope

pytestmark = pytest.mark.django_db


def test_demo_history_is_loaded_once_and_fills_last_months_report():
    users = seed_users()
    demo.seed(users)
    count = Complaint.objects.count()
    demo.seed(users)
    assert Complaint.objects.count() == count
    assert TypicalCase.objects.filter(published=True).count() == 1
    figures = monthly_report(Month.current().previous, Scope())["figures"]
    assert figures["received"]["current"] > 0
    assert figures["satisfaction_rate"]["current"] is not None
