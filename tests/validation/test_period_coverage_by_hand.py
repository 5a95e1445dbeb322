"""period_coverage's findings in full, worked out by hand for February 2019 (1 to 28 February; the financial
year 2018/19 starts on 1 April 2018, the 13-month trend on 1 February 2018; the 13 months to 28 February 2019 are
272 working days), with the near misses each side of every boundary."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from test_rule_findings_by_hand import found

from onapage.inputs import read_inputs
from onapage.periods import Period
from onapage.validation.gate import all_rules, validate
from onapage.validation.rules.period_coverage import _contacts, _daily_contacts

HEADING = "'Date of Contact'"
CUT_SHORT = f"the list ends on 13/02/2019 (latest {HEADING}), 11 working days before the period February 2019 ends: " \
    "cut short, or extracted early?"
YEAR = "the year to date needs the months before from earlier extracts in the store's history, and is n/a where it " \
    "holds none"
TREND = "the 13-month trend needs the months before from earlier extracts in the store's history, and is n/a where " \
    "it holds none"


def coverage(given: dict, allow_partial: bool = False) -> list[tuple]:
    return found("period_coverage", given, period="2019-02", allow_partial=allow_partial)


def contacts(*days: str) -> dict:
    return {"list_1": _contacts(*days)}


def visits(*days: str) -> dict:
    return {"visits": [{"Child ID": f"{i}", "Visit date": d} for i, d in enumerate(days)]}


def test_the_cases_lists_of_contacts_are_one_child_a_day():
    assert _contacts("01/04/2017", "02/04/2017") == [
        {"Child Unique ID": "C0", "Date of Contact": "01/04/2017"},
        {"Child Unique ID": "C1", "Date of Contact": "02/04/2017"},
    ]
    # 1 April 2017 to 14 February 2019: 365 + 320 days
    daily = _daily_contacts("2019-02-14")
    assert len(daily) == 685
    assert daily[0] == {"Child Unique ID": "C0", "Date of Contact": "01/04/2017"}
    assert daily[-1] == {"Child Unique ID": "C684", "Date of Contact": "14/02/2019"}
    assert _daily_contacts("13/02/2019")[-1]["Date of Contact"] == "13/02/2019"
    assert _daily_contacts("02/04/2017") == _contacts("01/04/2017", "02/04/2017")


def test_a_file_with_headings_and_no_rows_warns_that_pages_show_zeros():
    rule = next(r for r in all_rules() if r.name == "period_coverage")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "list_1.csv").write_text("Child Unique ID,Date of Contact\n", encoding="utf-8")
        findings = validate(read_inputs(Path(folder)), period=Period(2019, 2), rules=[rule])
    assert [(f.rule, f.severity, f.message) for f in findings if f.rule == "period_coverage"] == [
        ("period_coverage", "warning", "the file has headings but no rows: pages using it will show zeros or n/a")]


def test_a_busy_list_may_end_ten_working_days_early_not_eleven():
    assert coverage({"list_1": _daily_contacts("2019-02-14")}) == []
    assert coverage({"list_1": _daily_contacts("2019-02-13")}) == [
        ("error", "Date of Contact", None, CUT_SHORT, "records up to within 10 working days of 28/02/2019, or "
         "--allow-partial to go on with a partial month", 0, "")]
    assert coverage({"list_1": _daily_contacts("2019-02-13")}, allow_partial=True) == [
        ("warning", "Date of Contact", None, CUT_SHORT + " (--allow-partial: figures for the period are marked as "
         "partial)", "records up to within 10 working days of 28/02/2019", 0, "partial: List 1 ends on 13/02/2019")]


def test_a_busy_list_ending_on_the_periods_first_day_is_cut_short_not_old():
    # 1 February to 28 February 2019: 19 working days
    assert coverage({"list_1": _daily_contacts("2019-02-01")}) == [
        ("error", "Date of Contact", None, f"the list ends on 01/02/2019 (latest {HEADING}), 19 working days before "
         "the period February 2019 ends: cut short, or extracted early?", "records up to within 10 working days of "
         "28/02/2019, or --allow-partial to go on with a partial month", 0, "")]


def _old(last: str, allowed: int, partial: bool = False) -> tuple:
    return ("warning" if partial else "error", "Date of Contact", None,
            f"the list ends on {last} (latest {HEADING}), before the period February 2019 starts: is this an old "
            "extract?" + (" (--allow-partial: figures for the period are marked as partial)" if partial else ""),
            f"records up to within {allowed} working days of 28/02/2019"
            + ("" if partial else ", or --allow-partial to go on with a partial month"),
            0, f"partial: List 1 ends on {last}" if partial else "")


def test_a_sparse_list_may_end_on_the_periods_first_day_but_not_the_day_before():
    # 2 contacts in the 13 months: a usual gap of 136 working days, 680 allowed; the first is before the year
    # and the trend start (1 April 2017), so only the end is reported
    assert coverage(contacts("01/04/2017", "01/09/2018", "01/02/2019")) == []
    assert coverage(contacts("01/04/2017", "01/09/2018", "31/01/2019")) == [_old("31/01/2019", 680)]
    assert coverage(contacts("01/04/2017", "01/09/2018", "31/01/2019"), allow_partial=True) == [
        _old("31/01/2019", 680, partial=True)]


@pytest.mark.parametrize(("days", "allowed"), [
    # two contacts on the trend's first day (counted) and one the day before (not): 272 / 2 = 136, times 5
    (("31/01/2018", "01/02/2018", "01/02/2018"), 680),
    # no contact in the 13 months: the usual gap is the whole span, 272, times 5
    (("10/01/2018", "15/01/2018"), 1360),
    # one contact in the 13 months: 272 / 1, times 5
    (("10/01/2018", "15/01/2018", "31/01/2019"), 1360),
    # four in the 13 months: 68, times 5
    (("10/01/2018", "01/02/2018", "01/06/2018", "01/09/2018", "31/01/2019"), 340),
])
def test_a_sparse_lists_allowance_is_five_of_its_usual_gaps_over_the_13_months(days, allowed):
    assert coverage(contacts(*days)) == [_old(max(days, key=lambda d: d[6:] + d[3:5] + d[:2]), allowed)]


def test_an_extract_ending_before_the_period_warns_and_one_ending_on_its_first_day_does_not():
    assert coverage(visits("01/01/2018", "01/02/2019")) == []
    assert coverage(visits("01/01/2018", "31/01/2019")) == [
        ("warning", "Visit date", None, "the extract ends on 31/01/2019 (latest 'Visit date'), before the period "
         "February 2019 starts: is this an old extract?", "records up to 28/02/2019", 0, "")]


def _late(noun: str, first: str, heading: str, year: bool, trend: bool) -> list[tuple]:
    out = []
    if year:
        out.append(("warning", heading, None, f"the {noun} starts on {first} (earliest {heading!r}), after the "
                    f"financial year 2018/19 starts on 01/04/2018: {YEAR}", "records from 01/04/2018", 0, ""))
    if trend:
        out.append(("warning", heading, None, f"the {noun} starts on {first} (earliest {heading!r}), after "
                    f"01/02/2018: {TREND}", "records from 01/02/2018", 0, ""))
    return out


@pytest.mark.parametrize(("first", "year", "trend"), [
    ("01/02/2018", False, False),  # on the trend's first day
    ("02/02/2018", False, True),  # the day after
    ("01/04/2018", False, True),  # on the year's first day
    ("02/04/2018", True, True),  # the day after
])
def test_a_list_or_extract_starting_after_the_year_or_the_trend_starts_warns(first, year, trend):
    assert coverage(contacts(first, "28/02/2019")) == _late("list", first, "Date of Contact", year, trend)
    assert coverage(visits(first, "28/02/2019")) == _late("extract", first, "Visit date", year, trend)


def test_an_episode_list_runs_to_its_latest_start_or_visit_not_to_a_birth():
    # the latest start, on the period's first day, counts as much as a visit would
    assert coverage({"list_8": [{"Child Unique ID": "C1", "Date Started to be Looked After": "01/02/2019",
                                 "Date of Last Social Work Visit": "20/12/2018"},
                                {"Child Unique ID": "C2", "Date Started to be Looked After": "01/01/2016"}]}) == []
    # a plan for an unborn child: its birth, on 25 February, is no activity; the visit on 20 December is its latest
    plan = {"Child Unique ID": "C1", "Child Protection Plan Start Date": "10/12/2017", "Date of Birth": "25/02/2019",
            "Date of last Statutory Visit": "20/12/2018"}
    assert coverage({"list_7": [plan]}) == [
        ("error", "Child Protection Plan Start Date", None, "the list ends on 20/12/2018 (the latest date it records), "
         "before the period February 2019 starts: is this an old extract?", "records up to within 1360 working days "
         "of 28/02/2019, or --allow-partial to go on with a partial month", 0, "")]


def test_a_list_whose_dates_cannot_be_read_or_are_not_given_is_left_to_other_rules():
    assert coverage(contacts("banana", "31/13/2019")) == []
    assert coverage({"list_1": [{"Child Unique ID": "C1"}]}) == []
    assert coverage({"visits": [{"Child ID": "1"}]}) == []
