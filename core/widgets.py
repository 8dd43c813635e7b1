"""A searchable picker of staff without JavaScript: a text input tied to a ``<datalist>``.

The browser filters the list as the user types (name or username) and the form receives the
username; the field accepts only the users of its queryset, so an inactive account or another
role typed by hand is refused like a forged ``<select>`` value.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class DatalistInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "autocomplete": "off"}
        list_id = f"{attrs.get('id') or name}_choices"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}">{}</option>', ((str(key), label) for key, label in self.choices if key != "")
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class StaffPickerField(forms.ModelChoiceField):
    """Pick one user of ``queryset`` by username, with "full name · username" shown in the list."""

    widget = DatalistInput
    default_error_messages = {"invalid_choice": _("Choose someone from the list (an active member of the right role).")}

    def __init__(self, queryset, **kwargs) -> None:
        kwargs.setdefault("help_text", _("Type a name to search."))
        super().__init__(queryset, to_field_name="username", **kwargs)

    def label_from_instance(self, user) -> str:
        name = user.get_full_name()
        return f"{name} · {user.get_username()}" if name else user.get_username()
