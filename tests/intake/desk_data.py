"""Input of the agent's registration screen, shared by the desk tests."""

from django.utils import timezone

from intake.choices import Channel, ServiceType


def registration_fields(**overrides) -> dict:
    """Keyword arguments of ``complaint_register`` as the registration screen passes them."""
    fields = {
        "channel": Channel.HOTLINE,
        "complainant_name": "李女士",
        "phone": "13912345678",
        "service_type": ServiceType.CLEANING,
        "order_number": "SO-2026-0001",
        "description": "保洁阿姨迟到两个小时，没打扫厨房。",
        "demands": ["apology"],
    }
    fields.update(overrides)
    return fields


def registration_post(**overrides) -> dict:
    """The registration screen's POST body (step one)."""
    data = {
        "channel": Channel.HOTLINE,
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "complainant_name": "李女士",
        "phone": "139 1234 5678",
        "service_type": ServiceType.CLEANING,
        "order_number": "SO-2026-0001",
        "description": "保洁阿姨迟到两个小时，没打扫厨房。",
        "demands": ["apology"],
        "idempotency_key": "key-0001-abcdefghijklmnop",
        "preview": "1",
    }
    data.update(overrides)
    return data
