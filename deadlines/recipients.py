"""Who hears about a missed deadline at each escalation level.

Level 0 is the responsible agent, level 1 every active supervisor. Levels 2 (department head) and 3
(general manager) are the usernames listed in ``DEADLINE_DEPARTMENT_HEADS`` /
``DEADLINE_GENERAL_MANAGERS``; an empty list means every active user of the management group.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from core import roles

from .models import Deadline, EscalationLevel


class Recipients:
    """Looks each group up once per sweep, however many deadlines escalate."""

    def __init__(self) -> None:
        self._cache: dict[str, list] = {}

    def _users(self, key: str, *, usernames: list[str] | None = None, group: str | None = None) -> list:
        if key not in self._cache:
            users = get_user_model().objects.filter(is_active=True).order_by("pk")
            users = users.filter(username__in=usernames) if usernames else users.filter(groups__name=group)
            self._cache[key] = list(users.distinct())
        return self._cache[key]

    def for_level(self, level: int, deadline: Deadline) -> list:
        if level == EscalationLevel.RESPONSIBLE:
            responsible = deadline.responsible or deadline.complaint.assigned_to
            return [responsible] if responsible else self.supervisors()
        if level == EscalationLevel.SUPERVISOR:
            return self.supervisors()
        if level == EscalationLevel.DEPARTMENT_HEAD:
            return self._users("heads", usernames=settings.DEADLINE_DEPARTMENT_HEADS, group=roles.MANAGEMENT)
        return self._users("gms", usernames=settings.DEADLINE_GENERAL_MANAGERS, group=roles.MANAGEMENT)

    def supervisors(self) -> list:
        return self._users("supervisors", group=roles.SUPERVISOR)

    def management(self) -> list:
        heads = self.for_level(EscalationLevel.DEPARTMENT_HEAD, None)
        gms = self.for_level(EscalationLevel.GENERAL_MANAGER, None)
        return list({user.pk: user for user in [*heads, *gms]}.values())
