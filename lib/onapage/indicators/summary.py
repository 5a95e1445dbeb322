"""One row per indicator for a period: the figure, its history, its target and judgements, its benchmarks.

This is the table the scorecard shows and `onapage indicators` exports.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from onapage.indicators.catalogue import Indicator, load_catalogue
from onapage.indicators.judgements import RAG_SYMBOLS, direction, rag, variance
from onapage.indicators.targets import Target
from onapage.periods import Period

SUMMARY_COLUMNS = [
    "id",
    "title",
    "section",
    "unit",
    "kind",
    "polarity",
    "basis",
    "period",
    "value",
    "month_basis",
    "month_value",
    "numerator",
    "denominator",
    "ytd_value",
    "previous_value",
    "same_month_last_year",
    "previous_year_outturn",
    "target",
    "tolerance",
    "rag",
    "rag_symbol",
    "direction",
    "direction_label",
    "variance",
    "benchmark_year",
    "benchmark_la",
    "benchmark_england",
    "benchmark_region",
    "benchmark_sn_mean",
    "benchmark_sn_median",
    "status",
    "message",
]

BenchmarkLookup = Callable[[str], dict | None]


class _Headlines:
    """The long table's headline rows (no breakdown category), looked up by (id, period, basis)."""

    def __init__(self, long: pd.DataFrame):
        rows = long[long["category"].isna()]
        keys = zip(rows["indicator_id"], rows["period"].astype(str), rows["basis"], strict=True)
        self._rows = dict(zip(keys, rows.to_dict("records"), strict=True))

    def row(self, ind_id: str, period: Period, basis: str) -> dict | None:
        return self._rows.get((ind_id, str(period), basis))

    def value(self, ind_id: str, period: Period, basis: str) -> float | None:
        row = self.row(ind_id, period, basis)
        return None if row is None or pd.isna(row["value"]) else float(row["value"])


def month_basis(ind: Indicator) -> str:
    """The basis a month column shows: the month itself where the indicator has one (in-month and
    cumulative measures, whose year to date is shown in its own column), else the headline basis
    (a snapshot at month end, a rolling 12 months)."""
    return "month" if "month" in ind.bases else ind.headline_basis




def summarise_indicator(
    long: _Headlines, ind: Indicator, period: Period, target: Target | None, benchmark: dict | None
) -> dict:
    basis = ind.headline_basis
    row = long.row(ind.id, period, basis)
    value = long.value(ind.id, period, basis)
    move = month_basis(ind)  # the arrow compares the two figures the month columns show side by side
    dot = direction(
        long.value(ind.id, period, move),
        long.value(ind.id, period.shift(-1), move),
        ind.polarity,
        decimals=ind.decimals,
    )
    goal = target.target if target and ind.polarity != "monitor" else None
    judged = rag(value, goal, target.tolerance if target else None, ind.polarity)
    out = {
        "id": ind.id,
        "title": ind.title,
        "section": ind.section,
        "unit": ind.unit,
        "kind": ind.kind,
        "polarity": ind.polarity,
        "basis": basis,
        "period": str(period),
        "value": value,
        "month_basis": month_basis(ind),
        "month_value": long.value(ind.id, period, month_basis(ind)),
        "numerator": None if row is None else row["numerator"],
        "denominator": None if row is None else row["denominator"],
        "ytd_value": long.value(ind.id, period, "ytd") if "ytd" in ind.bases else None,
        "previous_value": long.value(ind.id, period.shift(-1), basis),
        "same_month_last_year": long.value(ind.id, period.year_ago, basis),
        "previous_year_outturn": long.value(ind.id, period.previous_year_end, basis),
        "target": goal,
        "tolerance": target.tolerance if goal is not None else None,
        "rag": judged,
        "rag_symbol": RAG_SYMBOLS.get(judged),
        "direction": dot.arrow if dot else None,
        "direction_label": dot.label if dot else None,
        "variance": variance(value, goal, ind.polarity),
        "status": "not_computed" if row is None else row["status"],
        "message": None if row is None else row["message"],
    }
    for key in ("year", "la", "england", "region", "sn_mean", "sn_median"):
        out[f"benchmark_{key}"] = (benchmark or {}).get(key)
    return out


def period_summary(
    long: pd.DataFrame,
    period: Period,
    targets: dict[str, Target],
    benchmark_for: BenchmarkLookup | None = None,
    indicators: list[Indicator] | None = None,
) -> pd.DataFrame:
    """The scorecard table for a period (breakdown indicators are left to their pages)."""
    indicators = indicators if indicators is not None else list(load_catalogue().values())
    headlines = _Headlines(long)
    rows = []
    for ind in indicators:
        if ind.breakdown:
            continue
        bench = benchmark_for(ind.benchmark) if (benchmark_for and ind.benchmark) else None
        rows.append(summarise_indicator(headlines, ind, period, targets.get(ind.id), bench))
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
