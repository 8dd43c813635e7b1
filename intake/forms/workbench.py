"""The small forms of the complaint workbench."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import StaffTeam
from core.widgets import StaffPickerField

from ..choices import Category, Channel, Severity
from ..services.assignment import handler_candidates


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.TypedChoiceField(
        label=_("Who sees it"),
        choices=[("0", _("Internal note (desk only)")), ("1", _("Message to the complainant (sent by SMS)"))],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, allow_public: bool = True, **kwargs) -> None:
        # Several forms share the workbench page: ids carry the form's name so none repeat.
        kwargs.setdefault("auto_id", "id_workbench_note_%s")
        super().__init__(*args, **kwargs)
        if not allow_public:
            self.fields["public"].choices = self.fields["public"].choices[:1]


class ReclassifyForm(forms.Form):
    """Category, severity, urgency and channel of an accepted complaint; ``seen_version`` is the page's version."""

    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices], required=False)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_category(self) -> str | None:
        return self.cleaned_data["category"] or None  # left blank: the category stays as it is

    def __init__(self, *args, complaint=None, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_reclassify_%s")
        if complaint is not None:
            kwargs.setdefault(
                "initial",
                {
                    "category": complaint.category,
                    "severity": complaint.severity,
                    "urgent": complaint.urgent,
                    "channel": complaint.channel,
                    "seen_version": complaint.version,
                },
            )
        super().__init__(*args, **kwargs)


def _reason(help_text) -> forms.CharField:
    return forms.CharField(
        label=_("Reason"), max_length=500, help_text=help_text, widget=forms.Textarea(attrs={"rows": 2})
    )


class VersionedForm(forms.Form):
    """A workbench form that carries the version of the page it was filled on, with ids of its own."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    prefix_id = ""

    def __init__(self, *args, complaint=None, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"id_{self.prefix_id}_%s")
        if complaint is not None:
            kwargs["initial"] = {"seen_version": complaint.version, **self.initial_for(complaint)}
        super().__init__(*args, **kwargs)

    def initial_for(self, complaint) -> dict:
        return {}


class ReassignForm(VersionedForm):
    """A new handler (an active agent, searchable) and/or team, and why."""

    prefix_id = "reassign"
    assigned_to = StaffPickerField(label=_("Handler"), queryset=handler_candidates(), required=False)
    assigned_team = forms.ModelChoiceField(label=_("Team"), queryset=StaffTeam.objects.all(), required=False)
    reason = _reason(_("Kept on the timeline."))

    def __init__(self, *args, complaint=None, **kwargs) -> None:
        super().__init__(*args, complaint=complaint, **kwargs)
        if complaint is not None:
            self.fields["assigned_to"].queryset = handler_candidates(complaint)

    def initial_for(self, complaint) -> dict:
        return {"assigned_to": complaint.assigned_to, "assigned_team": complaint.assigned_team_id}


class EscalateForm(VersionedForm):
    prefix_id = "escalate"
    reason = _reason(_("Why the complaint cannot be handled at this layer; the next layer reads it in its alert."))


class MergeForm(VersionedForm):
    prefix_id = "merge"
    original_number = forms.CharField(
        label=_("Tracking number of the original"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "mono", "autocomplete": "off"}),
    )
    reason = _reason(_("Kept on both timelines."))

    def initial_for(self, complaint) -> dict:
        return {"original_number": complaint.repeat_of.tracking_number if complaint.repeat_of_id else ""}
