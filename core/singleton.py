"""A table of one row holding a company's choices (a switch supervisors flip in admin).

Code can always ask ``Settings.current()``: until a supervisor saves the row, the defaults answer
(a read never writes, so a GET changes nothing). Admin offers no second row and no deletion.
"""

from django.db import models
from simple_history.admin import SimpleHistoryAdmin


class SingletonModel(models.Model):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class SingletonAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request) -> bool:
        return not self.model.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
