"""Checks shared by the public form and the API, so both refuse the same input the same way."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def mobile_phone_normalize(value: str) -> str:
    """A mainland mobile number as 11 digits: spaces and dashes dropped, +86 / 0086 prefix removed.

    Raises ValidationError for anything that is not a mainland mobile number.
    """
    digits = _SEPARATORS.sub("", value or "")
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Enter a mainland China mobile number of 11 digits, for example 13812345678."), code="phone"
        )
    return digits


def landline_normalize(value: str) -> str:
    compact = re.sub(r"[\s()（）]", "", value or "")
    if compact and not _LANDLINE.match(compact):
        raise ValidationError(_("Enter a landline with its area code, for example 010-12345678."), code="landline")
    return compact


def tracking_number_normalize(value: str) -> str:
    """Tracking numbers are read over the phone: accept lower case and stray spaces."""
    return re.sub(r"\s", "", value or "").upper()[:20]
