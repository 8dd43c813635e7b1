from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from intake.choices import ServiceType
from penalties.models import Team

from .models import REVIEW_SAMPLE_SIZE, ReviewFinding, SupervisionCallback
from .period import Quarter, Scope
from .reconciliation import HalfYear


class ScopeForm(forms.Form):
    """The report's filters; only these two, so no client-supplied lookup ever reaches a query."""

    team = forms.ModelChoiceField(
        Team.objects.all(), label=_("Service team"), required=False, empty_label=_("All teams")
    )
    service_type = forms.ChoiceField(
        label=_("Service type"), required=False, choices=[("", _("All service types")), *ServiceType.choices]
    )

    def scope(self) -> Scope:
        if not self.is_valid():
            return Scope()
        team = self.cleaned_data["team"]
        return Scope(team_id=team.pk if team else None, service_type=self.cleaned_data["service_type"])


class CallbackForm(forms.ModelForm):
    complaint = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SupervisionCallback
        fields = ["result", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ReconciliationForm(forms.Form):
    half_year = forms.ChoiceField(label=_("Half-year"))
    finance_file = forms.FileField(
        label=_("Finance's compensation payments (CSV)"),
        help_text=_(
            "One line per payment, with the columns 付款单号 (payment reference), 金额 (amount) and, "
            "if known, 付款日期 (date); UTF-8 or GB 18030, at most 2 MB."
        ),
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["half_year"].choices = [(str(half), str(half)) for half in HalfYear.recent()]

    def clean_half_year(self) -> HalfYear:
        return HalfYear.parse(self.cleaned_data["half_year"])


def quarter_choices(count: int = 8) -> list[tuple[str, str]]:
    return [(str(quarter), str(quarter)) for quarter in Quarter.current().recent(count)]


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = quarter_choices()


def _reviewers():
    return get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct().order_by("username")


class QuarterlyReviewForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))
    legal_reviewer = forms.ModelChoiceField(_reviewers(), label=_("Legal reviewer"))
    quality_reviewer = forms.ModelChoiceField(_reviewers(), label=_("Quality reviewer"))
    customer_representative = forms.CharField(label=_("Customer representative"), max_length=100)
    sample_size = forms.IntegerField(label=_("Sample size"), min_value=1, max_value=100, initial=REVIEW_SAMPLE_SIZE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = quarter_choices()

    def clean_quarter(self) -> Quarter:
        return Quarter.parse(self.cleaned_data["quarter"])


class ReviewFindingForm(forms.Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (value, label) for value, label in ReviewFinding.Result.choices if value != ReviewFinding.Result.PENDING
        ],
    )
    note = forms.CharField(
        label=_("Finding"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
