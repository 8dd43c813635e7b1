"""The law in the outcome: the statutory minimum after a fraud finding (消费者权益保护法 Art. 55)
and compensation unpaid past its due date (Art. 56(8))."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from intake import worklists
from intake.choices import Category
from intake.models import Complaint
from investigations.models import InvestigationReport
from resolutions.models import Compensation, Party
from resolutions.services import agreement, mediation, ruling
from resolutions.statute import statutory_minimum
from tests.penalties.factories import ServiceOrderFactory

from .factories import complaint_mediating, complaint_resolved, fresh, propose, refund

pytestmark = pytest.mark.django_db


def _fraud_found(complaint) -> None:
    InvestigationReport.objects.filter(investigation__complaint=complaint).update(fraud_found=True)


def _mediating_with_fraud(agent, fee: str | None = "120.00"):
    """A fee of ¥120 puts the minimum at the ¥500 floor."""
    fields = {}
    if fee is not None:
        fields["order_number"] = ServiceOrderFactory(amount=fee).order_number
    complaint = complaint_mediating(agent, **fields)
    _fraud_found(complaint)
    return complaint


# --- the statutory minimum -------------------------------------------------------------------


def test_no_minimum_without_a_fraud_finding_even_for_a_fraud_complaint(agent):
    complaint = complaint_mediating(agent)
    Complaint.objects.filter(pk=complaint.pk).update(category=Category.FRAUD)

    assert statutory_minimum(fresh(complaint)) is None


def test_the_minimum_is_three_times_the_service_fee(agent):
    minimum = statutory_minimum(_mediating_with_fraud(agent, fee="400.00"))

    assert (minimum.amount, minimum.service_fee) == (Decimal("1200.00"), Decimal("400.00"))


def test_the_minimum_is_never_below_500(agent):
    assert statutory_minimum(_mediating_with_fraud(agent, fee="120.00")).amount == Decimal("500.00")


def test_without_a_matched_order_the_minimum_is_500(agent):
    minimum = statutory_minimum(_mediating_with_fraud(agent, fee=None))

    assert (minimum.amount, minimum.service_fee) == (Decimal("500.00"), None)


def test_a_fraud_finding_needs_the_business_found_responsible(agent):
    complaint = complaint_mediating(agent)
    report = InvestigationReport.objects.get(investigation__complaint=complaint)
    report.fraud_found, report.responsibility, report.fault_degree = True, "customer", "full"

    with pytest.raises(ValidationError) as refused:
        report.full_clean()

    assert "fraud_found" in refused.value.message_dict


# --- below the minimum needs a reason ---------------------------------------------------------


def test_a_proposal_below_the_minimum_without_a_reason_is_refused_with_the_minimum(agent):
    complaint = _mediating_with_fraud(agent, fee="400.00")

    with override("en"), pytest.raises(ValidationError) as refused:
        propose(complaint, agent, amount=Decimal("600.00"))

    message = refused.value.message_dict["below_minimum_reason"][0]
    assert "¥1200.00" in message and "¥600.00" in message
    assert not complaint.mediation_proposals.exists()
    assert not complaint.compensations.exists()


def test_a_proposal_below_the_minimum_keeps_its_reason(agent):
    complaint = _mediating_with_fraud(agent)

    proposal = mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=agent,
        complainant_gets="退款并道歉",
        items=[refund(Decimal("300.00"))],
        below_minimum_reason="投诉人只要求退还服务费",
    )

    assert proposal.below_minimum_reason == "投诉人只要求退还服务费"


def test_a_proposal_at_the_minimum_needs_no_reason_and_keeps_none(agent):
    complaint = _mediating_with_fraud(agent)

    proposal = mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=agent,
        complainant_gets="三倍赔偿",
        items=[refund(Decimal("500.00"))],
        below_minimum_reason="多余的说明",
    )

    assert proposal.below_minimum_reason == ""


def test_amending_a_settlement_below_the_minimum_needs_a_reason(agent):
    complaint = _mediating_with_fraud(agent)
    proposal = propose(complaint, agent, amount=Decimal("500.00"))
    for party in Party.values:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=party, accepted=True)

    with pytest.raises(ValidationError) as refused:
        agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("100.00"))])
    assert "below_minimum_reason" in refused.value.message_dict

    agreement.compensation_plan_amend(
        complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("100.00"))], below_minimum_reason="双方协商"
    )
    proposal.refresh_from_db()
    assert proposal.below_minimum_reason == "双方协商"


@pytest.fixture
def fraud_ruling(agent, panel):
    complaint = _mediating_with_fraud(agent)
    proposal = propose(complaint, agent, amount=Decimal("500.00"))
    mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=False, reason="不够"
    )
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    ruling.ruling_form(complaint_id=complaint.pk, actor=agent, members=panel)
    for member in panel:
        ruling.ruling_vote(complaint_id=complaint.pk, actor=member, verdict="uphold", opinion="欺诈属实")
    return fresh(complaint)


def test_a_ruling_below_the_minimum_needs_a_reason(fraud_ruling, panel):
    arguments = {"complaint_id": fraud_ruling.pk, "actor": panel[0], "basis": "欺诈属实", "items": [refund()]}

    with pytest.raises(ValidationError) as refused:
        ruling.ruling_decide(**arguments)
    assert "below_minimum_reason" in refused.value.message_dict

    decided = ruling.ruling_decide(**arguments, below_minimum_reason="投诉人已另获赔偿")
    assert decided.below_minimum_reason == "投诉人已另获赔偿"


def test_the_workbench_shows_the_minimum_beside_the_proposal_and_its_reason(client, agent):
    complaint = _mediating_with_fraud(agent, fee="300.00")
    mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=agent,
        complainant_gets="退款",
        items=[refund(Decimal("300.00"))],
        below_minimum_reason="投诉人只要求退款",
    )
    client.force_login(agent)

    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()

    assert "¥900.00" in page and "¥300.00" in page
    assert "投诉人只要求退款" in page


# --- compensation unpaid past its due date ----------------------------------------------------


def _overdue(agent):
    complaint = complaint_resolved(agent)
    Compensation.objects.filter(complaint=complaint).update(due_on=timezone.localdate() - timedelta(days=1))
    return complaint


def test_an_agreed_compensation_past_its_due_date_is_overdue(agent):
    item = _overdue(agent).compensations.get()

    assert item.overdue
    item.due_on = timezone.localdate()
    assert not item.overdue


def test_the_workbench_flags_the_overdue_payment(client, agent):
    complaint = _overdue(agent)
    client.force_login(agent)

    page = client.get(reverse("complaint-workbench", args=[complaint.pk]))

    assert page.context["overdue_compensations"] == list(complaint.compensations.all())
    assert 'class="badge overdue"' in page.content.decode()


def test_the_supervisors_worklist_holds_complaints_with_overdue_payments(agent, supervisor):
    overdue, on_time = _overdue(agent), complaint_resolved(agent)
    counts = {worklist.key: count for worklist, count in worklists.worklist_counts(supervisor)}

    assert counts["compensation_overdue"] == 1
    listed = worklists.worklist_filter(
        Complaint.objects.all(), key="compensation_overdue", user=supervisor
    ).values_list("pk", flat=True)
    assert list(listed) == [overdue.pk]
    assert on_time.pk not in listed
