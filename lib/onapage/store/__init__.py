"""The embedded DuckDB store: one typed, documented table per list or extract.

Loading is all-or-nothing (one transaction) and idempotent: a dataset whose source file has
the same content hash as at its last load is skipped. Queries only ever see the contract's
snake_case column names.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from onapage.calendar import bank_holidays
from onapage.contract import Dataset, load_contract
from onapage.store import history, revisions
from onapage.workspace import command

log = logging.getLogger(__name__)

LOADS_TABLE = "_loads"
FINDINGS_TABLE = "_findings"
META_TABLE = "_meta"
# Figures of measures read from snapshot fields (the lists keep only each field's latest value), as computed
# for each extract's own month when it was loaded: kept, so that their trends build up month by month.
# Aggregates only: no record-level data.
SNAPSHOT_HISTORY_TABLE = "_snapshot_history"

_BOOKKEEPING = f"""
create table if not exists {LOADS_TABLE} (
    dataset varchar primary key, source_file varchar, sheet varchar, sha256 varchar,
    rows integer, loaded_at timestamp);
create table if not exists {FINDINGS_TABLE} (
    severity varchar, dataset varchar, file varchar, sheet varchar, "row" integer,
    "column" varchar, value varchar, expected varchar, message varchar);
alter table {FINDINGS_TABLE} add column if not exists rule varchar;
alter table {FINDINGS_TABLE} add column if not exists "rows" integer;
alter table {FINDINGS_TABLE} add column if not exists caveat varchar;
create table if not exists {META_TABLE} (key varchar primary key, value varchar);
create table if not exists {SNAPSHOT_HISTORY_TABLE} (
    indicator_id varchar, period varchar, basis varchar, breakdown varchar, category varchar,
    value double, numerator double, denominator double, recorded_at timestamp);
""" + history.EXTRACTS_DDL + revisions.FIRST_SHOWN_DDL


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(dataset: Dataset) -> str:
    """DDL for a dataset's table, with the contract's headings as column comments."""
    columns = ",\n    ".join(f"{c.name} {c.duckdb_type}" for c in dataset.column_list())
    return f"create table if not exists {dataset.table} (\n    {columns}\n);"


def _comment_sql(dataset: Dataset) -> list[str]:
    source = f"Annex A {dataset.sheet}" if dataset.kind == "annex_a" else f"extract {dataset.key}.csv"
    statements = [f"comment on table {dataset.table} is {_quote(f'{dataset.title} ({source})')}"]
    for col in dataset.column_list():
        note = col.heading + (" [personal data]" if col.personal else "")
        statements.append(f"comment on column {dataset.table}.{col.name} is {_quote(note)}")
    return statements


CALENDAR_YEARS = range(2000, 2041)

# Date helpers every query may use (an analyst pasting a query into the DuckDB CLI has them too).
WINDOWS_TABLE = "windows"
# The windows a query groups by (one row per period and basis). The engine registers its own in front of
# this table for each computation; the table itself holds the default month's, so that a query pasted
# into the DuckDB CLI runs as it is.
_WINDOWS = f"""
create table if not exists {WINDOWS_TABLE} (
    period varchar, basis varchar, window_start date, window_end date, fy_start date, population integer);
"""


def _empty_windows() -> pd.DataFrame:
    dates = pd.Series([], dtype="datetime64[us]")
    text = pd.Series([], dtype=object)
    return pd.DataFrame({"period": text, "basis": text, "window_start": dates, "window_end": dates,
                         "fy_start": dates, "population": pd.Series([], dtype="int64")})


def shared_sql() -> str:
    """The rules several queries share, defined once as DuckDB macros and views (`shared/*.sql`, in
    file-name order: scalar macros, then relations built on the tables)."""
    folder = resources.files(__package__).joinpath("shared")
    scripts = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return "\n".join(f.read_text(encoding="utf-8") for f in scripts)


@cache
def _calendar_frame() -> pd.DataFrame:
    days = pd.date_range(f"{CALENDAR_YEARS.start}-01-01", f"{CALENDAR_YEARS.stop - 1}-12-31", freq="D")
    holidays = pd.to_datetime(bank_holidays(CALENDAR_YEARS))
    working = (days.day_of_week < 5) & ~days.isin(holidays)
    return pd.DataFrame({"day": days, "is_working_day": working, "working_day_number": working.cumsum()})


def _ensure_calendar(con: duckdb.DuckDBPyConnection) -> None:
    """A day-by-day table numbering working days (weekends and England & Wales bank holidays excluded).

    working_days(a, b) = number(b) - number(a) counts the working days in (a, b].
    """
    con.execute(
        "create table if not exists calendar_days (day date primary key, is_working_day boolean, "
        "working_day_number integer)"
    )
    if con.execute("select count(*) from calendar_days").fetchall()[0][0]:
        return
    con.register("calendar_frame", _calendar_frame())
    con.execute("insert into calendar_days select * from calendar_frame")
    con.unregister("calendar_frame")


@cache
def _schema_script(documented: bool) -> str:
    statements = []
    for dataset in load_contract().datasets.values():
        statements += [create_table_sql(dataset).rstrip(";"), *_added_columns_sql(dataset),
                       *(_comment_sql(dataset) if documented else [])]
    return ";\n".join(statements) + ";"


def _added_columns_sql(dataset: Dataset) -> list[str]:
    """A store made before the contract gained an optional column gets it (blank until the file is loaded)."""
    return [f"alter table {dataset.table} add column if not exists {c.name} {c.duckdb_type}"
            for c in dataset.column_list() if not c.required]


def ensure_schema(con: duckdb.DuckDBPyConnection, *, documented: bool = True) -> None:
    """Create every table the contract defines (empty if never loaded), so queries always plan.

    `documented` adds the contract's headings as table and column comments (skipped for
    throwaway in-memory stores, where they only cost time).
    """
    con.execute(_BOOKKEEPING)
    con.execute(_WINDOWS)
    _ensure_calendar(con)
    con.execute(_schema_script(documented))
    con.execute(shared_sql())


def _as_temporary(script: str) -> str:
    return script.replace("create or replace macro", "create or replace temp macro").replace(
        "create or replace view", "create or replace temp view")


def caveats(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The data-quality gate's caveats on the loaded inputs, by dataset: warnings that touch figures."""
    columns = {r[0] for r in con.execute(f"describe {FINDINGS_TABLE}").fetchall()}
    if "caveat" not in columns:  # a store written before the gate kept caveats
        return {}
    out: dict[str, list[str]] = {}
    for dataset, caveat in con.execute(
        f"select dataset, caveat from {FINDINGS_TABLE} where coalesce(caveat, '') <> '' order by dataset"
    ).fetchall():
        out.setdefault(dataset, []).append(caveat)
    return out


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The store at `path`. A writable connection creates what is missing and (re)defines the macros and views
    in the file, for analysts' own queries too; a read-only one defines this version's as temporary, so a
    store written by an earlier version still answers every query."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no store here yet; run `{command('load')}` first")
        con = duckdb.connect(str(path), read_only=True)
        has_windows = con.execute(
            "select count(*) from information_schema.tables where table_name = ?", [WINDOWS_TABLE]
        ).fetchall()[0][0]
        if not has_windows:  # a store from before the shared relations: give them something to bind to
            con.register(WINDOWS_TABLE, _empty_windows())
        con.execute(_as_temporary(shared_sql()))
        if not has_windows:
            con.unregister(WINDOWS_TABLE)
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    ensure_schema(con)
    return con


def in_memory(*, documented: bool = False) -> duckdb.DuckDBPyConnection:
    """An empty store in memory, with the full schema (for tests and query planning)."""
    con = duckdb.connect(":memory:")
    ensure_schema(con, documented=documented)
    return con


@dataclass
class LoadReport:
    loaded: dict[str, int] = field(default_factory=dict)  # dataset -> rows
    skipped: list[str] = field(default_factory=list)  # unchanged since the last load
    seconds: float = 0.0
    window: history.Window | None = None  # the Annex A extract's window
    kept: dict[str, int] = field(default_factory=dict)  # dataset -> rows kept from earlier extracts
    empty: list[str] = field(default_factory=list)  # supplied with headings only: earlier rows kept

    def __str__(self) -> str:
        rows = sum(self.loaded.values())
        text = (
            f"loaded {len(self.loaded)} datasets ({rows:,} rows), "
            f"skipped {len(self.skipped)} unchanged, in {self.seconds:.1f} s"
        )
        if self.window:
            text += f"; the extract covers {self.window}"
        if kept := sum(self.kept.values()):
            text += f", {kept:,} earlier rows kept in the history"
        return text


def previous_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute(f"select dataset, sha256 from {LOADS_TABLE}").fetchall())


def _forget(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
    """A dataset no longer supplied must not live on with stale rows."""
    con.execute(f"delete from {dataset.table}")
    con.execute(f"delete from {LOADS_TABLE} where dataset = ?", [dataset.key])
    con.execute(f"delete from {history.EXTRACTS_TABLE} where dataset = ?", [dataset.key])
    log.info("%s is no longer supplied: emptied %s", dataset.key, dataset.table)


def _record_findings(con: duckdb.DuckDBPyConnection, findings) -> None:
    con.execute(f"delete from {FINDINGS_TABLE}")
    if findings:
        rows = pd.DataFrame([f.as_row() for f in findings])
        cols = ["severity", "dataset", "file", "sheet", "row", "column", "value", "expected", "message", "rule",
                "rows", "caveat"]
        con.register("findings_frame", rows[cols])
        quoted = ", ".join(f'"{c}"' for c in cols)
        con.execute(f"insert into {FINDINGS_TABLE} ({quoted}) select {quoted} from findings_frame")
        con.unregister("findings_frame")


@contextmanager
def _transaction(path: Path | str):
    """A writable connection to the store inside one transaction: committed when the block ends, rolled back
    (the store exactly as it was) if anything in it fails."""
    con = connect(path)
    try:
        con.execute("begin transaction")
        yield con
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.close()


def load_inputs(path: Path | str, inputs, findings=(), *, meta: dict[str, str] | None = None,
                period=None) -> LoadReport:
    """Merge an InputSet's frames into the store's history in one transaction; unchanged sources are skipped.

    Within the extract's window its rows replace what was there; rows before it are kept (`history`). `period`
    is the month the inputs were checked for: the extract reaches at least its end.
    Call only with inputs that passed validation. If anything fails, the transaction rolls back
    and the store is exactly as it was before.
    """
    started = datetime.now()
    contract = load_contract()
    report = LoadReport(window=history.extract_window(inputs.frames, period))
    with _transaction(path) as con:
        known = previous_hashes(con)
        history.check_order(con, report.window)
        for key, frame in inputs.frames.items():
            source = inputs.sources[key]
            if known.get(key) == source.sha256:
                report.skipped.append(key)
                continue
            _load_dataset(con, contract.dataset(key), frame, source, report)
        for key in set(known) - set(inputs.frames):
            _forget(con, contract.dataset(key))
        _record_findings(con, list(findings))
        for k, v in (meta or {}).items():
            con.execute(f"insert or replace into {META_TABLE} values (?, ?)", [k, str(v)])
    report.seconds = (datetime.now() - started).total_seconds()
    return report


def _load_dataset(con, dataset: Dataset, frame: pd.DataFrame, source, report: LoadReport) -> None:
    """One dataset of an extract into the history. One with headings only adds nothing: its earlier rows
    are kept, and its window is recorded as holding no rows, so figures needing it say so."""
    window = history.dataset_window(dataset, frame, report.window)
    headings = getattr(source, "headings", None)
    absent = [c.name for c in dataset.column_list() if headings and c.name not in headings]
    if len(frame):
        report.kept[dataset.key] = history.merge(con, dataset, frame, window)
    else:
        report.empty.append(dataset.key)
    if not len(frame) and dataset.kind == "annex_a":
        window = report.window  # the extract's window, held with no rows: figures needing it say so
    history.record(con, dataset, window, len(frame), source, absent)
    con.execute(
        f"insert or replace into {LOADS_TABLE} values (?, ?, ?, ?, ?, now())",
        [dataset.key, Path(source.path).name, source.sheet, source.sha256, len(frame)],
    )
    report.loaded[dataset.key] = len(frame)
    log.info("loaded %s: %s rows (%s kept from earlier extracts)", dataset.table, f"{len(frame):,}",
             f"{report.kept.get(dataset.key, 0):,}")


def table_counts(path: Path | str) -> dict[str, int]:
    """Rows per contract table, for summaries."""
    with connect(path, read_only=True) as con:
        return {
            d.table: con.execute(f"select count(*) from {d.table}").fetchall()[0][0]
            for d in load_contract().datasets.values()
        }


# --------------------------------------------------------------------------- snapshot history


def snapshot_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every snapshot-field figure recorded so far (an older store without the table has none)."""
    try:
        return con.execute(f"select * exclude (recorded_at) from {SNAPSHOT_HISTORY_TABLE}").df()
    except duckdb.CatalogException:
        return pd.DataFrame(columns=["indicator_id", "period", "basis", "breakdown", "category", "value",
                                     "numerator", "denominator"])


def record_snapshots(path: Path | str, rows: pd.DataFrame, shown: pd.DataFrame | None = None,
                     extract_end=None) -> int:
    """Keep `rows` (engine results) as their periods' snapshot figures, replacing any recorded before for the
    same indicator and period; and, in the same transaction, the headline figures of `shown` not recorded
    before as first shown from the extract ending `extract_end` (`revisions`). Returns how many snapshot
    rows were kept."""
    columns = ["indicator_id", "period", "basis", "breakdown", "category", "value", "numerator", "denominator"]
    frame = rows[columns].astype(object).where(rows[columns].notna(), None)
    with _transaction(path) as con:
        if len(frame):
            con.register("recorded", frame)
            con.execute(f"delete from {SNAPSHOT_HISTORY_TABLE} h using (select distinct indicator_id, period "
                        "from recorded) r where h.indicator_id = r.indicator_id and h.period = r.period")
            con.execute(f"insert into {SNAPSHOT_HISTORY_TABLE} select *, now() from recorded")
            con.unregister("recorded")
        if shown is not None and extract_end is not None:
            revisions.record_first_shown(con, shown, extract_end)
    return len(frame)


def latest_event_date(con: duckdb.DuckDBPyConnection):
    """The latest date any loaded Annex A list is dated by: how far the extract runs (None if none loaded)."""
    contract = load_contract()
    latest = None
    for dataset in contract.datasets.values():
        if dataset.kind != "annex_a" or dataset.coverage != "flow" or not dataset.dated_by:
            continue
        try:
            found = con.execute(f"select max(cast({dataset.dated_by} as date)) from {dataset.table}").fetchone()[0]
        except duckdb.Error:
            continue
        if found is not None and (latest is None or found > latest):
            latest = found
    return latest
