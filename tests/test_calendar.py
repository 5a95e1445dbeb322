"""Working days. Every expected value below was counted by hand from the rule in REPORT_SPEC §4:
day 0 is the start date, then each Monday-Friday that is not an England & Wales bank holiday
counts one, up to and including the end date."""

from datetime import date, datetime, timedelta

import holidays
import numpy as np
import pandas as pd
import pytest

from onapage.calendar import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
    working_days_series,
)

D = date.fromisoformat

# (start, end, expected, how it was counted)
HAND_WORKED = [
    # Christmas 2021: 25/26 Dec were Sat/Sun so Mon 27 and Tue 28 were substitute days;
    # 1 Jan 2022 was a Saturday so Mon 3 Jan was the substitute. Working: 29, 30, 31 Dec, 4 Jan.
    ("2021-12-24", "2022-01-04", 4, "Fri->Tue over Christmas/New Year with substitute days"),
    ("2021-12-24", "2021-12-29", 1, "only Wed 29 Dec counts"),
    ("2021-12-24", "2022-01-03", 3, "29, 30, 31 Dec; Mon 3 Jan is the New Year substitute"),
    # Easter 2019: Good Friday 19 Apr, Easter Monday 22 Apr.
    ("2019-04-18", "2019-04-23", 1, "Thu->Tue over Easter: only Tue 23"),
    ("2019-04-17", "2019-04-24", 3, "Thu 18, Tue 23, Wed 24"),
    # State funeral of Queen Elizabeth II, Mon 19 Sep 2022.
    ("2022-09-16", "2022-09-20", 1, "Fri->Tue: Mon 19 Sep was a bank holiday"),
    ("2022-09-16", "2022-09-19", 0, "Fri->the funeral Monday: no working day yet"),
    # Coronation Mon 8 May 2023, with the early May bank holiday Mon 1 May.
    ("2023-04-28", "2023-05-12", 8, "2,3,4,5 May and 9,10,11,12 May"),
    ("2023-05-05", "2023-05-09", 1, "Fri->Tue: Mon 8 May coronation"),
    # Leap days: 29 Feb 2020 was a Saturday, 29 Feb 2024 a Thursday.
    ("2020-02-28", "2020-03-02", 1, "Fri->Mon across a Saturday leap day"),
    ("2020-02-29", "2020-03-02", 1, "start on the Saturday leap day: Mon counts"),
    ("2020-02-28", "2020-02-29", 0, "Fri->Sat leap day: no working day"),
    ("2024-02-28", "2024-03-01", 2, "Thu 29 Feb and Fri 1 Mar"),
    ("2024-02-28", "2024-03-04", 3, "29 Feb, 1 Mar, 4 Mar"),
    ("2023-02-28", "2023-03-01", 1, "no leap day in 2023"),
    # Same day.
    ("2019-06-04", "2019-06-04", 0, "same working day"),
    ("2019-06-01", "2019-06-01", 0, "same Saturday"),
    ("2022-09-19", "2022-09-19", 0, "same bank holiday"),
    # Plain weeks and weekend starts.
    ("2019-06-07", "2019-06-10", 1, "Fri->next Mon"),
    ("2019-06-07", "2019-06-09", 0, "Fri->Sun"),
    ("2019-06-01", "2019-06-03", 1, "Sat->Mon"),
    ("2019-06-02", "2019-06-07", 5, "Sun->Fri: Mon-Fri"),
    ("2019-06-01", "2019-06-02", 0, "Sat->Sun"),
    ("2019-06-03", "2019-06-17", 10, "Mon->Mon two weeks on"),
    # 45 working days, counted by hand (see test_45_working_day_deadline_over_christmas).
    ("2023-11-20", "2024-01-25", 45, "deadline day"),
    ("2023-11-20", "2024-01-26", 46, "a day late"),
    ("2019-09-02", "2019-11-04", 45, "nine whole weeks with no bank holiday"),
]


@pytest.mark.parametrize(("start", "end", "expected", "why"), HAND_WORKED, ids=[c[3] for c in HAND_WORKED])
def test_hand_worked_counts(start, end, expected, why):
    assert working_days_between(D(start), D(end)) == expected


@pytest.mark.parametrize(("start", "end", "expected", "why"), HAND_WORKED, ids=[c[3] for c in HAND_WORKED])
def test_backwards_is_the_negative(start, end, expected, why):
    assert working_days_between(D(end), D(start)) == -expected


def test_45_working_day_deadline_over_christmas():
    # Referral Mon 20 Nov 2023. Counting working days after it:
    #   21-24 Nov: 1-4        27 Nov-1 Dec: 5-9     4-8 Dec: 10-14     11-15 Dec: 15-19
    #   18-22 Dec: 20-24      25, 26 Dec bank holidays; 27, 28, 29 Dec: 25-27
    #   1 Jan bank holiday; 2-5 Jan: 28-31          8-12 Jan: 32-36    15-19 Jan: 37-41
    #   22, 23, 24, 25 Jan: 42, 43, 44, 45  -> the 45th working day is Thu 25 Jan 2024.
    assert add_working_days(D("2023-11-20"), 45) == D("2024-01-25")
    # Mon 2 Sep 2019 + 45 working days with no bank holiday in between: 9 weeks -> Mon 4 Nov.
    assert add_working_days(D("2019-09-02"), 45) == D("2019-11-04")


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2022-09-16", 1, "2022-09-20"),  # over the state funeral
        ("2020-02-29", 1, "2020-03-02"),  # from a Saturday
        ("2021-12-24", 1, "2021-12-29"),  # over two substitute days
        ("2021-12-24", 4, "2022-01-04"),
        ("2023-05-05", 1, "2023-05-09"),  # over the coronation
        ("2019-06-05", 0, "2019-06-05"),
        ("2019-06-01", 0, "2019-06-01"),  # n = 0 is the start, even a Saturday
        ("2022-01-04", -1, "2021-12-31"),
        ("2021-12-29", -1, "2021-12-24"),
        ("2019-04-23", -1, "2019-04-18"),  # back over Easter
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2022-09-19", False),  # state funeral
        ("2023-05-08", False),  # coronation
        ("2021-12-27", False),  # substitute for Christmas Day
        ("2021-12-28", False),  # substitute for Boxing Day
        ("2022-01-03", False),  # substitute for New Year's Day
        ("2019-04-19", False),  # Good Friday
        ("2019-04-22", False),  # Easter Monday
        ("2020-05-08", False),  # early May bank holiday moved to Friday for VE Day
        ("2020-05-04", True),  # ...so the first Monday of May 2020 was a working day
        ("2020-02-29", False),  # Saturday
        ("2024-02-29", True),  # Thursday
        ("2019-06-04", True),
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(D(day)) is expected


def test_bank_holiday_lists_match_gov_uk():
    # As published on gov.uk/bank-holidays for England and Wales.
    assert bank_holidays(2021) == [
        D(x)
        for x in [
            "2021-01-01",
            "2021-04-02",
            "2021-04-05",
            "2021-05-03",
            "2021-05-31",
            "2021-08-30",
            "2021-12-27",
            "2021-12-28",
        ]
    ]
    assert bank_holidays(2022) == [
        D(x)
        for x in [
            "2022-01-03",
            "2022-04-15",
            "2022-04-18",
            "2022-05-02",
            "2022-06-02",
            "2022-06-03",
            "2022-08-29",
            "2022-09-19",
            "2022-12-26",
            "2022-12-27",
        ]
    ]
    assert bank_holidays([2023]) == [
        D(x)
        for x in [
            "2023-01-02",
            "2023-04-07",
            "2023-04-10",
            "2023-05-01",
            "2023-05-08",
            "2023-05-29",
            "2023-08-28",
            "2023-12-25",
            "2023-12-26",
        ]
    ]
    both = bank_holidays([2022, 2021])
    assert both == sorted(bank_holidays(2021) + bank_holidays(2022))


def test_the_saturday_christmas_itself_is_not_listed():
    assert D("2021-12-25") not in bank_holidays(2021)


def test_other_date_types_are_accepted():
    assert working_days_between(datetime(2021, 12, 24, 17, 30), pd.Timestamp("2022-01-04 09:00")) == 4
    assert working_days_between("2021-12-24", "2022-01-04") == 4
    assert is_working_day(pd.Timestamp("2022-09-19")) is False


def _by_hand(start: date, end: date) -> int:
    """The rule spelled out day by day, with the holiday list straight from the package."""
    off = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year - 1, end.year + 2))
    lo, hi, sign = (start, end, 1) if end >= start else (end, start, -1)
    count, d = 0, lo + timedelta(days=1)
    while d <= hi:
        count += d.weekday() < 5 and d not in off
        d += timedelta(days=1)
    return sign * count


def test_agrees_with_a_day_by_day_count_over_many_random_pairs():
    rng = np.random.default_rng(20190401)
    base = D("2018-01-01")
    for _ in range(400):
        a = base + timedelta(days=int(rng.integers(0, 2600)))
        b = a + timedelta(days=int(rng.integers(-120, 120)))
        assert working_days_between(a, b) == _by_hand(a, b), (a, b)


def test_add_then_count_round_trips_from_any_start():
    start = D("2021-12-01")
    for offset in range(0, 70):
        s = start + timedelta(days=offset)
        for n in (-20, -1, 0, 1, 5, 45):
            assert working_days_between(s, add_working_days(s, n)) == n, (s, n)


def test_series_matches_scalar_and_keeps_missing_as_na():
    starts = pd.Series([D("2021-12-24"), D("2022-09-16"), None, D("2024-02-28"), D("2022-01-04")], index=list("abcde"))
    ends = pd.Series([D("2022-01-04"), D("2022-09-20"), D("2022-01-01"), pd.NaT, D("2021-12-24")], index=list("abcde"))
    out = working_days_series(starts, ends)
    assert str(out.dtype) == "Int64"
    assert list(out.index) == list("abcde")
    assert out["a"] == 4 and out["b"] == 1 and out["e"] == -4
    assert out.isna().tolist() == [False, False, True, True, False]


def test_series_accepts_datetimes_with_times_and_strings():
    starts = pd.Series(pd.to_datetime(["2021-12-24 16:00", "2023-05-05 08:15"]))
    ends = pd.Series(["2022-01-04", "2023-05-09"])
    assert working_days_series(starts, ends).tolist() == [4, 1]


def test_series_refuses_unequal_lengths():
    with pytest.raises(ValueError, match="length"):
        working_days_series(pd.Series([D("2020-01-01")]), pd.Series([D("2020-01-02"), D("2020-01-03")]))


def test_series_on_100k_rows_agrees_with_scalar():
    rng = np.random.default_rng(7)
    n = 100_000
    starts = pd.Series(pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), unit="D"))
    ends = starts + pd.to_timedelta(rng.integers(-30, 200, n), unit="D")
    starts.iloc[::97] = pd.NaT
    out = working_days_series(starts, ends)  # its speed is measured by `onapage bench`, not here
    assert int(out.isna().sum()) == len(range(0, n, 97))
    for i in rng.integers(0, n, 200):
        if pd.isna(starts.iloc[i]):
            continue
        assert out.iloc[i] == working_days_between(starts.iloc[i].date(), ends.iloc[i].date())


# --- cases worked by hand for the mutation report: missing dates, other types, long offsets, inputs as lists ---


@pytest.mark.parametrize("missing", [pd.NaT, np.datetime64("NaT")])
def test_a_missing_date_is_refused_not_read_as_a_day_off(missing):
    # NaT was once read as "not a working day" (False) without a word: a missing date is no date.
    with pytest.raises(ValueError, match="^a date is required, found NaT$"):
        is_working_day(missing)
    with pytest.raises(ValueError, match="^a date is required, found NaT$"):
        working_days_between(missing, D("2024-01-05"))


def test_a_number_is_not_a_date():
    with pytest.raises(TypeError, match=r"^expected a date, found int: 20241225$"):
        is_working_day(20241225)


def test_numpy_days_and_iso_strings_with_a_time_are_read_as_their_date():
    # Christmas Day 2024 is a Wednesday and a bank holiday; Christmas Eve (Tuesday) is a working day.
    assert is_working_day(np.datetime64("2024-12-25")) is False
    assert is_working_day(np.datetime64("2024-12-24")) is True
    assert is_working_day("2024-12-25T09:30:00") is False
    assert is_working_day(" 2024-12-24T09:30:00") is True


def test_add_working_days_over_a_year_and_back():
    # Tue 10 Dec 2024 to Fri 2 Jan 2026, counted by hand:
    #   rest of Dec 2024: 11-13 (3), 16-20 (5), 23-24 (2), 27 (1), 30-31 (2) = 13 (25, 26 bank holidays)
    #   2025: 261 weekdays (starts Wednesday, 365 days) less 8 bank holidays (1 Jan, 18 and 21 Apr, 5 and 26 May,
    #         25 Aug, 25 and 26 Dec) = 253
    #   2026: 1 Jan is a bank holiday, Fri 2 Jan = 1
    # 13 + 253 + 1 = 267. The 2026 New Year holiday is only seen when the calendar reaches past 2025.
    assert add_working_days(D("2024-12-10"), 267) == D("2026-01-02")
    assert add_working_days(D("2026-01-02"), -267) == D("2024-12-10")
    # near misses: one fewer lands on Wed 31 Dec 2025, one fewer back lands on Wed 11 Dec 2024
    assert add_working_days(D("2024-12-10"), 266) == D("2025-12-31")
    assert add_working_days(D("2026-01-02"), -266) == D("2024-12-11")


def test_series_of_plain_lists_and_of_zoned_datetimes():
    # Fri 20 Dec 2024 to Fri 27 Dec 2024: Mon 23, Tue 24, (25, 26 bank holidays), Fri 27 = 3
    assert working_days_series([D("2024-12-20"), None], [D("2024-12-27"), D("2024-12-27")]).tolist() == [3, pd.NA]
    zoned = pd.Series(pd.to_datetime(["2024-12-20 09:00"]).tz_localize("Europe/London"))
    later = pd.Series(pd.to_datetime(["2024-12-27 17:00"]).tz_localize("Europe/London"))
    assert working_days_series(zoned, later).tolist() == [3]
