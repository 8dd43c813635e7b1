"""Demo users for every role; each app may add its own demo data in ``<app>/demo.py``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles
from .models import StaffProfile

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed by `make run`; demo data is refused without DEBUG

#: username -> (role, description)
DEMO_USERS = {
    "agent": (roles.AGENT, "客服 customer-service agent"),
    "agent2": (roles.AGENT, "客服 second agent"),
    "investigator": (roles.INVESTIGATOR, "调查人员 investigator"),
    "supervisor": (roles.SUPERVISOR, "主管 supervisor (Django admin)"),
    "panel1": (roles.RULING_PANEL, "裁决小组 ruling panel member"),
    "panel2": (roles.RULING_PANEL, "裁决小组 ruling panel member"),
    "panel3": (roles.RULING_PANEL, "裁决小组 ruling panel member"),
    "gm": (roles.MANAGEMENT, "管理层 general manager"),
    "manager": (roles.MANAGER, "经理 manager (reports)"),
    "admin": (None, "superuser"),
}


def seed_users() -> dict:
    User = get_user_model()
    users = {}
    for username, (role, _label) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role in roles.ADMIN_ROLES or role is None
            user.is_superuser = role is None
            user.save()
            if role:
                user.groups.add(Group.objects.get(name=role))
            # A staff number (工号) for each desk login, recorded on the complaints they receive.
            StaffProfile.objects.create(user=user, staff_number=f"KF{len(users) + 1:03d}")
        users[username] = user
    return users
