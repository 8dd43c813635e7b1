"""Complaints brought to the investigation stage through the real services."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from intake.locking import complaint_save
from investigations import services
from investigations.models.evidence import EvidenceKind
from investigations.models.investigation import Party
from tests.factories import ComplaintFactory


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def accepted_complaint(*, agent, **fields):
    complaint = ComplaintFactory(**fields)
    complaint.accept(by=agent)
    complaint_save(complaint)
    return complaint


def investigating_complaint(*, agent, lead, members=()):
    complaint = accepted_complaint(agent=agent)
    services.investigation_start(complaint_id=complaint.pk, actor=agent, lead=lead, members=members)
    complaint.refresh_from_db()
    return complaint


def text_evidence(complaint, *, actor, text="客户提供的聊天记录：阿姨迟到两小时。"):
    return services.evidence_add(
        complaint_id=complaint.pk,
        actor=actor,
        kind=EvidenceKind.CHAT_LOG,
        provided_by=Party.COMPLAINANT,
        collected_at=timezone.now(),
        description=text,
    )


def photo_evidence(complaint, *, actor):
    return services.evidence_add(
        complaint_id=complaint.pk,
        actor=actor,
        kind=EvidenceKind.PHOTO,
        provided_by=Party.COMPLAINANT,
        collected_at=timezone.now(),
        upload=SimpleUploadedFile("kitchen.png", png_bytes(), content_type="image/png"),
    )


REPORT_FIELDS = {
    "service_quality": "厨房未打扫。",
    "worker_conduct": "迟到两小时，未提前告知。",
    "needs_understanding": "理解客户需求。",
    "communication": "沟通不足。",
    "responsibility": "worker",
    "fault_degree": "major",
    "responsible_name": "李阿姨",
    "conclusion": "服务人员负主要责任。",
}


def submitted_report(complaint, *, actor):
    return services.report_submit(complaint_id=complaint.pk, actor=actor, **REPORT_FIELDS)
