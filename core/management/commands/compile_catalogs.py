"""Compile every zh-Hans catalog (.po → .mo) with polib, so no gettext tools are needed."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SKIP = {".venv", "var", "node_modules", ".git"}


def catalogs(root: Path) -> list[Path]:
    return sorted(
        po for po in root.glob("**/locale/*/LC_MESSAGES/*.po") if not SKIP.intersection(po.relative_to(root).parts)
    )


def catalogs_compile(root: Path) -> list[Path]:
    """Compile every catalog under ``root`` whose .mo is missing or older; the ones compiled."""
    compiled = []
    for po_path in catalogs(root):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(po_path)
    return compiled


class Command(BaseCommand):
    help = "Compile the translation catalogs of the project and its apps."

    def handle(self, *args, **options) -> None:
        for po_path in catalogs_compile(Path(settings.BASE_DIR)):
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
