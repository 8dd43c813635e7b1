import pytest

from deadlines import calendar


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Overrides are cached per process; a rolled-back test must not leak its overrides."""
    calendar.clear_override_cache()
    calendar._warned_years.clear()
    yield
    calendar.clear_override_cache()
