"""The monitoring report's tables from hand-built LONG and SUMMARY tables: which saved figure is in which column."""

import re

import pytest

from onapage.pages.monitoring import area_table, last_outturn, outturn_label, scorecard_table, ytd_basis
from onapage.periods import Period

PERIOD = Period(2026, 10)


@pytest.mark.parametrize(("period", "outturn"), [
    (Period(2026, 10), Period(2026, 3)),   # mid-year: the March just gone
    (Period(2026, 4), Period(2026, 3)),    # the first month of a year: the March before it
    (Period(2027, 3), Period(2026, 3)),    # the last month of a year is not yet its own outturn
    (Period(2026, 1), Period(2025, 3)),    # January belongs to the year that began the April before
])
def test_last_outturn_is_the_march_that_closed_the_last_complete_financial_year(period, outturn):
    assert last_outturn(period) == outturn


def test_outturn_label_names_that_financial_year():
    assert outturn_label(Period(2026, 10)) == "2025/26"
    assert outturn_label(Period(2027, 3)) == "2025/26"


def _cells(html: str, title: str) -> list[str]:
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(title)}</th>(.*?)</tr>", html)
    assert row, f"no row {title!r}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


@pytest.fixture
def area(make_indicator, long_row, long_frame, summary_frame):
    referrals = make_indicator(id="refs", title="Referrals", unit="count", kind="in_month", polarity="monitor")
    cp = make_indicator(id="cp", title="Children on a plan", unit="count", kind="snapshot", polarity="monitor")
    months = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    rows = [long_row("refs", p, "month", 100 + i) for i, p in enumerate(months)]
    rows += [long_row("refs", "2026-04", "month", 90), long_row("refs", "2026-03", "month", 80)]
    # year to date, April 2026 onwards: 90 + 100 + 101 + ... + 105 = 705; last year's total 1,200
    rows += [long_row("refs", "2026-10", "ytd", 705), long_row("refs", "2026-03", "ytd", 1200)]
    rows += [long_row("cp", p, "snapshot", 50 + i) for i, p in enumerate(months)]
    rows += [long_row("cp", "2026-03", "snapshot", 40)]
    summary = summary_frame([
        {"id": "refs", "value": 105, "target": None, "status": "ok", "direction": "↑",
         "direction_label": "upward change"},
        {"id": "cp", "value": 55, "target": 60.0, "rag": "Green", "rag_symbol": "●", "status": "ok",
         "direction": "↑", "direction_label": "upward change"},
    ])
    return {"summary": summary, "long": long_frame(rows), "inds": [referrals, cp]}


def test_area_table_columns_are_outturn_six_months_oldest_first_ytd_target_traffic_light(area):
    html = area_table(area["summary"], area["long"], area["inds"], PERIOD, title="Front door").html
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", html)]
    assert heads[0] == "Measure" and heads[1] == "2025/26 outturn"
    assert heads[2].startswith("May-26") and heads[7].startswith("Oct-26")
    assert heads[8:] == ["2026/27 year to date", "Target", "Traffic light"]
    # an in-month count: the year's total as the outturn, each month's own figure, the year to date
    assert _cells(html, "Referrals") == ["1,200", "100", "101", "102", "103", "104", "105", "705", "-", "-"]


def test_a_snapshots_outturn_is_its_march_figure_and_its_year_to_date_where_it_stands(area):
    html = area_table(area["summary"], area["long"], area["inds"], PERIOD, title="Child protection").html
    assert _cells(html, "Children on a plan") == ["40", "50", "51", "52", "53", "54", "55", "55", "60",
                                                  "● Green (month end)"]


def test_ytd_basis_follows_the_kind(make_indicator):
    assert ytd_basis(make_indicator(kind="in_month")) == "ytd"
    assert ytd_basis(make_indicator(kind="snapshot")) == "snapshot"
    assert ytd_basis(make_indicator(kind="rolling_12")) == "rolling12"


def test_scorecard_groups_areas_with_this_month_direction_ytd_target_and_a_worded_traffic_light(area):
    html = scorecard_table(area["summary"], area["long"], [("front_door", "Front door", area["inds"])], PERIOD).html
    assert '<a href="#section-front_door">Front door</a>' in html
    assert _cells(html, "Referrals") == ["105", "↑upward change", "705", "-", "-"]
    assert _cells(html, "Children on a plan") == ["55", "↑upward change", "55", "60", "● Green (month end)"]


def test_scorecard_skips_an_area_without_measures(area):
    html = scorecard_table(area["summary"], area["long"], [("uasc", "UASC", [])], PERIOD).html
    assert "UASC" not in html
