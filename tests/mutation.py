"""Loaded only by ``make mutation``: run the cheapest tests first, so that a mutant a unit test
already kills never pays for creating the test database."""

import pytest


def _cost(item) -> int:
    fixtures = getattr(item, "fixturenames", ())
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return 2
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return 2
    if marker is not None or "db" in fixtures or "django_db_setup" in fixtures:
        return 1
    return 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items) -> None:
    items.sort(key=_cost)
