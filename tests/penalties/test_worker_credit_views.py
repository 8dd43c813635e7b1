"""The sharing screens: a customer's enquiry answered only on consent, the export's file and who may take it."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from penalties.models import ConsentScope, HistoryDisclosure, OfficialListing
from penalties.services.credit import official_listing_approve, official_listing_propose, worker_consent_withdraw
from tests.penalties.factories import WorkerConsentFactory, WorkerFactory, identity_number

pytestmark = pytest.mark.django_db


def _enquiry(client, worker):
    return client.post(
        reverse("history-disclose", args=[worker.pk]),
        {"recipient_kind": ConsentScope.CUSTOMER_ENQUIRY, "recipient": "王女士 订单SO1"},
    )


def test_an_enquiry_without_consent_is_a_message_and_nothing_is_shared(client, supervisor):
    worker = WorkerFactory()
    client.force_login(supervisor)
    response = _enquiry(client, worker)
    assert response["Location"] == reverse("worker-detail", args=[worker.pk])
    assert list(get_messages(response.wsgi_request))
    assert not HistoryDisclosure.objects.exists()


def test_an_enquiry_on_consent_shows_the_summary(client, supervisor):
    consent = WorkerConsentFactory()
    client.force_login(supervisor)
    response = _enquiry(client, consent.worker)
    disclosure = HistoryDisclosure.objects.get()
    assert response["Location"] == reverse("disclosure-detail", args=[disclosure.pk])
    page = client.get(response["Location"]).content.decode()
    assert consent.worker.name in page and "王女士 订单SO1" in page


def test_an_agent_cannot_answer_an_enquiry(client, agent):
    consent = WorkerConsentFactory()
    client.force_login(agent)
    assert _enquiry(client, consent.worker).status_code == 403
    assert not HistoryDisclosure.objects.exists()


def _approved(worker, proposer, reviewer, reason):
    listing = official_listing_propose(worker=worker, reason=reason, actor=proposer)
    return official_listing_approve(listing=listing, actor=reviewer)


def test_the_export_is_a_csv_of_the_approved_listings_in_plain_fields(client, supervisor, other_supervisor):
    number = identity_number(501)
    worker = WorkerFactory(name="孙阿姨", identity_number=number)
    WorkerConsentFactory(worker=worker, scope=ConsentScope.CREDIT_PLATFORM)
    listing = _approved(worker, supervisor, other_supervisor, "=伪造证件")
    client.force_login(supervisor)
    response = client.post(reverse("official-listings-export"))
    assert response["Content-Type"].startswith("text/csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row[:4] == [str(listing.pk), "孙阿姨", f"****{number[-4:]}", "'=伪造证件"]  # a formula is neutralised
    assert number not in response.content.decode("utf-8-sig")
    listing.refresh_from_db()
    assert listing.status == OfficialListing.Status.EXPORTED


def test_a_refused_export_is_a_message_not_a_file(client, supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=ConsentScope.CREDIT_PLATFORM)
    _approved(consent.worker, supervisor, other_supervisor, "严重失信")
    worker_consent_withdraw(consent=consent, actor=supervisor)
    client.force_login(supervisor)
    response = client.post(reverse("official-listings-export"), follow=True)
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/csv")
    assert consent.worker.name in " ".join(str(message) for message in response.context["messages"])


def test_an_agent_may_neither_export_nor_see_the_listings(client, agent, supervisor, other_supervisor):
    consent = WorkerConsentFactory(scope=ConsentScope.CREDIT_PLATFORM)
    listing = _approved(consent.worker, supervisor, other_supervisor, "严重失信")
    client.force_login(agent)
    assert client.post(reverse("official-listings-export")).status_code == 403
    assert client.get(reverse("official-listing-list")).status_code == 403
    listing.refresh_from_db()
    assert listing.status == OfficialListing.Status.APPROVED


def test_the_proposer_sees_no_approve_button_and_a_post_is_refused(client, supervisor, other_supervisor):
    listing = official_listing_propose(worker=WorkerFactory(), reason="严重失信", actor=supervisor)
    client.force_login(supervisor)
    page = client.get(reverse("official-listing-list")).content.decode()
    assert reverse("official-listing-approve", args=[listing.pk]) not in page
    client.post(reverse("official-listing-approve", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == OfficialListing.Status.PROPOSED
    client.force_login(other_supervisor)
    client.post(reverse("official-listing-approve", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == OfficialListing.Status.APPROVED


def test_the_worker_page_offers_the_enquiry_to_supervisors_only(client, agent, supervisor):
    consent = WorkerConsentFactory()
    enquiry = reverse("history-disclose", args=[consent.worker.pk])
    client.force_login(supervisor)
    assert enquiry in client.get(reverse("worker-detail", args=[consent.worker.pk])).content.decode()
    client.force_login(agent)
    assert enquiry not in client.get(reverse("worker-detail", args=[consent.worker.pk])).content.decode()
