"""The public complaint form and the status lookup form (no login)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import Channel, Demand, ServiceType
from ..models import Complaint
from ..services.submission import ReplyWithin, idempotency_key_valid
from ..validators import landline_normalize, mobile_phone_normalize, tracking_number_normalize
from .evidence import EvidenceForm


def field_describe(form: forms.Form) -> None:
    """Tie help texts and errors to their inputs for screen readers (aria-describedby/aria-invalid)."""
    for name, field in form.fields.items():
        bound = form[name]
        described = []
        if field.help_text:
            described.append(f"{bound.auto_id}_help")
        if form.is_bound and name in form.errors:
            described.append(f"{bound.auto_id}_error")
            field.widget.attrs["aria-invalid"] = "true"
        if described:
            field.widget.attrs["aria-describedby"] = " ".join(described)


class PublicComplaintForm(EvidenceForm):
    complainant_name = forms.CharField(label=_("Your name"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        help_text=_("We send your tracking number to this number."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    landline = forms.CharField(label=_("Landline (optional)"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(label=_("Address (optional)"), max_length=200, required=False)
    order_number = forms.CharField(
        label=_("Service order number"),
        max_length=40,
        required=False,
        help_text=_("Shown in your order confirmation; leave empty if you do not have it."),
    )
    service_type = forms.ChoiceField(label=_("Service"), choices=[("", "—"), *ServiceType.choices])
    worker_named = forms.CharField(
        label=_("Worker or team concerned (optional)"),
        max_length=100,
        required=False,
        help_text=_("A name or a staff number, as you know it."),
    )
    occurred_at = forms.DateTimeField(
        label=_("When did it happen? (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    occurred_place = forms.CharField(label=_("Where did it happen? (optional)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What happened?"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Facts help us most: what, when, who, and what it caused."),
    )
    demands = forms.MultipleChoiceField(
        label=_("What would you like us to do?"),
        choices=Demand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    demand_note = forms.CharField(label=_("Other wishes (optional)"), max_length=500, required=False)
    reply_within = forms.ChoiceField(
        label=_("When would you like a reply?"), choices=ReplyWithin.choices, required=False
    )
    about_the_desk = forms.BooleanField(
        label=_("My complaint is about how the complaint desk handled a complaint"),
        required=False,
        help_text=_("A supervisor who did not handle the earlier complaint looks into it."),
    )
    earlier_tracking_number = forms.CharField(
        label=_("Tracking number of the earlier complaint (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are used to handle this complaint."),
        error_messages={"required": _("Please agree to the privacy notice so that we can handle your complaint.")},
    )
    # Humans never see this field; form-filling robots fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field_describe(self)

    def full_clean(self) -> None:
        super().full_clean()
        field_describe(self)

    def clean_phone(self) -> str:
        return mobile_phone_normalize(self.cleaned_data["phone"])

    def clean_landline(self) -> str:
        return landline_normalize(self.cleaned_data["landline"])

    def clean_occurred_at(self):
        occurred_at = self.cleaned_data["occurred_at"]
        if occurred_at and occurred_at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("This date is in the future."))
        return occurred_at

    def clean_idempotency_key(self) -> str:
        key = self.cleaned_data["idempotency_key"]
        if not idempotency_key_valid(key):
            raise forms.ValidationError(_("This form has expired. Please send it again."))
        return key

    def clean(self):
        cleaned = super().clean()
        number = tracking_number_normalize(cleaned.get("earlier_tracking_number", ""))
        cleaned["earlier_complaint"] = None
        if number and cleaned.get("phone"):
            # Only a complaint made with the same phone: a report never reaches another person's complaint.
            cleaned["earlier_complaint"] = Complaint.objects.filter(
                tracking_number=number, phone=cleaned["phone"]
            ).first()
            if cleaned["earlier_complaint"] is None:
                self.add_error(
                    "earlier_tracking_number",
                    _("None of your complaints has this tracking number; check it or leave it empty."),
                )
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def complaint_fields(self) -> dict:
        """The cleaned values under the service's argument names."""
        data = dict(self.cleaned_data)
        data.pop("website")
        data.pop("privacy_consent")
        data.pop("earlier_tracking_number")
        if data.pop("about_the_desk") or data["earlier_complaint"] is not None:
            data["channel"] = Channel.DESK_REPORT
        return {"uploads": data.pop("evidence"), **data}


class TrackForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone used for the complaint"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def full_clean(self) -> None:
        super().full_clean()
        field_describe(self)

    def clean_tracking_number(self) -> str:
        return tracking_number_normalize(self.cleaned_data["tracking_number"])

    def clean_phone(self) -> str:
        # A malformed phone gets the same neutral answer as a wrong one: no hint what was wrong.
        try:
            return mobile_phone_normalize(self.cleaned_data["phone"])
        except forms.ValidationError:
            return ""


class TrackAddForm(EvidenceForm):
    """A message or files added to an open complaint from the tracking page."""

    text = forms.CharField(
        label=_("Your message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def full_clean(self) -> None:
        super().full_clean()
        field_describe(self)
