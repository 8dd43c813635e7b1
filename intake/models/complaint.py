"""The complaint: what the complainant told us (domain.md §2) and how the desk classified it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import Category, Channel, EscalationLayer, NotAcceptedReason, ServiceType, Severity, TransferBody
from ..search import SEARCHED_FIELDS, SearchWordsField, search_document
from .lifecycle import OPEN_STATES, ComplaintLifecycle

# Crockford's base32 without I, L, O, U: readable over the phone, no ambiguous characters.
_TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_tracking_number() -> str:
    """A tracking number that cannot be guessed from another one: the date plus 40 random bits."""
    stamp = timezone.localdate().strftime("%y%m%d")
    return f"TS{stamp}" + "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(8))


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)


class Complaint(ComplaintLifecycle):
    tracking_number = models.CharField(
        _("tracking number"), max_length=20, unique=True, default=new_tracking_number, editable=False
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, db_index=True)
    transfer_body = models.CharField(_("transferring body"), max_length=30, choices=TransferBody.choices, blank=True)
    transfer_case_number = models.CharField(_("transferring body's case number"), max_length=64, blank=True)

    # The complainant (personal data: masked by default, see core.privacy).
    complainant_name = models.CharField(_("complainant name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11, db_index=True)
    landline = models.CharField(_("landline"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    # What happened.
    order_number = models.CharField(_("service order number"), max_length=40, blank=True, db_index=True)
    service_type = models.CharField(_("service type"), max_length=20, choices=ServiceType.choices)
    worker_named = models.CharField(_("worker or team named by the complainant"), max_length=100, blank=True)
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    occurred_place = models.CharField(_("where it happened"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000)
    demands = models.JSONField(_("demands"), default=list, blank=True)
    demand_note = models.CharField(_("other demands"), max_length=500, blank=True)
    reply_wanted_by = models.DateTimeField(_("reply wanted by"), null=True, blank=True)
    privacy_consent_at = models.DateTimeField(_("privacy notice accepted at"), null=True, blank=True)
    # Requests from the data subject (intake.services.privacy), once fulfilled.
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    processing_restricted_at = models.DateTimeField(_("use of personal data restricted since"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    # Receipt: clocks start at received_at, never at the moment the record was typed in.
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The receiving agent's team and staff number as they were at receipt (seed 004: 受理的工作人员班组、工号).
    received_by_team = models.ForeignKey(
        "core.StaffTeam",
        verbose_name=_("receiving team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_by_staff_number = models.CharField(_("receiving agent's staff number"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    idempotency_key = models.CharField(
        _("submission key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    # Classification: the triage proposal (intake.triage) and the agent's decision.
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True, db_index=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.GENERAL, db_index=True
    )
    urgent = models.BooleanField(_("urgent"), default=False, db_index=True)
    proposed_category = models.CharField(_("proposed category"), max_length=20, choices=Category.choices, blank=True)
    proposed_severity = models.CharField(_("proposed severity"), max_length=10, choices=Severity.choices, blank=True)
    proposed_urgent = models.BooleanField(_("proposed as urgent"), default=False)
    proposed_service_type = models.CharField(
        _("proposed service type"), max_length=20, choices=ServiceType.choices, blank=True
    )
    proposal_confidence = models.FloatField(_("proposal confidence"), null=True, blank=True)
    #: The words that drove the proposal, shown to the agent.
    proposal_keywords = models.JSONField(_("keywords found"), default=list, blank=True)
    proposal_version = models.ForeignKey(
        "intake.ClassifierVersion",
        verbose_name=_("classifier version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposal_accepted = models.BooleanField(
        _("classifier proposal accepted"), null=True, blank=True, help_text=_("Empty until an agent decides.")
    )

    # Acceptance decision.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned agent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
    )
    assigned_team = models.ForeignKey(
        "core.StaffTeam",
        verbose_name=_("assigned team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    promised_reply_at = models.DateTimeField(_("promised reply by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("acceptance decided at"), null=True, blank=True)
    not_accepted_reason = models.CharField(
        _("reason for not accepting"), max_length=20, choices=NotAcceptedReason.choices, blank=True
    )
    not_accepted_note = models.TextField(_("note to the complainant"), blank=True, max_length=2000)

    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
    )

    #: A complaint about the desk (seed 002) names the complaint whose handling it reports.
    earlier_complaint = models.ForeignKey(
        "self",
        verbose_name=_("complaint whose handling is reported"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="desk_reports",
    )
    incident = models.ForeignKey(
        "intake.Incident",
        verbose_name=_("group incident"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )

    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    escalation_layer = models.PositiveSmallIntegerField(
        _("escalated to"), choices=EscalationLayer.choices, default=EscalationLayer.AGENT
    )

    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    archive_number = models.CharField(_("archive number"), max_length=20, unique=True, null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    # Guards edits of the fields other than ``state`` against lost updates (see intake.locking).
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    # The nearest due time of the complaint's open deadlines, kept by the deadlines' services
    # (``deadlines.nearest``) so that the inbox sorts by an index instead of reading every deadline.
    next_due_at = models.DateTimeField(_("next deadline"), null=True, blank=True, editable=False)
    #: The searched fields cut into words (intake.search), written by ``save``; indexed on PostgreSQL.
    #: Derived data holding the names: never shown, not kept in the history.
    search_document = SearchWordsField(_("search words"), blank=True, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["version", "next_due_at", "search_document"])
    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["state", "-received_at"], name="complaint_state_received"),
            models.Index(fields=["urgent", "-received_at"], name="complaint_urgent_received"),
            # The inbox's default queue: open complaints, urgent first, then the least time left.
            models.Index(
                fields=["-urgent", "next_due_at", "received_at", "-id"],
                condition=models.Q(state__in=OPEN_STATES),
                name="complaint_open_queue",
            ),
        ]
        permissions = [
            ("view_personal_data", "Can see complainants' unmasked personal data"),
            ("register_complaint", "Can register complaints for any channel"),
            ("accept_complaint", "Can accept or decline complaints"),
            ("investigate_complaint", "Can investigate complaints"),
            ("mediate_complaint", "Can mediate complaints"),
            ("rule_complaint", "Can sit on a ruling panel"),
            ("notify_result", "Can send result notices"),
            ("follow_up_complaint", "Can follow up complaints"),
            ("close_complaint", "Can close complaints"),
            ("reopen_complaint", "Can reopen complaints"),
            ("withdraw_complaint", "Can record a withdrawal"),
            ("refer_complaint", "Can record an external route"),
            ("archive_complaint", "Can archive complaints"),
            ("assign_complaint", "Can reassign complaints"),
            ("escalate_complaint", "Can escalate complaints to the next layer"),
            ("resolve_on_call", "Can resolve a simple complaint at first contact"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def save(self, *args, **kwargs) -> None:
        """Saving a whole complaint writes every column but ``next_due_at``: that one belongs to
        the deadlines, and a copy read before a clock moved would otherwise write back a stale
        time. The search words follow the searched fields, whoever saves them (registration, a
        correction, an erasure): a save naming only some fields also writes the words when one of
        the searched fields is among them."""
        self.search_document = search_document(**{name: getattr(self, name) for name in SEARCHED_FIELDS})
        update_fields = kwargs.get("update_fields")
        if update_fields is None and not self._state.adding and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()  # as Django's own save(), never load what was left out
            kwargs["update_fields"] = [name for name in _SAVED_WHOLE if name not in deferred]
        elif update_fields is not None and not set(SEARCHED_FIELDS).isdisjoint(update_fields):
            kwargs["update_fields"] = [*update_fields, "search_document"]
        super().save(*args, **kwargs)

    @property
    def is_about_the_desk(self) -> bool:
        return (
            self.category == Category.DESK_HANDLING
            or self.channel == Channel.DESK_REPORT
            or self.earlier_complaint_id is not None
        )

    @property
    def is_repeat(self) -> bool:
        return self.repeat_of_id is not None


#: What ``Complaint.save()`` writes when it is not told which fields.
_SAVED_WHOLE = [f.attname for f in Complaint._meta.concrete_fields if not f.primary_key and f.name != "next_due_at"]
