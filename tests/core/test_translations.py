"""Both languages stay complete: every zh-Hans catalog entry is translated and none is fuzzy."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from core.management.commands.compile_catalogs import catalogs

CATALOGS = catalogs(Path(settings.BASE_DIR))


def test_there_are_catalogs_for_the_project_and_its_apps():
    names = {po.relative_to(settings.BASE_DIR).parts[0] for po in CATALOGS}
    assert {"locale", "core", "intake"} <= names


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalog_is_complete(po_path):
    po = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_compiled_catalog_translates_at_runtime():
    with translation.override("zh-hans"):
        assert translation.gettext("Inbox") == "收件箱"
    with translation.override("en"):
        assert translation.gettext("Inbox") == "Inbox"
