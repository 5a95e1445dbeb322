"""Vectorised date arithmetic on numpy datetime64[D] arrays: ages, birthdays, months, working days.

Every generator works on whole arrays of days; NaT means "did not happen (yet)".
"""

from __future__ import annotations

import holidays
import numpy as np

DAY = np.timedelta64(1, "D")
NAT = np.datetime64("NaT", "D")


def day(value) -> np.datetime64:
    return np.datetime64(value, "D")


def days(n) -> np.ndarray:
    """Whole numbers of days as timedelta64[D] (floats are floored)."""
    return np.floor(np.asarray(n, dtype=float)).astype("int64").astype("timedelta64[D]")


def as_int(d) -> np.ndarray:
    """Days since 1970 as int64 (NaT becomes a very negative number: mask it first)."""
    return np.asarray(d, dtype="datetime64[D]").astype("int64")


def ymd(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.asarray(d, dtype="datetime64[D]")
    months = d.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype("int64") + 1970
    month = months.astype("int64") % 12 + 1
    dom = (d - months.astype("datetime64[D]")).astype("int64") + 1
    return year, month, dom


def age_on(dob: np.ndarray, on) -> np.ndarray:
    """Completed years of age on a date (a birthday counts on the day); -1 where either date is missing."""
    dob = np.asarray(dob, dtype="datetime64[D]")
    on = np.broadcast_to(np.asarray(on, dtype="datetime64[D]"), dob.shape)
    by, bm, bd = ymd(dob)
    oy, om, od = ymd(on)
    age = oy - by - ((om < bm) | ((om == bm) & (od < bd)))
    return np.where(np.isnat(dob) | np.isnat(on), -1, age)


def add_months(d: np.ndarray, n) -> np.ndarray:
    """Calendar months later, keeping the day of month (the 31st of a short month rolls into the next)."""
    d = np.asarray(d, dtype="datetime64[D]")
    months = d.astype("datetime64[M]")
    shifted = (months + np.asarray(n, dtype="int64").astype("timedelta64[M]")).astype("datetime64[D]")
    return shifted + (d - months.astype("datetime64[D]"))


def birthday(dob: np.ndarray, years: int) -> np.ndarray:
    return add_months(dob, 12 * years)


def month_ends(first, last) -> np.ndarray:
    """The last day of every month from the month of `first` to the month of `last`."""
    months = np.arange(np.datetime64(first, "M"), np.datetime64(last, "M") + 1)
    return (months + 1).astype("datetime64[D]") - DAY


def minimum(*arrays) -> np.ndarray:
    """Element-wise earliest date, ignoring NaT (NaT only where all are NaT)."""
    stacked = np.stack([np.asarray(a, dtype="datetime64[D]") for a in np.broadcast_arrays(*arrays)])
    ints = np.where(np.isnat(stacked), np.iinfo("int64").max, stacked.astype("int64"))
    out = ints.min(axis=0)
    return np.where(out == np.iinfo("int64").max, NAT, out.astype("datetime64[D]"))


def maximum(*arrays) -> np.ndarray:
    """Element-wise latest date, ignoring NaT."""
    stacked = np.stack([np.asarray(a, dtype="datetime64[D]") for a in np.broadcast_arrays(*arrays)])
    ints = np.where(np.isnat(stacked), np.iinfo("int64").min, stacked.astype("int64"))
    out = ints.max(axis=0)
    return np.where(out == np.iinfo("int64").min, NAT, out.astype("datetime64[D]"))


def on_or_before(d: np.ndarray, limit) -> np.ndarray:
    """The date where it has happened by `limit`, else NaT (an extract cannot know the future)."""
    d = np.asarray(d, dtype="datetime64[D]")
    return np.where(d <= limit, d, NAT)


class WorkCalendar:
    """Weekdays less England and Wales bank holidays, as the statutory timescales count them."""

    def __init__(self, first_year: int, last_year: int):
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.holidays = np.array(sorted(bank), dtype="datetime64[D]")
        self._cal = np.busdaycalendar(holidays=self.holidays)

    def add(self, start, n) -> np.ndarray:
        """`n` working days after `start` (a non-working start first rolls forward to a working day)."""
        start, n = np.broadcast_arrays(np.asarray(start, dtype="datetime64[D]"), np.asarray(n, dtype="int64"))
        out = np.full(start.shape, NAT)
        ok = ~np.isnat(start)
        out[ok] = np.busday_offset(start[ok], n[ok], roll="forward", busdaycal=self._cal)
        return out

    def count(self, start, stop) -> np.ndarray:
        """Working days from `start` to `stop` (the start day is day 0); -1 where either is missing."""
        start, stop = np.broadcast_arrays(
            np.asarray(start, dtype="datetime64[D]"), np.asarray(stop, dtype="datetime64[D]")
        )
        out = np.full(start.shape, -1, dtype="int64")
        ok = ~(np.isnat(start) | np.isnat(stop))
        out[ok] = np.busday_count(start[ok], stop[ok], busdaycal=self._cal)
        return out

    def is_workday(self, d) -> np.ndarray:
        return np.is_busday(np.asarray(d, dtype="datetime64[D]"), busdaycal=self._cal)

    def is_holiday(self, d) -> np.ndarray:
        return np.isin(np.asarray(d, dtype="datetime64[D]"), self.holidays)


def col(frame, name: str) -> np.ndarray:
    """A date column of a DataFrame as datetime64[D] (pandas keeps dates at second resolution)."""
    return frame[name].to_numpy().astype("datetime64[D]")
