"""The hash chain's exact format, and every way a chain can break, on items built in memory.

A writer and a checker that change together keep each other green; these known answers pin the
format itself (field names, sort order, separators, UTF-8, UTC times), so a chain written today is
still verifiable after any change of the code.
"""

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from investigations import chain, services
from investigations.models import EvidenceItem
from tests.investigations.factories import investigating_complaint, photo_evidence, png_bytes, text_evidence

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class StoredFile:
    """Stands in for a FieldFile: truthy, opened for reading; ``missing`` makes the storage fail."""

    data: bytes = b""
    missing: bool = False
    opened: int = 0

    def open(self, mode="rb"):
        self.opened += 1
        if self.missing:
            raise FileNotFoundError("evidence/ab/stored-name")
        return io.BytesIO(self.data)


@dataclass
class Item:
    """The fields of an EvidenceItem that the chain reads."""

    sequence: int = 1
    complaint_id: int = 7
    kind: str = "chat_log"
    provided_by: str = "complainant"
    description: str = "阿姨迟到两小时。"
    original_name: str = ""
    content_type: str = ""
    size: int = 0
    collected_at: datetime | None = datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)
    added_by_id: int = 3
    added_at: datetime | None = datetime(2026, 3, 2, 10, 0, 0, 123456, tzinfo=SHANGHAI)
    site_visit_id: int | None = None
    supersedes: "Item | None" = None
    supersede_reason: str = ""
    file: StoredFile | None = None
    attachment_id: int | None = None
    record_id: int | None = None
    content_sha256: str = ""
    record_sha256: str = ""

    @property
    def supersedes_id(self):
        return id(self.supersedes) if self.supersedes else None


#: The canonical JSON of the default item above as the first link, written out by hand.
FIRST_ITEM_CANONICAL = (
    '{"added_at":"2026-03-02T02:00:00.123456+00:00","added_by":3,"collected_at":"2026-03-02T01:30:00+00:00",'
    '"complaint":7,"content_sha256":"c1c5e2a1","content_type":"","description":"阿姨迟到两小时。",'
    '"kind":"chat_log","original_name":"","previous_sha256":"' + "0" * 64 + '","provided_by":"complainant",'
    '"sequence":1,"site_visit":null,"size":0,"supersede_reason":"","supersedes":null}'
)
FIRST_ITEM_SHA256 = "15898a7e56208caeefcfa40a6bd00d2d83fa503e5b700a16c6163f2dc6b9a2ee"

#: The record hashes of ``_fixed_chain()``: a text, a second text, a withdrawal of the first.
KNOWN_CHAIN = [
    "c1f5947d230032251e5ca983bb1b86113ef38c731d50551dcde47d6438de8a27",
    "9e348ed8acedab7c1b92716c72811721f87fb98fecb3ec99e8117821ed7e7153",
    "9de06a4207ac6a8f91b68e050c4cbf13421320302ca4b225cf12dc287ab11b46",
]


def _sealed(item: Item, previous: str) -> Item:
    """Seal an item as the writer does: content hash of the text, record hash over the link."""
    item.content_sha256 = chain.content_sha256(item)
    item.record_sha256 = chain.record_sha256(item, previous_sha256=previous)
    return item


def _fixed_chain() -> list[Item]:
    first = _sealed(Item(sequence=1, description="客户聊天记录"), chain.GENESIS)
    second = _sealed(Item(sequence=2, description="派工单：预约 9:00。", kind="dispatch_sheet"), first.record_sha256)
    third = _sealed(
        Item(sequence=3, description="", supersedes=first, supersede_reason="与本投诉无关", kind="chat_log"),
        second.record_sha256,
    )
    return [first, second, third]


def test_record_hash_of_a_fixed_item_is_the_sha256_of_its_canonical_json():
    item = Item(content_sha256="c1c5e2a1")

    digest = chain.record_sha256(item, previous_sha256=chain.GENESIS)

    assert digest == hashlib.sha256(FIRST_ITEM_CANONICAL.encode("utf-8")).hexdigest()
    assert digest == FIRST_ITEM_SHA256


def test_record_payload_names_every_field_and_the_supersede_pointer_by_position():
    first = Item(sequence=1)
    second = Item(sequence=4, supersedes=first, supersede_reason="录入错误", site_visit_id=9, size=12)

    payload = chain.record_payload(second, previous_sha256="ab" * 32)

    assert payload["supersedes"] == 1
    assert payload["supersede_reason"] == "录入错误"
    assert payload["site_visit"] == 9
    assert payload["size"] == 12
    assert payload["previous_sha256"] == "ab" * 32
    assert payload["collected_at"] == "2026-03-02T01:30:00+00:00"


def test_times_are_hashed_in_utc_whatever_the_time_zone_they_were_read_in():
    local = Item(content_sha256="c1c5e2a1")
    utc = Item(
        content_sha256="c1c5e2a1",
        collected_at=local.collected_at.astimezone(UTC),
        added_at=local.added_at.astimezone(UTC),
    )

    assert chain.record_sha256(local, previous_sha256=chain.GENESIS) == chain.record_sha256(
        utc, previous_sha256=chain.GENESIS
    )


def test_an_item_without_a_collection_time_hashes_it_as_null():
    assert chain.record_payload(Item(collected_at=None), previous_sha256=chain.GENESIS)["collected_at"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"collected_at": datetime(2026, 3, 2, 9, 31, tzinfo=SHANGHAI)},
        {"added_at": datetime(2026, 3, 2, 10, 0, 0, 123457, tzinfo=SHANGHAI)},
        {"supersede_reason": "另一个理由"},
        {"original_name": "kitchen.png"},
        {"content_type": "image/png"},
        {"complaint_id": 8},
        {"added_by_id": 4},
        {"kind": "photo"},
        {"provided_by": "company"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_every_recorded_field_enters_the_hash(change):
    base = chain.record_sha256(Item(), previous_sha256=chain.GENESIS)
    assert chain.record_sha256(Item(**change), previous_sha256=chain.GENESIS) != base


def test_the_supersede_pointer_enters_the_hash():
    first, other = Item(sequence=1), Item(sequence=2)
    pointing_at_first = chain.record_sha256(Item(sequence=3, supersedes=first), previous_sha256=chain.GENESIS)
    pointing_at_second = chain.record_sha256(Item(sequence=3, supersedes=other), previous_sha256=chain.GENESIS)
    pointing_nowhere = chain.record_sha256(Item(sequence=3), previous_sha256=chain.GENESIS)

    assert len({pointing_at_first, pointing_at_second, pointing_nowhere}) == 3


def test_content_hash_of_a_text_item_is_the_sha256_of_its_utf8_text():
    assert chain.content_sha256(Item(description="阿姨迟到")) == hashlib.sha256("阿姨迟到".encode()).hexdigest()


def test_content_hash_of_a_file_item_reads_the_stored_bytes_not_the_text():
    item = Item(description="ignored", file=StoredFile(b"\x89PNG fixed bytes"))
    assert chain.content_sha256(item) == hashlib.sha256(b"\x89PNG fixed bytes").hexdigest()


def test_file_hash_reads_from_the_start_in_chunks_and_rewinds():
    data = bytes(range(256)) * 600  # larger than one 64 KiB chunk
    handle = io.BytesIO(data)
    handle.seek(1000)

    assert chain.file_sha256(handle) == hashlib.sha256(data).hexdigest()
    assert handle.tell() == 0


def test_a_fixed_chain_has_known_hashes():
    first, second, third = _fixed_chain()

    assert first.content_sha256 == hashlib.sha256("客户聊天记录".encode()).hexdigest()
    assert [first.record_sha256, second.record_sha256, third.record_sha256] == KNOWN_CHAIN
    assert chain.chain_check([first, second, third]) == chain.ChainStatus(True, 3)


def test_each_link_depends_on_the_one_before():
    first, second, _ = _fixed_chain()
    assert second.record_sha256 != chain.record_sha256(second, previous_sha256=chain.GENESIS)
    assert first.record_sha256 == chain.record_sha256(first, previous_sha256=chain.GENESIS)


def test_items_are_checked_in_sequence_order_whatever_order_they_come_in():
    first, second, third = _fixed_chain()
    assert chain.chain_check([third, first, second]) == chain.ChainStatus(True, 3)


def test_an_empty_chain_is_intact_with_no_items():
    assert chain.chain_check([]) == chain.ChainStatus(True, 0)


def test_a_link_resealed_on_a_wrong_predecessor_is_reported_at_that_item():
    first, second, third = _fixed_chain()
    second.description = "派工单：预约 10:00。"
    _sealed(second, chain.GENESIS)  # content and record hash recomputed, but not linked to item 1

    status = chain.chain_check([first, second, third])

    assert status == chain.ChainStatus(False, 2, broken_at=2, problem="record")


def test_a_resealed_link_breaks_the_next_item():
    first, second, third = _fixed_chain()
    second.description = "派工单：预约 10:00。"
    _sealed(second, first.record_sha256)

    assert chain.chain_check([first, second, third]) == chain.ChainStatus(False, 3, broken_at=3, problem="record")


def test_changed_text_is_a_content_problem_at_that_item():
    first, second, third = _fixed_chain()
    first.description = "改过的记录"

    assert chain.chain_check([first, second, third]) == chain.ChainStatus(False, 1, broken_at=1, problem="content")


def test_a_missing_first_item_is_not_intact():
    _, second, third = _fixed_chain()

    assert chain.chain_check([second, third]) == chain.ChainStatus(False, 1, broken_at=1, problem="missing")


def test_a_missing_middle_item_is_reported_where_the_gap_is():
    first, _, third = _fixed_chain()

    assert chain.chain_check([first, third]) == chain.ChainStatus(False, 2, broken_at=2, problem="missing")


def test_page_view_check_trusts_the_recorded_file_hash_without_reading_the_file():
    stored = StoredFile(b"photo bytes")
    item = Item(description="", file=stored)
    _sealed(item, chain.GENESIS)
    stored.opened = 0
    stored.data = b"replaced bytes"

    assert chain.chain_check([item], files=False) == chain.ChainStatus(True, 1)
    assert stored.opened == 0
    assert chain.chain_check([item]) == chain.ChainStatus(False, 1, broken_at=1, problem="content")


def test_page_view_check_still_rehashes_text_items():
    first, second, third = _fixed_chain()
    second.description = "改过的记录"

    assert chain.chain_check([first, second, third], files=False) == chain.ChainStatus(
        False, 2, broken_at=2, problem="content"
    )


def test_page_view_check_still_checks_the_record_hash_of_file_items():
    item = Item(description="", file=StoredFile(b"photo bytes"))
    _sealed(item, chain.GENESIS)
    item.original_name = "renamed.png"

    assert chain.chain_check([item], files=False) == chain.ChainStatus(False, 1, broken_at=1, problem="record")


def test_a_deleted_or_unreadable_stored_file_is_reported_as_a_file_problem():
    first, second, _ = _fixed_chain()
    photo = Item(sequence=3, description="", file=StoredFile(b"photo bytes"))
    _sealed(photo, second.record_sha256)
    photo.file.missing = True

    assert chain.chain_check([first, second, photo]) == chain.ChainStatus(False, 3, broken_at=3, problem="file")
    # The page view does not open the file, so it cannot notice.
    assert chain.chain_check([first, second, photo], files=False) == chain.ChainStatus(True, 3)


# The writer: items written through the services carry exactly these links.


def _verify(complaint):
    return services.evidence_chain_verify(complaint_id=complaint.pk)[complaint.pk]


@pytest.mark.django_db
def test_each_written_item_is_sealed_on_the_record_hash_of_the_one_before(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    first = text_evidence(complaint, actor=investigator)
    second = photo_evidence(complaint, actor=investigator)

    assert first.record_sha256 == chain.record_sha256(first, previous_sha256=chain.GENESIS)
    assert second.record_sha256 == chain.record_sha256(second, previous_sha256=first.record_sha256)
    assert second.content_sha256 == hashlib.sha256(png_bytes()).hexdigest()


@pytest.mark.django_db
def test_a_stored_link_sealed_on_the_genesis_instead_of_its_predecessor_is_found(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    second = text_evidence(complaint, actor=investigator)
    text_evidence(complaint, actor=investigator)
    EvidenceItem.objects.filter(pk=second.pk).update(
        record_sha256=chain.record_sha256(second, previous_sha256=chain.GENESIS)
    )

    assert _verify(complaint) == chain.ChainStatus(False, 2, broken_at=2, problem="record")


@pytest.mark.django_db
def test_a_deleted_evidence_file_breaks_the_verified_chain_but_not_the_page_view(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    text_evidence(complaint, actor=investigator)
    photo = photo_evidence(complaint, actor=investigator)
    photo.file.storage.delete(photo.file.name)

    assert _verify(complaint) == chain.ChainStatus(False, 2, broken_at=2, problem="file")
    items = list(EvidenceItem.objects.filter(complaint=complaint).select_related("supersedes"))
    assert chain.chain_check(items, files=False) == chain.ChainStatus(True, 2)
    # The workbench's check on each page view reads no file either.
    assert services.complaint_chain_check(complaint_id=complaint.pk, items=items, files=False) == chain.ChainStatus(
        True, 2
    )


@pytest.mark.django_db
def test_superseding_is_hashed_with_the_old_items_position(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    old = text_evidence(complaint, actor=investigator)
    text_evidence(complaint, actor=investigator)

    new = services.evidence_supersede(item_id=old.pk, actor=investigator, reason="录入错误", description="更正")

    assert chain.record_payload(new, previous_sha256="")["supersedes"] == 1
    assert _verify(complaint) == chain.ChainStatus(True, 3)


#: Links of the kinds added later: a complainant's adopted file and a settlement's fingerprint.
ADOPTED_FILE_SHA256 = "90d4fd2529992c74fb29f1493d1dd7c45df475fef9c7f5b8be93c309c0844a18"
SETTLEMENT_LINK_SHA256 = "a2d063b8f33494c059a5449a0207bab88c31145f1dd71f60592362526e1d1d61"


def _adopted_file() -> Item:
    return Item(
        kind="photo",
        description="",
        attachment_id=41,
        content_sha256="d1" * 32,
        original_name="地板.png",
        content_type="image/png",
        size=1234,
    )


def _settlement_link() -> Item:
    return Item(
        kind="settlement",
        provided_by="company",
        description="退还服务费 200.00 元",
        record_id=5,
        content_sha256="e2" * 32,
    )


def test_links_of_the_older_kinds_hash_no_attachment_or_record_key():
    assert not {"attachment", "record"} & set(chain.record_payload(Item(), previous_sha256=chain.GENESIS))


def test_an_adopted_file_and_a_record_link_hash_their_source_id_beside_the_older_fields():
    older = chain.record_payload(Item(**{**_adopted_file().__dict__, "attachment_id": None}), previous_sha256="0" * 64)
    assert chain.record_payload(_adopted_file(), previous_sha256="0" * 64) == {**older, "attachment": 41}
    assert chain.record_payload(_settlement_link(), previous_sha256="0" * 64)["record"] == 5
    assert chain.record_sha256(_adopted_file(), previous_sha256=chain.GENESIS) == ADOPTED_FILE_SHA256
    assert chain.record_sha256(_settlement_link(), previous_sha256=chain.GENESIS) == SETTLEMENT_LINK_SHA256


def test_a_chain_of_the_older_kinds_still_verifies_and_extends_with_record_links():
    items = _fixed_chain()
    assert [item.record_sha256 for item in items] == KNOWN_CHAIN
    link = _settlement_link()
    link.sequence = 4
    link.record_sha256 = chain.record_sha256(link, previous_sha256=items[-1].record_sha256)
    records = {("settlement", 5): "e2" * 32}
    assert chain.chain_check([*items, link], records=records).intact
    changed = chain.chain_check([*items, link], records={("settlement", 5): "f3" * 32})
    assert (changed.broken_at, changed.problem) == (4, "content")
    gone = chain.chain_check([*items, link], records={})
    assert (gone.broken_at, gone.problem) == (4, "content")


def test_only_the_latest_link_of_a_record_is_compared_with_the_record_now():
    first = _settlement_link()
    first.record_sha256 = chain.record_sha256(first, previous_sha256=chain.GENESIS)
    amended = Item(**{**_settlement_link().__dict__, "sequence": 2, "content_sha256": "f3" * 32, "supersedes": first})
    amended.record_sha256 = chain.record_sha256(amended, previous_sha256=first.record_sha256)
    assert chain.chain_check([first, amended], records={("settlement", 5): "f3" * 32}).intact
    assert chain.chain_check([first, amended], records={("settlement", 5): "e2" * 32}).broken_at == 2
