"""A blank where every row needs a value (a child's ID, the date that places a record in time)."""

from __future__ import annotations

import numpy as np

from onapage.inputs.values import expected_for
from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "required_values"


def check(table: Table, ctx: Context):
    out = []
    rows = table.rows()
    unreadable = ctx.inputs.unreadable.get(table.dataset.key, {})
    for column in table.dataset.column_list():
        if column.nullable or not table.present(column):
            continue
        blank = table.frame[column.name].isna().to_numpy().copy()
        bad = unreadable.get(column.name)
        if bad is not None and len(bad):  # an unreadable value is reported once, as unreadable
            blank &= ~np.isin(rows, np.asarray(bad.index, dtype=int))
        if not blank.any():
            continue
        heading = table.heading(column)
        expected = "a value" if column.type in ("id", "text") else expected_for(column)
        items = (
            {"message": "blank, but every row needs a value in this column", "row": int(r), "expected": expected}
            for r in rows[blank]
        )
        out += row_findings(table, "error", items, int(blank.sum()), column=heading, rest="are blank in this column")
    return out


RULE = Rule(
    name=NAME,
    order=20,
    title="Required values",
    explains="Columns the contract marks as never blank (IDs, the date that places a record in time) "
    "have a value in every row.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "a contact without a date",
            given={
                "list_1": [
                    {"Child Unique ID": "C1", "Date of Contact": "28/02/2019"},
                    {"Child Unique ID": "C2", "Date of Contact": ""},
                ]
            },
            expect=[("error", "Date of Contact", 3)],
        ),
    ),
)
