"""Versions of the triage model: training, learning from the desk, a damaged model, the supervisors' admin."""

import hashlib
import logging
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from intake.choices import Category, Severity
from intake.models import ClassifierVersion
from intake.services.classifier import classifier_activate, classifier_train
from intake.triage.proposal import propose
from intake.triage.store import active_model, corpus_model, model_dump
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _stored(*, active: bool, data: bytes | None = None, checksum: str | None = None) -> ClassifierVersion:
    """A version holding the corpus model (or the given bytes), without training again."""
    good, good_checksum = model_dump(corpus_model())
    return ClassifierVersion.objects.create(
        corpus_examples=1,
        desk_examples=0,
        model=good if data is None else data,
        checksum=checksum or good_checksum,
        library_version="1.9.1",
        active=active,
    )


def test_training_stores_an_active_version_measured_on_the_test_split():
    version = classifier_train()

    assert version.active
    assert version.corpus_examples >= 600
    assert version.metrics["examples"] >= 150
    assert version.metrics["category"]["accuracy"] >= 0.85
    assert version.metrics["severity"]["accuracy"] >= 0.75
    assert version.metrics["urgent"]["recall"] == 1.0
    assert version.metrics["urgent"]["precision"] >= 0.7
    assert set(version.metrics["category"]["per_label"]) == set(Category.values)
    assert active_model()[1] == version.pk
    assert propose("阿姨迟到两个小时").version == version.pk


def test_the_desk_teaches_the_classifier_wording_the_corpus_never_had():
    text = "喵喵卡充值以后一次都用不了，门店也找不到"
    assert propose(text, model=corpus_model()).category != Category.FRAUD
    for _ in range(12):
        ComplaintFactory(description=text, category=Category.FRAUD, severity=Severity.MAJOR, proposal_accepted=False)
    ComplaintFactory(description="没人确认过的投诉", category=Category.OTHER, proposal_accepted=None)

    version = classifier_train()

    assert version.desk_examples == 12
    assert propose(text).category == Category.FRAUD
    assert classifier_train(include_desk=False, activate=False).desk_examples == 0


def test_a_damaged_active_version_falls_back_to_the_previous_one_with_a_warning(caplog):
    previous = _stored(active=False)
    broken = _stored(active=True, data=b"not a pickle", checksum=hashlib.sha256(b"something else").hexdigest())

    with caplog.at_level(logging.WARNING, logger="intake.triage.store"):
        model, version = active_model()

    assert version == previous.pk
    assert "cannot be loaded" in caplog.text
    broken.refresh_from_db()
    assert broken.load_error == "checksum mismatch"
    assert propose("保洁阿姨迟到了两个小时").category == Category.SERVICE_QUALITY


def test_a_version_that_cannot_be_unpickled_is_marked_and_skipped():
    garbage = b"\x80\x05garbage"
    broken = _stored(active=True, data=garbage, checksum=hashlib.sha256(garbage).hexdigest())

    model, version = active_model()

    assert version is None  # nothing else stored: the corpus model answers
    broken.refresh_from_db()
    assert broken.load_error.startswith("UnpicklingError")


def test_without_any_stored_version_the_corpus_model_classifies():
    model, version = active_model()

    assert version is None
    assert model is corpus_model()


def test_activating_a_version_makes_it_the_one_that_classifies(django_capture_on_commit_callbacks):
    first = _stored(active=True)
    second = _stored(active=False)
    assert active_model()[1] == first.pk

    with django_capture_on_commit_callbacks(execute=True):
        classifier_activate(version=second)

    first.refresh_from_db()
    assert not first.active
    assert active_model()[1] == second.pk


def test_the_weekly_job_retrains_from_the_desk():
    entry = settings.CELERY_BEAT_SCHEDULE["classifier-retrain"]

    assert entry["task"] == "intake.tasks.classifier_retrain"
    assert entry["schedule"].day_of_week == {1}


def test_classifier_eval_prints_accuracy_and_confusion():
    out = StringIO()

    call_command("classifier_eval", stdout=out)

    text = out.getvalue()
    assert "category: accuracy" in text
    assert "confusion" in text
    assert "urgent: recall 100.0%" in text


def test_classifier_train_if_missing_does_nothing_when_a_version_exists():
    _stored(active=True)

    call_command("classifier_train", "--if-missing", stdout=StringIO())

    assert ClassifierVersion.objects.count() == 1


class TestAdmin:
    def test_supervisor_sees_versions_and_their_figures(self, client, supervisor):
        _stored(active=True)
        client.force_login(supervisor)

        response = client.get(reverse("admin:intake_classifierversion_changelist"))

        assert response.status_code == 200
        assert "Classifier version" in response.content.decode() or "分类器" in response.content.decode()

    def test_supervisor_activates_a_version(self, client, supervisor):
        _stored(active=True)
        other = _stored(active=False)
        client.force_login(supervisor)

        client.post(
            reverse("admin:intake_classifierversion_changelist"),
            {"action": "activate", "_selected_action": [other.pk]},
        )

        other.refresh_from_db()
        assert other.active

    def test_a_broken_active_version_is_announced_in_admin(self, client, supervisor):
        _stored(active=True)
        ClassifierVersion.objects.update(load_error="checksum mismatch")
        client.force_login(supervisor)

        response = client.get(reverse("admin:intake_classifierversion_changelist"), follow=True)

        assert "checksum mismatch" in response.content.decode()

    def test_accuracy_page_shows_the_agents_changes_of_the_last_30_days(self, client, supervisor):
        now = timezone.now()
        ComplaintFactory(proposed_category=Category.FRAUD, proposal_accepted=True)
        ComplaintFactory(proposed_category=Category.FRAUD, proposal_accepted=False)
        old = now - timedelta(days=40)
        ComplaintFactory(proposed_category=Category.FRAUD, proposal_accepted=False, received_at=old)
        client.force_login(supervisor)

        response = client.get(reverse("admin:intake_classifierversion_accuracy"))

        row = next(r for r in response.context["rows"] if r["label"] == Category.FRAUD.label)
        assert (row["decided"], row["changed"], row["kept_rate"]) == (2, 1, 0.5)

    def test_train_now_says_so_when_the_broker_is_down(self, client, supervisor):
        client.force_login(supervisor)

        with mock.patch("intake.tasks.classifier_retrain.delay", side_effect=OSError("broker down")):
            response = client.post(reverse("admin:intake_classifierversion_train"), follow=True)

        assert response.status_code == 200
        assert ClassifierVersion.objects.count() == 0
        assert len(list(response.context["messages"])) == 1

    def test_agents_cannot_see_the_classifier_admin(self, client, agent):
        client.force_login(agent)

        response = client.get(reverse("admin:intake_classifierversion_accuracy"))

        assert response.status_code in (302, 403)
