"""Playwright (Python) driving Debian's chromium against the live test server."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from core import roles
from tests.defaults import defaults_reload
from tests.factories import UserFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's sync API runs an event loop; Django's ORM in the test thread is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    defaults_reload()
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 412, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def login(page, transactional_db):
    """Log in through the real login page as a fresh user with the given role."""

    def _login(role: str, username: str | None = None):
        user = UserFactory(username=username or f"e2e-{role}", is_staff=role == roles.SUPERVISOR)
        user.groups.add(Group.objects.get(name=role))
        page.goto("/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "pw-for-tests")
        page.click("button[type=submit].primary")
        return user

    return _login


def screenshot(page, name: str, *, width: int = 1100, languages: tuple[str, ...] = ("zh-hans",)) -> None:
    """The documentation's screenshots, written when SCREENSHOT_DIR names where (docs/screenshots):
    the page's address opened again in a page of its own (same session) per language, ``name`` with
    ``{lang}`` replaced by ``zh`` or ``en``. The test's page is left as it was."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    shot = page.context.new_page()
    shot.set_viewport_size({"width": width, "height": 900})
    for language in languages:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
        shot.goto(page.url)
        shot.screenshot(path=str(Path(folder) / name.format(lang=language[:2])), full_page=True)
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": page.url}])
    shot.close()
