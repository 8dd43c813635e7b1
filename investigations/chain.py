"""The evidence hash chain: how a record is hashed and how a chain is checked.

``record_sha256 = sha256(canonical JSON of the item's fields, its content hash and the previous
item's record_sha256)``. Canonical JSON (sorted keys, no spaces, UTF-8) makes the hash the same
on every database and Python version; times are hashed in UTC at microsecond precision, which
SQLite and PostgreSQL both keep.

A link that adopts a complainant's file or fingerprints a record of a later stage (settlement,
notice, voucher) also hashes that file's or record's id; the key is absent from every other link,
so the hashes of chains written before these links existed are unchanged.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

#: The chain's anchor: the "previous record hash" of a complaint's first item.
GENESIS = "0" * 64


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _utc(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def record_payload(item, *, previous_sha256: str) -> dict:
    """Every field that gives the item its meaning; the supersede pointer by chain position."""
    payload = {
        "complaint": item.complaint_id,
        "sequence": item.sequence,
        "kind": item.kind,
        "provided_by": item.provided_by,
        "description": item.description,
        "original_name": item.original_name,
        "content_type": item.content_type,
        "size": item.size,
        "collected_at": _utc(item.collected_at),
        "added_by": item.added_by_id,
        "added_at": _utc(item.added_at),
        "site_visit": item.site_visit_id,
        "supersedes": item.supersedes.sequence if item.supersedes_id else None,
        "supersede_reason": item.supersede_reason,
        "content_sha256": item.content_sha256,
        "previous_sha256": previous_sha256,
    }
    if item.attachment_id is not None:
        payload["attachment"] = item.attachment_id
    if item.record_id is not None:
        payload["record"] = item.record_id
    return payload


def record_sha256(item, *, previous_sha256: str) -> str:
    payload = record_payload(item, previous_sha256=previous_sha256)
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return sha256_hex(canonical.encode("utf-8"))


def content_sha256(item) -> str:
    """The hash of what the item holds now: the stored file's bytes, or else its text."""
    if item.file:
        with item.file.open("rb") as handle:
            return file_sha256(handle)
    return sha256_hex(item.description.encode("utf-8"))


@dataclass(frozen=True)
class ChainStatus:
    intact: bool
    count: int
    #: Sequence number of the first item that does not match (None when intact).
    broken_at: int | None = None
    problem: str = ""


def chain_check(items: Iterable, *, files: bool = True, records: Mapping | None = None) -> ChainStatus:
    """Walk a complaint's items in sequence order and stop at the first one that does not match.

    With ``files=False`` stored files are not re-read (their recorded hash still enters the
    record hash): cheap enough for every page view. ``records`` maps (kind, record id) to the
    fingerprint the owning stage gives that record now; the latest link of each record must
    hold it (an earlier link of an amended settlement or a repaid voucher keeps its own).
    """
    items = list(_ordered(items))
    latest = {(item.kind, item.record_id): item.sequence for item in items if item.record_id is not None}
    records = records or {}
    previous = GENESIS
    count = 0
    for expected, item in enumerate(items, start=1):
        count = expected
        if item.sequence != expected:
            return ChainStatus(False, count, broken_at=expected, problem="missing")
        if item.record_id is not None:
            key = (item.kind, item.record_id)
            content = records.get(key) if latest[key] == item.sequence else item.content_sha256
        elif files or not item.file:
            try:
                content = content_sha256(item)
            except OSError:
                return ChainStatus(False, count, broken_at=item.sequence, problem="file")
        else:
            content = item.content_sha256
        if content != item.content_sha256:
            return ChainStatus(False, count, broken_at=item.sequence, problem="content")
        if record_sha256(item, previous_sha256=previous) != item.record_sha256:
            return ChainStatus(False, count, broken_at=item.sequence, problem="record")
        previous = item.record_sha256
    return ChainStatus(True, count)


def _ordered(items: Iterable) -> Iterator:
    return iter(sorted(items, key=lambda item: item.sequence))
