"""Valid public-form input and small real files, shared by the public intake tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

IDEMPOTENCY_KEY = "k" * 32


def complaint_post_data(**overrides) -> dict:
    data = {
        "complainant_name": "张三",
        "phone": "138 1234 5678",
        "service_type": "cleaning",
        "order_number": "SO-2026-0001",
        "description": "保洁阿姨迟到两个小时，而且没有打扫厨房。",
        "demands": ["refund", "apology"],
        "reply_within": "1d",
        "privacy_consent": "on",
        "idempotency_key": IDEMPOTENCY_KEY,
    }
    data.update(overrides)
    return data


def image_bytes(image_format: str = "PNG", *, exif_gps: bool = False, size=(32, 24)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    output = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif.get_ifd(0x8825)[2] = (39.0, 54.0, 27.0)  # GPSLatitude
        kwargs["exif"] = exif
    image.save(output, format=image_format, **kwargs)
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return upload(name, image_bytes("PNG"), "image/png")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP3_BYTES = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
