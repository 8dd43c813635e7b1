"""The malicious or false complaint flag's forms on the workbench (supervisors only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.flags import KEEP, LIFT


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The facts that show the complaint was malicious or false."),
        error_messages={"required": _("Say why this complainant is flagged.")},
    )


class FlagReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(KEEP, _("Keep the flag until the next review")), (LIFT, _("Lift the flag"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the flag is kept or lifted.")},
    )
