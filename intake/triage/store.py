"""Which model answers: the active version, else the newest one that loads, else one trained from the corpus.

A damaged or unreadable version never turns a submission into an error: it is marked with its
load error (shown in admin), logged, and the next version answers. Loaded models stay in the
process; which version is active is cached for a minute, so classifying costs no query.
"""

import hashlib
import logging
import pickle
from functools import lru_cache

import sklearn
from django.core.cache import cache

from ..models import ClassifierVersion
from .corpus import TRAIN, corpus_load
from .learn import TriageModel, train

logger = logging.getLogger(__name__)

CANDIDATES_KEY = "triage:candidates"
CANDIDATES_SECONDS = 60
#: (version, checksum) -> model: a row rewritten under the same number is read again.
_loaded: dict[tuple[int, str], TriageModel] = {}


class ModelUnusable(Exception):
    """The stored model cannot be used: checksum mismatch or unpickling failed."""


def model_dump(model: TriageModel) -> tuple[bytes, str]:
    """The model's bytes and their SHA-256, as stored on a ``ClassifierVersion``."""
    data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    return data, hashlib.sha256(data).hexdigest()


def model_read(version: ClassifierVersion) -> TriageModel:
    data = bytes(version.model)
    if hashlib.sha256(data).hexdigest() != version.checksum:
        raise ModelUnusable("checksum mismatch")
    if version.library_version != sklearn.__version__:
        logger.warning(
            "classifier version %s was trained with scikit-learn %s, running %s",
            version.pk,
            version.library_version,
            sklearn.__version__,
        )
    try:
        model = pickle.loads(data)  # noqa: S301 - written only by classifier_train, checksum verified above
    except Exception as error:  # any unpickling failure: truncated data, a missing class, a library change
        raise ModelUnusable(f"{type(error).__name__}: {error}") from error
    if not isinstance(model, TriageModel):
        raise ModelUnusable("not a triage model")
    return model


def candidates_forget() -> None:
    """Called after a training run or a change of the active version."""
    cache.delete(CANDIDATES_KEY)


def _candidates() -> list[tuple[int, str]]:
    """(version, checksum) of the active version first, then the newest others that loaded so far."""
    rows = cache.get(CANDIDATES_KEY)
    if rows is None:
        rows = list(
            ClassifierVersion.objects.filter(load_error="")
            .order_by("-active", "-created_at", "-pk")
            .values_list("pk", "checksum")[:5]
        )
        cache.set(CANDIDATES_KEY, rows, CANDIDATES_SECONDS)
    return rows


def active_model() -> tuple[TriageModel, int | None]:
    """The model to classify with and its version (None: the corpus model trained in this process)."""
    for pk, checksum in _candidates():
        if (pk, checksum) in _loaded:
            return _loaded[(pk, checksum)], pk
        version = ClassifierVersion.objects.filter(pk=pk).first()
        if version is None:
            continue
        try:
            model = model_read(version)
        except ModelUnusable as error:
            logger.warning("classifier version %s cannot be loaded (%s); using the previous one", pk, error)
            ClassifierVersion.objects.filter(pk=pk).update(load_error=str(error)[:300])
            candidates_forget()
            continue
        _loaded.clear()
        _loaded[(pk, version.checksum)] = model
        return model, pk
    return corpus_model(), None


@lru_cache(maxsize=1)
def corpus_model() -> TriageModel:
    """A model trained from the shipped corpus, for a desk that has not stored one yet."""
    logger.info("no stored classifier version: training one from the corpus in this process")
    return train(corpus_load(TRAIN))
