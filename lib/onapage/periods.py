"""Reporting periods: a month, its financial year (1 April - 31 March) and the windows pages need."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
# Children's services records start well after 1900; a year outside this is a typing slip.
FIRST_YEAR, LAST_YEAR = 1900, 2099


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, the unit the booklet is produced for ("2019-02")."""

    year: int
    month: int

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 01-12, found {self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(str(text).strip())
        if not match:
            raise ValueError(f"expected a period as YYYY-MM (e.g. 2019-02), found {text!r}")
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, found {text!r}")
        return cls(year, int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        """'February 2019'"""
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def short_label(self) -> str:
        """'Feb-19', as the seeds' column headings."""
        return f"{calendar.month_abbr[self.month]}-{self.year % 100:02d}"

    def shift(self, months: int) -> Period:
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    @property
    def financial_year_start(self) -> date:
        return date(self.year if self.month >= 4 else self.year - 1, 4, 1)

    @property
    def financial_year_label(self) -> str:
        """'2018/19'"""
        first = self.financial_year_start.year
        return f"{first}/{(first + 1) % 100:02d}"

    def trend(self, months: int = 13) -> list[Period]:
        """The last `months` periods ending with this one, oldest first."""
        return [self.shift(-k) for k in range(months - 1, -1, -1)]


def period_range(first: Period, last: Period) -> list[Period]:
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    out, current = [], first
    while current <= last:
        out.append(current)
        current = current.shift(1)
    return out
