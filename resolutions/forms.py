"""The short forms of the resolutions stage. Each carries the complaint's ``seen_version`` so a
stale page gets "this complaint changed, reload" instead of acting on what it no longer shows."""

import re
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from intake.models import Complaint, ContactAttempt
from intake.validators import tracking_number_normalize

from .models import Compensation, CompensationPolicy, ExternalReferral, FundEntry, Party, Verdict
from .services.compensation import CompensationItem
from .services.open_matters import open_matter_owners

SCORE_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


class VersionedForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        # The workbench shows several forms at once: ids carry the form's name so none repeat.
        kwargs.setdefault("auto_id", f"id_{type(self).__name__.lower()}_%s")
        super().__init__(*args, **kwargs)


def below_minimum_reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Why less than the statutory minimum"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when fraud was found and the money compensation is below the statutory minimum."),
    )


class AmendForm(VersionedForm):
    below_minimum_reason = below_minimum_reason_field()


class NoteForm(VersionedForm):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


#: An amount written into the free text ("300 元", "¥300"): amounts belong in the items.
_AMOUNT_IN_TEXT = re.compile(r"(¥|￥)\s*\d|\d\s*(元|块|塊|yuan|RMB|CNY)", re.IGNORECASE)
AMOUNT_IN_TEXT = _("Put amounts in the compensation items below: the agreement shows them from there.")
MONEY = {"", "0", "0.0", "0.00"}


class ProposalForm(VersionedForm):
    complainant_gets = forms.CharField(
        label=_("What the complainant gets"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apology, redo of the service, and so on; amounts go in the compensation items."),
    )
    respondent_gets = forms.CharField(
        label=_("What the worker or company does"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    below_minimum_reason = below_minimum_reason_field()

    def _clean_text(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        if _AMOUNT_IN_TEXT.search(value):
            raise forms.ValidationError(AMOUNT_IN_TEXT)
        return value

    def clean_complainant_gets(self):
        return self._clean_text("complainant_gets")

    def clean_respondent_gets(self):
        return self._clean_text("respondent_gets")


class CompensationItemForm(forms.Form):
    """One compensation item of a proposal or a ruling. An empty row is left out."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Compensation.Kind.choices], required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    amount = forms.DecimalField(label=_("Amount (CNY)"), max_digits=12, decimal_places=2, required=False)
    company_share = forms.DecimalField(
        label=_("Paid by the company (CNY)"), max_digits=12, decimal_places=2, required=False
    )
    worker_share = forms.DecimalField(
        label=_("Paid by the service worker (CNY)"), max_digits=12, decimal_places=2, required=False
    )
    due_on = forms.DateField(
        label=_("Paid or delivered by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        kind, description = data.get("kind"), (data.get("description") or "").strip()
        if not kind and not description:
            if any(data.get(name) is not None for name in ("amount", "company_share", "worker_share", "due_on")):
                self.add_error("kind", _("Choose the kind of this item."))
            return data
        if not kind:
            self.add_error("kind", _("Choose the kind of this item."))
        if not description:
            self.add_error("description", _("Describe this item."))
        if kind not in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND):
            return data
        amount = data.get("amount")
        if amount is None or amount <= 0:
            self.add_error("amount", _("Enter an amount above zero."))
            return data
        limit = CompensationPolicy.max_amount_in_force()
        if amount > limit:
            self.add_error("amount", _("The amount is above the limit of ¥%(limit)s.") % {"limit": limit})
        company, worker = data.get("company_share"), data.get("worker_share")
        if company is None and worker is None:
            company, worker = amount, Decimal("0.00")
        company, worker = company or Decimal("0.00"), worker or Decimal("0.00")
        if company < 0 or worker < 0 or company + worker != amount:
            self.add_error(
                "worker_share",
                _("The company's and the worker's shares must add up to the amount (¥%(amount)s).")
                % {"amount": amount},
            )
        data["worker_share"] = worker
        if data.get("due_on") is None:
            self.add_error("due_on", _("Say by when it is paid or delivered."))
        elif data["due_on"] < timezone.localdate():
            self.add_error("due_on", _("The date cannot be in the past."))
        return data

    def item(self) -> CompensationItem | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        has_amount = data["kind"] in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND)
        return CompensationItem(
            kind=data["kind"],
            description=data["description"].strip(),
            amount=data["amount"] if has_amount else Decimal("0.00"),
            worker_share=data.get("worker_share") or Decimal("0.00") if has_amount else Decimal("0.00"),
            due_on=data.get("due_on"),
        )


class BaseItemFormSet(forms.BaseFormSet):
    def items(self) -> list[CompensationItem]:
        return [item for form in self.forms if (item := form.item()) is not None]


ItemFormSet = forms.formset_factory(CompensationItemForm, formset=BaseItemFormSet, extra=2, max_num=10)


def item_formset(data=None, *, items=None, name: str = "items") -> BaseItemFormSet:
    """The compensation rows of a form; ``items`` fills them from an agreement being amended."""
    initial = [
        {
            "kind": item.kind,
            "description": item.description,
            "amount": item.amount if item.has_amount else None,
            "company_share": item.payer_share if item.has_amount else None,
            "worker_share": item.worker_share if item.has_amount else None,
            "due_on": item.due_on,
        }
        for item in items or []
    ]
    if data is not None and f"{name}-TOTAL_FORMS" not in data:  # a form posted without rows: no items
        data = data.copy()
        data.update({f"{name}-TOTAL_FORMS": "0", f"{name}-INITIAL_FORMS": "0"})
    return ItemFormSet(data, initial=initial or None, prefix=name)


class AnswerForm(VersionedForm):
    party = forms.ChoiceField(label=_("Side"), choices=Party.choices)
    accepted = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Agrees")), ("no", _("Disagrees"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("accepted") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please record why the proposal was rejected."))
        return data


class CompensationForm(VersionedForm):
    """An advance payment (先行赔付) from the fund, decided while the facts are clear and the
    case still open; other compensation is part of the proposal or the ruling."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Compensation.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=500)
    amount = forms.DecimalField(
        label=_("Amount (CNY)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.00"),
        initial=Decimal("0.00"),
        required=False,
    )

    def clean_amount(self):
        return self.cleaned_data.get("amount") or Decimal("0.00")

    def clean(self):
        data = super().clean()
        if data.get("kind") == Compensation.Kind.MONEY and not data.get("amount"):
            self.add_error("amount", _("A money compensation needs an amount above zero."))
        return data


class NoticeSendForm(VersionedForm):
    expected_effect = forms.CharField(
        label=_("Expected effect of the measures"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the measures are expected to achieve, as the complainant will read it."),
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirmed = forms.BooleanField(label=_("I have checked the notice above; send it."))


class PaymentForm(VersionedForm):
    voucher = forms.FileField(label=_("Payment voucher (photo or PDF)"), required=False)
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=100, required=False)


def panel_members():
    return get_user_model().objects.filter(groups__name=roles.RULING_PANEL, is_active=True).order_by("username")


class RulingPanelForm(VersionedForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Panel members (at least three)"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = panel_members()


class VoteForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Vote"), choices=Verdict.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("Opinion"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(VersionedForm):
    basis = forms.CharField(label=_("Basis of the decision"), max_length=6000, widget=forms.Textarea(attrs={"rows": 3}))
    below_minimum_reason = below_minimum_reason_field()


class CallbackForm(VersionedForm):
    score = forms.TypedChoiceField(label=_("Satisfaction (1–5)"), choices=SCORE_CHOICES, coerce=int)
    comment = forms.CharField(
        label=_("Comment"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how your complaint was handled?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class QuickResolutionForm(VersionedForm):
    solution = forms.CharField(
        label=_("Solution agreed on the call"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the desk does and by when, as you told the complainant; it is quoted in the result notice."),
    )
    channel = forms.ChoiceField(
        label=_("Agreed by"), choices=ContactAttempt.Channel.choices, initial=ContactAttempt.Channel.PHONE
    )
    complainant_agreed = forms.BooleanField(label=_("The complainant agreed to this solution"))
    no_worker_blamed = forms.BooleanField(label=_("No worker or team is blamed"))


class PaymentReopenForm(VersionedForm):
    reason = forms.CharField(
        label=_("What the complainant said"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferralForm(VersionedForm):
    initiated_by = forms.ChoiceField(
        label=_("Who chose the route"),
        choices=ExternalReferral.InitiatedBy.choices,
        initial=ExternalReferral.InitiatedBy.COMPLAINANT,
        required=False,
        help_text=_("Left empty, the complainant chose it."),
    )
    route = forms.ChoiceField(label=_("Route"), choices=ExternalReferral.Route.choices)
    body = forms.CharField(
        label=_("Body"),
        max_length=200,
        required=False,
        help_text=_("When the desk passes the matter on: the body that handles it now."),
    )
    reference = forms.CharField(label=_("Their case reference"), max_length=100, required=False)
    referred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("When the desk passes the matter on: why; the complainant is told."),
    )

    def clean_initiated_by(self):
        return self.cleaned_data["initiated_by"] or ExternalReferral.InitiatedBy.COMPLAINANT

    def clean_referred_on(self):
        value = self.cleaned_data["referred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class OpenMatterForm(VersionedForm):
    action = forms.CharField(
        label=_("What remains to be done"),
        max_length=500,
        help_text=_("A refund pending, a replacement to arrange, a training to give…"),
    )
    owner = forms.ModelChoiceField(label=_("Owner (keeps in touch with the customer)"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = open_matter_owners()


class OpenMatterDoneForm(forms.Form):
    outcome = forms.CharField(label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class FundEntryForm(forms.Form):
    """An entry of the advance-payment fund's ledger; a recovery names its complaint by tracking number."""

    kind = forms.ChoiceField(label=_("Kind"), choices=FundEntry.Kind.choices)
    amount = forms.DecimalField(label=_("Amount (CNY)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    entered_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tracking_number = forms.CharField(
        label=_("Complaint (for a recovery)"), max_length=40, required=False, help_text=_("Its tracking number.")
    )
    note = forms.CharField(label=_("Note"), max_length=500)

    def clean_tracking_number(self):
        number = tracking_number_normalize(self.cleaned_data["tracking_number"])
        if not number:
            return None
        complaint = Complaint.objects.filter(tracking_number=number).first()
        if complaint is None:
            raise forms.ValidationError(_("No complaint has this tracking number."))
        return complaint
