import pytest

from deadlines import calendar
from tests.defaults import defaults_reload


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Overrides are cached per process; a rolled-back test must not leak its overrides."""
    calendar.clear_override_cache()
    calendar._warned_years.clear()
    yield
    calendar.clear_override_cache()


@pytest.fixture(autouse=True)
def _default_policies(request):
    """A transactional test flushes the tables, the data migration's default policies with them."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("_django_db_helper")
    defaults_reload()
