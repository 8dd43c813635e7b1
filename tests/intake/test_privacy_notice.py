"""The privacy notice: what is collected, why, for how long and how to ask, in both languages,
linked from the public form, /track/ and the footer, and as light as the other public pages."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh-hans", ["我们收集的信息", "用途", "保存期限", "您的权利及申请方式", "15个工作日"]),
        ("en", ["What we collect", "Why", "How long", "Your rights and how to ask", "15 working days"]),
    ],
)
def test_the_notice_says_what_why_how_long_and_how_to_ask(client, settings, language, words):
    settings.PRIVACY_REQUEST_WORKING_DAYS = 15
    settings.ARCHIVE_RETENTION_YEARS = 5
    html = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for word in words:
        assert word in html
    assert "5" in html and 'href="/track/"' in html


@pytest.mark.parametrize("path", ["/complaints/new/", "/track/", "/"])
def test_public_pages_link_the_notice(client, path):
    assert 'href="/privacy/"' in client.get(path).content.decode()


def test_the_footer_links_it_even_without_a_published_hotline(client, settings):
    settings.DESK_HOTLINE = settings.DESK_EMAIL = ""
    footer = client.get("/track/").content.decode().split("<footer", 1)[1]
    assert 'href="/privacy/"' in footer


def test_the_notice_loads_nothing_from_another_host_and_no_script(client):
    html = client.get("/privacy/").content.decode()
    assert "<script" not in html
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)
    assert html.count('rel="stylesheet"') == 2  # the shared desk.css and the small public.css
