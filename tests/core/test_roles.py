from django.contrib.auth.models import Group, Permission

from core import roles


def test_every_role_is_a_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_LABELS)


def test_every_listed_permission_exists(db):
    for role, perms in roles.ROLE_PERMISSIONS.items():
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), (
                role,
                dotted,
            )


def test_agent_may_accept_but_not_see_personal_data_or_archive(agent):
    assert agent.has_perm("intake.accept_complaint")
    assert not agent.has_perm("intake.view_personal_data")
    assert not agent.has_perm("intake.archive_complaint")


def test_supervisor_sees_personal_data_and_archives(supervisor):
    assert supervisor.has_perm("intake.view_personal_data")
    assert supervisor.has_perm("intake.archive_complaint")


def test_ruling_panel_member_only_rules(panel):
    member = panel[0]
    assert member.has_perm("intake.rule_complaint")
    assert not member.has_perm("intake.accept_complaint")


def test_manager_cannot_work_complaints(manager):
    assert not manager.has_perm("intake.accept_complaint")
    assert not manager.has_perm("intake.view_personal_data")


def test_permissions_are_reapplied_after_migrate(db):
    group = Group.objects.get(name=roles.AGENT)
    group.permissions.clear()
    roles.sync_role_permissions()
    assert group.permissions.filter(codename="accept_complaint").exists()
