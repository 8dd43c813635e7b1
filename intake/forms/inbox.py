"""Forms of the inbox beside its filters: bulk actions and saved views."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import StaffTeam

from ..services.assignment import assignees
from ..services.bulk import BULK_ACTIONS


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


class BulkForm(forms.Form):
    """The selected rows (``ids``), the version each row showed (``version-<id>``) and the action."""

    ACTION_LABELS = {
        "take": _("Assign to me"),
        "accept": _("Accept as classified"),
        "assign": _("Assign to …"),
        "team": _("Move to team …"),
    }

    # The controls sit above the table, outside the form of its rows: they name it (``form="bulk"``).
    action = forms.ChoiceField(label=_("With the selected complaints"), widget=forms.Select(attrs={"form": "bulk"}))
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    handler = forms.ModelChoiceField(
        label=_("Handler"), queryset=None, required=False, widget=forms.Select(attrs={"form": "bulk"})
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, widget=forms.Select(attrs={"form": "bulk"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [key for key, (permission, _service) in BULK_ACTIONS.items() if user.has_perm(permission)]
        self.fields["action"].choices = [(key, self.ACTION_LABELS[key]) for key in allowed]
        self.fields["handler"].queryset = assignees()
        self.fields["handler"].label_from_instance = _person
        self.fields["team"].queryset = StaffTeam.objects.order_by("name")
        data = self.data if self.is_bound else {}
        self.fields["ids"].choices = [(value, value) for value in data.getlist("ids")] if data else []

    @property
    def actions(self) -> list:
        return self.fields["action"].choices

    def clean(self):
        data = super().clean()
        if not data.get("ids"):
            raise forms.ValidationError(_("Select at least one complaint."))
        if data.get("action") == "assign" and not data.get("handler"):
            self.add_error("handler", _("Choose the handler."))
        if data.get("action") == "team" and not data.get("team"):
            self.add_error("team", _("Choose the team."))
        data["versions"] = {}
        for complaint_id in data.get("ids", []):
            try:
                data["versions"][complaint_id] = int(self.data.get(f"version-{complaint_id}", ""))
            except ValueError:
                raise forms.ValidationError(_("The page is out of date: reload it and try again.")) from None
        return data

    def params(self) -> dict:
        action = self.cleaned_data["action"]
        if action == "assign":
            return {"handler": self.cleaned_data["handler"]}
        if action == "team":
            return {"team": self.cleaned_data["team"]}
        return {}


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    team = forms.ModelChoiceField(label=_("Share with team"), queryset=None, required=False, empty_label=_("Only me"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = StaffTeam.objects.filter(members=user).order_by("name")
