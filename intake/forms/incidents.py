"""The group incident's forms: opening one, linking complaints, ticking the plan, the statement, the
conclusion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import roles

from ..models import Incident, IncidentCheck

_NUMBERS_HELP = _("Tracking numbers, separated by spaces, commas or new lines.")


class IncidentOpenForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Incident.Kind.choices)
    lead = forms.ModelChoiceField(label=_("Lead"), queryset=None)
    complaints = forms.CharField(
        label=_("Complaints"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_NUMBERS_HELP, max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = roles.role_members(roles.SUPERVISOR, roles.MANAGEMENT, roles.AGENT)


class IncidentLinkForm(forms.Form):
    complaints = forms.CharField(
        label=_("Complaints"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_NUMBERS_HELP, max_length=2000
    )


class IncidentCheckForm(forms.Form):
    item = forms.ChoiceField(label=_("Item"), choices=IncidentCheck.Item.choices, widget=forms.HiddenInput)


class IncidentStatementForm(forms.Form):
    statement = forms.CharField(
        label=_("What the public statement said"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class IncidentConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Conclusion"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What happened, what was done for the complainants, and what changes; you may revise it."),
    )
