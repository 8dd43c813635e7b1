"""Forms of the transferring body's panel: a testing or appraisal pause, and the outcome reported back."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MediationEnd, OutcomeMethod, TransferPause

_DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class TransferPauseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TransferPause.Kind.choices)
    started_on = forms.DateField(label=_("Started on"), widget=_DATE_WIDGET)
    ended_on = forms.DateField(label=_("Ended on"), widget=_DATE_WIDGET)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_transfer_pause_%s")
        super().__init__(*args, **kwargs)


class TransferOutcomeForm(forms.Form):
    """The 12315 platform's fields: 处理时间, 处理过程, 处理方式, 处理结果."""

    outcome_at = forms.DateTimeField(
        label=_("Handled at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    outcome_process = forms.CharField(
        label=_("Handling process"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome_method = forms.ChoiceField(label=_("Handling method"), choices=OutcomeMethod.choices)
    outcome_result = forms.CharField(
        label=_("Handling result"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    mediation_end = forms.ChoiceField(
        label=_("How the mediation ended"),
        choices=[("", "—"), *MediationEnd.choices],
        required=False,
        help_text=_("Required when the market regulator mediated."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_transfer_outcome_%s")
        super().__init__(*args, **kwargs)
