"""Reporting periods: a month, a financial-year quarter or a financial year, and the windows pages need.

Three kinds of period, each written as `--period` takes it:

- a calendar month, ``2026-10`` (October 2026);
- a quarter of the financial year, ``2026-Q2``: the year is the one the financial year starts in and
  Q1 is April-June, Q2 July-September, Q3 October-December, Q4 January-March, so ``2026-Q4`` is
  January-March 2027;
- a financial year, ``2025-26`` (or ``2025/26``): 1 April 2025 to 31 March 2026. The second part
  is the next year's last two digits. ``2000-01`` to ``2011-12`` read as months; write those years
  ``2011/12`` or ``FY2011-12`` (how they are printed, so a folder name reads back as the same year).

Every period is its first month and its length in months (1, 3 or 12), so the same arithmetic serves
all three: `shift(n)` moves n periods of its own kind, `year_ago` the same period a year earlier,
`previous_year_end` the last period of its kind in the previous financial year, `trend()` the last
few periods oldest first, and `financial_year_start` the 1 April the year to date counts from.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq](\d)$")
_YEAR = re.compile(r"^(?:FY)?(\d{4})[-/](\d{2})$", re.IGNORECASE)
# Children's services records start well after 1900; a year outside this is a typing slip.
FIRST_YEAR, LAST_YEAR = 1900, 2099
FORMS = "YYYY-MM (a month, 2026-10), YYYY-Qn (a financial-year quarter, 2026-Q2) or YYYY-YY (a financial year, 2025-26)"
QUARTER_CONVENTION = ("quarters are of the financial year: 2026-Q1 is April-June 2026, 2026-Q2 July-September, "
                      "2026-Q3 October-December, 2026-Q4 January-March 2027")
KINDS = {1: "month", 3: "quarter", 12: "year"}
# How many periods a trend shows by default: 13 months, 9 quarters (two years back to the same
# quarter), 5 years.
TREND_LENGTH = {1: 13, 3: 9, 12: 5}


def _fy_first_year(year: int, month: int) -> int:
    return year if month >= 4 else year - 1


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: `span` months from the first of (`year`, `month`).

    `Period(2019, 2)` is February 2019; use `Period.quarter(2026, 2)` and `Period.financial_year(2025)`
    (or `Period.parse`) for the other kinds.
    """

    year: int
    month: int
    span: int = 1

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 01-12, found {self.month:02d}")
        if self.span not in KINDS:
            raise ValueError(f"a period is 1, 3 or 12 months long, found {self.span}")
        if self.span == 3 and self.month not in (1, 4, 7, 10):
            raise ValueError("a financial-year quarter starts in January, April, July or October, "
                             f"found month {self.month}")
        if self.span == 12 and self.month != 4:
            raise ValueError(f"a financial year starts on 1 April, found month {self.month}")

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def quarter(cls, fy_first_year: int, number: int) -> Period:
        """Quarter `number` (1-4) of the financial year starting 1 April `fy_first_year`."""
        if not 1 <= number <= 4:
            raise ValueError(f"a quarter is Q1 to Q4, found Q{number}")
        first_month = 4 + 3 * (number - 1)
        return cls(fy_first_year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 3)

    @classmethod
    def financial_year(cls, first_year: int) -> Period:
        """1 April `first_year` to 31 March of the next year."""
        return cls(first_year, 4, 12)

    @classmethod
    def parse(cls, text: str) -> Period:
        text = str(text).strip()
        month, quarter, year = _MONTH.match(text), _QUARTER.match(text), _YEAR.match(text)
        match = month or quarter or year
        if not match:
            raise ValueError(f"expected a period as {FORMS}, found {text!r}")
        first = int(match.group(1))
        if not FIRST_YEAR <= first <= LAST_YEAR:
            raise ValueError(f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, found {text!r}")
        second = int(match.group(2))
        if month and 1 <= second <= 12:
            return cls(first, second)
        if quarter:
            return cls.quarter(first, second)
        if second != (first + 1) % 100:
            if month:
                raise ValueError(f"month must be 01-12, found {second:02d} (a financial year is written "
                                 f"{first}-{(first + 1) % 100:02d}), in {text!r}")
            raise ValueError(f"a financial year's second part is the next year, {first}-{(first + 1) % 100:02d}; "
                             f"found {text!r}")
        return cls.financial_year(first)

    @classmethod
    def containing(cls, day: date) -> Period:
        """The calendar month holding `day`."""
        return cls(day.year, day.month)

    # -- what it is ---------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        """'month', 'quarter' or 'year'."""
        return KINDS[self.span]

    @property
    def fy_first_year(self) -> int:
        """The year the period's financial year starts in."""
        return _fy_first_year(self.year, self.month)

    @property
    def quarter_number(self) -> int:
        """1-4: the financial-year quarter the period starts in (Q1 April-June)."""
        return (self.month - 4) % 12 // 3 + 1

    def __str__(self) -> str:
        if self.span == 3:
            return f"{self.fy_first_year:04d}-Q{self.quarter_number}"
        if self.span == 12:
            text = f"{self.year:04d}-{(self.year + 1) % 100:02d}"
            return f"FY{text}" if 1 <= (self.year + 1) % 100 <= 12 else text
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        last = self._month_shift(self.span - 1)
        return date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])

    @property
    def label(self) -> str:
        """'February 2019', 'Q2 2026-27', '2025-26'."""
        if self.span == 3:
            return f"Q{self.quarter_number} {self.fy_first_year}-{(self.fy_first_year + 1) % 100:02d}"
        if self.span == 12:
            return str(self)
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def short_label(self) -> str:
        """'Feb-19' (as the seeds' column headings), 'Q2 26-27', '2025-26'."""
        if self.span == 3:
            return f"Q{self.quarter_number} {self.fy_first_year % 100:02d}-{(self.fy_first_year + 1) % 100:02d}"
        if self.span == 12:
            return str(self)
        return f"{calendar.month_abbr[self.month]}-{self.year % 100:02d}"

    @property
    def span_label(self) -> str:
        """The months covered, as the seeds' "Period covered": 'Oct 2026', 'Jul 2026 - Sep 2026'."""
        last = self._month_shift(self.span - 1)
        first = f"{calendar.month_abbr[self.month]} {self.year}"
        return first if self.span == 1 else f"{first} - {calendar.month_abbr[last.month]} {last.year}"

    # -- arithmetic ---------------------------------------------------------------------------------

    def _month_shift(self, months: int) -> Period:
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    def shift_months(self, months: int) -> Period:
        """The period of the same kind starting `months` months later (earlier if negative)."""
        first = self._month_shift(months)
        return Period(first.year, first.month, self.span)

    def shift(self, periods: int) -> Period:
        """`periods` periods of the same kind later (earlier if negative)."""
        return self.shift_months(periods * self.span)

    @property
    def previous(self) -> Period:
        return self.shift(-1)

    @property
    def year_ago(self) -> Period:
        """The same month, quarter or year one year earlier."""
        return self.shift_months(-12)

    @property
    def financial_year_start(self) -> date:
        """1 April of the financial year the period ends in: where year-to-date counts from."""
        end = self.end
        return date(_fy_first_year(end.year, end.month), 4, 1)

    @property
    def financial_year_label(self) -> str:
        """'2018/19'"""
        first = self.financial_year_start.year
        return f"{first}/{(first + 1) % 100:02d}"

    @property
    def year_to_date(self) -> tuple[date, date]:
        """From 1 April to the period's end."""
        return self.financial_year_start, self.end

    @property
    def previous_year_end(self) -> Period:
        """The last period of this kind in the previous financial year (March, Q4, the year before)."""
        march = Period.containing(self.financial_year_start - timedelta(days=1))
        first = march._month_shift(1 - self.span)
        return Period(first.year, first.month, self.span)

    def window_start(self, months: int) -> date:
        """The first day of the `months` calendar months ending with this period's end (rolling 12 months)."""
        return self._month_shift(self.span - months).start

    def months(self) -> list[Period]:
        """The calendar months the period covers, in order."""
        return [self._month_shift(k) for k in range(self.span)]

    def trend(self, count: int | None = None) -> list[Period]:
        """The last `count` periods of this kind ending with this one, oldest first (13 months, 9 quarters
        or 5 years unless given)."""
        count = TREND_LENGTH[self.span] if count is None else count
        return [self.shift(-k) for k in range(count - 1, -1, -1)]


def period_range(first: Period, last: Period) -> list[Period]:
    if first.span != last.span:
        raise ValueError(f"the range starts with a {first.kind} ({first}) and ends with a {last.kind} ({last})")
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    out, current = [], first
    while current <= last:
        out.append(current)
        current = current.shift(1)
    return out
