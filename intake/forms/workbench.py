"""The small forms of the complaint workbench."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import Channel, Severity


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
    """Severity, urgency and channel of an accepted complaint; ``seen_version`` is the page's version."""

    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, complaint=None, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_reclassify_%s")
        if complaint is not None:
            kwargs.setdefault(
                "initial",
                {
                    "severity": complaint.severity,
                    "urgent": complaint.urgent,
                    "channel": complaint.channel,
                    "seen_version": complaint.version,
                },
            )
        super().__init__(*args, **kwargs)
