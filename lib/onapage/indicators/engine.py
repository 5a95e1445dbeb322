"""Compute catalogue indicators for one or many periods in one pass, into a long table.

Each query runs once for all requested periods: the engine registers a `windows` table (one
row per period and basis) and the query groups by it. The result keeps numerator and
denominator beside every value, and an explicit status per row: `ok`, `not_computable` (a
source was not supplied, or the store's history does not reach every day the figure needs) or
`failed` (the query raised), so a page can say why a figure is missing instead of printing a
zero. A figure computed from an input the data-quality gate warned of is `caveat`, its message
the gate's caveat: shown, with a marker and a note.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import date

import duckdb
import pandas as pd

from onapage.contract import load_contract
from onapage.indicators import coverage as history_coverage
from onapage.indicators.catalogue import Indicator, load_catalogue
from onapage.periods import Period
from onapage.store import caveats
from onapage.store.history import Coverage, coverage

log = logging.getLogger(__name__)

RESULT_COLUMNS = [
    "indicator_id",
    "period",
    "basis",
    "breakdown",
    "category",
    "value",
    "numerator",
    "denominator",
    "status",
    "message",
]

_SCALE = {"percent": 100.0, "rate_per_10k": 10_000.0}


def windows_frame(periods: Iterable[Period], population_for: Callable[[date], int]) -> pd.DataFrame:
    """One row per period and basis: the date window each basis covers, and the rate denominator."""
    rows = []
    for p in sorted(set(periods)):
        starts = {
            "snapshot": p.end,
            "month": p.start,
            "ytd": p.financial_year_start,
            "rolling12": p.window_start(12),
        }
        for basis, start in starts.items():
            rows.append(
                {
                    "period": str(p),
                    "basis": basis,
                    "window_start": start,
                    "window_end": p.end,
                    "fy_start": p.financial_year_start,
                    "population": population_for(p.end),
                }
            )
    frame = pd.DataFrame(rows)
    for col in ("window_start", "window_end", "fy_start"):
        frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame


def supplied_datasets(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("select dataset from _loads").fetchall()}


def _describe_missing(missing: list[str]) -> str:
    return "not supplied: " + ", ".join(load_contract().dataset(key).label for key in missing)


def _derive_values(ind: Indicator, result: pd.DataFrame) -> pd.DataFrame:
    """Value from numerator and denominator where the query gave those (percent, rates, averages)."""
    if "numerator" not in result or "denominator" not in result:
        result["numerator"] = result.get("numerator", pd.NA)
        result["denominator"] = result.get("denominator", pd.NA)
        return result
    num = pd.to_numeric(result["numerator"], errors="coerce").astype("Float64")
    den = pd.to_numeric(result["denominator"], errors="coerce").astype("Float64")
    ratio = (num / den.where(den != 0)) * _SCALE.get(ind.unit, 1.0)
    if "value" in result:
        result["value"] = pd.to_numeric(result["value"], errors="coerce").astype("Float64").fillna(ratio)
    else:
        result["value"] = ratio
    return result


def _shape(ind: Indicator, result: pd.DataFrame) -> pd.DataFrame:
    result = _derive_values(ind, result.copy())
    result["indicator_id"] = ind.id
    result["breakdown"] = ind.breakdown
    result["category"] = result[ind.breakdown].astype("string") if ind.breakdown else None
    result["status"] = "ok"
    result["message"] = None
    result.loc[result["value"].isna(), "message"] = "no cases in the period"
    result["period"] = result["period"].astype(str)
    return result[RESULT_COLUMNS]


def _placeholder(ind: Indicator, windows: pd.DataFrame, status: str, message: str) -> pd.DataFrame:
    no_figure = dict.fromkeys(("category", "value", "numerator", "denominator"))
    out = windows[["period", "basis"]].assign(
        indicator_id=ind.id, breakdown=ind.breakdown, status=status, message=message, **no_figure
    )
    return out[RESULT_COLUMNS]


def compute_indicator(
    con: duckdb.DuckDBPyConnection, ind: Indicator, windows: pd.DataFrame, supplied: set[str],
    covered: dict[str, Coverage] | None = None, sql: str | None = None,
) -> pd.DataFrame:
    """One indicator over the windows; `covered` (the store's history, by dataset) leaves n/a, with the
    reason, every window the history does not reach. `sql` runs in place of the indicator's own query (a
    mutant of it, in a mutation run)."""
    mine = windows[windows["basis"].isin(ind.bases)].reset_index(drop=True)
    missing = [s for s in ind.sources if s not in supplied]
    if missing:
        return _placeholder(ind, mine, "not_computable", _describe_missing(missing))
    if covered and (absent := history_coverage.absent_columns(ind, covered)):
        return _placeholder(ind, mine, "not_computable", absent)
    gaps = history_coverage.uncovered(ind, mine, covered) if covered else {}
    result = _computed(con, ind, mine, sql)
    if not gaps:
        return result
    result = result[[k not in gaps for k in zip(result["period"].astype(str), result["basis"], strict=True)]]
    holes = _placeholder(ind, mine[[k in gaps for k in zip(mine["period"], mine["basis"], strict=True)]],
                         "not_computable", "")
    holes["message"] = [gaps[k] for k in zip(holes["period"], holes["basis"], strict=True)]
    return pd.concat([result, holes], ignore_index=True)


def _computed(con: duckdb.DuckDBPyConnection, ind: Indicator, mine: pd.DataFrame,
              sql: str | None = None) -> pd.DataFrame:
    con.register("windows", mine)
    try:
        result = con.execute(sql or ind.sql()).df()
    except duckdb.Error as exc:
        log.error("indicator %s failed: %s", ind.id, exc)
        return _placeholder(ind, mine, "failed", str(exc).splitlines()[0])
    finally:
        con.unregister("windows")
    if ind.rate_of:  # the count's query: its value over the window's 0-17 population
        result = result.rename(columns={"value": "numerator"}).merge(
            mine[["period", "basis", "population"]].rename(columns={"population": "denominator"}),
            on=["period", "basis"],
            how="left",
        )
    return _shape(ind, result)


def compute(
    con: duckdb.DuckDBPyConnection,
    periods: Iterable[Period],
    population_for: Callable[[date], int],
    indicators: Iterable[Indicator] | None = None,
    extract_period: Period | None = None,
    history: pd.DataFrame | None = None,
    queries: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The long table of every indicator for every period (and each of the indicator's bases).

    An indicator read from a snapshot field (`at_extract_only`) has a figure only for the extract's month
    (`extract_period`, by default the latest period computed): the lists keep only the latest value of such
    a field, so an earlier month worked back from it would show a trend that never happened. Another month's
    figure comes from `history` (the store's record of each extract's own month), or is not available.
    `queries` (by indicator id) run in place of those indicators' own queries: a mutation run's mutants."""
    periods = list(periods)
    started = time.perf_counter()
    windows = windows_frame(periods, population_for)
    supplied = supplied_datasets(con)
    covered = coverage(con)
    indicators = list(indicators if indicators is not None else load_catalogue().values())
    cautions = caveats(con)
    extract = extract_period or max(periods, default=None)
    queries = queries or {}
    parts = [_only_at_extract(_with_caveats(compute_indicator(con, ind, windows, supplied, covered,
                                                              queries.get(ind.id)), ind, cautions),
                              ind, extract, history) for ind in indicators]
    long = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=RESULT_COLUMNS)
    for col in ("value", "numerator", "denominator"):
        long[col] = pd.to_numeric(long[col], errors="coerce").astype("Float64")
    log.info(
        "computed %d indicators x %d windows in %.2f s", len(indicators), len(windows), time.perf_counter() - started
    )
    return long


def _only_at_extract(result: pd.DataFrame, ind: Indicator, extract: Period | None,
                     history: pd.DataFrame | None = None) -> pd.DataFrame:
    """A snapshot field's figures for periods that do not end with the extract's month: those recorded when
    the month they end with had its own extract loaded (`history`), else not computable, and why."""
    if not ind.at_extract_only or extract is None:
        return result
    last_month = result["period"].astype(str).map(_last_month)  # a quarter or a year is its last month's
    kept, others = result[last_month == str(extract)], result[last_month != str(extract)].copy()
    wanted = pd.DataFrame({"period": others["period"].astype(str), "month": last_month[others.index]})
    recorded = _recorded(history, ind, wanted.drop_duplicates())
    others = others[~others["period"].astype(str).isin(set(recorded["period"]))]
    others[["value", "numerator", "denominator"]] = None
    others["status"] = "not_computable"
    others["message"] = (
        f"snapshot field: a month's figure comes only from its own extract, not loaded for this month (the "
        f"latest is {extract.label}'s)"
    )
    return pd.concat([part for part in (kept, recorded, others) if not part.empty] or [result.iloc[:0]],
                     ignore_index=True)[RESULT_COLUMNS]


def _last_month(period: str) -> str:
    end = Period.parse(period).end
    return str(Period(end.year, end.month))


def _recorded(history: pd.DataFrame | None, ind: Indicator, wanted: pd.DataFrame) -> pd.DataFrame:
    """The indicator's figures for the `wanted` periods (each with the month it ends with) as the store
    recorded them from that month's own extract, under the period's own name."""
    if history is None or history.empty or wanted.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    rows = history[(history["indicator_id"] == ind.id) & history["basis"].isin(ind.bases)]
    rows = rows.assign(month=rows["period"].astype(str)).drop(columns="period").merge(wanted, on="month")
    return rows.assign(status="ok", message=None).reindex(columns=RESULT_COLUMNS)


def _with_caveats(result: pd.DataFrame, ind: Indicator, cautions: dict[str, list[str]]) -> pd.DataFrame:
    """Mark an indicator's figures `caveat` when the gate warned of one of its sources."""
    notes = [c for source in ind.sources for c in cautions.get(source, [])]
    if not notes:
        return result
    ok = result["status"] == "ok"
    result.loc[ok, "status"] = "caveat"
    result.loc[ok, "message"] = "data quality: " + "; ".join(dict.fromkeys(notes))
    return result


def periods_for_page(period: Period) -> list[Period]:
    """What a page needs: the trend (13 months, 9 quarters or 5 years), which holds the same period last year
    and the last of the previous financial year."""
    return period.trend()
