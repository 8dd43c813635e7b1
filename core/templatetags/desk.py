"""Template helpers shared by every app's pages."""

from django import template

from core import privacy

register = template.Library()


@register.filter
def masked_phone(phone: str) -> str:
    return privacy.mask_phone(phone)


@register.filter
def masked_name(name: str) -> str:
    return privacy.mask_name(name)


@register.filter
def masked_email(email: str) -> str:
    return privacy.mask_email(email)
