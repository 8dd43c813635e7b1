"""Versions of the triage model: each training run is kept, supervisors choose the active one in admin."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ClassifierVersion(models.Model):
    """One trained triage model with the figures it reached on the corpus's test split.

    The pickled model is written only by ``classifier_train`` and read back only when its checksum
    matches, so a damaged row is detected and the previous version used instead.
    """

    created_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trained by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the weekly job trained it."),
    )
    corpus_examples = models.PositiveIntegerField(_("examples from the corpus"))
    desk_examples = models.PositiveIntegerField(_("complaints confirmed by agents"))
    metrics = models.JSONField(_("figures on the test split"), default=dict)
    model = models.BinaryField(_("model"))
    checksum = models.CharField(_("SHA-256 of the model"), max_length=64)
    library_version = models.CharField(_("scikit-learn version"), max_length=20)
    active = models.BooleanField(_("active"), default=False)
    load_error = models.CharField(_("load error"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["model"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("classifier version")
        verbose_name_plural = _("classifier versions")
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="one_active_classifier"),
        ]

    def __str__(self) -> str:
        return _("Classifier version %(number)s") % {"number": self.pk}
