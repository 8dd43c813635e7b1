"""Our own 404 and 500 pages, in the user's language, even when the database is what failed."""

from django.test import override_settings
from django.utils import translation

from core.views import server_error


@override_settings(DEBUG=False)
def test_unknown_address_shows_the_desk_404_page(client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This page does not exist." in response.content.decode()


class _UnusableRequest:
    """Stands for a request whose session and user need the database that just went down."""

    def __getattr__(self, name):
        raise RuntimeError(f"request.{name} needs the database")


def test_500_page_renders_without_touching_the_request():
    with translation.override("zh-hans"):
        response = server_error(_UnusableRequest())
    assert response.status_code == 500
    assert "系统出现问题" in response.content.decode()
