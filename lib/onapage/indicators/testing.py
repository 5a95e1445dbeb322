"""Run an indicator's hand-built test cases (the `tests:` of its catalogue entry) on an in-memory store."""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from onapage import store
from onapage.contract import load_contract
from onapage.indicators.catalogue import Case, Indicator
from onapage.indicators.engine import compute
from onapage.periods import Period


def _dataset_for(name: str):
    """`given` may name a dataset by key (list_7) or by its table (list_7_child_protection)."""
    contract = load_contract()
    for ds in contract.datasets.values():
        if name in (ds.key, ds.table):
            return ds
    raise KeyError(f"`given` names an unknown dataset {name!r}")


def store_with(given: dict[str, list[dict]]):
    """An in-memory store holding exactly the given rows; unnamed columns are blank."""
    con = store.in_memory()
    for name, rows in given.items():
        ds = _dataset_for(name)
        unknown = {k for row in rows for k in row} - set(ds.columns)
        if unknown:
            raise KeyError(f"{name}: unknown columns in test rows: {sorted(unknown)}")
        frame = pd.DataFrame(rows, columns=list(ds.columns)).astype(object)
        casts = ", ".join(f"cast({c.name} as {c.duckdb_type})" for c in ds.column_list())
        con.register("given_rows", frame)
        con.execute(f"insert into {ds.table} select {casts} from given_rows")
        con.unregister("given_rows")
        con.execute("insert into _loads values (?, ?, null, 'test', ?, now())", [ds.key, f"{ds.key}.csv", len(rows)])
    return con


def run_case(ind: Indicator, case: Case, sql: str | None = None) -> pd.DataFrame:
    """The case's result; `sql` runs in place of the indicator's own query (a mutant of it)."""
    con = store_with(case.given)
    try:
        return compute_case(con, ind, case, sql)
    finally:
        con.close()


def compute_case(con: duckdb.DuckDBPyConnection, ind: Indicator, case: Case, sql: str | None = None,
                 beside_previous: bool = False) -> pd.DataFrame:
    """The case's result on a store already holding its rows (a mutation run builds it once for many queries).
    `beside_previous` computes the period before it in the same pass, as a booklet's trend does: a query
    must keep each period's rows to its own window."""
    period = Period.parse(case.period)
    periods = [period.previous, period] if beside_previous else [period]
    queries = {ind.id: sql} if sql else None
    return compute(con, periods, lambda _: case.population, [ind], queries=queries)


def _close(actual, expected) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual)) or str(actual) == "<NA>"
    return (
        actual is not None
        and str(actual) != "<NA>"
        and math.isclose(float(actual), expected, rel_tol=1e-9, abs_tol=1e-9)
    )


def case_failures(ind: Indicator, case: Case, result: pd.DataFrame) -> list[str]:
    """How the result misses the case's expectations (none: the case passes)."""
    failures = []
    for exp in case.expect:
        basis = exp.basis or ind.headline_basis
        rows = result[(result["period"] == case.period) & (result["basis"] == basis)]
        if ind.breakdown:
            rows = rows[rows["category"] == exp.category]
        if len(rows) != 1:
            failures.append(f"expected one row for basis={basis} category={exp.category}, got:\n{rows}")
            continue
        failures.extend(_row_failures(rows.iloc[0], exp))
    return failures


def _row_failures(row: pd.Series, exp) -> list[str]:
    if row["status"] != exp.status:
        return [f"status: expected {exp.status}, got {row['status']} ({row['message']})"]
    return [
        f"{field}: expected {getattr(exp, field)}, got {row[field]}"
        for field in ("value", "numerator", "denominator")
        if (getattr(exp, field) is not None or field == "value") and not _close(row[field], getattr(exp, field))
    ]
