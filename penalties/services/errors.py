from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class WorkerBlacklisted(ValidationError):
    """The identity is on the blacklist: the worker cannot be onboarded. Carries the reason category."""

    def __init__(self, reason_category_label: str):
        self.reason_category_label = reason_category_label
        super().__init__(
            _("This person is on the blacklist (reason: %(reason)s) and cannot be onboarded.")
            % {"reason": reason_category_label},
            code="blacklisted",
        )
