"""The learned part of triage: category, severity and service type from character n-grams.

Chinese has no spaces between words, and callers' wording is too varied for a word list; overlapping
runs of one to three characters (收费, 不透明, 扣了两) carry the meaning without a segmenter or a
dictionary that would have to be downloaded. One TF-IDF vocabulary feeds one logistic regression
per field, which gives a probability (the confidence shown to the agent) and, per feature, a weight
(the words that drove the proposal).
"""

import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from .text import normalise

#: The fields a model learns; urgency has a detector of its own (``urgent.py``).
FIELDS = ("category", "severity", "service_type")
_WORDLIKE = re.compile(r"^[\u4e00-\u9fffa-z0-9]+$")
#: How many words explain a proposal.
CUE_COUNT = 5


@dataclass(frozen=True)
class Example:
    text: str
    category: str
    severity: str
    urgent: bool
    service_type: str


@dataclass(frozen=True)
class FieldGuess:
    label: str
    confidence: float
    cues: tuple[str, ...] = ()


class TriageModel:
    """A fitted vocabulary and one classifier per field; pickled whole into a ``ClassifierVersion``."""

    def __init__(self, vectorizer: TfidfVectorizer, heads: dict[str, LogisticRegression]):
        self.vectorizer = vectorizer
        self.heads = heads
        self._names = vectorizer.get_feature_names_out()

    def guess(self, text: str) -> dict[str, FieldGuess]:
        """Each field's most likely label, its probability and, for the category, the n-grams that weighed most."""
        features = self.vectorizer.transform([text]).tocsr()
        guesses = {}
        for field, head in self.heads.items():
            probabilities = _softmax(features @ head.coef_.T + head.intercept_)
            best = int(np.argmax(probabilities))
            cues = self._cues(features, head, best) if field == "category" else ()
            guesses[field] = FieldGuess(str(head.classes_[best]), float(probabilities[best]), cues)
        return guesses

    def _cues(self, row, head: LogisticRegression, label_index: int) -> tuple[str, ...]:
        weights = head.coef_[label_index]
        contributions = row.data * weights[row.indices]
        ranked = [
            str(self._names[row.indices[i]])
            for i in np.argsort(-contributions)
            if contributions[i] > 0 and len(self._names[row.indices[i]]) > 1
        ]
        cues: list[str] = []
        for gram in ranked:
            if not _WORDLIKE.match(gram) or any(gram in kept or kept in gram for kept in cues):
                continue
            cues.append(gram)
            if len(cues) == CUE_COUNT:
                break
        return tuple(cues)


def _softmax(scores) -> np.ndarray:
    """The multinomial model's probabilities, as ``predict_proba`` gives them, without its per-call checks
    (they cost more than the arithmetic for a single complaint)."""
    scores = np.asarray(scores)[0]
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


def train(examples: list[Example]) -> TriageModel:
    """Fit the vocabulary and the three heads: well under a second for a thousand complaints.

    One BLAS thread: the problem is small, and a thread pool per core fighting the web and worker
    processes for two cores made training twenty times slower.
    """
    texts = [normalise(example.text) for example in examples]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, max_df=0.5)
    heads = {}
    with threadpool_limits(limits=1):
        matrix = vectorizer.fit_transform(texts)
        for field in FIELDS:
            labels = [getattr(example, field) for example in examples]
            model = LogisticRegression(C=20.0, solver="newton-cg", max_iter=1000, class_weight="balanced")
            heads[field] = model.fit(matrix, labels)
    return TriageModel(vectorizer, heads)
