"""Keyword rules of the classifier, edited by supervisors in admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import Category, Severity


class KeywordRule(models.Model):
    keyword = models.CharField(_("keyword"), max_length=50)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    urgent = models.BooleanField(_("marks urgent"), default=False)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "keyword"]
        verbose_name = _("keyword rule")
        verbose_name_plural = _("keyword rules")
        constraints = [models.UniqueConstraint(fields=["keyword", "category"], name="keyword_rule_unique")]

    def __str__(self) -> str:
        return self.keyword
