"""Phones of external team members are personal data (domain.md §8): shown masked, like every phone."""

from core.privacy import mask_phone


def external_member_phone(member) -> str:
    return mask_phone(member.phone)
