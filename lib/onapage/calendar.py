"""Working days: weekends and England & Wales bank holidays excluded (REPORT_SPEC §4).

The rule, used everywhere in the booklet:

* Day 0 is the start date. ``working_days_between(start, end)`` counts the working days
  ``d`` with ``start < d <= end``: an assessment authorised the day it started took 0
  working days; Friday to the next Monday is 1; a Friday to the Sunday after is 0 (no
  working day has passed); a Saturday to the Monday after is 1.
* If ``end`` is before ``start`` the answer is negative and mirrors the forward count:
  ``working_days_between(a, b) == -working_days_between(b, a)``.
* ``add_working_days(start, n)`` is the inverse: the date ``n`` working days after
  ``start`` (the deadline of a 45-working-day assessment is ``add_working_days(referral, 45)``
  and it is on time when ``working_days_between(referral, authorised) <= 45``).

Bank holidays come from the maintained ``holidays`` package
(``holidays.country_holidays("GB", subdiv="ENG")``), which carries substitute days
(27 and 28 December 2021, 3 January 2022) and one-off days (the state funeral on
19 September 2022, the coronation on 8 May 2023). Its figures for years not yet announced
are its projection of the usual pattern; a one-off holiday declared later appears when the
package is upgraded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import holidays
import numpy as np
import pandas as pd

__all__ = [
    "add_working_days",
    "bank_holidays",
    "is_working_day",
    "working_days_between",
    "working_days_series",
]

_WEEKMASK = "1111100"  # Monday to Friday


@functools.cache
def _bank_holidays_in(year: int) -> tuple[date, ...]:
    """Days off in England & Wales in `year` that fall Monday to Friday, sorted."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return tuple(sorted(d for d in calendar if d.year == year and d.weekday() < 5))


def bank_holidays(years: int | Iterable[int]) -> list[date]:
    """England & Wales bank holidays in the given year(s), sorted.

    Only the days actually taken off are listed: when Christmas Day falls on a Saturday the
    list has the substitute Monday (or Tuesday), not the Saturday itself - as gov.uk lists them.
    """
    if isinstance(years, int):
        years = [years]
    out: set[date] = set()
    for year in years:
        out.update(_bank_holidays_in(int(year)))
    return sorted(out)


@functools.lru_cache(maxsize=256)
def _calendar(first_year: int, last_year: int) -> np.busdaycalendar:
    days = bank_holidays(range(first_year, last_year + 1))
    return np.busdaycalendar(weekmask=_WEEKMASK, holidays=np.array(days, dtype="datetime64[D]"))


def _calendar_covering(first: date, last: date) -> np.busdaycalendar:
    # A year of margin each side so offsets that run past the ends still see holidays.
    return _calendar(min(first.year, last.year) - 1, max(first.year, last.year) + 1)


def _as_date(value) -> date:
    # pandas' NaT is a datetime but not a Timestamp, and numpy's is a datetime64: both are missing dates.
    if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
        raise ValueError("a date is required, found NaT")
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        return date.fromisoformat(value.strip()[:10])
    raise TypeError(f"expected a date, found {type(value).__name__}: {value!r}")


def is_working_day(d) -> bool:
    """Monday to Friday and not an England & Wales bank holiday."""
    day = _as_date(d)
    return day.weekday() < 5 and day not in _bank_holidays_in(day.year)


def working_days_between(start, end) -> int:
    """Working days from `start` to `end`, day 0 being `start` (counts days in (start, end])."""
    first, last = _as_date(start), _as_date(end)
    sign = 1
    if last < first:
        # numpy counts a backwards span over different ends, so count forwards and negate.
        first, last, sign = last, first, -1
    cal = _calendar_covering(first, last)
    one = timedelta(days=1)
    return sign * int(np.busday_count(np.datetime64(first + one, "D"), np.datetime64(last + one, "D"), busdaycal=cal))


def add_working_days(start, n: int) -> date:
    """The date `n` working days after `start` (before it when `n` is negative).

    ``working_days_between(start, add_working_days(start, n)) == n`` for every n. For n = 0
    the start date itself is returned, even on a weekend. A start on a weekend or bank
    holiday counts from the working day before it: 1 working day after Saturday is Monday.
    """
    first = _as_date(start)
    n = int(n)
    if n == 0:
        return first
    # Years spanned: 45 working days is about 9 weeks; allow 2 calendar days per working day.
    reach = timedelta(days=2 * abs(n) + 14)
    cal = _calendar_covering(first - reach, first + reach)
    result = np.busday_offset(np.datetime64(first, "D"), n, roll="backward", busdaycal=cal)
    return pd.Timestamp(result).date()


def _to_days(values: pd.Series) -> np.ndarray:
    """A Series of dates/datetimes/ISO strings as datetime64[D] (NaT where missing)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    converted = pd.to_datetime(values, errors="raise")
    return converted.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def working_days_series(starts: pd.Series, ends: pd.Series) -> pd.Series:
    """`working_days_between` row by row for two equal-length Series (nullable Int64).

    Rows are paired by position; the result carries the index of `starts`. A missing start
    or end gives <NA>. Times of day are ignored (the date is what counts).
    """
    starts = pd.Series(starts) if not isinstance(starts, pd.Series) else starts
    ends = pd.Series(ends) if not isinstance(ends, pd.Series) else ends
    if len(starts) != len(ends):
        raise ValueError(f"starts and ends differ in length ({len(starts)} and {len(ends)})")
    first = _to_days(starts)
    last = _to_days(ends)
    valid = ~(np.isnat(first) | np.isnat(last))
    out = np.zeros(len(first), dtype="int64")
    if valid.any():
        f, t = first[valid], last[valid]
        years = np.concatenate([f, t]).astype("datetime64[Y]").astype(int) + 1970
        cal = _calendar(int(years.min()) - 1, int(years.max()) + 1)
        one = np.timedelta64(1, "D")
        # numpy counts a backwards span over different ends, so count forwards and negate.
        backwards = t < f
        lo, hi = np.where(backwards, t, f), np.where(backwards, f, t)
        counts = np.busday_count(lo + one, hi + one, busdaycal=cal)
        out[valid] = np.where(backwards, -counts, counts)
    result = pd.Series(out, index=starts.index, dtype="Int64")
    result[~valid] = pd.NA
    return result
