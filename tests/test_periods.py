from datetime import date

import pytest

from onapage.periods import Period, period_range


def test_parse_and_bounds_of_a_leap_february():
    p = Period.parse("2020-02")
    assert (p.start, p.end) == (date(2020, 2, 1), date(2020, 2, 29))
    assert Period.parse("2019-02").end == date(2019, 2, 28)


@pytest.mark.parametrize("text", ["2019-2", "201902", "2019-13", "Feb 2019", ""])
def test_bad_periods_are_refused_with_the_expected_form(text):
    with pytest.raises(ValueError, match="YYYY-MM|01-12"):
        Period.parse(text)


@pytest.mark.parametrize("text", ["0000-01", "1899-12", "2100-01", "9999-12"])
def test_years_no_record_can_have_are_refused(text):
    with pytest.raises(ValueError, match="a year from 1900 to 2099"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("period", "fy_start", "label"),
    [
        ("2019-03", date(2018, 4, 1), "2018/19"),
        ("2019-04", date(2019, 4, 1), "2019/20"),
        ("2000-01", date(1999, 4, 1), "1999/00"),
    ],
)
def test_financial_year_runs_april_to_march(period, fy_start, label):
    p = Period.parse(period)
    assert p.financial_year_start == fy_start
    assert p.financial_year_label == label


def test_shift_crosses_year_ends_both_ways():
    assert str(Period.parse("2019-01").shift(-1)) == "2018-12"
    assert str(Period.parse("2018-12").shift(13)) == "2020-01"


def test_trend_is_thirteen_months_oldest_first():
    months = Period.parse("2019-02").trend()
    assert len(months) == 13
    assert (str(months[0]), str(months[-1])) == ("2018-02", "2019-02")


def test_labels_match_the_booklets():
    p = Period.parse("2019-02")
    assert p.label == "February 2019"
    assert p.short_label == "Feb-19"


def test_range_is_inclusive_and_refuses_backwards():
    assert [str(p) for p in period_range(Period(2018, 11), Period(2019, 2))] == [
        "2018-11",
        "2018-12",
        "2019-01",
        "2019-02",
    ]
    with pytest.raises(ValueError, match="before it starts"):
        period_range(Period(2019, 2), Period(2018, 11))


# Quarters and financial years. Every expected date below is counted on a calendar, not taken from the code.


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-Q1", date(2026, 4, 1), date(2026, 6, 30), "Q1 2026-27"),
        ("2026-Q2", date(2026, 7, 1), date(2026, 9, 30), "Q2 2026-27"),
        ("2026-Q3", date(2026, 10, 1), date(2026, 12, 31), "Q3 2026-27"),
        # Q4 crosses the calendar year: January to March of the next year.
        ("2026-Q4", date(2027, 1, 1), date(2027, 3, 31), "Q4 2026-27"),
        # Q4 of 2023-24 holds the leap February 2024.
        ("2023-q4", date(2024, 1, 1), date(2024, 3, 31), "Q4 2023-24"),
    ],
)
def test_quarters_are_of_the_financial_year(text, start, end, label):
    q = Period.parse(text)
    assert (q.kind, q.start, q.end, q.label) == ("quarter", start, end, label)
    assert Period.parse(str(q)) == q


def test_a_leap_february_is_inside_its_quarter_and_year():
    q4 = Period.parse("2023-Q4")
    assert [str(m) for m in q4.months()] == ["2024-01", "2024-02", "2024-03"]
    assert q4.months()[1].end == date(2024, 2, 29)
    year = Period.parse("2023-24")
    assert (year.start, year.end) == (date(2023, 4, 1), date(2024, 3, 31))
    assert (year.end - year.start).days + 1 == 366
    assert (Period.parse("2024-25").end - Period.parse("2024-25").start).days + 1 == 365


@pytest.mark.parametrize(
    ("text", "previous", "year_ago", "previous_year_end", "fy_start"),
    [
        ("2026-Q1", "2025-Q4", "2025-Q1", "2025-Q4", date(2026, 4, 1)),
        ("2026-Q4", "2026-Q3", "2025-Q4", "2025-Q4", date(2026, 4, 1)),
        ("2027-Q1", "2026-Q4", "2026-Q1", "2026-Q4", date(2027, 4, 1)),
        ("2025-26", "2024-25", "2024-25", "2024-25", date(2025, 4, 1)),
        ("2026-04", "2026-03", "2025-04", "2026-03", date(2026, 4, 1)),
        ("2026-03", "2026-02", "2025-03", "2025-03", date(2025, 4, 1)),
    ],
)
def test_previous_periods_of_each_kind(text, previous, year_ago, previous_year_end, fy_start):
    p = Period.parse(text)
    assert str(p.previous) == previous
    assert str(p.year_ago) == year_ago
    assert str(p.previous_year_end) == previous_year_end
    assert p.financial_year_start == fy_start
    assert p.year_to_date == (fy_start, p.end)


def test_trends_count_periods_of_their_own_kind():
    assert [str(q) for q in Period.parse("2026-Q1").trend(5)] == [
        "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    # by default two years of quarters, back to the same quarter
    nine = Period.parse("2026-Q2").trend()
    assert (len(nine), str(nine[0])) == (9, "2024-Q2")
    assert [str(y) for y in Period.parse("2025-26").trend(3)] == ["2023-24", "2024-25", "2025-26"]


def test_rolling_twelve_months_end_with_the_period():
    assert Period.parse("2026-Q2").window_start(12) == date(2025, 10, 1)
    assert Period.parse("2026-Q4").window_start(12) == date(2026, 4, 1)
    assert Period.parse("2026-10").window_start(12) == date(2025, 11, 1)
    assert Period.parse("2025-26").window_start(12) == date(2025, 4, 1)


def test_financial_years_and_their_spellings():
    assert Period.parse("2025-26") == Period.parse("2025/26") == Period.parse("FY2025-26") == Period(2025, 4, 12)
    assert Period.parse("2025-26").label == "2025-26"
    # 2011-12 is December 2011; the year 2011-12 is written with a slash or FY, and prints as FY2011-12
    assert Period.parse("2011-12").kind == "month"
    year = Period.parse("2011/12")
    assert (year.kind, str(year), year.end) == ("year", "FY2011-12", date(2012, 3, 31))
    assert Period.parse(str(year)) == year
    # the year 1999-00 ends in the next century
    assert Period.parse("1999-00").end == date(2000, 3, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [("2026-Q5", "Q1 to Q4"), ("2026-Q0", "Q1 to Q4"), ("2025-27", "2025-26"), ("2026-00", "01-12"),
     ("2026 Q2", "YYYY-Qn")],
)
def test_bad_quarters_and_years_say_what_was_expected(text, message):
    with pytest.raises(ValueError, match=message):
        Period.parse(text)


def test_range_of_quarters_crosses_the_calendar_year_and_refuses_mixed_kinds():
    assert [str(q) for q in period_range(Period.parse("2026-Q3"), Period.parse("2027-Q1"))] == [
        "2026-Q3", "2026-Q4", "2027-Q1"]
    with pytest.raises(ValueError, match="quarter"):
        period_range(Period.parse("2026-Q3"), Period.parse("2026-12"))


def test_a_quarter_must_start_a_financial_quarter():
    with pytest.raises(ValueError, match="quarter starts"):
        Period(2026, 2, 3)
    assert Period.quarter(2026, 4) == Period(2027, 1, 3)


def test_engine_windows_for_a_quarter_cover_the_quarter_the_year_to_date_and_twelve_months():
    from onapage.indicators.engine import windows_frame

    frame = windows_frame([Period.parse("2026-Q4")], lambda _: 1000).set_index("basis")
    # "month" is the period's own window: here the quarter January-March 2027
    month = frame.loc["month"]
    assert (month["window_start"], month["window_end"]) == (date(2027, 1, 1), date(2027, 3, 31))
    assert frame.loc["snapshot", "window_start"] == date(2027, 3, 31)
    assert frame.loc["ytd", "window_start"] == date(2026, 4, 1)
    assert frame.loc["rolling12", "window_start"] == date(2026, 4, 1)
    assert set(frame["period"]) == {"2026-Q4"}
