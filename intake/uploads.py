"""Evidence files: checked by their content, stored under random names with the complaint.

The file's name and the browser's content type are what an attacker controls, so neither decides
anything: the first bytes do (``filetype``), images must also open and decode in Pillow, and
photos are re-encoded so that EXIF (the GPS position of the customer's home) never reaches
storage. Anything outside the short list below is refused with a message naming the file.
"""

import hashlib
import io
import logging
import os
import unicodedata
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from .models import Attachment, Complaint

logger = logging.getLogger(__name__)

#: content type detected from the bytes -> (kind, Pillow format for re-encoding images)
ALLOWED_TYPES: dict[str, tuple[str, str | None]] = {
    "image/jpeg": (Attachment.Kind.IMAGE, "JPEG"),
    "image/png": (Attachment.Kind.IMAGE, "PNG"),
    "image/apng": (Attachment.Kind.IMAGE, "PNG"),
    "image/webp": (Attachment.Kind.IMAGE, "WEBP"),
    "image/gif": (Attachment.Kind.IMAGE, "GIF"),
    "video/mp4": (Attachment.Kind.VIDEO, None),
    "video/quicktime": (Attachment.Kind.VIDEO, None),
    "video/webm": (Attachment.Kind.VIDEO, None),
    "audio/mpeg": (Attachment.Kind.AUDIO, None),
    "audio/mp4": (Attachment.Kind.AUDIO, None),
    "audio/x-wav": (Attachment.Kind.AUDIO, None),
    "audio/ogg": (Attachment.Kind.AUDIO, None),
    "audio/amr": (Attachment.Kind.AUDIO, None),
    "application/pdf": (Attachment.Kind.PDF, None),
}
_IMAGE_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
#: Content types a browser may show inline: raster images we decoded and re-encoded ourselves.
INLINE_CONTENT_TYPES = frozenset(_IMAGE_CONTENT_TYPES.values())
# A photo from a phone is a few tens of megapixels; anything far beyond is a decompression bomb.
_MAX_IMAGE_PIXELS = 80_000_000


@dataclass
class CheckedUpload:
    """An upload that passed every check, ready to be stored."""

    original_name: str
    kind: str
    content_type: str
    content: File
    size: int
    sha256: str


def upload_name_clean(name: str) -> str:
    """The file's own name without any path, control characters or excessive length, for display."""
    name = os.path.basename(str(name).replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:200] or "file"


def uploads_check(files) -> list[CheckedUpload]:
    """Check every file and their total; raise one ValidationError listing every problem."""
    errors: list[str] = []
    checked: list[CheckedUpload] = []
    max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    if len(files) > max_files:
        raise ValidationError(_("Please send at most %(count)d files.") % {"count": max_files})
    for upload in files:
        try:
            checked.append(upload_check(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    total = sum(upload.size for upload in files)
    if total > settings.COMPLAINT_MAX_TOTAL_UPLOAD:
        errors.append(
            _("Together the files are %(size)s; the limit for one complaint is %(limit)s.")
            % {"size": filesizeformat(total), "limit": filesizeformat(settings.COMPLAINT_MAX_TOTAL_UPLOAD)}
        )
    if errors:
        raise ValidationError(errors)
    return checked


def upload_check(upload) -> CheckedUpload:
    name = upload_name_clean(upload.name)
    if upload.size > settings.COMPLAINT_MAX_FILE_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s; each file may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.COMPLAINT_MAX_FILE_SIZE),
            }
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    upload.seek(0)
    detected = filetype.guess(upload.read(8192))
    upload.seek(0)
    if detected is None or detected.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a file type we accept. Please send photos (JPEG, PNG, WebP, GIF), "
                "videos (MP4, MOV, WebM), audio (MP3, M4A, WAV, OGG, AMR) or PDF documents."
            )
            % {"name": name}
        )
    kind, image_format = ALLOWED_TYPES[detected.mime]
    if image_format:
        content, content_type = _image_reencode(upload, name=name, image_format=image_format)
    else:
        content, content_type = upload, detected.mime
    return CheckedUpload(
        original_name=name,
        kind=kind,
        content_type=content_type,
        content=content,
        size=content.size,
        sha256=_sha256(content),
    )


def _image_reencode(upload, *, name: str, image_format: str) -> tuple[ContentFile, str]:
    """Decode the image fully and write it again: proves it is an image, drops EXIF/GPS and any
    bytes smuggled after the pixels."""
    refused = ValidationError(_("“%(name)s” looks like an image but cannot be opened as one.") % {"name": name})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format != image_format or image.width * image.height > _MAX_IMAGE_PIXELS:
                    raise refused
                output = io.BytesIO()
                if image_format == "GIF":
                    image.save(output, format="GIF", save_all=getattr(image, "n_frames", 1) > 1)
                else:
                    clean = ImageOps.exif_transpose(image)
                    if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
                        clean = clean.convert("RGB")
                    clean.save(output, format=image_format, **({"quality": 90} if image_format != "PNG" else {}))
    except ValidationError:
        raise
    except Exception:  # Pillow raises many types for broken or hostile files
        logger.info("Refused an upload that is not a decodable image")
        raise refused
    finally:
        upload.seek(0)
    return ContentFile(output.getvalue()), _IMAGE_CONTENT_TYPES[image_format]


def _sha256(content: File) -> str:
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def attachments_store(*, complaint: Complaint, uploads: list[CheckedUpload]) -> list[Attachment]:
    """Save the checked files with the complaint. Call inside the complaint's transaction.

    The rows roll back with the complaint; the files written so far are deleted here if saving
    fails part-way, and by the caller (``attachments_discard``) if its transaction fails later.
    """
    stored: list[Attachment] = []
    try:
        for upload in uploads:
            attachment = Attachment(
                complaint=complaint,
                kind=upload.kind,
                content_type=upload.content_type,
                original_name=upload.original_name,
                size=upload.size,
                sha256=upload.sha256,
            )
            upload.content.seek(0)
            attachment.file.save("upload", upload.content, save=False)
            stored.append(attachment)
            attachment.save()
    except Exception:
        attachments_discard(stored)
        raise
    return stored


def attachments_discard(attachments: list[Attachment]) -> None:
    """Delete stored files whose rows did not survive (their transaction rolled back)."""
    for attachment in attachments:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
