"""Forms of the penalties screens: each one is parsed here and handed to one service."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .identity import identity_is_valid
from .models import Appeal, ConsentScope, Penalty


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file (UTF-8, header row first)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise ValidationError(_("The file is too large; split it."))
        return upload


class OnboardingCheckForm(forms.Form):
    identity_number = forms.CharField(label=_("identity number"), max_length=30)

    def clean_identity_number(self) -> str:
        number = self.cleaned_data["identity_number"]
        if not identity_is_valid(number):
            raise ValidationError(_("Enter a valid 18-character identity number."))
        return number


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(forms.Form):
    grounds = forms.CharField(label=_("grounds"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=[(value, label) for value, label in Appeal.Outcome.choices if value != Appeal.Outcome.PENDING],
    )
    note = forms.CharField(label=_("reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    points = forms.IntegerField(label=_("points after reduction"), min_value=0, required=False)
    fine_amount = forms.DecimalField(
        label=_("fine after reduction"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    suspension_days = forms.IntegerField(label=_("suspension days after reduction"), min_value=0, required=False)


class PenaltyProposeForm(forms.ModelForm):
    """A proposal from the worker's page; the complaint is one of the worker's own complaints."""

    class Meta:
        model = Penalty
        fields = [
            "complaint",
            "kind",
            "category",
            "reason",
            "points",
            "fine_amount",
            "suspension_days",
            "authority",
            "reported_on",
            "authority_reference",
        ]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "reported_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, worker, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.worker = worker
        from intake.models import Complaint

        self.fields["complaint"].queryset = Complaint.objects.filter(subject__worker=worker)


class DisclosureForm(forms.Form):
    recipient_kind = forms.ChoiceField(label=_("to"), choices=ConsentScope.choices)
    recipient = forms.CharField(
        label=_("who asked"),
        max_length=200,
        help_text=_("The customer's name and order number, or the platform's request."),
    )


class OfficialListingProposeForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for the official listing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written for the credit platform; the internal blacklist's reason is not carried over."),
    )
