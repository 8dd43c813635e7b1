"""Training and choosing the triage model (``manage.py classifier_train``, the weekly job, admin)."""

import logging

import sklearn
from django.db import transaction

from ..models import ClassifierVersion, Complaint
from ..triage.corpus import TEST, TRAIN, corpus_load
from ..triage.evaluation import evaluate
from ..triage.learn import Example, train
from ..triage.store import candidates_forget, model_dump

logger = logging.getLogger(__name__)

#: The newest confirmations a training run reads: enough to learn the desk's wording, bounded in time.
DESK_EXAMPLES_MAX = 20000


def desk_examples() -> list[Example]:
    """Complaints whose classification an agent decided (confirmed or corrected the proposal)."""
    rows = (
        Complaint.objects.filter(proposal_accepted__isnull=False)
        .exclude(category="")
        .order_by("-received_at")
        .values_list("description", "category", "severity", "urgent", "service_type")[:DESK_EXAMPLES_MAX]
    )
    return [Example(*row) for row in rows]


def classifier_train(*, actor=None, include_desk: bool = True, activate: bool = True) -> ClassifierVersion:
    """Train a new version from the corpus (and the desk's confirmations), measure it on the test split, store it.

    The test split is never trained on, so its figures compare versions fairly.
    """
    corpus = corpus_load(TRAIN)
    desk = desk_examples() if include_desk else []
    model = train(corpus + desk)
    metrics = evaluate(model, corpus_load(TEST))
    data, checksum = model_dump(model)
    with transaction.atomic():
        if activate:
            ClassifierVersion.objects.filter(active=True).update(active=False)
        version = ClassifierVersion.objects.create(
            trained_by=actor,
            corpus_examples=len(corpus),
            desk_examples=len(desk),
            metrics=metrics,
            model=data,
            checksum=checksum,
            library_version=sklearn.__version__,
            active=activate,
        )
        transaction.on_commit(candidates_forget)
    logger.info(
        "classifier version %s trained on %s corpus and %s desk examples: category %.3f, severity %.3f",
        version.pk,
        len(corpus),
        len(desk),
        metrics["category"]["accuracy"],
        metrics["severity"]["accuracy"],
    )
    return version


@transaction.atomic
def classifier_activate(*, version: ClassifierVersion) -> ClassifierVersion:
    """Make ``version`` the one that classifies new complaints (its load error, if any, is cleared to retry)."""
    ClassifierVersion.objects.filter(active=True).exclude(pk=version.pk).update(active=False)
    version.active = True
    version.load_error = ""
    version.save(update_fields=["active", "load_error"])
    transaction.on_commit(candidates_forget)
    return version
