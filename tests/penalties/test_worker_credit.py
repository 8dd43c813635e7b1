"""A worker's history outside the company: consent before sharing, a second supervisor for an official
listing, the export only on a consent still in force, and the internal blacklist kept apart."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from penalties.models import BlacklistEntry, ConsentScope, HistoryDisclosure, OfficialListing, PenaltyKind
from penalties.services.credit import (
    official_listing_approve,
    official_listing_propose,
    official_listing_reject,
    official_listings_export,
    worker_consent_record,
    worker_consent_withdraw,
    worker_history_disclose,
)
from penalties.services.penalties import penalty_approve, penalty_propose, penalty_reject
from tests.factories import ComplaintFactory
from tests.penalties.factories import ServiceOrderFactory, WorkerConsentFactory, WorkerFactory

pytestmark = pytest.mark.django_db

ENQUIRY = ConsentScope.CUSTOMER_ENQUIRY
PLATFORM = ConsentScope.CREDIT_PLATFORM


def _disclose(worker, actor, kind=ENQUIRY):
    return worker_history_disclose(worker=worker, recipient_kind=kind, recipient="王女士 订单SO1", actor=actor)


def _approved_listing(worker, proposer, reviewer, reason="伪造健康证，已由公安机关查处"):
    listing = official_listing_propose(worker=worker, reason=reason, actor=proposer)
    return official_listing_approve(listing=listing, actor=reviewer)


# Consent before sharing


def test_history_is_not_shared_without_the_workers_consent(supervisor):
    worker = WorkerFactory(name="刘阿姨")
    with pytest.raises(ValidationError) as refused:
        _disclose(worker, supervisor)
    assert "刘阿姨" in refused.value.messages[0]
    assert not HistoryDisclosure.objects.exists()


def test_history_shared_on_consent_is_logged_with_what_was_handed_over(supervisor, agent):
    worker = WorkerFactory()
    consent = WorkerConsentFactory(worker=worker)
    ServiceOrderFactory(worker=worker, order_number="SO-C-1")
    ComplaintFactory(order_number="SO-C-1")
    stood = penalty_approve(
        penalty=penalty_propose(worker=worker, kind=PenaltyKind.POINTS, points=3, reason="迟到", actor=agent),
        actor=supervisor,
    )
    penalty_reject(
        penalty=penalty_propose(worker=worker, kind=PenaltyKind.FINE, fine_amount=100, reason="x", actor=agent),
        actor=supervisor,
        note="证据不足",
    )
    disclosure = _disclose(worker, supervisor)
    assert (disclosure.consent, disclosure.disclosed_by) == (consent, supervisor)
    assert disclosure.recipient == "王女士 订单SO1"
    assert disclosure.summary["complaints"] == 1
    assert [line["kind"] for line in disclosure.summary["penalties"]] == [stood.kind]  # not the rejected fine


def test_history_is_refused_after_the_consent_is_withdrawn(supervisor):
    consent = WorkerConsentFactory()
    _disclose(consent.worker, supervisor)
    worker_consent_withdraw(consent=consent, actor=supervisor)
    with pytest.raises(ValidationError) as refused:
        _disclose(consent.worker, supervisor)
    assert timezone.localdate().isoformat() in refused.value.messages[0]  # says when it was withdrawn
    assert HistoryDisclosure.objects.count() == 1


def test_a_consent_covers_only_its_own_scope(supervisor):
    consent = WorkerConsentFactory(scope=PLATFORM)
    with pytest.raises(ValidationError):
        _disclose(consent.worker, supervisor, kind=ENQUIRY)
    assert _disclose(consent.worker, supervisor, kind=PLATFORM).consent == consent


def test_a_consent_counts_only_from_the_moment_it_was_given(supervisor):
    consent = WorkerConsentFactory(given_at=timezone.now())
    with time_machine.travel(consent.given_at - timedelta(hours=1)):
        with pytest.raises(ValidationError):
            _disclose(consent.worker, supervisor)
    assert _disclose(consent.worker, supervisor).consent == consent


def test_a_withdrawal_recorded_late_counts_from_the_workers_letter(supervisor):
    consent = WorkerConsentFactory(given_at=timezone.now() - timedelta(days=30))
    letter = timezone.now() - timedelta(days=3)
    worker_consent_withdraw(consent=consent, actor=supervisor, withdrawn_at=letter)
    with pytest.raises(ValidationError) as refused:
        _disclose(consent.worker, supervisor)
    assert timezone.localdate(letter).isoformat() in refused.value.messages[0]


def test_an_agent_may_not_disclose_a_workers_history(agent):
    consent = WorkerConsentFactory()
    with pytest.raises(PermissionDenied):
        _disclose(consent.worker, agent)
    assert not HistoryDisclosure.objects.exists()


def test_a_withdrawal_dated_before_the_consent_is_refused_and_nothing_changes(supervisor):
    consent = WorkerConsentFactory()
    with pytest.raises(ValidationError) as refused:
        worker_consent_withdraw(consent=consent, actor=supervisor, withdrawn_at=consent.given_at - timedelta(hours=1))
    assert "withdrawn_at" in refused.value.message_dict
    consent.refresh_from_db()
    assert consent.withdrawn_at is None and consent.withdrawn_by is None


def test_a_consent_dated_in_the_future_is_refused(supervisor):
    worker = WorkerFactory()
    with pytest.raises(ValidationError):
        worker_consent_record(
            worker=worker, scope=ENQUIRY, method="app", given_at=timezone.now() + timedelta(days=1), actor=supervisor
        )
    assert not worker.consents.exists()


def test_a_second_consent_in_force_for_the_same_scope_is_refused(supervisor):
    consent = WorkerConsentFactory()
    with pytest.raises(ValidationError):
        worker_consent_record(
            worker=consent.worker, scope=ENQUIRY, method="app", given_at=timezone.now(), actor=supervisor
        )
    worker_consent_withdraw(consent=consent, actor=supervisor)
    again = worker_consent_record(
        worker=consent.worker, scope=ENQUIRY, method="app", given_at=timezone.now(), actor=supervisor
    )
    assert _disclose(consent.worker, supervisor).consent == again


# Two supervisors review an official listing


def test_the_proposer_may_not_approve_their_own_listing(supervisor):
    listing = official_listing_propose(worker=WorkerFactory(), reason="多次盗窃", actor=supervisor)
    with pytest.raises(PermissionDenied) as refused:
        official_listing_approve(listing=listing, actor=supervisor)
    assert refused.value.args[0]
    listing.refresh_from_db()
    assert listing.status == OfficialListing.Status.PROPOSED and listing.reviewed_by is None


def test_a_second_supervisor_approves(supervisor, other_supervisor):
    listing = _approved_listing(WorkerFactory(), supervisor, other_supervisor)
    assert (listing.status, listing.reviewed_by) == (OfficialListing.Status.APPROVED, other_supervisor)


def test_an_agent_may_not_propose_a_listing(agent):
    with pytest.raises(PermissionDenied):
        official_listing_propose(worker=WorkerFactory(), reason="x", actor=agent)
    assert not OfficialListing.objects.exists()


def test_a_listing_needs_its_own_reason(supervisor):
    with pytest.raises(ValidationError):
        official_listing_propose(worker=WorkerFactory(), reason="  ", actor=supervisor)
    assert not OfficialListing.objects.exists()


# Export on a consent in force


def test_export_marks_the_approved_listings_with_the_consent_relied_on(supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=PLATFORM)
    listing = _approved_listing(consent.worker, supervisor, other_supervisor)
    [exported] = official_listings_export(actor=supervisor)
    assert exported == listing
    listing.refresh_from_db()
    assert (listing.status, listing.consent, listing.exported_by) == (
        OfficialListing.Status.EXPORTED,
        consent,
        supervisor,
    )


def test_export_is_refused_when_consent_was_withdrawn_before_it(supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=PLATFORM, worker=WorkerFactory(name="赵阿姨"))
    listing = _approved_listing(consent.worker, supervisor, other_supervisor)
    worker_consent_withdraw(consent=consent, actor=supervisor)
    with pytest.raises(ValidationError) as refused:
        official_listings_export(actor=supervisor)
    assert "赵阿姨" in refused.value.messages[0]
    listing.refresh_from_db()
    assert listing.status == OfficialListing.Status.APPROVED and listing.exported_at is None


def test_a_customer_enquiry_consent_does_not_allow_the_platform_export(supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=ENQUIRY)
    _approved_listing(consent.worker, supervisor, other_supervisor)
    with pytest.raises(ValidationError):
        official_listings_export(actor=supervisor)


def test_one_listing_without_consent_holds_back_the_whole_export(supervisor, other_supervisor):
    with_consent = WorkerConsentFactory(scope=PLATFORM).worker
    _approved_listing(with_consent, supervisor, other_supervisor)
    _approved_listing(WorkerFactory(), supervisor, other_supervisor)
    with pytest.raises(ValidationError):
        official_listings_export(actor=supervisor)
    assert not OfficialListing.objects.filter(status=OfficialListing.Status.EXPORTED).exists()


def test_an_approved_listing_whose_consent_was_withdrawn_can_be_rejected(supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=PLATFORM)
    listing = _approved_listing(consent.worker, supervisor, other_supervisor)
    worker_consent_withdraw(consent=consent, actor=supervisor)
    listing = official_listing_reject(listing=listing, actor=other_supervisor, note="本人撤回授权")
    assert listing.status == OfficialListing.Status.REJECTED
    with pytest.raises(ValidationError):  # nothing approved is left to export
        official_listings_export(actor=supervisor)


# The internal blacklist is the company's own


def test_a_ban_fills_the_internal_blacklist_but_proposes_no_official_listing(supervisor):
    worker = WorkerFactory()
    penalty = penalty_propose(worker=worker, kind=PenaltyKind.BAN, category="fraud", reason="冒用", actor=supervisor)
    penalty_approve(penalty=penalty, actor=supervisor)
    assert BlacklistEntry.objects.filter(identity_hash=worker.identity_hash).exists()
    assert not OfficialListing.objects.exists()


def test_an_exported_listing_adds_nothing_to_the_internal_blacklist(supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=PLATFORM)
    _approved_listing(consent.worker, supervisor, other_supervisor, reason="平台要求：严重失信")
    official_listings_export(actor=supervisor)
    assert not BlacklistEntry.objects.exists()


def test_the_listing_keeps_its_own_reason_beside_the_blacklists(supervisor, other_supervisor):
    worker = WorkerFactory()
    WorkerConsentFactory(worker=worker, scope=PLATFORM)
    ban = penalty_propose(worker=worker, kind=PenaltyKind.BAN, category="fraud", reason="内部原因", actor=supervisor)
    penalty_approve(penalty=ban, actor=supervisor)
    listing = _approved_listing(worker, supervisor, other_supervisor, reason="平台原因")
    entry = BlacklistEntry.objects.get(identity_hash=worker.identity_hash)
    assert (entry.reason_category, listing.reason) == ("fraud", "平台原因")
