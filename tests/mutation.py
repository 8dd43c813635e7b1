"""Loaded only by ``make mutation`` (pytest plugin): every mutant is a new pytest session in a forked
process, and migrating a fresh test database would cost more than most mutants' tests.

- The first session migrates its test database once and keeps a copy as a template; every later
  session (each mutant) starts from its own copy of the template instead of migrating.
- The translation catalogs are compiled in mutmut's copy, which holds only their sources.
- The tests of the mutated module's own test files run first (``test_calendar*.py`` for
  ``deadlines.calendar``), then the cheapest ones, so that a killed mutant stops early.
"""

import os
import sqlite3
from pathlib import Path

import pytest

TEMPLATE = Path("var") / "mutation-template.sqlite3"


def _own_database() -> Path:
    return Path("var") / f"mutation-test-{os.getpid()}.sqlite3"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config) -> None:
    # mutmut's copy of the project holds the catalogs' .po files only: compile them before Django
    # loads any (once; later sessions find them up to date), or Chinese wording fails every mutant.
    from core.management.commands.compile_catalogs import catalogs_compile

    catalogs_compile(Path.cwd())
    # Keep (do not re-create) the database this session is given: a copy of the template, or a new file.
    config.option.reuse_db = True
    config.option.create_db = False


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    if fixturedef.argname != "django_db_setup":
        yield
        return
    from django.db import connections

    database = _own_database()
    database.parent.mkdir(exist_ok=True)
    database.unlink(missing_ok=True)
    if TEMPLATE.exists():
        _copy(TEMPLATE, database)
    connections["default"].settings_dict.setdefault("TEST", {})["NAME"] = str(database.resolve())
    yield
    if not TEMPLATE.exists():
        _copy(database, TEMPLATE)


def pytest_unconfigure(config) -> None:
    from django.db import connections

    connections.close_all()
    _own_database().unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    """A consistent copy even while Django holds the source open."""
    partial = target.with_suffix(f".{os.getpid()}.partial")
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    partial.replace(target)


#: Modules whose test files are named after what they do rather than after the module.
TEST_FILES_OF = {"deadlines.services": "sweep", "investigations.services.evidence": "chain"}


def _focus() -> tuple[str, str]:
    """``deadlines.calendar.x_add_working_days__mutmut_3`` -> (``deadlines``, ``calen``): the folder
    and the start of the name of the mutated module's own test files."""
    module = os.environ.get("MUTANT_UNDER_TEST", "").rpartition(".")[0]
    if "." not in module:
        return "", ""
    return module.split(".")[0], TEST_FILES_OF.get(module, module.rpartition(".")[2][:5])


def _focused(item, app: str, prefix: str) -> bool:
    return bool(prefix) and item.path.parent.name == app and prefix in item.path.name


def _cost(item) -> int:
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if "transactional_db" in fixtures or "live_server" in fixtures or (marker and marker.kwargs.get("transaction")):
        return 2
    if marker is not None or "db" in fixtures or "django_db_setup" in fixtures:
        return 1
    return 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items) -> None:
    app, prefix = _focus()
    items.sort(key=lambda item: (not _focused(item, app, prefix), _cost(item)))
