"""Personal data is masked by default: enough to recognise a complainant, not enough to reach them."""

import pytest

from core.models import PersonalDataAccess
from core.privacy import can_see_personal_data, mask_email, mask_name, mask_phone, personal_data_access_log
from tests.factories import ComplaintFactory


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("1381234", "138****1234"),
        ("138123", "******"),
        ("1", "*"),
        ("", ""),
    ],
)
def test_a_phone_keeps_its_first_three_and_last_four_digits(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("name", "masked"), [("张三", "张*"), ("欧阳娜娜", "欧***"), ("李", "李*"), ("", "")])
def test_a_name_keeps_its_first_character(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("zhang.san@example.com", "z***@example.com"),
        ("a@b@example.com", "a***@b@example.com"),
        ("no-at-sign", "n*********"),
        ("", ""),
    ],
)
def test_an_email_keeps_its_first_character_and_domain(email, masked):
    assert mask_email(email) == masked


def test_only_a_role_with_the_permission_sees_personal_data(agent, investigator, supervisor):
    assert can_see_personal_data(supervisor) is True
    assert can_see_personal_data(agent) is False
    assert can_see_personal_data(investigator) is False


def test_every_access_is_logged_with_a_purpose_of_at_most_100_characters(agent):
    complaint = ComplaintFactory()

    personal_data_access_log(user=agent, complaint=complaint, purpose="回访" * 60)

    access = PersonalDataAccess.objects.get()
    assert (access.user, access.complaint, access.purpose) == (agent, complaint, "回访" * 50)


def test_an_access_without_a_stated_purpose_is_logged_with_an_empty_one(agent):
    personal_data_access_log(user=agent, complaint=ComplaintFactory())

    assert PersonalDataAccess.objects.get().purpose == ""
