"""Whether the store's history reaches every day a figure needs, and if not, why not.

A figure is computed only where the windows of the extracts loaded cover its whole span (and, for a
measure that looks back, such as a second plan within two years of the last, the months before it): a
year to date from a six-month extract would otherwise be a part-year figure marked ok. The reason names
the dataset, what it holds and what the figure needs: "List 1 (Contacts) is loaded from May 2026; the
12 months to October 2026 need November 2025".
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from onapage.contract import load_contract
from onapage.indicators.catalogue import Indicator
from onapage.store.history import Coverage, Window


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day where it has no such day)."""
    return (pd.Timestamp(day) - pd.DateOffset(months=months)).date() if months else day


def _day(d: date) -> str:
    return f"{d:%B %Y}" if d.day == 1 else f"{d.day} {d:%B %Y}"


def _span_text(basis: str, start: date, end: date) -> str:
    """What the figure covers, in words."""
    if basis == "snapshot":
        return f"the figure at {end.day} {end:%B %Y}"
    if basis == "rolling12":
        return f"the 12 months to {end:%B %Y}"
    if basis == "ytd":
        return f"the year to date from {start:%B %Y} to {end:%B %Y}"
    return f"{start:%B %Y}" if (start.year, start.month) == (end.year, end.month) else \
        f"{start:%B %Y} to {end:%B %Y}"


def _gap(label: str, cov: Coverage, span: Window, basis: str, lookback: int, window_start: date) -> str | None:
    """Why `cov` does not reach over `span`, or None when it does."""
    if not cov.spans:
        return f"{label} was loaded with no rows"
    holding = cov.holding(span.end)
    if holding is not None and holding.start <= span.start:
        return None
    what = _span_text(basis, window_start, span.end)
    if lookback:
        what += f" (with the {lookback} months before it, to look back)"
    needs = "need" if basis == "rolling12" and not lookback else "needs"
    first, last = cov.spans[0].start, cov.spans[-1].end
    if span.end > last:
        return f"{label} is loaded up to {last.day} {last:%B %Y}; {what} {needs} it to {span.end.day} {span.end:%B %Y}"
    if basis == "snapshot" and span.end < first:
        return f"{label} is loaded from {_day(first)}, after {span.end.day} {span.end:%B %Y}"
    start = holding.start if holding else first
    if span.start < first or holding is not None:
        return f"{label} is loaded from {_day(start)}; {what} {needs} {_day(span.start)}"
    return f"{label} has a gap in its history: {what} {needs} {_day(span.start)} to {_day(span.end)}"


def uncovered(ind: Indicator, windows: pd.DataFrame, coverage: dict[str, Coverage]) -> dict[tuple[str, str], str]:
    """(period, basis) -> why the history does not cover the figure, for each window it does not."""
    checked = [(load_contract().dataset(s), coverage[s]) for s in ind.sources if s in coverage]
    if not checked:
        return {}
    out = {}
    for row in windows.itertuples(index=False):
        span = Window(months_before(row.window_start, ind.lookback_months), row.window_end)
        for dataset, cov in checked:
            if reason := _gap(dataset.label, cov, span, row.basis, ind.lookback_months, row.window_start):
                out[(row.period, row.basis)] = reason
                break
    return out


def absent_columns(ind: Indicator, coverage: dict[str, Coverage]) -> str | None:
    """Why the figure cannot be computed at all when a column its query reads was not in the file loaded
    (an older edition of the Annex A template, an optional column left out), or None."""
    for source in ind.sources:
        cov = coverage.get(source)
        if cov is None or not cov.absent_columns:
            continue
        sql, dataset = ind.sql(), load_contract().dataset(source)  # the query read only when a column is absent
        # only a column an edition of the template added: another optional column left out reads as blank
        used = [c for c in sorted(cov.absent_columns) if c in dataset.columns and dataset.columns[c].since
                and re.search(rf"\b{re.escape(c)}\b", sql)]
        if used:
            named = ", ".join(repr(dataset.columns[c].heading) for c in used)
            since = dataset.columns[used[0]].since
            return (f"{dataset.label} was loaded without {named}: a column of the Annex A template "
                    f"since its {since} edition")
    return None
