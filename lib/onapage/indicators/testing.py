"""Run an indicator's hand-built test cases (the `tests:` of its catalogue entry) on an in-memory store."""

from __future__ import annotations

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


def run_case(ind: Indicator, case: Case) -> pd.DataFrame:
    con = store_with(case.given)
    try:
        return compute(con, [Period.parse(case.period)], lambda _: case.population, [ind])
    finally:
        con.close()
