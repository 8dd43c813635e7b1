"""The evidence files field, the same on the public form and the agent's registration screen."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..uploads import uploads_check


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each one is checked by ``uploads_check`` in the form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class EvidenceForm(forms.Form):
    """Photos, videos, recordings and documents, checked by their content (``intake.uploads``)."""

    evidence = MultipleFileField(label=_("Photos, videos, recordings or documents (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _(
            "Up to %(file)s per file and %(total)s in total: photos (JPEG, PNG, WebP, GIF), videos (MP4, MOV, WebM), "
            "audio (MP3, M4A, WAV, OGG, AMR) or PDF."
        ) % {
            "file": filesizeformat(settings.COMPLAINT_MAX_FILE_SIZE),
            "total": filesizeformat(settings.COMPLAINT_MAX_TOTAL_UPLOAD),
        }

    def clean_evidence(self):
        return uploads_check(self.cleaned_data["evidence"])
