"""The month a report covers and the filter scope it is computed for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self):
        if not (1 <= self.month <= 12 and 1900 <= self.year <= 2200):
            raise ValueError(f"not a report month: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH.match(text or "")
        if not match:
            raise ValueError(f"not a report month: {text!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, moment: datetime | date) -> Month:
        if isinstance(moment, datetime):
            moment = timezone.localtime(moment)
        return cls(moment.year, moment.month)

    @classmethod
    def current(cls) -> Month:
        return cls.of(timezone.now())

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def start(self) -> datetime:
        """Midnight of the first day in the desk's time zone (Asia/Shanghai), not UTC."""
        return timezone.make_aware(datetime(self.year, self.month, 1))

    @property
    def end(self) -> datetime:
        return self.next.start

    @property
    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    @property
    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def year_ago(self) -> Month:
        return Month(self.year - 1, self.month)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    def is_closed(self, now: datetime | None = None) -> bool:
        """A month is closed once it has fully passed; its figures can then be frozen."""
        return self.end <= (now or timezone.now())


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter (seed 002: 按季度生成《高频问题分析报告》; the quarterly sampling review)."""

    year: int
    quarter: int

    def __post_init__(self):
        if not (1 <= self.quarter <= 4 and 1900 <= self.year <= 2200):
            raise ValueError(f"not a quarter: {self.year}-Q{self.quarter}")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text or "")
        if not match:
            raise ValueError(f"not a quarter: {text!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, month: Month) -> Quarter:
        return cls(month.year, month.quarter)

    @classmethod
    def current(cls) -> Quarter:
        return cls.of(Month.current())

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.quarter}"

    @property
    def months(self) -> list[Month]:
        return [Month(self.year, 3 * self.quarter - 2 + n) for n in range(3)]

    @property
    def start(self) -> datetime:
        return self.months[0].start

    @property
    def end(self) -> datetime:
        return self.months[-1].end

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def recent(self, count: int) -> list[Quarter]:
        """This quarter and the ``count - 1`` before it, newest first."""
        found = [self]
        while len(found) < count:
            found.append(found[-1].previous)
        return found


@dataclass(frozen=True)
class Scope:
    """The report's optional filters: the service team a complaint is about (matched from its service
    order), and the service type."""

    team_id: int | None = None
    service_type: str = ""

    @property
    def key(self) -> str:
        if self.team_id is None and not self.service_type:
            return "all"
        return f"team={self.team_id or ''};service={self.service_type}"

    @property
    def is_all(self) -> bool:
        return self.key == "all"

    def lookups(self, prefix: str = "") -> dict:
        """Filter kwargs for complaints reached through ``prefix`` (e.g. ``"complaint__"``)."""
        found = {}
        if self.team_id is not None:
            found[f"{prefix}subject__team_id"] = self.team_id
        if self.service_type:
            found[f"{prefix}service_type"] = self.service_type
        return found
