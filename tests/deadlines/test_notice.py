"""Reading the State Council's holiday notice: the real notices give chinese-calendar's days exactly,
and whatever cannot be read safely is listed and blocks saving."""

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from deadlines.notice import Outcome, notice_parse

DATA = Path(__file__).parent / "data"


def notice_text(year: int) -> str:
    return (DATA / f"notice-{year}.txt").read_text(encoding="utf-8")


def days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_real_notice_gives_chinese_calendars_days_one_by_one(year):
    parsed = notice_parse(notice_text(year), year=year)
    assert parsed.problems == [] and parsed.not_understood == [] and parsed.can_save
    for day in days_of(year):
        assert (day in parsed.holidays) == (day in chinese_calendar.holidays), day
        assert (day in parsed.workdays) == (day in chinese_calendar.workdays), day
        working = parsed.days.get(day, day.weekday() < 5)  # what the desk counts once the notice is saved
        assert working == chinese_calendar.is_workday(day), day


def test_the_2025_notice_has_the_added_spring_festival_eve_and_labour_day():
    parsed = notice_parse(notice_text(2025), year=2025)
    assert date(2025, 1, 28) in parsed.holidays  # 除夕
    assert [d for d, name in parsed.holidays.items() if name == "劳动节"] == [date(2025, 5, d) for d in range(1, 6)]
    assert parsed.holidays[date(2025, 10, 6)] == "国庆节、中秋节"


def test_a_new_years_day_from_the_previous_december_belongs_to_the_notice():
    """The 2023 notice: 元旦 from 2022年12月31日, with the years written out."""
    parsed = notice_parse(notice_text(2023), year=2023)
    assert parsed.can_save
    assert date(2022, 12, 31) in parsed.holidays and date(2022, 12, 31) in chinese_calendar.holidays
    for day in days_of(2023):
        assert parsed.days.get(day, day.weekday() < 5) == chinese_calendar.is_workday(day), day


def test_a_december_without_its_year_in_new_years_day_is_the_year_before():
    text = "一、元旦：12月30日（周三）至1月1日（周五）放假调休，共3天。12月27日（周日）上班。"
    parsed = notice_parse(text, year=2027)
    assert parsed.can_save, parsed.problems
    assert sorted(parsed.holidays) == [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]
    assert list(parsed.workdays) == [date(2026, 12, 27)]


def test_full_and_half_width_digits_brackets_and_every_range_sign_are_read():
    text = "\n".join(
        [
            "一、春节：２月６日（周六）至１４日（周日）放假调休，共９天。",
            "二、清明节:4月3日(周六)-5日(周一)放假,共3天.",
            "三、劳动节：5月1日～5日放假。4月25日（星期日）、5月8日（星期六）上班。",
            "四、端午节：6月12日－14日放假",
            "五、国庆节：10月1日到7日放假。",
        ]
    )
    parsed = notice_parse(text, year=2027)
    assert parsed.problems == []
    assert len([d for d in parsed.holidays if d.month == 2]) == 9
    assert date(2027, 4, 5) in parsed.holidays and date(2027, 5, 5) in parsed.holidays
    assert date(2027, 6, 14) in parsed.holidays and date(2027, 10, 7) in parsed.holidays
    assert sorted(parsed.workdays) == [date(2027, 4, 25), date(2027, 5, 8)]


def test_a_make_up_rest_day_counts_as_a_holiday():
    parsed = notice_parse("一、元旦：1月1日放假，1月2日（星期一）补休。", year=2017)
    assert sorted(parsed.holidays) == [date(2017, 1, 1), date(2017, 1, 2)]


def test_a_sentence_split_over_two_lines_by_a_web_page_stays_with_its_item():
    text = "二、春节：2月6日至12日放假调休，共7天。\n2月20日（周六）上班。"
    parsed = notice_parse(text, year=2027)
    assert parsed.workdays == {date(2027, 2, 20): "春节"}


def test_a_pasted_web_page_keeps_the_schedule_and_lists_the_rest():
    page = "\n".join(
        [
            "首页 > 信息公开 > 国务院文件",
            "【字体：大 中 小】 打印",
            "发布时间：2025-11-04 16:30 来源：新华社",
            notice_text(2026),
            "扫一扫在手机打开当前页",
            "相关稿件：2025年春节1月28日至2月4日放假调休",
        ]
    )
    parsed = notice_parse(page, year=2026)
    assert parsed.days == notice_parse(notice_text(2026), year=2026).days
    ignored = [f.text for f in parsed.findings if f.outcome == Outcome.IGNORED]
    assert "首页 > 信息公开 > 国务院文件" in ignored and "扫一扫在手机打开当前页" in ignored
    # A line about holidays outside the numbered items is never taken silently.
    assert [f.text for f in parsed.not_understood] == ["相关稿件:2025年春节1月28日至2月4日放假调休"]
    assert not parsed.can_save


def test_text_that_is_not_a_notice_is_refused():
    parsed = notice_parse("今天天气很好。\n明天见", year=2027)
    assert parsed.holidays == {} and not parsed.can_save
    assert len(parsed.problems) == 1
    assert all(f.outcome == Outcome.IGNORED for f in parsed.findings)


def test_a_range_across_years_outside_new_years_day_is_refused():
    parsed = notice_parse("七、国庆节：12月30日至1月2日放假调休，共4天。", year=2027)
    assert parsed.holidays == {} and not parsed.can_save
    assert "12月30日至1月2日" in parsed.problems[0]


def test_a_date_of_another_year_is_refused():
    parsed = notice_parse("一、元旦：2027年12月31日至2028年1月2日放假，共3天。", year=2027)
    assert not parsed.can_save and parsed.problems


def test_a_holiday_on_a_make_up_day_is_refused():
    text = "二、春节：2月6日至12日放假调休，共7天。2月7日（周日）、2月20日（周六）上班。"
    parsed = notice_parse(text, year=2027)
    assert not parsed.can_save
    assert any("2027-02-07" in problem for problem in parsed.problems)


def test_a_weekday_hint_that_disagrees_is_reported():
    parsed = notice_parse("一、元旦：1月1日（周四）放假1天。", year=2027)  # a Friday in 2027
    assert not parsed.can_save
    assert "周四" in parsed.problems[0]
    assert parsed.not_understood[0].text == "1月1日(周四)放假1天"


def test_a_day_count_that_disagrees_is_reported():
    parsed = notice_parse("五、国庆节：10月1日至7日放假调休，共8天。", year=2027)
    assert not parsed.can_save and "8" in parsed.problems[0]


def test_an_impossible_date_is_reported():
    parsed = notice_parse("二、春节：2月29日放假。", year=2027)
    assert not parsed.can_save and "2027-02-29" in parsed.problems[0]


def test_the_notice_of_another_year_is_refused():
    parsed = notice_parse(notice_text(2026), year=2027)
    assert not parsed.can_save
    assert "2026" in parsed.problems[0]


def test_a_make_up_list_that_is_not_a_plain_list_is_not_guessed():
    parsed = notice_parse("二、春节：2月6日至12日放假。2月20日以及其后的2月21日上班。", year=2027)
    assert not parsed.can_save and parsed.not_understood
