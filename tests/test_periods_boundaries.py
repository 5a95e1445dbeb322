"""Periods at their boundaries, worked out by hand: the first and last months and years allowed and one past, the
financial years printed with 'FY' (those that would read as a month) and the ones beside them, and the exact
words of each refusal."""

import pytest

from onapage.periods import Period, period_range


def test_a_range_of_one_period_holds_it_and_a_range_ending_before_it_starts_is_refused():
    assert period_range(Period(2019, 2), Period(2019, 2)) == [Period(2019, 2)]
    with pytest.raises(ValueError, match=r"^the range ends \(2019-01\) before it starts \(2019-02\)$"):
        period_range(Period(2019, 2), Period(2019, 1))


@pytest.mark.parametrize(("args", "message"), [
    ((2019, 13), "month must be 01-12, found 13"),
    ((2019, 0), "month must be 01-12, found 00"),
    ((2019, 1, 2), "a period is 1, 3 or 12 months long, found 2"),
    ((2019, 2, 3), "a financial-year quarter starts in January, April, July or October, found month 2"),
    ((2019, 5, 12), "a financial year starts on 1 April, found month 5"),
])
def test_a_period_that_cannot_be_is_refused_in_words(args, message):
    with pytest.raises(ValueError) as raised:
        Period(*args)
    assert str(raised.value) == message


def test_month_twelve_a_quarter_from_october_and_a_year_from_april_are_periods():
    assert str(Period(2019, 12)) == "2019-12"
    assert str(Period(2019, 10, 3)) == "2019-Q3"
    assert str(Period(2019, 4, 12)) == "2019-20"


@pytest.mark.parametrize(("year", "printed"), [
    (1999, "1999-00"), (2000, "FY2000-01"), (2011, "FY2011-12"), (2012, "2012-13"), (2099, "2099-00"),
])
def test_only_financial_years_that_would_read_as_a_month_are_printed_with_fy(year, printed):
    assert str(Period.financial_year(year)) == printed
    assert Period.parse(printed) == Period.financial_year(year)


def test_the_first_and_last_years_read_and_one_past_each_is_refused():
    assert Period.parse("1900-01") == Period(1900, 1)
    assert Period.parse("2099-12") == Period(2099, 12)
    for text in ("1899-12", "2100-01"):
        with pytest.raises(ValueError) as raised:
            Period.parse(text)
        assert str(raised.value) == f"expected a year from 1900 to 2099, found {text!r}"


def test_a_financial_years_second_part_must_be_the_next_year():
    assert Period.parse("2012-13") == Period.financial_year(2012)
    with pytest.raises(ValueError) as raised:
        Period.parse("2019/21")
    assert str(raised.value) == "a financial year's second part is the next year, 2019-20; found '2019/21'"


def test_the_fourth_quarter_is_january_to_march_of_the_next_year():
    assert [Period.quarter(2026, n) for n in (1, 2, 3, 4)] == [Period(2026, 4, 3), Period(2026, 7, 3),
                                                               Period(2026, 10, 3), Period(2027, 1, 3)]
