"""What every page may show: the complaint hotline and e-mail the company publishes (seed 002:
公示投诉电话与电子邮箱; seed 001: 告知客户投诉的受理渠道)."""

from django.conf import settings


def desk_contact(request) -> dict:
    return {"desk_hotline": settings.DESK_HOTLINE, "desk_email": settings.DESK_EMAIL}
