"""The demo data shows a complaint about the desk and a group incident of three complaints."""

import pytest

from core.demo import seed_users
from intake import demo
from intake.models import Complaint, Incident

pytestmark = pytest.mark.django_db


def test_demo_has_a_complaint_about_the_desk_and_an_incident_of_three_complaints_once():
    users = seed_users()

    demo.seed(users)
    demo.seed(users)

    report = Complaint.objects.get(earlier_complaint__isnull=False)
    assert report.is_about_the_desk and report.assigned_to is None
    incident = Incident.objects.get()
    assert incident.complaints.count() == 3
