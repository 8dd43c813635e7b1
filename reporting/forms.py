from django import forms
from django.utils.translation import gettext_lazy as _

from intake.choices import ServiceType
from penalties.models import Team

from .models import SupervisionCallback
from .period import Scope


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
