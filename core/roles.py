"""The desk's roles as Django groups, and the permissions each one holds.

The groups are created by a data migration; their permissions are (re)applied after every
``migrate`` from ``ROLE_PERMISSIONS``, so a permission added by a later app reaches its roles
without a hand-written migration per change.
"""

from django.utils.translation import gettext_lazy as _

AGENT = "agent"
INVESTIGATOR = "investigator"
SUPERVISOR = "supervisor"
RULING_PANEL = "ruling_panel"
MANAGEMENT = "management"
MANAGER = "manager"

ROLE_LABELS = {
    AGENT: _("Customer-service agent"),
    INVESTIGATOR: _("Investigator"),
    SUPERVISOR: _("Supervisor"),
    RULING_PANEL: _("Ruling panel member"),
    MANAGEMENT: _("Management"),
    MANAGER: _("Manager"),
}

_AGENT_WORK = [
    "intake.view_complaint",
    "intake.add_complaint",
    "intake.register_complaint",
    "intake.accept_complaint",
    "intake.mediate_complaint",
    "intake.notify_result",
    "intake.follow_up_complaint",
    "intake.close_complaint",
    "intake.reopen_complaint",
    "intake.withdraw_complaint",
    "intake.refer_complaint",
    "intake.investigate_complaint",
    "intake.escalate_complaint",
    "intake.resolve_on_call",
]

_INVESTIGATION_READ = [
    "investigations.view_investigation",
    "investigations.view_evidenceitem",
    "investigations.view_statement",
    "investigations.view_sitevisit",
    "investigations.view_investigationreport",
    "investigations.view_extensionrequest",
    "investigations.view_findingreview",
    "investigations.view_externalteammember",
    "investigations.view_department",
    "investigations.view_departmentreferral",
    "investigations.view_jointhandlinggroup",
]
#: The review chain after a finding (seed 004): the management department and the general manager.
_FINDING_REVIEW = ["investigations.add_findingreview"]
_INVESTIGATION_WORK = [
    *_INVESTIGATION_READ,
    "investigations.add_evidenceitem",
    "investigations.add_statement",
    "investigations.add_sitevisit",
    "investigations.add_investigationreport",
    "investigations.add_extensionrequest",
    # Routing a complaint to a department for help (seed 004: 转致业务部门协助处理).
    "investigations.add_departmentreferral",
]

_REPORTS_SUPERVISE = [
    "reporting.view_report",
    "reporting.recompute_snapshot",
    "reporting.record_callback",
    "reporting.view_typicalcase",
    "reporting.add_typicalcase",
    "reporting.change_typicalcase",
    "reporting.view_monthlysnapshot",
    # The half-yearly check of the complaint ledger against finance's payments (seed 002).
    "reporting.reconcile_payments",
    "reporting.view_reconciliation",
    # The internal warning bulletin and the quarterly sampling review (seed 002).
    "reporting.add_warningbulletinentry",
    "reporting.change_warningbulletinentry",
    "reporting.conduct_quarterlyreview",
    "reporting.view_quarterlyreview",
    "reporting.view_reviewfinding",
]
#: The internal warning bulletin of typical cases (seed 002) is read by every staff role, never the public.
_BULLETIN_READ = ["reporting.view_warningbulletinentry"]

_PENALTIES_VIEW = [
    "penalties.view_worker",
    "penalties.view_team",
    "penalties.view_serviceorder",
    "penalties.view_penalty",
    "penalties.view_appeal",
    "penalties.view_rectificationplan",
    "penalties.view_processchange",
    "penalties.view_backgroundcheck",
    "penalties.view_trainingrecord",
]
#: Agents and investigators propose penalties, plans and process changes, and record appeals.
_PENALTIES_PROPOSE = [*_PENALTIES_VIEW, "penalties.propose_penalty"]
#: A worker's history outside the company (domain.md §9): supervisors record consents, answer
#: customers' enquiries, and propose, review (a second supervisor) and export official listings.
_WORKER_CREDIT = [
    "penalties.view_workerconsent",
    "penalties.add_workerconsent",
    "penalties.change_workerconsent",
    "penalties.view_historydisclosure",
    "penalties.disclose_worker_history",
    "penalties.view_officiallisting",
    "penalties.propose_officiallisting",
    "penalties.review_officiallisting",
    "penalties.export_officiallisting",
]
#: Supervisors also decide, keep the worker and order records, and run onboarding checks.
_PENALTIES_DECIDE = [
    *_PENALTIES_PROPOSE,
    "penalties.decide_penalty",
    "penalties.check_blacklist",
    "penalties.verify_rectificationplan",
    "penalties.add_rectificationplan",
    "penalties.change_rectificationplan",
    "penalties.add_processchange",
    "penalties.change_processchange",
    "penalties.verify_processchange",
    "penalties.add_backgroundcheck",
    "penalties.change_backgroundcheck",
    "penalties.add_trainingrecord",
    "penalties.change_trainingrecord",
    "penalties.add_worker",
    "penalties.change_worker",
    "penalties.add_team",
    "penalties.change_team",
    "penalties.add_serviceorder",
    "penalties.change_serviceorder",
    "penalties.view_penaltyrule",
    "penalties.add_penaltyrule",
    "penalties.change_penaltyrule",
    "penalties.view_blacklistentry",
    "penalties.view_onboardingcheck",
    "penalties.view_pointsentry",
    "penalties.view_complaintsubject",
    *_WORKER_CREDIT,
    # Praise and accountability of desk staff (seeds 001, 002: 表彰和奖励, 问责, 双追责).
    "penalties.view_handlerrecord",
    "penalties.add_handlerrecord",
    "penalties.record_handlerrecord",
]

#: Everyone who works complaints sees their deadlines; supervisors edit policies and the calendar.
_DEADLINES_VIEW = ["deadlines.view_deadline", "deadlines.view_deadlinepause", "deadlines.view_deadlinenotice"]
_DEADLINES_ADMIN = [
    *_DEADLINES_VIEW,
    "deadlines.view_slapolicy",
    "deadlines.add_slapolicy",
    "deadlines.change_slapolicy",
    "deadlines.view_calendaroverride",
    "deadlines.add_calendaroverride",
    "deadlines.change_calendaroverride",
    "deadlines.delete_calendaroverride",
    "deadlines.view_holidaynotice",
    "deadlines.add_holidaynotice",
    "deadlines.view_deadlinesettings",
    "deadlines.change_deadlinesettings",
]

#: Agents record compensation payments and keep the open matters ledger (seed 004); supervisors
#: also read every resolutions record in admin.
_RESOLUTIONS_WORK = [
    "resolutions.record_payment",
    "resolutions.view_openmatter",
    "resolutions.add_openmatter",
    "resolutions.change_openmatter",
]
#: The advance-payment fund's ledger (seed 002): supervisors keep it, management reads it.
_FUND_READ = ["resolutions.view_fundentry"]
_FUND_KEEP = [*_FUND_READ, "resolutions.add_fundentry"]
#: Archives past retention (seed 001): supervisors propose and carry out, leadership approves.
_DISPOSAL_PROPOSE = ["resolutions.view_retentiondisposal", "resolutions.propose_disposal"]
_DISPOSAL_APPROVE = ["resolutions.view_retentiondisposal", "resolutions.approve_disposal"]
_RESOLUTIONS_READ = [
    f"resolutions.view_{model}"
    for model in (
        "mediationproposal",
        "mediationanswer",
        "settlementagreement",
        "ruling",
        "rulingvote",
        "compensation",
        "resultnotice",
        "followup",
        "withdrawal",
        "externalreferral",
        "openmatter",
    )
]

#: The emergency procedure: every role that works complaints reads the record and records what was
#: done; supervisors and management acknowledge (a lead takes responsibility, seed 004).
_EMERGENCY_READ = ["intake.view_emergency", "intake.view_managementreport", "intake.view_managementdecision"]
_EMERGENCY_RECORD = [*_EMERGENCY_READ, "intake.record_emergency"]
_EMERGENCY_LEAD = [*_EMERGENCY_RECORD, "intake.acknowledge_emergency"]
#: Agents and supervisors report a major complaint to management (seed 003).
_MAJOR_REPORT = ["intake.add_managementreport"]
#: Management records its opinion and its meeting's resolution on a major complaint (seeds 002, 003).
_MAJOR_DECISION = ["intake.add_managementdecision"]
#: Whoever talks to the complainant records each attempt to reach them (seeds 003, 004).
_CONTACT = ["intake.view_contactattempt", "intake.add_contactattempt"]
#: Whoever handles a transferred complaint records the body's pauses and the outcome owed to it.
_TRANSFER = ["intake.view_transfer", "intake.change_transfer", "intake.view_transferpause", "intake.add_transferpause"]
#: Agents register requests about personal data made by phone or letter; supervisors answer them.
_PRIVACY_REGISTER = ["intake.view_privacyrequest", "intake.add_privacyrequest"]
_PRIVACY_HANDLE = [*_PRIVACY_REGISTER, "intake.handle_privacyrequest"]

#: role -> permissions ("app_label.codename"). Apps add theirs here.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    AGENT: [
        *_AGENT_WORK,
        *_CONTACT,
        *_TRANSFER,
        *_PRIVACY_REGISTER,
        *_EMERGENCY_RECORD,
        *_MAJOR_REPORT,
        *_RESOLUTIONS_WORK,
        *_INVESTIGATION_WORK,
        *_PENALTIES_PROPOSE,
        *_DEADLINES_VIEW,
        *_BULLETIN_READ,
    ],
    INVESTIGATOR: [
        "intake.view_complaint",
        *_EMERGENCY_READ,
        "intake.investigate_complaint",
        *_CONTACT,
        *_INVESTIGATION_WORK,
        *_PENALTIES_PROPOSE,
        *_DEADLINES_VIEW,
        *_BULLETIN_READ,
    ],
    SUPERVISOR: [
        *_AGENT_WORK,
        *_CONTACT,
        *_TRANSFER,
        *_PRIVACY_HANDLE,
        *_EMERGENCY_LEAD,
        *_MAJOR_REPORT,
        *_INVESTIGATION_WORK,
        *_FINDING_REVIEW,
        "investigations.decide_extension",
        # Departments and their members, joint handling groups (seed 002) and the stage's limits.
        "investigations.add_department",
        "investigations.change_department",
        "investigations.add_jointhandlinggroup",
        "investigations.view_investigationsettings",
        "investigations.add_investigationsettings",
        "investigations.change_investigationsettings",
        "intake.view_personal_data",
        "intake.archive_complaint",
        "intake.assign_complaint",
        # Complainants flagged for malicious or false complaints (seed 002), and group incidents.
        "intake.flag_complainant",
        "intake.view_complainantflag",
        "intake.lead_incident",
        "intake.view_incident",
        "intake.view_incidentcheck",
        "intake.view_assignmentrule",
        "intake.add_assignmentrule",
        "intake.change_assignmentrule",
        "intake.delete_assignmentrule",
        "intake.view_assignmentskill",
        "intake.add_assignmentskill",
        "intake.change_assignmentskill",
        "intake.delete_assignmentskill",
        "intake.view_savedview",
        "intake.delete_savedview",
        # The quick path's switch and the canned replies are the supervisors' to keep.
        "intake.view_quickpathsettings",
        "intake.add_quickpathsettings",
        "intake.change_quickpathsettings",
        "intake.view_acceptancesettings",
        "intake.add_acceptancesettings",
        "intake.change_acceptancesettings",
        "intake.view_cannedreply",
        "intake.add_cannedreply",
        "intake.change_cannedreply",
        "intake.delete_cannedreply",
        "intake.view_classifierversion",
        "intake.change_classifierversion",
        "intake.delete_classifierversion",
        "core.view_outboxmessage",
        # Failed and locked staff logins (django-axes): see them, unlock by deleting the attempt.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
        "core.view_staffteam",
        "core.change_staffteam",
        "core.add_staffteam",
        "core.view_messagetemplate",
        "core.change_messagetemplate",
        "core.view_integration",
        "core.add_integration",
        "core.change_integration",
        "core.view_webhookdelivery",
        *_REPORTS_SUPERVISE,
        *_BULLETIN_READ,
        *_PENALTIES_DECIDE,
        *_DEADLINES_ADMIN,
        *_RESOLUTIONS_WORK,
        *_RESOLUTIONS_READ,
        *_FUND_KEEP,
        *_DISPOSAL_PROPOSE,
    ],
    RULING_PANEL: ["intake.view_complaint", "intake.rule_complaint", *_EMERGENCY_READ, *_INVESTIGATION_READ],
    MANAGEMENT: [
        "intake.view_complaint",
        "intake.view_incident",
        *_EMERGENCY_LEAD,
        *_MAJOR_DECISION,
        *_INVESTIGATION_READ,
        *_FINDING_REVIEW,
        # Company leadership approves investigation extensions beyond a supervisor's limit (seed 001).
        "investigations.approve_long_extension",
        "reporting.view_report",
        *_BULLETIN_READ,
        *_DEADLINES_VIEW,
        *_FUND_READ,
        *_DISPOSAL_APPROVE,
    ],
    # The emergency banner reaches report readers too, without the desk behind it.
    MANAGER: ["reporting.view_report", "intake.view_emergency", *_BULLETIN_READ],
}

#: Roles that work in Django admin (their users get ``is_staff``).
ADMIN_ROLES = {SUPERVISOR}


def sync_role_permissions(sender=None, **kwargs) -> None:
    """Create the role groups if missing and give each exactly its listed permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(user.groups.values_list("name", flat=True))


def role_members(*names: str, team=None):
    """Active users holding one of the roles ``names`` (and in ``team`` when given): what a picker
    offers and what a service accepts, so an inactive account or another role is never chosen."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, groups__name__in=names)
    if team is not None:
        users = users.filter(staff_teams=team)
    return users.distinct().order_by("username")


def has_role(user, *names: str) -> bool:
    return user is not None and user.is_active and user.groups.filter(name__in=names).exists()
