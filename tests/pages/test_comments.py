"""Drafted data comments: exact sentences for hand-built numbers."""

import pytest

from onapage.pages.comments import comments_html, data_comments
from onapage.periods import Period

PERIOD = Period(2026, 10)


@pytest.fixture
def cin(make_indicator):
    return make_indicator(id="cin_plans", title="CIN plans", unit="count", kind="snapshot", polarity="monitor",
                          sources=("list_6",))


@pytest.fixture
def pct(make_indicator):
    return make_indicator(id="asmt_pct", title="Assessments completed within 45 working days (%)", kind="in_month")


def _row(**kw):
    return {"status": "ok", "message": None} | kw


def test_increase_as_a_percentage_of_last_month(cin, long_frame):
    out = data_comments(_row(value=434, previous_value=412), long_frame([]), cin, PERIOD)
    assert out == ["The number of CIN plans in October is 5.3% higher than the previous month."]


def test_decrease_and_same_month_last_year(cin, long_frame):
    out = data_comments(_row(value=380, previous_value=400, same_month_last_year=400), long_frame([]), cin, PERIOD)
    assert out == ["The number of CIN plans in October is 5.0% lower than the previous month.",
                   "This is 5.0% lower than October 2025."]


def test_no_change_remained_at(cin, long_frame):
    out = data_comments(_row(value=434, previous_value=434, same_month_last_year=434), long_frame([]), cin, PERIOD)
    assert out == ["The number of CIN plans remained at 434 in October.", "This is the same as October 2025."]


def test_zero_previous_gives_no_percentage(cin, long_frame):
    out = data_comments(_row(value=3, previous_value=0, same_month_last_year=0), long_frame([]), cin, PERIOD)
    assert out == ["The number of CIN plans in October is 3, up from 0 the previous month.",
                   "This is up from 0 in October 2025."]


def test_percentages_move_in_percentage_points(pct, long_frame):
    out = data_comments(_row(value=84.2, previous_value=81.7, same_month_last_year=85.2), long_frame([]), pct, PERIOD)
    assert out == ["The percentage of assessments completed within 45 working days in October is "
                   "2.5 percentage points higher than the previous month.",
                   "This is 1.0 percentage point lower than October 2025."]


def test_a_percentage_since_april_is_spoken_of_as_the_year_to_date(make_indicator, long_frame):
    repeat = make_indicator(id="cp_repeat", title="Children subject to a second or subsequent CP plan (ever)",
                            kind="cumulative", polarity="smaller_is_better")
    out = data_comments(_row(value=16.8, previous_value=15.5, same_month_last_year=18.4, target=16.0),
                        long_frame([]), repeat, PERIOD)
    assert out == ["The percentage of children subject to a second or subsequent CP plan (ever) in the year to "
                   "October is 1.3 percentage points higher than the previous month.",
                   "This is 1.6 percentage points lower than October 2025.",
                   "This is above the target of 16% (variance (5.0%) relative to the target, worse than target)."]


def test_target_read_through_polarity(pct, make_indicator, long_frame):
    below = data_comments(_row(value=84.2, target=85.0), long_frame([]), pct, PERIOD)
    assert below == ["At 84.2%, the percentage of assessments completed within 45 working days in October is "
                     "below the target of 85% (variance (0.9%) relative to the target, worse than target)."]
    rerefer = make_indicator(id="rereferrals", title="Re-referrals within 12 months (%)", polarity="smaller_is_better")
    out = data_comments(_row(value=14.0, previous_value=14.0, target=16.0), long_frame([]), rerefer, PERIOD)
    assert out == ["The percentage of re-referrals within 12 months remained at 14.0% in October.",
                   "This is below the target of 16% (variance 12.5% relative to the target, better than target)."]
    met = data_comments(_row(value=85.0, previous_value=80.0, target=85.0), long_frame([]), pct, PERIOD)
    assert met[-1] == "This meets the target of 85%."


def test_monitor_indicator_gets_no_target_sentence(cin, long_frame):
    out = data_comments(_row(value=434, previous_value=412, target=400.0), long_frame([]), cin, PERIOD)
    assert not any("target" in s for s in out)


def test_statistical_neighbours_and_the_range_with_month_names(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_rate", title="Rate of children subject to a CP plan per 10,000 children",
                         unit="rate_per_10k", kind="snapshot", polarity="monitor")
    values = [18.0, 19.2, 20.1, 17.5, 16.9, 17.0, 18.2, 16.3, 17.1, 17.4, 17.6, 17.9]  # Nov 2025 .. Oct 2026
    long = long_frame([long_row("cp_rate", str(p), "snapshot", v) for p, v in zip(PERIOD.trend(12), values,
                                                                                   strict=True)])
    row = _row(value=17.9, previous_value=17.6, benchmark_sn_mean=41.2, benchmark_year="2024/25")
    out = data_comments(row, long, ind, PERIOD)
    assert out[-2:] == [
        "The rate remains below our statistical neighbours (41.2 in 2024/25) at 17.9.",
        "It has fluctuated between a low of 16.3 (June) and a high of 20.1 (January) during the last 12 months.",
    ]


def test_sn_sentence_says_is_when_last_month_was_on_the_other_side(pct, long_frame):
    out = data_comments(_row(value=84.2, previous_value=90.0, benchmark_sn_mean=88.0), long_frame([]), pct, PERIOD)
    assert out[-1] == "The percentage is below our statistical neighbours (88.0%) at 84.2%."


def test_no_sn_comparison_for_counts(cin, long_frame):
    out = data_comments(_row(value=434, benchmark_sn_mean=300.0), long_frame([]), cin, PERIOD)
    assert out == []


def test_counts_since_april_compare_months_and_the_year_to_date(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_new", title="New child protection plans from April", unit="count",
                         kind="cumulative", polarity="monitor", decimals=0)
    long = long_frame([long_row("cp_new", "2026-10", "month", 25), long_row("cp_new", "2026-09", "month", 20)])
    out = data_comments(_row(value=233, previous_value=208, same_month_last_year=204), long, ind, PERIOD)
    assert out == ["The number of new child protection plans in October is 25.0% higher than the previous month.",
                   "The year-to-date figure of 233 is 14.2% higher than at the same point last year (204)."]


def test_missing_inputs_leave_sentences_out_and_missing_figure_is_said(cin, long_frame):
    assert data_comments(_row(value=434), long_frame([]), cin, PERIOD) == []
    out = data_comments({"value": None, "status": "not_computable", "message": "not supplied: list_6.csv"},
                        long_frame([]), cin, PERIOD)
    assert out == ["There is no figure for October 2026 (not supplied: list_6.csv)."]


def test_comments_html_has_a_label_and_escapes():
    html = comments_html(["Up by 5% & rising <fast>."]).html
    assert html.startswith('<div class="data-comments">')
    assert '<p class="data-comments-label">Data comments</p>' in html
    assert "&amp; rising &lt;fast&gt;" in html
    assert comments_html([]).html == ""


def test_range_says_ranged_for_a_steady_rise_and_counts_months_with_figures(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_rate", title="CP rate per 10,000 children", unit="rate_per_10k", kind="snapshot",
                         polarity="monitor")
    months = PERIOD.trend(12)
    long = long_frame([long_row("cp_rate", str(p), "snapshot", 10.0 + i) for i, p in enumerate(months) if i != 3])
    out = data_comments(_row(value=21.0), long, ind, PERIOD)
    assert out == ["It has ranged between a low of 10.0 (November) and a high of 21.0 (October) "
                   "during the last 12 months (11 of them with figures)."]


def test_a_year_to_date_percentage_is_ranged_as_the_year_to_date_not_as_months(make_indicator, long_row, long_frame):
    """A percentage since April starts again each April: the range names what the chart's line is."""
    ind = make_indicator(id="asmt_ytd", title="Assessments within 45 working days", unit="percent",
                         kind="cumulative", polarity="bigger_is_better")
    months = PERIOD.trend(12)  # November 2025 to October 2026
    values = [80.0, 81.0, 82.0, 83.0, 84.0, 70.0, 72.0, 74.0, 76.0, 78.0, 79.0, 79.5]  # April starts again at 70
    long = long_frame([long_row("asmt_ytd", str(p), "ytd", v) for p, v in zip(months, values, strict=True)])
    out = data_comments(_row(value=79.5), long, ind, PERIOD)
    assert out[-1] == ("The year-to-date figure (counted from each April) has fluctuated between a low of 70.0% "
                       "(April) and a high of 84.0% (March) during the last 12 months.")


# -- changes worked out between the figures as shown, in the words of the period -----------------------


def test_a_change_is_worked_out_between_the_figures_as_shown(pct, long_frame):
    # 20.46 prints 20.5% and 20.44 prints 20.4%: the reader sees 0.1 points, not 0.02 rounded to '0.0'
    out = data_comments(_row(value=20.44, previous_value=20.46), long_frame([]), pct, PERIOD)
    assert out == ["The percentage of assessments completed within 45 working days in October is "
                   "0.1 percentage points lower than the previous month."]
    same = data_comments(_row(value=20.44, previous_value=20.36), long_frame([]), pct, PERIOD)  # 20.4% and 20.4%
    assert same == ["The percentage of assessments completed within 45 working days remained at 20.4% in October."]


def test_a_small_count_changes_in_numbers_not_percentages(make_indicator, long_frame):
    adopted = make_indicator(id="adopted", title="Children adopted", unit="count", kind="in_month",
                             polarity="bigger_is_better")
    out = data_comments(_row(value=2, previous_value=1, same_month_last_year=4), long_frame([]), adopted, PERIOD)
    assert out == ["The number of children adopted in October is 1 more than the previous month (2 against 1).",
                   "This is 2 fewer than October 2025 (2 against 4)."]


def test_a_quarter_is_compared_with_the_previous_quarter_and_the_same_quarter_last_year(pct, long_frame):
    out = data_comments(_row(value=88.0, previous_value=81.8, same_month_last_year=62.5), long_frame([]), pct,
                        Period.quarter(2026, 2))
    assert out == ["The percentage of assessments completed within 45 working days in Q2 2026-27 is "
                   "6.2 percentage points higher than the previous quarter.",
                   "This is 25.5 percentage points higher than Q2 2025-26."]


def test_a_quarterly_range_names_its_quarters(pct, long_row, long_frame):
    quarters = Period.quarter(2026, 2).trend(8)  # Q3 2024-25 to Q2 2026-27
    values = [70.0, 75.0, 62.5, 80.0, 81.0, 82.0, 81.8, 88.0]
    long = long_frame([long_row("asmt_pct", str(q), "month", v) for q, v in zip(quarters, values, strict=True)])
    out = data_comments(_row(value=88.0), long, pct, Period.quarter(2026, 2))
    assert out == ["It has fluctuated between a low of 62.5% (Q1 2025-26) and a high of 88.0% (Q2 2026-27) "
                   "during the last 8 quarters."]


def test_a_figure_in_days_says_days(make_indicator, long_frame):
    days = make_indicator(id="a1", title="Average days from entering care to being placed for adoption",
                          unit="days", decimals=0, kind="cumulative", polarity="smaller_is_better")
    out = data_comments(_row(value=460, previous_value=460, target=426), long_frame([]), days, PERIOD)
    assert out == ["The average days from entering care to being placed for adoption remained at 460 days in the "
                   "year to October.",
                   "This is above the target of 426 days (variance (8.0%), worse than target)."]
