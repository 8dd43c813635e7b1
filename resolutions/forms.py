"""The short forms of the resolutions stage. Each carries the complaint's ``seen_version`` so a
stale page gets "this complaint changed, reload" instead of acting on what it no longer shows."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles

from .models import Compensation, ExternalReferral, Party, Verdict

SCORE_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


class VersionedForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        # The workbench shows several forms at once: ids carry the form's name so none repeat.
        kwargs.setdefault("auto_id", f"id_{type(self).__name__.lower()}_%s")
        super().__init__(*args, **kwargs)


class NoteForm(VersionedForm):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProposalForm(VersionedForm):
    complainant_gets = forms.CharField(
        label=_("What the complainant gets"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    respondent_gets = forms.CharField(
        label=_("What the worker or company does"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(VersionedForm):
    party = forms.ChoiceField(label=_("Side"), choices=Party.choices)
    accepted = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Accepts")), ("no", _("Rejects"))],
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
    payer = forms.ChoiceField(label=_("Payer"), choices=Compensation.Payer.choices)
    advance_payment = forms.BooleanField(label=_("Advance payment from the fund (facts are clear)"), required=False)

    def clean_amount(self):
        return self.cleaned_data.get("amount") or Decimal("0.00")

    def clean(self):
        data = super().clean()
        if data.get("kind") == Compensation.Kind.MONEY and not data.get("amount"):
            self.add_error("amount", _("A money compensation needs an amount above zero."))
        return data


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


class ReferralForm(VersionedForm):
    route = forms.ChoiceField(label=_("Route"), choices=ExternalReferral.Route.choices)
    reference = forms.CharField(label=_("Their case reference"), max_length=100, required=False)
    referred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_referred_on(self):
        value = self.cleaned_data["referred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value
