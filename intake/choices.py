"""Vocabularies of domain.md §2, with their zh-Hans labels coming from the translation catalog."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    APP = "app", _("App")
    WECHAT = "wechat", _("WeChat")
    WEB_FORM = "web_form", _("Website form")
    ON_SITE = "on_site", _("On-site report")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    WALK_IN = "walk_in", _("Walk-in")
    SUGGESTION_BOX = "suggestion_box", _("Suggestion box")
    SOCIAL_MEDIA = "social_media", _("Social media")
    TRANSFER = "transfer", _("Transferred by a third party")
    #: Seed 002: 平台用户可通过举报渠道对投诉管理中心的投诉处理情况进行监督.
    DESK_REPORT = "desk_report", _("Report about the complaint desk")


class TransferBody(models.TextChoices):
    """Who transferred a complaint to us. Each body keeps its own case number and, for the market
    regulator's mediation and 12315 online dispute resolution, its own clock (domain.md §9)."""

    REGULATOR_12315 = "12315", _("Market regulator (12315): mediation")
    ODR_12315 = "12315_odr", _("12315 online dispute resolution (ODR)")
    CITY_HOTLINE_12345 = "12345", _("City hotline (12345)")
    CONSUMER_ASSOCIATION = "consumer_association", _("Consumer association")
    COURT = "court", _("Court")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other body")


class Category(models.TextChoices):
    SERVICE_QUALITY = "service_quality", _("Service quality")
    SERVICE_ATTITUDE = "service_attitude", _("Service attitude")
    FEE_DISPUTE = "fee_dispute", _("Fee dispute")
    REFUND_DISPUTE = "refund_dispute", _("Refund dispute")
    CONTRACT_BREACH = "contract_breach", _("Contract breach")
    SAFETY_HAZARD = "safety_hazard", _("Safety hazard")
    FRAUD = "fraud", _("Fraud")
    #: How the desk handled an earlier complaint (seed 002): a supervisor's work, never its handlers'.
    DESK_HANDLING = "desk_handling", _("Handling of a complaint by the desk")
    OTHER = "other", _("Other")


#: The categories of a worker's service: what the penalty rules and the blacklist name. A complaint
#: about the desk concerns its staff, not a worker.
WORKER_CATEGORIES = [(value, label) for value, label in Category.choices if value != Category.DESK_HANDLING]


class Severity(models.TextChoices):
    GENERAL = "general", _("General")
    IMPORTANT = "important", _("Important")
    MAJOR = "major", _("Major")


class ServiceType(models.TextChoices):
    CLEANING = "cleaning", _("Cleaning")
    NANNY = "nanny", _("Nanny")
    MATERNITY_NURSE = "maternity_nurse", _("Maternity nurse")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    HOURLY = "hourly", _("Hourly work")
    OTHER = "other", _("Other service")


class Demand(models.TextChoices):
    REFUND = "refund", _("Refund")
    COMPENSATION = "compensation", _("Compensation")
    APOLOGY = "apology", _("Apology")
    REDO = "redo", _("Redo the service")
    REPLACE_WORKER = "replace_worker", _("Replace the worker")
    OTHER = "other", _("Other")


class NotAcceptedReason(models.TextChoices):
    """Domain.md §2's reasons, seed 004's direct interest, and the grounds of the SAMR rules the
    desk's reasons mirror (暂行办法 Art. 15; from 2026-04-15 Order No. 121 Art. 16). Which of them
    a complaint may be declined for depends on its received date (``intake.acceptance``)."""

    NO_FACTS = "no_facts", _("No concrete facts or no identifiable party")
    BEFORE_COURT = "before_court", _("Already before a court or arbitration")
    OTHER_AUTHORITY = "other_authority", _("Being handled by another authority")
    SETTLED = "settled", _("Settled earlier and carried out, with no new facts")
    OUT_OF_SCOPE = "out_of_scope", _("Outside our services")
    TIME_LIMIT = "time_limit", _("Past the time limit for complaints")
    #: Seed 004: 投诉者与投诉事项有直接利害关系.
    NO_DIRECT_INTEREST = "no_direct_interest", _("The complainant has no direct interest in the matter")
    NOT_CONSUMPTION = "not_consumption", _("Not bought or used for everyday personal consumption")
    OVER_THREE_YEARS = (
        "over_three_years",
        _("More than three years since the complainant knew or should have known of the harm"),
    )
    MISSING_MATERIALS = "missing_materials", _("The required materials were not provided")
    FALSE_MATERIALS = "false_materials", _("False materials were provided")
    IDENTITY = "identity", _("Someone else's identity was used, or the identity check was refused")


class EscalationLayer(models.IntegerChoices):
    """Who owns a complaint that cannot be handled in time (seed 004: 不能及时处理的将服务上移):
    客服 / 服务主管 / 电话回访员, then 技术主管, then 总经理 -- the desk's agent, supervisor and
    management roles."""

    AGENT = 0, _("Customer-service agent")
    SUPERVISOR = 1, _("Supervisor")
    MANAGEMENT = 2, _("Management")
