"""Forms of the investigation stage. Each one feeds exactly one service."""

from datetime import UTC, datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from intake.forms.evidence import MultipleFileField

from .models import Department, EvidenceRequest, ExternalTeamMember, InvestigationReport
from .models.evidence import EvidenceKind
from .models.investigation import Party

User = get_user_model()

#: Moments of an investigation are recent: year 1 would overflow when the chain hashes it in UTC.
_PLAUSIBLE_MOMENT = [MinValueValidator(datetime(2000, 1, 1, tzinfo=UTC))]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


#: The roles an investigation team is formed from (domain.md §1: the agent, the investigators).
TEAM_ROLES = (roles.INVESTIGATOR, roles.AGENT)


def investigators():
    """Active investigators and agents: the pickers offer no administrator, supervisor or past employee."""
    return roles.role_members(*TEAM_ROLES)


class InvestigationStartForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    lead = forms.ModelChoiceField(label=_("Lead investigator"), queryset=User.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=_("Team members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_start_investigation_%s")  # unique among the workbench's forms
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = investigators()
        self.fields["members"].queryset = investigators()


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    provided_by = forms.ChoiceField(label=_("Provided by"), choices=Party.choices)
    collected_at = forms.DateTimeField(
        label=_("Collected at"), widget=DateTimeLocalInput(), initial=timezone.now, validators=_PLAUSIBLE_MOMENT
    )
    description = forms.CharField(
        label=_("Description or text"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    upload = forms.FileField(label=_("File"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("description", "").strip() and not data.get("upload"):
            raise forms.ValidationError(_("Give a file or a text for the evidence item."))
        return data


class SupersedeForm(forms.Form):
    reason = forms.CharField(label=_("Why is it superseded?"), max_length=500)
    description = forms.CharField(
        label=_("Replacement text (optional)"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    upload = forms.FileField(label=_("Replacement file (optional)"), required=False)


class StatementForm(forms.Form):
    party = forms.ChoiceField(label=_("Party"), choices=Party.choices)
    person_name = forms.CharField(label=_("Person"), max_length=50)
    content = forms.CharField(label=_("Statement"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    taken_at = forms.DateTimeField(
        label=_("Taken at"), widget=DateTimeLocalInput(), initial=timezone.now, validators=_PLAUSIBLE_MOMENT
    )


class EvidenceRequestForm(forms.Form):
    addressee = forms.ChoiceField(label=_("Ask"), choices=EvidenceRequest.Addressee.choices)
    addressee_name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.CharField(
        label=_("Mobile phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("The request goes there by SMS."),
    )
    asked_for = forms.CharField(label=_("What is asked for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class SiteVisitForm(forms.Form):
    visited_at = forms.DateTimeField(
        label=_("Visited at"), widget=DateTimeLocalInput(), initial=timezone.now, validators=_PLAUSIBLE_MOMENT
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    present = forms.CharField(label=_("Who was present"), max_length=300)
    findings = forms.CharField(label=_("Findings"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    photos = MultipleFileField(label=_("Photos"), required=False)


class ReportForm(forms.ModelForm):
    class Meta:
        model = InvestigationReport
        fields = [
            "service_quality",
            "worker_conduct",
            "needs_understanding",
            "communication",
            "responsibility",
            "fault_degree",
            "responsible_name",
            "fraud_found",
            "conclusion",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["service_quality", "worker_conduct", "needs_understanding", "communication", "conclusion"]
        }


class ExtensionRequestForm(forms.Form):
    working_days = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=60)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecideForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class ExternalMemberForm(forms.Form):
    """Someone without a login on the team (seed 001: 家政服务项目负责人、相关服务人员)."""

    name = forms.CharField(label=_("Name"), max_length=50)
    role = forms.ChoiceField(label=_("Role"), choices=ExternalTeamMember.Role.choices)
    phone = forms.CharField(label=_("Mobile phone (optional)"), max_length=20, required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_external_member_%s")
        super().__init__(*args, **kwargs)


class ExternalMemberRemoveForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReferralForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.filter(is_active=True))
    request_text = forms.CharField(label=_("What is asked"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_referral_%s")
        super().__init__(*args, **kwargs)


class ReferralResponseForm(forms.Form):
    referral = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    response = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class JointGroupForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=User.objects.none())
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_joint_group_%s")
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = roles.role_members(roles.MANAGEMENT, roles.SUPERVISOR)
