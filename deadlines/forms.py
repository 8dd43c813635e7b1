from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _next_year() -> int:
    return timezone.localdate().year + 1


class HolidayNoticeForm(forms.Form):
    """The pasted text of a holiday notice; the preview's digest comes back with the confirmation."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100, initial=_next_year)
    text = forms.CharField(
        label=_("text of the notice"),
        max_length=20000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text=_("Paste the whole notice (国务院办公厅关于××××年部分节假日安排的通知), from the title to the date."),
    )
    digest = forms.CharField(required=False, widget=forms.HiddenInput)
