"""The scorecard row: history picked from the long table, judged through polarity."""

import pandas as pd
import pytest

from onapage.indicators.catalogue import Indicator
from onapage.indicators.summary import period_summary
from onapage.indicators.targets import Target
from onapage.periods import Period


def _ind(**kw) -> Indicator:
    base = dict(
        id="x_pct",
        title="X",
        section="assessments",
        unit="percent",
        kind="in_month",
        polarity="bigger_is_better",
        sources=("list_4",),
        definition="A test indicator for the summary.",
    )
    return Indicator(**(base | kw))


def _long(ind_id: str, values: dict[tuple[str, str], float]) -> pd.DataFrame:
    rows = [
        {
            "indicator_id": ind_id,
            "period": p,
            "basis": b,
            "breakdown": None,
            "category": None,
            "value": v,
            "numerator": None,
            "denominator": None,
            "status": "ok",
            "message": None,
        }
        for (p, b), v in values.items()
    ]
    return pd.DataFrame(rows)


def test_row_brings_history_target_judgements_and_benchmarks():
    ind = _ind()
    long = _long(
        "x_pct",
        {
            ("2019-02", "month"): 75.0,
            ("2019-02", "ytd"): 80.0,
            ("2019-01", "month"): 78.0,
            ("2018-02", "month"): 70.0,
            ("2018-03", "month"): 72.0,
        },
    )
    bench = {"year": "2017/18", "england": 82.0, "sn_mean": 85.5}
    row = period_summary(long, Period(2019, 2), {"x_pct": Target(95.0, 5.0)}, lambda _: bench, [ind]).iloc[0]
    assert (row["value"], row["ytd_value"], row["previous_value"]) == (75.0, 80.0, 78.0)
    assert row["same_month_last_year"] == 70.0
    assert row["previous_year_outturn"] == 72.0  # March 2018 closes 2017/18, the year before Feb 2019's
    assert (row["rag"], row["rag_symbol"]) == ("Red", "■")
    assert round(row["variance"], 3) == round((75 - 95) / 95, 3)
    assert (row["direction"], row["direction_label"]) == ("↓", "negative downward change")
    assert row["benchmark_england"] is None  # the indicator names no benchmark measure


def test_monitor_indicators_get_no_target_rag_or_variance_even_if_one_is_configured():
    ind = _ind(polarity="monitor", unit="count")
    long = _long("x_pct", {("2019-02", "month"): 10.0, ("2019-01", "month"): 8.0})
    row = period_summary(long, Period(2019, 2), {"x_pct": Target(5.0, 1.0)}, None, [ind]).iloc[0]
    assert row[["target", "rag", "variance"]].isna().all()
    assert row["direction_label"] == "upward change"


def test_cumulative_counts_move_by_their_month_not_their_growing_total():
    ind = _ind(kind="cumulative", unit="count", polarity="smaller_is_better")
    long = _long(
        "x_pct",
        {("2019-02", "ytd"): 110.0, ("2019-01", "ytd"): 100.0, ("2019-02", "month"): 10.0, ("2019-01", "month"): 12.0},
    )
    row = period_summary(long, Period(2019, 2), {}, None, [ind]).iloc[0]
    assert row["value"] == 110.0 and row["basis"] == "ytd"
    assert row["direction_label"] == "positive downward change"


@pytest.mark.parametrize("missing", ["2019-02", "2019-01"])
def test_missing_months_give_blanks_not_errors(missing):
    ind = _ind()
    values = {("2019-02", "month"): 75.0, ("2019-01", "month"): 78.0}
    values.pop((missing, "month"))
    row = period_summary(_long("x_pct", values), Period(2019, 2), {}, None, [ind]).iloc[0]
    assert row["direction"] is None


def test_a_cumulative_percentage_moves_by_the_month_figures_the_table_shows_beside_each_other():
    """Its month columns show each month's own share; the arrow compares those two, not the year to date
    (which rose here while the month fell)."""
    ind = _ind(kind="cumulative", unit="percent", polarity="smaller_is_better")
    long = _long(
        "x_pct",
        {("2019-02", "ytd"): 16.4, ("2019-01", "ytd"): 15.9, ("2019-02", "month"): 14.0, ("2019-01", "month"): 18.5},
    )
    row = period_summary(long, Period(2019, 2), {}, None, [ind]).iloc[0]
    assert row["value"] == 16.4 and row["month_value"] == 14.0
    assert (row["direction"], row["direction_label"]) == ("↓", "positive downward change")


def test_variance_in_the_summary_is_positive_when_better_than_target():
    ind = _ind(kind="snapshot", polarity="smaller_is_better")
    long = _long("x_pct", {("2019-02", "snapshot"): 12.0, ("2019-01", "snapshot"): 11.0})
    row = period_summary(long, Period(2019, 2), {"x_pct": Target(10.0, 2.0)}, None, [ind]).iloc[0]
    assert round(row["variance"], 3) == -0.2 and row["rag"] == "Amber"  # 2 over a ceiling of 10: worse, amber
