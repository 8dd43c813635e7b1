"""The records of later stages that the evidence chain fingerprints: the settlement agreement,
the sent result notice, the payment vouchers.

The investigation stage does not know those records. The stage that keeps them registers a
source when the application starts; a source gives, for one complaint, ``(kind, id,
fingerprint)`` of each record as it is now (``files=False``: without re-reading stored files,
for page views).
"""

from collections.abc import Callable, Iterable

RecordSource = Callable[..., Iterable[tuple[str, int, str]]]

_sources: list[RecordSource] = []


def record_source_register(source: RecordSource) -> None:
    if source not in _sources:
        _sources.append(source)


def record_fingerprints(*, complaint_id: int, files: bool = True) -> dict[tuple[str, int], str]:
    """(kind, record id) -> the record's fingerprint now, from every registered source."""
    return {
        (kind, pk): fingerprint
        for source in _sources
        for kind, pk, fingerprint in source(complaint_id=complaint_id, files=files)
    }
