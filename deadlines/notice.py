"""Reading the State Council's yearly holiday notice (国务院办公厅关于××××年部分节假日安排的通知).

``chinese_calendar`` learns a year only when a new release follows the notice, usually weeks after it;
until then every working-day clock falls back to Monday–Friday. The notice itself is short and
regular ("二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、
2月8日（周六）上班。"), so a supervisor pastes it and the desk reads every holiday and make-up working day.

Reading is strict where a mistake would move deadlines (a weekday hint or a day count that disagrees,
a day both off and on, a range that runs across years): such a problem blocks saving. Whatever is not
about the schedule (a web page's menus, the closing paragraph, the date of publication) is left out
and listed, so the supervisor sees exactly what was and was not taken.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

#: A holiday longer than this is a typing mistake, not a holiday (the longest so far: 9 days).
MAX_HOLIDAY_DAYS = 14

_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日(?:\s*\((?P<hint>[^()]*)\))?"
)
_RANGE = re.compile(r"\s*(?:至|到|-|~|〜|—|–)\s*")
_LIST = re.compile(r"\s*(?:、|和|及|,)?\s*")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[、.]\s*(?P<name>[^:]{1,20}?)\s*:\s*(?P<body>.*)$")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_TOTAL = re.compile(r"(?:共|放假)\s*(\d{1,2})\s*天")
_OFF = ("放假", "补休")
_ON = "上班"
_YEAR_NAMED = re.compile(r"(\d{4})\s*年\s*(?:部分)?节假日|现将\s*(\d{4})\s*年")


class Outcome:
    UNDERSTOOD = "understood"
    IGNORED = "ignored"
    NOT_UNDERSTOOD = "not_understood"


@dataclass(frozen=True)
class Finding:
    """One sentence of the pasted text and what became of it."""

    line: int
    text: str
    outcome: str
    detail: str = ""


@dataclass
class ParsedNotice:
    year: int
    holidays: dict[date, str] = field(default_factory=dict)
    workdays: dict[date, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def days(self) -> dict[date, bool]:
        """date -> is a working day, for every day the notice names."""
        return {**{day: False for day in self.holidays}, **{day: True for day in self.workdays}}

    @property
    def not_understood(self) -> list[Finding]:
        return [f for f in self.findings if f.outcome == Outcome.NOT_UNDERSTOOD]

    @property
    def can_save(self) -> bool:
        return not self.problems and not self.not_understood and bool(self.holidays)


def day_label(day: date) -> str:
    return f"{day:%Y-%m-%d} ({WEEKDAYS[day.weekday()]})"


class _Unreadable(ValueError):
    """A sentence that speaks of the schedule but cannot be read safely."""


@dataclass
class _Token:
    year: int | None
    month: int | None
    day: int
    hint: str
    start: int
    end: int


def notice_parse(text: str, *, year: int) -> ParsedNotice:
    """Every holiday and make-up working day of ``year``'s notice, with what was and was not understood."""
    result = ParsedNotice(year=year)
    text = unicodedata.normalize("NFKC", text)
    named = {int(a or b) for a, b in _YEAR_NAMED.findall(text)}
    if named and year not in named:
        result.problems.append(
            _("The text is the notice for %(named)s, not for %(year)d.")
            % {"named": "、".join(str(y) for y in sorted(named)), "year": year}
        )
    item = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            item, body = heading["name"], heading["body"]
        elif item is not None and _DATE.match(line):
            body = line  # a sentence of the item above, put on its own line by a web page
        else:
            item = None
            _outside(result, number, line)
            continue
        for sentence in re.split(r"[。;]", body):
            if sentence.strip():
                _sentence(result, number, item, sentence.strip())
    _check_conflicts(result)
    if not result.holidays and not result.problems:
        result.problems.append(_("No holiday was found: paste the numbered items of the notice (一、元旦：…)."))
    return result


def _outside(result: ParsedNotice, number: int, line: str) -> None:
    if _DATE.search(line) and any(word in line for word in (*_OFF, _ON)):
        result.findings.append(
            Finding(number, line, Outcome.NOT_UNDERSTOOD, _("Dates outside the numbered items (一、二、…)."))
        )
    else:
        result.findings.append(Finding(number, line, Outcome.IGNORED, _("Not part of the schedule.")))


def _sentence(result: ParsedNotice, number: int, item: str, sentence: str) -> None:
    understood: list[str] = []
    off_days: list[date] = []
    try:
        for clause in re.split(r",", sentence):
            tokens = _tokens(clause)
            if _ON in clause and tokens:
                days = _work_days(tokens, clause, result.year, item)
                for day in days:
                    result.workdays[day] = item
                understood.append(_("make-up working days: %(days)s") % {"days": "、".join(map(day_label, days))})
            elif any(word in clause for word in _OFF) and tokens:
                days = _holiday_days(tokens, clause, result.year, item)
                for day in days:
                    result.holidays[day] = item
                off_days.extend(days)
                understood.append(_("holidays: %(days)s") % {"days": _span(days)})
            elif tokens:
                detail = _("A date that is neither a holiday nor a make-up day.")
                result.findings.append(Finding(number, clause.strip(), Outcome.IGNORED, detail))
        _check_total(sentence, off_days)
        for token_day, hint in _hints(sentence, result.year, item):
            _check_hint(token_day, hint)
    except _Unreadable as problem:
        result.problems.append(f"{item}: {sentence} — {problem}")
        result.findings.append(Finding(number, sentence, Outcome.NOT_UNDERSTOOD, str(problem)))
        return
    if understood:
        result.findings.append(Finding(number, sentence, Outcome.UNDERSTOOD, f"{item}: " + "; ".join(understood)))
    elif not any(f.line == number and f.text in sentence for f in result.findings):
        result.findings.append(Finding(number, sentence, Outcome.IGNORED, _("Not part of the schedule.")))


def _span(days: list[date]) -> str:
    if len(days) == 1:
        return day_label(days[0])
    return _("%(first)s to %(last)s, %(count)d days") % {
        "first": day_label(days[0]),
        "last": day_label(days[-1]),
        "count": len(days),
    }


def _tokens(clause: str) -> list[_Token]:
    return [
        _Token(
            year=int(m["y"]) if m["y"] else None,
            month=int(m["m"]) if m["m"] else None,
            day=int(m["d"]),
            hint=m["hint"] or "",
            start=m.start(),
            end=m.end(),
        )
        for m in _DATE.finditer(clause)
    ]


def _dates(tokens: list[_Token], year: int, item: str) -> list[date]:
    """Whole dates: a day without a month takes the month before it ("1月1日至3日"); a day without a
    year is in the notice's year, except a December day of New Year's Day (元旦), which is in the
    year before ("12月31日至1月2日")."""
    dates, month = [], None
    for token in tokens:
        month = token.month or month
        if month is None:
            raise _Unreadable(_("%(day)d日 has no month.") % {"day": token.day})
        token_year = token.year or (year - 1 if month == 12 and "元旦" in item else year)
        try:
            day = date(token_year, month, token.day)
        except ValueError:
            fields = {"year": token_year, "month": month, "day": token.day}
            raise _Unreadable(_("%(year)d-%(month)02d-%(day)02d is not a date.") % fields) from None
        if not (day.year == year or (day.year == year - 1 and day.month == 12)):
            fields = {"day": day_label(day), "year": year}
            raise _Unreadable(_("%(day)s is outside the notice's year %(year)d.") % fields)
        dates.append(day)
    return dates


def _holiday_days(tokens: list[_Token], clause: str, year: int, item: str) -> list[date]:
    dates = _dates(tokens, year, item)
    days: list[date] = []
    index = 0
    while index < len(tokens):
        ranged = index + 1 < len(tokens) and _RANGE.fullmatch(clause[tokens[index].end : tokens[index + 1].start])
        if not ranged:
            days.append(dates[index])
            index += 1
            continue
        first, last = dates[index], dates[index + 1]
        if last < first:
            raise _Unreadable(
                _("The range %(first)s to %(last)s runs backwards or across years.")
                % {"first": day_label(first), "last": day_label(last)}
            )
        if (last - first).days >= MAX_HOLIDAY_DAYS:
            raise _Unreadable(
                _("The range %(first)s to %(last)s is longer than %(max)d days.")
                % {"first": day_label(first), "last": day_label(last), "max": MAX_HOLIDAY_DAYS}
            )
        days.extend(first + timedelta(days=n) for n in range((last - first).days + 1))
        index += 2
    return days


def _work_days(tokens: list[_Token], clause: str, year: int, item: str) -> list[date]:
    for before, after in zip(tokens, tokens[1:], strict=False):
        if not _LIST.fullmatch(clause[before.end : after.start]):
            raise _Unreadable(_("Make-up working days are listed one by one, separated by 、."))
    return _dates(tokens, year, item)


def _hints(sentence: str, year: int, item: str):
    for clause in sentence.split(","):
        tokens = _tokens(clause)
        if tokens:
            yield from zip(_dates(tokens, year, item), [t.hint for t in tokens], strict=True)


def _check_hint(day: date, hint: str) -> None:
    match = _WEEKDAY.search(hint)
    if match and _WEEKDAY_NUMBER[match[1]] != day.weekday():
        raise _Unreadable(
            _("%(day)s is a %(weekday)s, but the text says %(hint)s.")
            % {"day": f"{day:%Y-%m-%d}", "weekday": WEEKDAYS[day.weekday()], "hint": match[0]}
        )


def _check_total(sentence: str, off_days: list[date]) -> None:
    total = _TOTAL.search(sentence)
    if total and off_days and int(total[1]) != len(set(off_days)):
        fields = {"said": total[1], "count": len(set(off_days))}
        raise _Unreadable(_("The text counts %(said)s days, the dates give %(count)d.") % fields)


def _check_conflicts(result: ParsedNotice) -> None:
    for day in sorted(set(result.holidays) & set(result.workdays)):
        result.problems.append(_("%(day)s is both a holiday and a make-up working day.") % {"day": day_label(day)})
