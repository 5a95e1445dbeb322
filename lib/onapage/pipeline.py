"""The month, as a numbered recipe. Each step is one call into its module.

    1. read and validate the inputs      (onapage.inputs, onapage.validation)
    2. load them into the store          (onapage.store)
    3. compute the indicators            (onapage.indicators)
    4. write the period's indicator table (outputs/<period>/indicators.csv)

Pages, the booklet and publishing follow as further steps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from onapage import store
from onapage.atomic import write_atomically
from onapage.config import Settings
from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.engine import compute, periods_for_page
from onapage.indicators.summary import period_summary
from onapage.indicators.targets import load_targets
from onapage.periods import Period
from onapage.results import results_path, save_results
from onapage.store import history, revisions
from onapage.store.history import extract_month

log = logging.getLogger(__name__)


class InputErrors(Exception):
    """The inputs failed validation; nothing was loaded or written."""

    def __init__(self, findings, where: str | None = None):
        self.findings = findings
        errors = sum(f.is_error for f in findings)
        if where:
            super().__init__(f"{errors} error(s) in the inputs of {where}: nothing was loaded from them; the "
                             "months before are in the store, and loading the archive again goes on from here")
        else:
            super().__init__(f"{errors} error(s) in the inputs: nothing was loaded, the store is unchanged")


def read_and_validate(
    input_dir: Path,
    period: Period | None,
    as_of: date | None = None,
    *,
    allow_partial: bool = False,
    coverage_working_days: int | None = None,
):
    """Step 1: every input read and put through the data-quality gate. Returns (inputs, findings).

    `allow_partial` lets a list that stops short of the period's end through, its figures marked
    partial; `coverage_working_days` is how far short it may stop (the settings' value).
    """
    from onapage.inputs import read_inputs
    from onapage.validation import validate
    from onapage.validation.gate import COVERAGE_WORKING_DAYS

    if not Path(input_dir).is_dir():
        raise FileNotFoundError(f"{input_dir}: input folder not found")
    inputs = read_inputs(Path(input_dir))
    findings = validate(
        inputs,
        period=period,
        as_of=as_of or date.today(),
        allow_partial=allow_partial,
        coverage_working_days=COVERAGE_WORKING_DAYS if coverage_working_days is None else coverage_working_days,
    )
    return inputs, findings


def load(settings: Settings, inputs, findings, period: Period | None = None) -> store.LoadReport:
    """Step 2: validated inputs into the store's history, all or nothing; `period` is the month they were
    checked for."""
    if any(f.is_error for f in findings):
        raise InputErrors(findings)
    meta = {"authority": settings.authority.name, "synthetic": settings.authority.synthetic}
    return store.load_inputs(settings.store, inputs, findings, meta=meta, period=period)


def compute_indicators(settings: Settings, periods: list[Period]) -> pd.DataFrame:
    """Step 3: the long table of every indicator for the periods, from the store.

    A measure read from a snapshot field is computed for the extract's own month (the month its lists run
    to), and recorded in the store then; its other months come from what earlier extracts recorded."""
    with store.connect(settings.store, read_only=True) as con:
        extract = extract_month(store.latest_event_date(con))
        extract_end = history.latest_end(con)
        long = compute(con, periods, settings.population_for, extract_period=extract,
                       history=store.snapshot_history(con))
        first_shown = revisions.first_shown(con)
    decimals = {i.id: i.decimals for i in load_catalogue().values()}
    long = revisions.mark_revisions(long, first_shown, extract_end, decimals)
    _record_figures(settings, long, extract, extract_end)
    return long


def _record_figures(settings: Settings, long: pd.DataFrame, extract: Period | None, extract_end) -> None:
    """Keep the extract's own month's snapshot-field figures in the store, and every headline figure up to the
    extract's end as first shown (a store another process holds open is left as it is, with a warning: the
    figures are recorded at the next run)."""
    if extract is None:
        return
    snapshot = [i.id for i in load_catalogue().values() if i.at_extract_only]
    rows = long[long["indicator_id"].isin(snapshot) & (long["period"] == str(extract))
                & long["status"].isin(["ok", "caveat"])]
    reached = {p for p in long["period"].unique() if extract_end is not None and Period.parse(p).end <= extract_end}
    shown = long[long["period"].isin(reached)]
    try:
        store.record_snapshots(settings.store, rows, shown, extract_end)
    except duckdb.IOException as exc:
        log.warning("figures for %s not recorded (the store is in use): %s", extract, exc)


@dataclass(frozen=True)
class HistoryMonth:
    """One month's extract of an archive, as `load_history` met it."""

    month: Period
    folder: Path
    report: store.LoadReport | None  # None: already in the store's history, skipped
    warnings: int = 0


def history_months(folder: Path) -> list[tuple[Period, Path]]:
    """The archive's extract folders (`<folder>/2026-05/`, ...), oldest first."""
    if not Path(folder).is_dir():
        raise FileNotFoundError(f"{folder}: archive folder not found")
    months = []
    for sub in sorted(p for p in Path(folder).iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            period = Period.parse(sub.name)
        except ValueError:
            raise FileNotFoundError(
                f"{sub}: an archive holds one folder per month, named as the month (2026-05)") from None
        if period.kind != "month":
            raise FileNotFoundError(f"{sub}: an archive's folders are months (2026-05), not quarters or years")
        months.append((period, sub))
    if not months:
        raise FileNotFoundError(f"{folder}: no extract folders in it (one per month, named 2026-05, 2026-06, ...)")
    return sorted(months)


def _history_reaches(settings: Settings, month: Period) -> bool:
    """Whether the store's history already holds `month`'s extract (a store not yet made holds none)."""
    if not Path(settings.store).exists():
        return False
    with store.connect(settings.store, read_only=True) as con:
        reached = history.latest_end(con)
    return reached is not None and reached >= month.end


def load_history(settings: Settings, folder: Path, *, allow_partial: bool = False,
                 on_month: Callable[[Period, str], None] | None = None) -> list[HistoryMonth]:
    """Load an archive of monthly extracts in order, each through the gate and merged into the history, and
    the figures each month's booklet would have shown recorded (its snapshot fields, and every headline
    figure as first shown). A month the history already reaches is skipped, so a stopped load resumes.
    A month with errors stops the load there: the months before it stay loaded."""
    out = []
    for month, sub in history_months(folder):
        if _history_reaches(settings, month):
            out.append(HistoryMonth(month, sub, None))
            continue
        if on_month:
            on_month(month, "checking")
        inputs, findings = read_and_validate(sub, month, allow_partial=allow_partial,
                                             coverage_working_days=settings.coverage_working_days)
        if not inputs.frames:
            raise FileNotFoundError(f"{sub}: no Annex A lists or extracts in it ({month.label}'s extract)")
        if any(f.is_error for f in findings):
            raise InputErrors(findings, where=f"{sub} ({month.label})")
        if on_month:
            on_month(month, "loading")
        report = load(settings, inputs, findings, month)
        compute_indicators(settings, [month])
        out.append(HistoryMonth(month, sub, report, sum(not f.is_error for f in findings)))
    return out


def benchmark_lookup(settings: Settings):
    """Published figures for the authority, England, its region (the settings' `region`, else its own) and its
    statistical neighbours."""
    from onapage.benchmarks import benchmarks_for

    def lookup(measure_id: str) -> dict | None:
        try:
            return benchmarks_for(settings.authority.la_code, measure_id, region=settings.authority.region).summary()
        except (KeyError, LookupError) as exc:
            log.warning("no benchmark for %s: %s", measure_id, exc)
            return None

    return lookup


def indicator_table(settings: Settings, period: Period, long: pd.DataFrame | None = None) -> pd.DataFrame:
    """The period's summary: one row per indicator with judgements and benchmarks."""
    long = long if long is not None else compute_indicators(settings, periods_for_page(period))
    targets = load_targets(settings.targets_file)
    return period_summary(long, period, targets, benchmark_lookup(settings), list(load_catalogue().values()))


def compute_periods(
    settings: Settings, periods: list[Period], *, save: bool
) -> dict[Period, tuple[pd.DataFrame, pd.DataFrame]]:
    """Step 3: every month's long table (its 13-month trend) and summary, computed in one pass.

    A backfill computes the union of the months' trends once rather than month by month.
    When `save` is set, each month's results are written for its pages.
    """
    needed = sorted({q for p in periods for q in periods_for_page(p)})
    everything = compute_indicators(settings, needed)
    out = {}
    for period in periods:
        months = {str(q) for q in periods_for_page(period)}
        long = everything[everything["period"].isin(months)].reset_index(drop=True)
        table = indicator_table(settings, period, long)
        if save:
            save_results(long, table, results_path(settings, period))
        out[period] = (long, table)
    return out


def compute_period(settings: Settings, period: Period, *, save: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Step 3 for one month."""
    return compute_periods(settings, [period], save=save)[period]


def export_indicators(table: pd.DataFrame, path: Path, fmt: str, *, synthetic: bool) -> Path:
    """Step 4: write the summary as CSV or Excel, atomically."""
    table = table.copy()
    if synthetic:
        table.insert(0, "data", "SYNTHETIC DEMO DATA")
    if fmt == "csv":
        return write_atomically(path, lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig"))
    if fmt == "xlsx":
        return write_atomically(
            path, lambda tmp: table.to_excel(tmp, index=False, sheet_name="Indicators", engine="openpyxl")
        )
    raise ValueError(f"unknown format {fmt!r}: expected csv or xlsx")
