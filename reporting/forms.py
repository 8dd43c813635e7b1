from django import forms
from django.utils.translation import gettext_lazy as _

from intake.choices import ServiceType
from penalties.models import Team

from .models import SupervisionCallback
from .period import Scope
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
