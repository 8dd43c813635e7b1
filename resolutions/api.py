"""Mediation, ruling, compensation, the result notice and the follow-up of a complaint over REST.

The read is the resolution panel's own (``resolution_overview``); every write runs the panel
form's view's form and service (``views.panel``), so the API refuses what the panel refuses.
Compensation rows travel as ``items``, a JSON list of objects with the panel's row fields. The
state changes (start mediation, ask for a ruling, send the notice, close…) are the complaint's
``transitions`` (``intake.api_desk``).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from core.privacy import mask_name
from intake.api_stage import ComplaintStageViewSet, form_data, stage_write, unknown_fields_refuse

from .forms import CompensationItemForm, item_formset
from .models import (
    Compensation,
    ExternalReferral,
    FollowUp,
    MediationAnswer,
    MediationProposal,
    QuickResolution,
    ResultNotice,
    Ruling,
    Withdrawal,
)
from .selectors import resolution_overview
from .views import panel

_USERNAME = {"slug_field": "username", "read_only": True}


class CompensationSerializer(serializers.ModelSerializer):
    has_voucher = serializers.SerializerMethodField()

    class Meta:
        model = Compensation
        fields = [
            "id",
            "kind",
            "description",
            "amount",
            "payer",
            "worker_share",
            "advance_payment",
            "due_on",
            "status",
            "agreed_at",
            "paid_at",
            "payment_reference",
            "has_voucher",
        ]

    def get_has_voucher(self, item) -> bool:
        return bool(item.voucher)


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = MediationAnswer
        fields = ["id", "party", "accepted", "reason", "recorded_at", "revision"]


class ProposalSerializer(serializers.ModelSerializer):
    proposed_by = serializers.SlugRelatedField(**_USERNAME)
    answers = AnswerSerializer(many=True, read_only=True)
    compensations = CompensationSerializer(many=True, read_only=True)

    class Meta:
        model = MediationProposal
        fields = [
            "id",
            "complainant_gets",
            "respondent_gets",
            "proposed_by",
            "proposed_at",
            "revision",
            "answers",
            "compensations",
        ]


class RulingSerializer(serializers.ModelSerializer):
    members = serializers.SlugRelatedField(many=True, **_USERNAME)
    votes_cast = serializers.SerializerMethodField(help_text="How many members voted; the votes stay with the panel.")

    class Meta:
        model = Ruling
        fields = ["id", "members", "formed_at", "votes_cast", "verdict", "basis", "decided_at"]

    def get_votes_cast(self, ruling) -> int:
        return len(ruling.votes.all())


class NoticeSerializer(serializers.ModelSerializer):
    content = serializers.SerializerMethodField(help_text="What the notice states; the complainant's name masked.")
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = ResultNotice
        fields = ["id", "sent_at", "appeal_by", "phone_confirmed_at", "content", "pdf_url"]

    def get_content(self, notice) -> dict:
        return {**notice.content, "complainant_name": mask_name(notice.content.get("complainant_name", ""))}

    def get_pdf_url(self, notice) -> str:
        return reverse("resolution-notice-pdf", args=[notice.complaint_id])


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "due_at", "answered_at", "channel", "score", "comment", "closed_unanswered"]


class WithdrawalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Withdrawal
        fields = ["id", "reason", "recorded_at"]


class ReferralSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalReferral
        fields = ["id", "route", "reference", "referred_on", "note", "recorded_at"]


class QuickResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuickResolution
        fields = ["id", "solution", "recorded_at"]


class ResolutionSerializer(serializers.Serializer):
    quick_resolutions = QuickResolutionSerializer(
        many=True, read_only=True, help_text="Solutions agreed at first contact (the quick path)."
    )
    proposals = ProposalSerializer(many=True, read_only=True, help_text="Newest first.")
    rulings = RulingSerializer(many=True, read_only=True)
    compensations = CompensationSerializer(many=True, read_only=True)
    notice = serializers.SerializerMethodField()
    follow_up = serializers.SerializerMethodField()
    withdrawals = WithdrawalSerializer(many=True, read_only=True)
    referrals = ReferralSerializer(many=True, read_only=True)

    @extend_schema_field(NoticeSerializer(allow_null=True))
    def get_notice(self, overview) -> dict | None:
        return NoticeSerializer(overview["notice"]).data if overview["notice"] else None

    @extend_schema_field(FollowUpSerializer(allow_null=True))
    def get_follow_up(self, overview) -> dict | None:
        return FollowUpSerializer(overview["follow_up"]).data if overview["follow_up"] else None


def compensation_items(form, *, name: str) -> list:
    """The body's ``items`` through the panel's compensation rows; a wrong row is a 400."""
    rows = form.data.get("items", [])
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise exceptions.ValidationError({"items": [_("A list of compensation items, each an object.")]})
    data = {f"{name}-TOTAL_FORMS": str(len(rows)), f"{name}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        unknown_fields_refuse(row, CompensationItemForm.base_fields)
        data.update({f"{name}-{index}-{field}": value for field, value in form_data(CompensationItemForm, row).items()})
    formset = item_formset(data, name=name)
    if not formset.is_valid():
        messages = [
            f"{index + 1}: {message}" for index, errors in enumerate(formset.errors) for message in _flat(errors)
        ]
        raise exceptions.ValidationError({"items": messages + list(formset.non_form_errors())})
    return formset.items()


def _flat(errors: dict) -> list[str]:
    return [str(message) for messages in errors.values() for message in messages]


_ITEMS = {
    "items": serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Compensation rows: kind, description, amount, …"
    )
}


def _panel_write(view, *, url_path: str, summary: str):
    """The panel form behind ``view`` as a write of the API."""
    posted = view.panel

    def run(complaint, form, user, **ids):
        extra = {"items": compensation_items(form, name="items")} if posted.items else {}
        return posted.run(complaint, form, user, **ids, **extra)

    return stage_write(
        url_path=url_path,
        form_class=posted.form_class,
        run=run,
        files=posted.files,
        extra=_ITEMS if posted.items else None,
        summary=summary,
    )


class ResolutionAPI(ComplaintStageViewSet):
    """Mediation proposals and answers, rulings, compensation and payments, the notice, the follow-up"""

    stage = "resolution"
    read_serializer = ResolutionSerializer

    def stage_read(self, complaint) -> dict:
        return resolution_overview(complaint)

    proposals = _panel_write(panel.proposal_add, url_path="proposals", summary="Propose a settlement")
    answers = _panel_write(
        panel.answer_add,
        url_path="proposals/<int:proposal_id>/answers",
        summary="Record a side's answer to the open proposal",
    )
    amend = _panel_write(
        panel.compensation_amend, url_path="compensations/amend", summary="Amend the agreement's compensation"
    )
    compensations = _panel_write(
        panel.compensation_add, url_path="compensations", summary="Record an advance payment from the fund"
    )
    payments = _panel_write(
        panel.compensation_pay,
        url_path="compensations/<int:compensation_id>/payment",
        summary="Record a payment, with its voucher",
    )
    payment_reopen = _panel_write(
        panel.payment_reopen, url_path="compensations/reopen", summary="Reopen paid items the complainant disputes"
    )
    ruling_panel = _panel_write(panel.panel_form, url_path="ruling/panel", summary="Form the ruling panel")
    votes = _panel_write(panel.vote_add, url_path="ruling/votes", summary="Cast this member's vote")
    decision = _panel_write(panel.ruling_decide, url_path="ruling/decision", summary="Record the panel's decision")
    callbacks = _panel_write(
        panel.callback_add, url_path="follow-up/callback", summary="Record the follow-up answer given by phone"
    )
