"""Forms of the agent's side: registration, classification, the acceptance decision, inbox filters."""

import hashlib
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import StaffTeam

from ..acceptance import not_accepted_reasons_for
from ..choices import Category, Channel, Demand, NotAcceptedReason, ServiceType, Severity
from ..models import Complaint, State, Transfer
from ..services.assignment import handler_candidates
from ..services.decision import DEFAULT_REPLY_WITHIN
from ..services.desk_reports import earlier_complaint_find
from ..validators import landline_normalize, mobile_phone_normalize
from ..worklists import worklist_choices

#: A clock that is a little fast must not make "just now" look like the future.
_CLOCK_SLACK = timedelta(minutes=2)
#: A receipt time before this year is a typo; year 1 cannot even be shifted into UTC to look for repeats.
_EARLIEST_RECEIPT_YEAR = 2000
#: Filter days the database can compare with: year 1 and 9999 overflow once shifted into UTC or by a day.
_FILTER_DAY_RANGE = [MinValueValidator(date(_EARLIEST_RECEIPT_YEAR, 1, 1)), MaxValueValidator(date(2100, 12, 31))]
_DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _blank(label) -> list:
    return [("", label)]


def description_digest(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


class RegistrationForm(forms.ModelForm):
    """What the complainant told the agent, for any channel but the website form (which has its own page)."""

    channel = forms.ChoiceField(label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.WEB_FORM])
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=_DATETIME_WIDGET,
        help_text=_("When the call, letter or visit actually reached us. Every deadline counts from here."),
    )
    demands = forms.MultipleChoiceField(
        label=_("Demands"), choices=Demand.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    # Longer than the stored 11 digits: agents type what they hear, "+86 139 1234 5678" included.
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    earlier_tracking_number = forms.CharField(
        label=_("Tracking number of the earlier complaint (optional)"),
        max_length=40,
        required=False,
        help_text=_("For a complaint about how the desk handled that complaint: a supervisor takes it."),
    )
    transfer_received_on = forms.DateField(
        label=_("Received by the body on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a transferred complaint: the date the body received it (its rule depends on it)."),
    )
    transfer_accepted_on = forms.DateField(
        label=_("Accepted by the body on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The body's own period counts from the next day."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    class Meta:
        model = Complaint
        fields = [
            "channel",
            "transfer_body",
            "transfer_case_number",
            "received_at",
            "complainant_name",
            "phone",
            "landline",
            "email",
            "address",
            "order_number",
            "service_type",
            "worker_named",
            "occurred_at",
            "occurred_place",
            "description",
            "demands",
            "demand_note",
            "reply_wanted_by",
        ]
        widgets = {
            "occurred_at": _DATETIME_WIDGET,
            "reply_wanted_by": _DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("occurred_at", "reply_wanted_by"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["received_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["service_type"].choices = _blank("—") + list(ServiceType.choices)
        self.fields["transfer_body"].help_text = _("Required for a transferred complaint.")

    def clean_phone(self) -> str:
        return mobile_phone_normalize(self.cleaned_data["phone"])

    def clean_landline(self) -> str:
        return landline_normalize(self.cleaned_data["landline"])

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now() + _CLOCK_SLACK:
            raise forms.ValidationError(_("The receipt time cannot be in the future."))
        if received_at.year < _EARLIEST_RECEIPT_YEAR:
            raise forms.ValidationError(_("The receipt time is too far in the past."))
        return received_at

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.TRANSFER:
            if not data.get("transfer_body"):
                self.add_error("transfer_body", _("Choose the body that transferred the complaint."))
            if not (data.get("transfer_case_number") or "").strip():
                self.add_error("transfer_case_number", _("Enter the transferring body's case number."))
            self._transfer_dates_check(data)
        else:
            data["transfer_body"] = ""
            data["transfer_case_number"] = ""
            data["transfer_received_on"] = data["transfer_accepted_on"] = None
        try:
            data["earlier_complaint"] = earlier_complaint_find(data.get("earlier_tracking_number", ""))
        except ValidationError as error:
            self.add_error(None, error)
        return data

    def _transfer_dates_check(self, data: dict) -> None:
        """Both dates, checked by the transfer record's own rules (none in the future, accepted after received)."""
        received, accepted = data.get("transfer_received_on"), data.get("transfer_accepted_on")
        if received is None and "transfer_received_on" not in self.errors:
            self.add_error("transfer_received_on", _("Enter the date the body received the complaint."))
        if accepted is None and "transfer_accepted_on" not in self.errors:
            self.add_error("transfer_accepted_on", _("Enter the date the body accepted the complaint."))
        try:
            Transfer(received_on=received, accepted_on=accepted).clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(f"transfer_{name}", messages)

    def transfer_dates(self) -> dict:
        """The registration service's arguments for the body's dates."""
        return {name: self.cleaned_data[name] for name in ("transfer_received_on", "transfer_accepted_on")}

    def complaint_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name != "received_at"}
        if data.get("earlier_complaint") is not None:
            fields["earlier_complaint"] = data["earlier_complaint"]
        return {**fields, "idempotency_key": data["idempotency_key"]}


class ClassificationForm(forms.Form):
    """The agent's confirmation or correction of the classifier's proposal."""

    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    urgent = forms.BooleanField(label=_("Urgent (safety or ongoing harm)"), required=False)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)


class AcceptForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    urgent = forms.BooleanField(label=_("Urgent (safety or ongoing harm)"), required=False)
    assigned_to = forms.ModelChoiceField(label=_("Assigned agent"), queryset=None, required=False)
    assigned_team = forms.ModelChoiceField(label=_("Assigned team"), queryset=StaffTeam.objects.all(), required=False)
    promised_reply_at = forms.DateTimeField(
        label=_("Promised reply by"), widget=_DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = handler_candidates()
        self.fields["assigned_to"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean_promised_reply_at(self):
        value = self.cleaned_data["promised_reply_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("The promised reply time must be in the future."))
        return value

    @classmethod
    def for_complaint(cls, complaint: Complaint) -> "AcceptForm":
        form = cls(
            initial={
                "category": complaint.category or complaint.proposed_category,
                "severity": complaint.severity,
                "urgent": complaint.urgent,
                "promised_reply_at": timezone.localtime() + DEFAULT_REPLY_WITHIN,
                "version": complaint.version,
            }
        )
        form.fields["assigned_to"].queryset = handler_candidates(complaint)
        return form


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=_blank("—") + list(NotAcceptedReason.choices))
    note = forms.CharField(
        label=_("Note to the complainant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Sent to the complainant with the reason."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_complaint(cls, complaint: Complaint, data=None) -> "DeclineForm":
        """Only the reasons of the rule in force when the complaint was received."""
        form = cls(data, initial={"version": complaint.version})
        form.fields["reason"].choices = _blank("—") + [
            (reason.value, reason.label) for reason in not_accepted_reasons_for(complaint)
        ]
        return form


class InboxFilterForm(forms.Form):
    """The inbox's query string. Every value is checked against a fixed list before it reaches a query."""

    label_suffix = ""

    ASSIGNED_CHOICES = [
        ("", _("Anyone")),
        ("me", _("Assigned to me")),
        ("team", _("My team")),
        ("unassigned", _("Unassigned")),
    ]
    SORT_CHOICES = [
        ("urgency", _("Urgent first")),
        ("-received", _("Newest first")),
        ("received", _("Oldest first")),
        ("due", _("Least time left")),
        ("-due", _("Most time left")),
        ("category", _("Category")),
        ("-category", _("Category, reversed")),
        ("state", _("State")),
        ("-state", _("State, reversed")),
        ("assigned", _("Handler")),
        ("-assigned", _("Handler, reversed")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    worklist = forms.ChoiceField(label=_("Worklist"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("open", _("Open")), ("all", _("All states"))] + list(State.choices),
    )
    category = forms.ChoiceField(label=_("Category"), required=False, choices=_blank(_("All")) + list(Category.choices))
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=_blank(_("All")) + list(Severity.choices))
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=_blank(_("All")) + list(Channel.choices))
    assigned = forms.ChoiceField(label=_("Assigned"), required=False, choices=ASSIGNED_CHOICES)
    DEADLINE_CHOICES = [
        ("", _("All")),
        ("overdue", _("Overdue")),
        ("due_today", _("Due today")),
        ("escalated_to_me", _("Escalated to me")),
    ]
    deadline = forms.ChoiceField(label=_("Deadline"), required=False, choices=DEADLINE_CHOICES)
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    repeat = forms.BooleanField(label=_("Repeats only"), required=False)
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=_FILTER_DAY_RANGE,
    )
    received_to = forms.DateField(
        label=_("Received until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=_FILTER_DAY_RANGE,
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worklist"].choices = _blank(_("All")) + worklist_choices()

    def filters(self) -> dict:
        """The valid filters; an invalid one is dropped (the form shows why) instead of failing the page."""
        if self.is_valid():
            return self.cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
