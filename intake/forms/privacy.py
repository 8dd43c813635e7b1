"""Forms of the requests about personal data: from the tracking page, registered by an agent, and
a supervisor's correction or refusal."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import Complaint, PrivacyRequest
from ..validators import landline_normalize, mobile_phone_normalize
from .public import field_describe

_DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DETAILS_HELP = _("For a correction: what is wrong and what it should say.")


class PrivacyRequestForm(forms.Form):
    """The complainant's own request, on /track/ after the lookup."""

    kind = forms.ChoiceField(label=_("What do you ask?"), choices=PrivacyRequest.Kind.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=2000,
        help_text=_DETAILS_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_privacy_%s")
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        field_describe(self)

    def clean(self):
        data = super().clean()
        if data.get("kind") == PrivacyRequest.Kind.CORRECT and not data.get("details", "").strip():
            self.add_error("details", _("Tell us what is wrong and what it should say."))
        return data


class PrivacyRequestRegisterForm(PrivacyRequestForm):
    """A request made by phone, by letter or in person, registered by an agent."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[choice for choice in PrivacyRequest.Channel.choices if choice[0] != PrivacyRequest.Channel.WEB],
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        widget=_DATETIME_WIDGET,
        help_text=_("Empty for now; the postmark's date for a letter."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_privacy_register_%s")
        super().__init__(*args, **kwargs)
        self.fields["kind"].label = _("Request")
        self.fields["details"].label = _("Details")


class PrivacyCorrectionForm(forms.Form):
    """The corrected details; an empty field keeps what is on record."""

    complainant_name = forms.CharField(max_length=50, required=False)
    phone = forms.CharField(max_length=20, required=False)
    landline = forms.CharField(max_length=20, required=False)
    email = forms.EmailField(required=False)
    address = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_correct_%s")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # labelled as on the complaint
            field.label = capfirst(Complaint._meta.get_field(name).verbose_name)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return mobile_phone_normalize(phone) if phone else ""

    def clean_landline(self) -> str:
        return landline_normalize(self.cleaned_data["landline"].strip())

    def corrections(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


class PrivacyRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing"),
        max_length=2000,
        help_text=_("The requester receives it word for word by SMS."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_refuse_%s")
        super().__init__(*args, **kwargs)
