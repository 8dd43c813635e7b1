"""Forms of the emergency panel, the reports and decisions of management and the contact attempts on
the workbench."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ContactAttempt, Emergency, ManagementDecision, ManagementReport

_DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EmergencyRecordForm(forms.ModelForm):
    """The record as a whole; ``seen_version`` is the record's version the page showed."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Emergency
        fields = ["actions_taken", "hospital_reference", "police_reference", "people_informed"]
        widgets = {
            "actions_taken": forms.Textarea(attrs={"rows": 3}),
            "people_informed": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "actions_taken": _("What was done: first aid, 120 called, the worker withdrawn, the family told …"),
            "hospital_reference": _("Hospital and visit or case number, if someone was treated."),
            "police_reference": _("Police station and report number (报警回执), if the police were called."),
            "people_informed": _("Who was told, and how: supervisor, general manager, the client's family …"),
        }

    def __init__(self, *args, emergency: Emergency | None = None, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_emergency_%s")
        if emergency is not None and not args and "data" not in kwargs:
            kwargs["instance"] = emergency
            kwargs.setdefault("initial", {"seen_version": emergency.version})
        super().__init__(*args, **kwargs)


class EmergencyFollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("Follow-up"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How are the people involved now, and what is still to be done?"),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_emergency_follow_up_%s")
        super().__init__(*args, **kwargs)


class ManagementReportForm(forms.ModelForm):
    """``seen_reports`` is how many reports the page showed (a double click is refused)."""

    seen_reports = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = ManagementReport
        fields = ["reported_to", "reported_at", "summary"]
        widgets = {"reported_at": _DATETIME_WIDGET, "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reported_to": _("Name and position, e.g. 王总 (general manager).")}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_management_report_%s")
        super().__init__(*args, **kwargs)
        self.fields["reported_at"].initial = lambda: timezone.localtime().replace(second=0, microsecond=0)


class ManagementDecisionForm(forms.ModelForm):
    class Meta:
        model = ManagementDecision
        fields = ["kind", "decided_at", "decision"]
        widgets = {"decided_at": _DATETIME_WIDGET, "decision": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_management_decision_%s")
        super().__init__(*args, **kwargs)
        self.fields["decided_at"].initial = lambda: timezone.localtime().replace(second=0, microsecond=0)


class ContactAttemptForm(forms.ModelForm):
    class Meta:
        model = ContactAttempt
        fields = ["channel", "outcome", "attempted_at", "note"]
        widgets = {"attempted_at": _DATETIME_WIDGET}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_contact_attempt_%s")
        super().__init__(*args, **kwargs)
        self.fields["attempted_at"].initial = lambda: timezone.localtime().replace(second=0, microsecond=0)
