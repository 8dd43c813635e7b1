"""Evidence items: an append-only hash chain per complaint (domain.md §4: "an unalterable chain").

Each row stores the SHA-256 of its content and ``record_sha256``, the SHA-256 of its own fields,
its content hash and the previous row's ``record_sha256`` (see ``investigations.chain``). Changing
any row, deleting one or reordering them breaks every hash from there on, which
``evidence_chain_verify`` reports. Rows are never updated or deleted: an item is superseded by a
new row that points at it (``supersedes``) with a reason, and that row is itself part of the chain.

Two kinds of link come from other parties' records rather than from the investigation team:

- a complainant's file adopted as evidence (``attachment``): the link shares the stored file and
  records the SHA-256 taken when the file was received, so the chain proves it unchanged since;
- a record that ends the complaint — the settlement agreement, the sent result notice, a payment
  voucher (``record_id`` with the matching kind): the link records the fingerprint its owning
  stage gives it, and the check asks that stage for the record's fingerprint now.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .investigation import Party


def evidence_path(instance: "EvidenceItem", filename: str) -> str:
    # The stored name is random and carries no part of the uploaded name.
    return f"evidence/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio recording")
    CHAT_LOG = "chat_log", _("Chat log")
    CALL_RECORD = "call_record", _("Call record")
    SERVICE_RECORD = "service_record", _("Service record")
    DISPATCH_SHEET = "dispatch_sheet", _("Dispatch sheet")
    SITE_VISIT_NOTE = "site_visit_note", _("Site-visit note")
    WITNESS_STATEMENT = "witness_statement", _("Witness statement")
    PARTY_STATEMENT = "party_statement", _("Party statement")
    THIRD_PARTY_REPORT = "third_party_report", _("Third-party report")
    DOCUMENT = "document", _("Document")
    SETTLEMENT = "settlement", _("Settlement agreement")
    RESULT_NOTICE = "result_notice", _("Result notice")
    PAYMENT_VOUCHER = "payment_voucher", _("Payment voucher")


#: The kinds whose link fingerprints a record kept by a later stage (``EvidenceItem.record_id``).
RECORD_KINDS = frozenset({EvidenceKind.SETTLEMENT, EvidenceKind.RESULT_NOTICE, EvidenceKind.PAYMENT_VOUCHER})


class EvidenceItem(models.Model):
    complaint = models.ForeignKey(
        "intake.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="evidence_items"
    )
    investigation = models.ForeignKey(
        "investigations.Investigation", on_delete=models.PROTECT, related_name="evidence_items"
    )
    site_visit = models.ForeignKey(
        "investigations.SiteVisit", null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )
    #: Position in the complaint's chain: 1, 2, 3, … without gaps.
    sequence = models.PositiveIntegerField(_("no."))
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    provided_by = models.CharField(_("provided by"), max_length=20, choices=Party.choices)
    description = models.TextField(_("description or text"), blank=True, max_length=10000)
    file = models.FileField(upload_to=evidence_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    collected_at = models.DateTimeField(_("collected at"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    supersede_reason = models.CharField(_("reason for superseding"), max_length=500, blank=True)
    attachment = models.OneToOneField(
        "intake.Attachment",
        verbose_name=_("complainant's file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_item",
    )
    #: The id of the settlement, notice or compensation (voucher) this link fingerprints.
    record_id = models.PositiveBigIntegerField(_("record no."), null=True, blank=True)
    content_sha256 = models.CharField(max_length=64, editable=False)
    record_sha256 = models.CharField(max_length=64, editable=False, unique=True)

    class Meta:
        ordering = ["complaint", "sequence"]
        constraints = [models.UniqueConstraint(fields=["complaint", "sequence"], name="evidence_sequence_unique")]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self) -> str:
        return f"{self.complaint_id} #{self.sequence} {self.get_kind_display()}"

    @property
    def is_withdrawal(self) -> bool:
        """A chain entry that only retires an earlier item, without new content."""
        return self.supersedes_id is not None and not self.file and not self.description

    @property
    def is_inline_image(self) -> bool:
        return self.content_type in {"image/jpeg", "image/png", "image/webp", "image/gif"}
