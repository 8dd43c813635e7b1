"""The complaint hotline and e-mail are published on every public page and in the result notice
(seed 002: 公示投诉电话与电子邮箱), and the registration offers the suggestion box (意见箱)."""

import pytest
from django.urls import reverse

from intake.choices import Channel
from resolutions.notice import notice_sections
from resolutions.selectors import notice_content_build
from tests.resolutions.factories import complaint_resolved

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(settings):
    settings.DESK_HOTLINE = "400-123-4567"
    settings.DESK_EMAIL = "tousu@jiazheng.example"


@pytest.mark.parametrize("name", ["home", "track", "public-stats"])
def test_public_pages_publish_the_hotline_and_email_as_links(client, published, name):
    page = client.get(reverse(name)).content.decode()
    assert 'href="tel:400-123-4567"' in page and 'href="mailto:tousu@jiazheng.example"' in page
    assert "意见箱" in page


def test_nothing_is_published_when_the_company_has_not_set_them(client, settings):
    settings.DESK_HOTLINE = settings.DESK_EMAIL = ""
    assert "tel:" not in client.get(reverse("home")).content.decode()


def test_the_desk_pages_do_not_repeat_the_public_footer(client, agent, published):
    client.force_login(agent)
    assert "tel:400-123-4567" not in client.get(reverse("desk")).content.decode()


def test_the_result_notice_names_the_hotline_and_email_it_was_sent_with(agent, published):
    content = notice_content_build(complaint_resolved(agent))
    lines = [line for section in notice_sections(content) for line in section.lines]
    assert any("400-123-4567" in line for line in lines)
    assert any("tousu@jiazheng.example" in line for line in lines)


def test_a_notice_sent_before_the_contact_was_kept_still_renders(agent):
    content = notice_content_build(complaint_resolved(agent))
    del content["contact"]
    assert notice_sections(content)


def test_letters_from_the_suggestion_box_are_registered_as_such(client, agent):
    client.force_login(agent)
    form = client.get(reverse("complaint-register")).content.decode()
    assert f'value="{Channel.SUGGESTION_BOX}"' in form
