"""Figures as first shown, so that a later extract's change to one is marked, never silent.

A month's figures can change after its booklet went out: an event recorded late, a plan's end date
corrected. The store keeps each headline figure as it was first computed (with the end of the extract it
came from); a later computation from a later extract that rounds to another figure is a revision: the
page shows it marked "revised from 331", and the scorecard lists every revision with both values.
Aggregates only: no record-level data.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

FIRST_SHOWN_TABLE = "_figures_first_shown"

FIRST_SHOWN_DDL = f"""
create table if not exists {FIRST_SHOWN_TABLE} (
    indicator_id varchar, period varchar, basis varchar, value double, numerator double,
    denominator double, extract_end date, recorded_at timestamp);
"""

_KEY = ["indicator_id", "period", "basis"]
SHOWN = ("ok", "caveat")


def _headline(long: pd.DataFrame) -> pd.DataFrame:
    """The figures a reader sees as one number: no breakdown category, a value, a status that shows it."""
    rows = long[long["category"].isna() & long["value"].notna() & long["status"].isin(SHOWN)]
    return rows[[*_KEY, "value", "numerator", "denominator"]]


def first_shown(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    try:
        return con.execute(f"select * exclude (recorded_at) from {FIRST_SHOWN_TABLE}").df()
    except duckdb.CatalogException:  # a store from before revisions were kept
        return pd.DataFrame(columns=[*_KEY, "value", "numerator", "denominator", "extract_end"])


def record_first_shown(con: duckdb.DuckDBPyConnection, long: pd.DataFrame, extract_end: date) -> int:
    """Keep each headline figure not recorded before, as computed from the extract ending `extract_end`.
    Returns how many were new."""
    rows = _headline(long).drop_duplicates(_KEY)
    if rows.empty:
        return 0
    frame = rows.astype(object).where(rows.notna(), None).assign(extract_end=extract_end)
    con.register("computed", frame)
    try:
        new = con.execute(
            f"insert into {FIRST_SHOWN_TABLE} select c.indicator_id, c.period, c.basis, c.value, c.numerator, "
            f"c.denominator, c.extract_end, now() from computed c anti join {FIRST_SHOWN_TABLE} f "
            "using (indicator_id, period, basis)").fetchall()
    finally:
        con.unregister("computed")
    return int(new[0][0]) if new else 0


def mark_revisions(long: pd.DataFrame, shown: pd.DataFrame, extract_end: date | None,
                   decimals: dict[str, int]) -> pd.DataFrame:
    """`long` with each figure that differs, at the precision it is shown, from the figure first shown from
    an earlier extract marked as revised: status `caveat`, message "revised from ...". The earlier figure is
    in the `revised_from` column (NA elsewhere)."""
    out = long.copy()
    out["revised_from"] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    if shown.empty or extract_end is None:
        return out
    earlier = shown[pd.to_datetime(shown["extract_end"]).dt.date < extract_end]
    if earlier.empty:
        return out
    joined = out.reset_index().merge(earlier[[*_KEY, "value", "extract_end"]].rename(
        columns={"value": "first_value"}), on=_KEY, how="inner")
    joined = joined[joined["category"].isna() & joined["status"].isin(SHOWN) & joined["value"].notna()]
    places = joined["indicator_id"].map(decimals).fillna(1).astype(int)
    now = [round(float(v), p) for v, p in zip(joined["value"], places, strict=True)]
    then = [round(float(v), p) for v, p in zip(joined["first_value"], places, strict=True)]
    changed = joined[[a != b for a, b in zip(now, then, strict=True)]]
    for row in changed.itertuples():
        note = f"revised from {_number(row.first_value, decimals.get(row.indicator_id, 1))} (first shown from the " \
               f"extract to {pd.Timestamp(row.extract_end):%d/%m/%Y})"
        message = out.at[row.index, "message"]
        out.at[row.index, "message"] = f"{message}; {note}" if out.at[row.index, "status"] == "caveat" else note
        out.at[row.index, "status"] = "caveat"
        out.at[row.index, "revised_from"] = row.first_value
    return out


def _number(value: float, places: int) -> str:
    return f"{value:,.{places}f}" if value != int(value) or places == 0 else f"{int(value):,}"


def revisions(long: pd.DataFrame) -> pd.DataFrame:
    """The revised figures in `long`: indicator, period, basis, the figure first shown and the figure now."""
    if "revised_from" not in long:
        return pd.DataFrame(columns=[*_KEY, "revised_from", "value"])
    rows = long[long["revised_from"].notna()]
    return rows[[*_KEY, "revised_from", "value"]].reset_index(drop=True)
