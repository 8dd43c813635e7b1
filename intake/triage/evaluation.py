"""How good a model is, measured the way agents meet it: the whole proposal on texts it never saw."""

from collections import Counter

from ..choices import Category, ServiceType, Severity
from .learn import Example, TriageModel
from .proposal import propose

LABELS = {"category": Category.values, "severity": Severity.values, "service_type": ServiceType.values}


def _per_label(pairs: list[tuple[str, str]], labels: list[str]) -> dict[str, dict[str, float]]:
    """Precision, recall and support of each label from (truth, proposed) pairs."""
    truth = Counter(t for t, _ in pairs)
    proposed = Counter(p for _, p in pairs)
    right = Counter(t for t, p in pairs if t == p)
    return {
        label: {
            "precision": round(right[label] / proposed[label], 3) if proposed[label] else 0.0,
            "recall": round(right[label] / truth[label], 3) if truth[label] else 0.0,
            "support": truth[label],
        }
        for label in labels
    }


def _confusion(pairs: list[tuple[str, str]], labels: list[str]) -> list[list[int]]:
    """Rows: the true label; columns: the proposed one; both in ``labels`` order."""
    counts = Counter(pairs)
    return [[counts[(truth, proposed)] for proposed in labels] for truth in labels]


def evaluate(model: TriageModel, examples: list[Example]) -> dict:
    """Accuracy, per-label precision and recall, confusion matrices, and urgent recall and precision."""
    proposals = [propose(example.text, model=model) for example in examples]
    metrics: dict = {"examples": len(examples)}
    for field, labels in LABELS.items():
        pairs = [(getattr(e, field), getattr(p, field)) for e, p in zip(examples, proposals, strict=True)]
        metrics[field] = {
            "accuracy": round(sum(t == p for t, p in pairs) / len(pairs), 3) if pairs else 0.0,
            "per_label": _per_label(pairs, labels),
            "confusion": _confusion(pairs, labels),
        }
    flagged = [(e.urgent, p.urgent) for e, p in zip(examples, proposals, strict=True)]
    hits = sum(t and p for t, p in flagged)
    metrics["urgent"] = {
        "recall": round(hits / sum(t for t, _ in flagged), 3) if any(t for t, _ in flagged) else 1.0,
        "precision": round(hits / sum(p for _, p in flagged), 3) if any(p for _, p in flagged) else 1.0,
        "support": sum(t for t, _ in flagged),
        "missed": [e.text[:80] for e, p in zip(examples, proposals, strict=True) if e.urgent and not p.urgent],
    }
    return metrics
