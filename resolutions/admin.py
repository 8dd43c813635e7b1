"""Read-only admin for supervisors: every change goes through the services (and the workbench),
so the records here are looked at, with their history, never edited by hand."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Compensation,
    ExternalReferral,
    FollowUp,
    FundEntry,
    MediationAnswer,
    MediationProposal,
    OpenMatter,
    ResultNotice,
    RetentionDisposal,
    Ruling,
    RulingVote,
    SettlementAgreement,
    Withdrawal,
)


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    list_select_related = ["complaint"]
    search_fields = ["complaint__tracking_number", "complaint__archive_number"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MediationAnswerInline(admin.TabularInline):
    model = MediationAnswer
    extra = 0
    can_delete = False
    readonly_fields = ["party", "accepted", "reason", "recorded_by", "recorded_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RulingVoteInline(MediationAnswerInline):
    model = RulingVote
    readonly_fields = ["member", "verdict", "opinion", "cast_at"]


@admin.register(MediationProposal)
class MediationProposalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "proposed_by", "proposed_at"]
    inlines = [MediationAnswerInline]


@admin.register(SettlementAgreement)
class SettlementAgreementAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "recorded_by", "recorded_at"]


@admin.register(Ruling)
class RulingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "verdict", "formed_at", "decided_at"]
    list_filter = ["verdict"]
    inlines = [RulingVoteInline]


@admin.register(Compensation)
class CompensationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "kind", "amount", "payer", "advance_payment", "status", "paid_at"]
    list_filter = ["status", "kind", "payer", "advance_payment"]
    exclude = ["voucher"]


@admin.register(ResultNotice)
class ResultNoticeAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "sent_at", "appeal_by", "phone_confirmed_at"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "due_at", "answered_at", "channel", "score", "closed_unanswered"]
    list_filter = ["channel", "score", "closed_unanswered"]
    exclude = ["token_hash"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "recorded_by", "recorded_at"]


@admin.register(ExternalReferral)
class ExternalReferralAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "route", "reference", "referred_on"]
    list_filter = ["route"]


@admin.register(OpenMatter)
class OpenMatterAdmin(ReadOnlyHistoryAdmin):
    list_display = ["complaint", "action", "owner", "due_on", "reminded_on", "done_at"]
    list_filter = ["due_on", "done_at"]
    list_select_related = ["complaint", "owner"]


@admin.register(FundEntry)
class FundEntryAdmin(ReadOnlyHistoryAdmin):
    """Every entry of the advance-payment fund; entries are recorded on the fund's page."""

    list_display = ["entered_on", "kind", "amount", "complaint", "note", "recorded_by"]
    list_filter = ["kind", "entered_on"]
    list_select_related = ["complaint", "recorded_by"]


@admin.register(RetentionDisposal)
class RetentionDisposalAdmin(ReadOnlyHistoryAdmin):
    """Proposed, approved and carried out on the retention page; read here with history."""

    list_display = ["proposed_at", "proposed_by", "approved_at", "approved_by", "carried_out_at", "erased"]
    list_select_related = ["proposed_by", "approved_by"]
    search_fields = []
