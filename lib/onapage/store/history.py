"""The store's history: each month's extract merged into what earlier extracts left, list by list.

Annex A's event lists (1 to 5) cover only the last six or twelve months, and its episode lists (6 to 11)
the episodes open at the extract's end or closed within that window. So no single extract holds an
authority's history; the store builds it up:

- an extract's **window** runs from the first day its event lists cover to the day it ends;
- within the window its rows replace what was there, and rows the window cannot hold (events before it,
  episodes closed before it) are kept from earlier extracts;
- each extract's window is recorded (`_extracts`), so a figure is computed only where the windows cover
  every month it needs (`coverage`).

A supplementary extract is merged the same way over its own span; one that is a picture or a termly
return (`coverage: snapshot` or `periodic`, with no episode dates) is replaced whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from onapage.contract import Dataset, load_contract
from onapage.periods import Period
from onapage.workspace import command

EXTRACTS_TABLE = "_extracts"

EXTRACTS_DDL = f"""
create table if not exists {EXTRACTS_TABLE} (
    dataset varchar, window_start date, window_end date, rows integer, source_file varchar,
    sha256 varchar, absent_columns varchar, loaded_at timestamp);
"""

# An extract is taken within the first days of the next month: a latest date on or before this day of a
# month belongs to an extract of the month before.
EXTRACT_DAYS_INTO_NEXT_MONTH = 10
# A window's first month counts as covered when its earliest event falls within this many days of the
# month's start (a weekend and a bank holiday can leave the first days without records); otherwise the
# window starts with the next month.
FIRST_DAYS_OF_A_MONTH = 7
# A supplementary extract whose latest record is this long before the extract's end has stopped: its span
# ends with that record's month, not with the extract (a sparse one may be quiet for 5 of its usual gaps).
STOPPED_AFTER_DAYS, USUAL_GAPS = 45, 5
OPEN = date(9999, 12, 31)


@dataclass(frozen=True)
class Window:
    """The span of days an extract (or one of its datasets) covers, both ends included."""

    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"


def extract_month(latest: date | None) -> Period | None:
    """The month an extract describes, from the latest date in its lists: an extract taken in the first
    days of a month (holding those days' events) describes the month before."""
    if latest is None:
        return None
    month = Period(latest.year, latest.month)
    return month.shift(-1) if latest.day <= EXTRACT_DAYS_INTO_NEXT_MONTH else month


def month_from(earliest: date) -> date:
    """The first whole month a span starting on `earliest` covers."""
    first = earliest.replace(day=1)
    if earliest.day <= FIRST_DAYS_OF_A_MONTH:
        return first
    return (first + timedelta(days=32)).replace(day=1)


def _dates(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series([], dtype="datetime64[us]")
    return pd.to_datetime(frame[column], errors="coerce").dropna()


def _event_lists(contract) -> list[Dataset]:
    """Annex A lists of events (1 to 5): their dates say which days an extract covers."""
    return [d for d in contract.annex_a if d.coverage == "flow" and not d.ended_by]


def extract_window(frames: dict[str, pd.DataFrame], period: Period | None = None) -> Window | None:
    """The window of an Annex A extract, from its lists: from the first month its busiest event list covers
    (another may carry older records still open, such as an early help assessment) to the end of the month
    it describes (or its latest record, if later). `period`, the month the extract was checked for (the
    gate has held its lists to reaching that month's end), extends the window to the period's end: lists of
    plans alone do not say when they were taken. None when it has no dated records."""
    contract = load_contract()
    flows = [d for d in contract.annex_a if d.coverage == "flow" and d.key in frames]
    latest = [s.max() for d in flows if len(s := _dates(frames[d.key], d.dated_by))]
    if not latest:
        return None
    last = max(latest).date()
    month = extract_month(last)
    dated = [s for d in (_event_lists(contract) or flows) if d.key in frames
             if len(s := _dates(frames[d.key], d.dated_by))]
    start = month_from(max(dated, key=len).min().date()) if dated else month.start
    end = max(last, month.end, period.end if period is not None else last)
    return Window(min(start, month.start), end)


def dataset_window(dataset: Dataset, frame: pd.DataFrame, extract: Window | None) -> Window | None:
    """The span one dataset of an extract covers: an Annex A list, the extract's window; a supplementary
    extract of events, its own first month to the extract's end (or, if it stopped well before, to the end
    of its last record's month). None for a picture or a termly return, and for a dataset with no rows."""
    if not len(frame):
        return None
    if dataset.kind == "annex_a":
        return extract
    if dataset.coverage != "flow":
        return None
    dates = _dates(frame, dataset.dated_by)
    if dates.empty:
        return None
    first, last = dates.min().date(), dates.max().date()
    end = Period(last.year, last.month).end
    if extract is not None and not _stopped(first, last, len(dates), extract.end):
        end = max(end, extract.end)
    return Window(month_from(first), end)


def _stopped(first: date, last: date, rows: int, extract_end: date) -> bool:
    usual_gap = (last - first).days / max(rows - 1, 1)
    return (extract_end - last).days > max(STOPPED_AFTER_DAYS, USUAL_GAPS * usual_gap)


class OutOfOrder(ValueError):
    """An extract older than the history already holds: merging it would replace newer rows with older."""


def check_order(con: duckdb.DuckDBPyConnection, window: Window | None) -> None:
    """Refuse an Annex A extract that ends before the latest one loaded."""
    if window is None:
        return
    latest = latest_end(con)
    if latest is not None and latest > window.end:
        raise OutOfOrder(
            f"this extract covers {window}, but the store already holds extracts up to {latest:%d/%m/%Y}: "
            "an older extract would overwrite newer records. Load an archive oldest first into a new store "
            f"(`{command('load --history DIR')}`), or load this month's latest extract")


# --------------------------------------------------------------------------- merging


def _end_expression(dataset: Dataset) -> str | None:
    """SQL for the day a row leaves the window's reach (an event's own day, an episode's close; NULL while
    open), or None when every row is replaced by each extract."""
    if dataset.ended_by:
        return f"cast(coalesce({', '.join(dataset.ended_by)}) as date)"
    if dataset.coverage == "flow":
        return f"cast({dataset.dated_by} as date)"
    return None


def _history_key(dataset: Dataset) -> tuple[str, ...]:
    """What names one record across extracts: an extract's record from before its window (an assessment
    still open, an episode whose close date was corrected) replaces the history's, not sits beside it."""
    if dataset.unique:
        return dataset.unique[0]
    if "child_id" in dataset.columns:
        return ("child_id", dataset.dated_by)
    return ()


def merge(con: duckdb.DuckDBPyConnection, dataset: Dataset, frame: pd.DataFrame, window: Window | None) -> int:
    """Merge an extract's rows for one dataset into the store: rows that reach into the window (or later),
    and rows the extract holds again, are replaced by the extract's; rows that ended before it are kept.
    Returns how many rows were kept from before."""
    columns = dataset.column_list()
    casts = ", ".join(f"cast(frame.{c.name} as {c.duckdb_type}) as {c.name}" for c in columns)
    names = ", ".join(c.name for c in columns)
    end = _end_expression(dataset)
    con.register("frame", frame[[c.name for c in columns]])
    try:
        con.execute(f"create or replace temp table incoming as select {casts} from frame")
        if end is None or window is None:
            con.execute(f"delete from {dataset.table}")
        else:
            same = _same_record(dataset)
            con.execute(f"delete from {dataset.table} t where coalesce({end}, date '{OPEN}') >= ?{same}",
                        [window.start])
        con.execute(f"insert into {dataset.table} ({names}) select {names} from incoming")
        kept = con.execute(f"select count(*) from {dataset.table}").fetchall()[0][0] - len(frame)
        con.execute("drop table incoming")
    finally:
        con.unregister("frame")
    return kept


def _same_record(dataset: Dataset) -> str:
    key = _history_key(dataset)
    if not key:
        return ""
    match = " and ".join(f"i.{k} is not distinct from t.{k}" for k in key)
    return f" or exists (select 1 from incoming i where {match})"


def record(con: duckdb.DuckDBPyConnection, dataset: Dataset, window: Window | None, rows: int, source,
           absent: list[str]) -> None:
    """Note one dataset's part of an extract: its window, rows and the contract columns its file lacked."""
    con.execute(
        f"insert into {EXTRACTS_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?)",
        [dataset.key, window.start if window else None, window.end if window else None, rows,
         Path(source.path).name, source.sha256, ",".join(absent), datetime.now()],
    )


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Coverage:
    """What the history holds of one dataset: the spans its extracts' windows cover (merged), whether any
    extract held rows, and the contract columns the latest extract's file lacked."""

    spans: tuple[Window, ...]
    loaded: bool  # some extract of it was recorded
    absent_columns: frozenset[str] = frozenset()

    def holding(self, day: date) -> Window | None:
        return next((s for s in self.spans if s.start <= day <= s.end), None)


def coverage(con: duckdb.DuckDBPyConnection) -> dict[str, Coverage]:
    """Each recorded dataset's coverage. A store written before windows were recorded has none: its
    figures are not checked against it."""
    try:
        rows = con.execute(
            f"select dataset, window_start, window_end, rows, absent_columns from {EXTRACTS_TABLE} "
            "order by dataset, loaded_at").fetchall()
    except duckdb.CatalogException:
        return {}
    by_dataset: dict[str, list] = {}
    for row in rows:
        by_dataset.setdefault(row[0], []).append(row[1:])
    # a picture or a termly return has no window: it is not checked
    return {key: _coverage_of(entries) for key, entries in by_dataset.items()
            if any(start is not None for start, *_ in entries)}


def _coverage_of(entries: list) -> Coverage:
    windows = sorted((start, end) for start, end, rows, _ in entries if start is not None and rows)
    spans: list[list[date]] = []
    for start, end in windows:
        if spans and start <= spans[-1][1] + timedelta(days=1):
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    absent = entries[-1][3] or ""
    return Coverage(tuple(Window(s, e) for s, e in spans), True,
                    frozenset(c for c in absent.split(",") if c))


def latest_end(con: duckdb.DuckDBPyConnection) -> date | None:
    """The end of the latest Annex A extract's window (None before any is recorded)."""
    annex_a = [d.key for d in load_contract().annex_a]
    try:
        return con.execute(f"select max(window_end) from {EXTRACTS_TABLE} where rows > 0 and dataset in "
                           f"({', '.join('?' * len(annex_a))})", annex_a).fetchall()[0][0]
    except duckdb.CatalogException:
        return None


def extracts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every extract loaded, dataset by dataset, oldest first (for `onapage history` and the appendix)."""
    return con.execute(f"select * from {EXTRACTS_TABLE} order by loaded_at, dataset").df()
