"""Where the examples come from: the labelled corpus shipped in ``data/triage`` and the desk's own confirmations."""

import json
from pathlib import Path

from django.conf import settings

from .learn import Example

TRAIN = "train"
TEST = "test"


def corpus_dir() -> Path:
    return Path(settings.BASE_DIR) / "data" / "triage"


def corpus_load(split: str) -> list[Example]:
    """The corpus's examples of one split, in a stable order (file name, then line)."""
    examples = []
    for path in sorted(corpus_dir().glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["split"] == split:
                examples.append(
                    Example(
                        text=row["text"],
                        category=row["category"],
                        severity=row["severity"],
                        urgent=bool(row["urgent"]),
                        service_type=row["service_type"],
                    )
                )
    return examples
