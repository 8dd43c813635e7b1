"""Masking of personal data (domain.md §8): masked by default, full only to roles that need it."""

from .models import PersonalDataAccess


def mask_phone(phone: str) -> str:
    """138****1234: enough to recognise, not enough to call."""
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name: str) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_email(email: str) -> str:
    if "@" not in email:
        return mask_name(email)
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


def can_see_personal_data(user) -> bool:
    return user.has_perm("intake.view_personal_data")


def can_reveal_phone(user, complaint) -> bool:
    """Who may call the complainant: whoever sees personal data (supervisors) and the complaint's own
    agent, who needs the number for the first contact, the confirmation and the callbacks."""
    return can_see_personal_data(user) or (
        complaint.assigned_to_id is not None
        and complaint.assigned_to_id == user.pk
        and user.has_perm("intake.add_contactattempt")
    )


def personal_data_access_log(*, user, complaint, purpose: str = "") -> None:
    PersonalDataAccess.objects.create(user=user, complaint=complaint, purpose=purpose[:100])
