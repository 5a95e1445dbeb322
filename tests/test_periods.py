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
