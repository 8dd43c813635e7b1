"""The fingerprints of the records that end a complaint: the settlement agreement, the sent result
notice and the payment vouchers. The evidence chain of the investigations stage is the one
place that makes records tamper-evident: when one of these records is made, its fingerprint is
appended to the complaint's chain (``investigations.services.evidence_record_append``), and the
chain's check asks this module for the fingerprint now (registered as a record source), so that a
changed settlement, notice or voucher is found by ``verify_evidence``.

A voucher's fingerprint is the SHA-256 of its stored file (taken when it was received,
``Compensation.voucher_sha256``, and re-read from the file when the chain is verified); the
settlement's and the notice's are the SHA-256 of their text in a canonical form, which is what
was agreed and sent (the notice's PDF is drawn from that frozen content, and is not
byte-for-byte reproducible).
"""

import hashlib
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Complaint
from investigations.chain import file_sha256
from investigations.models.evidence import EvidenceKind
from investigations.services import evidence_record_append

from .models import Compensation, ResultNotice, SettlementAgreement


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def settlement_fingerprint(agreement: SettlementAgreement) -> str:
    return _sha256(f"{agreement.proposal_id}\n{agreement.terms}")


def notice_fingerprint(notice: ResultNotice) -> str:
    return _sha256(json.dumps(notice.content, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def voucher_fingerprint(item: Compensation, *, files: bool = True) -> str:
    """The stored file's hash as it is now; with ``files=False``, the hash taken at receipt."""
    if not files:
        return item.voucher_sha256
    try:
        with item.voucher.open("rb") as handle:
            return file_sha256(handle)
    except OSError:  # a voucher whose file is gone matches nothing
        return ""


def resolution_records(*, complaint_id: int, files: bool = True) -> list[tuple[str, int, str]]:
    """(kind, id, fingerprint) of every record of the complaint the chain covers, oldest first."""
    settlements = SettlementAgreement.objects.filter(complaint_id=complaint_id).order_by("recorded_at", "pk")
    notices = ResultNotice.objects.filter(complaint_id=complaint_id).order_by("sent_at", "pk")
    vouchers = (
        Compensation.objects.filter(complaint_id=complaint_id).exclude(voucher_sha256="").order_by("paid_at", "pk")
    )
    records = [(EvidenceKind.SETTLEMENT.value, a.pk, settlement_fingerprint(a)) for a in settlements]
    records += [(EvidenceKind.RESULT_NOTICE.value, n.pk, notice_fingerprint(n)) for n in notices]
    records += [(EvidenceKind.PAYMENT_VOUCHER.value, v.pk, voucher_fingerprint(v, files=files)) for v in vouchers]
    return records


def settlement_chain(complaint: Complaint, agreement: SettlementAgreement, *, actor) -> None:
    """Chain the settlement as recorded; recorded again with amended terms, the new link supersedes."""
    evidence_record_append(
        complaint=complaint,
        actor=actor,
        kind=EvidenceKind.SETTLEMENT,
        record_id=agreement.pk,
        fingerprint=settlement_fingerprint(agreement),
        description=agreement.terms,
        reason=_("Amended settlement agreement recorded."),
    )


def notice_chain(complaint: Complaint, notice: ResultNotice, *, actor) -> None:
    evidence_record_append(
        complaint=complaint,
        actor=actor,
        kind=EvidenceKind.RESULT_NOTICE,
        record_id=notice.pk,
        fingerprint=notice_fingerprint(notice),
        description=_("Result notice sent on %(date)s.") % {"date": f"{timezone.localtime(notice.sent_at):%Y-%m-%d}"},
    )


def voucher_chain(complaint: Complaint, item: Compensation, *, actor) -> None:
    """Chain a payment's voucher as received; a voucher received again after the payment was
    reopened supersedes the earlier link."""
    evidence_record_append(
        complaint=complaint,
        actor=actor,
        kind=EvidenceKind.PAYMENT_VOUCHER,
        record_id=item.pk,
        fingerprint=item.voucher_sha256,
        description=_("Payment voucher: %(item)s") % {"item": item},
        reason=_("A new payment voucher after the payment was reopened."),
    )
