"""Two records with the same key (the same child's plan starting on the same day twice)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, capped, day, rows_text

NAME = "duplicate_keys"


def check(table: Table, ctx: Context):
    out = []
    for key in table.dataset.unique:
        columns = [table.dataset.columns[n] for n in key]
        if all(table.present(c) for c in columns):
            out += _duplicates_of(table, key, columns)
    return out


def _duplicates_of(table: Table, key: tuple[str, ...], columns) -> list:
    rows = table.rows()
    sub = table.frame[list(key)].reset_index(drop=True)
    duplicated = sub.duplicated(keep=False) & sub.notna().all(axis=1)
    if not duplicated.any():
        return []
    positions = np.flatnonzero(duplicated.to_numpy())
    groups = sub.iloc[positions].groupby(list(key), sort=False, dropna=False).indices
    headings = [table.heading(c) for c in columns]
    what = " and ".join(repr(h) for h in headings)
    personal = any(c.personal for c in columns)

    def individual():
        for values, members in groups.items():  # in order of first appearance
            group_rows = sorted(int(rows[positions[p]]) for p in members)
            values = values if isinstance(values, tuple) else (values,)
            shown = None if personal else "; ".join(day(v) if isinstance(v, pd.Timestamp) else str(v) for v in values)
            yield table.finding(
                "error",
                f"rows {rows_text(group_rows)} have the same {what}",
                row=group_rows[0],
                column=headings[0],
                value=shown,
                expected=f"each {what} once only",
                rows=len(group_rows),
            )

    return capped(
        len(groups),
        individual(),
        lambda total, shown: table.finding(
            "error",
            f"{total - shown} more sets of rows share the same {what} ({total} sets in all)",
            column=headings[0],
            rows=total - shown,
        ),
    )


RULE = Rule(
    name=NAME,
    order=60,
    title="Duplicate keys",
    explains="Each list's key (a child in List 9, a child and start date in Lists 7 and 8) appears once only.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "the same child's plan starting on the same day twice",
            given={
                "list_7": [
                    {"Child Unique ID": "C1", "Child Protection Plan Start Date": "03/01/2019", "Team": "A"},
                    {"Child Unique ID": "C1", "Child Protection Plan Start Date": "03/01/2019", "Team": "B"},
                    {"Child Unique ID": "C1", "Child Protection Plan Start Date": "03/02/2019", "Team": "B"},
                ]
            },
            expect=[("error", "Child Unique ID", 2)],
        ),
    ),
)
