"""The fingerprints of the records that end a complaint: the settlement agreement, the sent result
notice and the payment vouchers. The evidence chain of the investigations stage is the one
place that makes records tamper-evident; these are what it appends for the resolutions stage, so
that a changed settlement, notice or voucher is found by ``verify_evidence``.

A voucher's fingerprint is the SHA-256 of its stored file, taken when it was received
(``Compensation.voucher_sha256``); the settlement's and the notice's are the SHA-256 of their
text in a canonical form, which is what was agreed and sent (the notice's PDF is drawn from
that frozen content, and is not byte-for-byte reproducible).
"""

import hashlib
import json

from .models import Compensation, ResultNotice, SettlementAgreement


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def settlement_fingerprint(agreement: SettlementAgreement) -> str:
    return _sha256(f"{agreement.proposal_id}\n{agreement.terms}")


def notice_fingerprint(notice: ResultNotice) -> str:
    return _sha256(json.dumps(notice.content, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def voucher_fingerprint(item: Compensation) -> str:
    return item.voucher_sha256


def resolution_records(complaint) -> list[tuple[str, int, str]]:
    """(kind, id, fingerprint) of every record of the complaint the chain must cover, oldest first."""
    records = [("settlement", a.pk, settlement_fingerprint(a)) for a in complaint.settlements.order_by("recorded_at")]
    records += [("notice", n.pk, notice_fingerprint(n)) for n in complaint.result_notices.order_by("sent_at")]
    records += [
        ("voucher", item.pk, voucher_fingerprint(item))
        for item in complaint.compensations.exclude(voucher_sha256="").order_by("paid_at")
    ]
    return records
