"""Archives past retention lose their personal data only after leadership approved the list
(seed 001: 经公司领导批准方可销毁)."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from intake.models import Complaint
from resolutions.models import RetentionDisposal
from resolutions.services import archive, ends
from resolutions.services.retention import disposal_approve, disposal_carry_out, disposal_propose

from .factories import complaint_accepted, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _archived(agent, year: int, month: int) -> Complaint:
    with time_machine.travel(timezone.make_aware(datetime(year, month, 10, 9)), tick=False):
        complaint = complaint_accepted(agent)
        ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="撤回")
        archive.archive_month(year=year, month=month)
    return fresh(complaint)


@pytest.fixture
def archives(agent, settings):
    settings.ARCHIVE_RETENTION_YEARS = 5
    today = timezone.localdate()
    return _archived(agent, 2020, 3), _archived(agent, today.year, today.month)


def test_approved_disposal_anonymises_only_the_archives_past_retention(archives, supervisor, management_user):
    old, recent = archives
    disposal = disposal_propose(actor=supervisor)
    assert list(disposal.complaints.all()) == [old]

    with pytest.raises(ValidationError, match="not approved"):
        disposal_carry_out(disposal_id=disposal.pk, actor=supervisor)
    assert fresh(old).phone

    disposal_approve(disposal_id=disposal.pk, actor=management_user, note="同意销毁")
    done = disposal_carry_out(disposal_id=disposal.pk, actor=supervisor)

    assert done.erased == 1
    old, recent = fresh(old), fresh(recent)
    assert old.phone == "" and old.complainant_name == "" and old.personal_data_erased_at is not None
    assert not Complaint.history.filter(id=old.pk).exclude(phone="").exists()
    assert old.archive_number and old.category  # the record stays for the statistics
    assert recent.phone and recent.personal_data_erased_at is None
    with pytest.raises(ValidationError, match="already carried out"):
        disposal_carry_out(disposal_id=disposal.pk, actor=supervisor)


def test_only_leadership_approves(archives, supervisor):
    disposal = disposal_propose(actor=supervisor)
    with pytest.raises(PermissionDenied):
        disposal_approve(disposal_id=disposal.pk, actor=supervisor)
    disposal.refresh_from_db()
    assert disposal.approved_at is None


def test_one_list_waits_at_a_time_and_an_empty_one_is_refused(agent, settings, supervisor):
    settings.ARCHIVE_RETENTION_YEARS = 5
    with pytest.raises(ValidationError, match="No archive is past its retention period"):
        disposal_propose(actor=supervisor)
    _archived(agent, 2020, 3)
    disposal_propose(actor=supervisor)
    with pytest.raises(ValidationError, match="already waiting"):
        disposal_propose(actor=supervisor)
    assert RetentionDisposal.objects.count() == 1


def test_the_page_walks_proposal_approval_and_disposal(
    client, archives, supervisor, management_user, django_assert_max_num_queries
):
    old, _recent = archives
    client.force_login(supervisor)
    client.post("/desk/retention/propose/")
    disposal = RetentionDisposal.objects.get()

    client.force_login(management_user)
    with django_assert_max_num_queries(15):
        page = client.get("/desk/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert old.archive_number in page and "Approve the disposal" in page
    client.post("/desk/retention/approve/", {"disposal": disposal.pk, "note": "同意"})
    refused = client.post("/desk/retention/carry-out/", {"disposal": disposal.pk}, HTTP_ACCEPT_LANGUAGE="en")

    assert refused.status_code == 302 and fresh(old).phone  # management approves, supervisors carry out
    client.force_login(supervisor)
    client.post("/desk/retention/carry-out/", {"disposal": disposal.pk})
    assert fresh(old).phone == ""
    assert client.post("/desk/retention/carry-out/", {"disposal": "999999"}).status_code == 302


def test_agents_do_not_see_the_retention_page(client, agent):
    client.force_login(agent)
    assert client.get("/desk/retention/").status_code == 403
