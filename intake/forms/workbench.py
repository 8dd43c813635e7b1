"""The small forms of the complaint workbench."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
