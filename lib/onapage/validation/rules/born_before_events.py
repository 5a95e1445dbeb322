"""A date of birth after another date in the same record."""

from __future__ import annotations

import numpy as np
import pandas as pd

from onapage.contract import Column
from onapage.validation.findings import Severity
from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "born_before_events"
# An unborn child's record carries the expected date of birth: within a pregnancy of the event
# it is a warning to check, further than that it cannot be right.
UNBORN_DAYS = 280


def check(table: Table, ctx: Context):
    birth = table.dataset.columns.get("date_of_birth")
    if birth is None or not table.present(birth):
        return []
    dob = table.dates(birth)
    others = [c for c in table.dataset.date_columns() if c.name != birth.name and table.present(c)]
    if not others:
        return []
    after = pd.DataFrame(
        {c.name: (dob > table.dates(c).dt.normalize()).fillna(False).to_numpy(dtype=bool) for c in others}
    )
    offending = after.any(axis=1).to_numpy()
    if not offending.any():
        return []
    earliest = pd.concat([table.dates(c).dt.normalize() for c in others], axis=1).min(axis=1)
    unborn = ((dob - earliest).dt.days <= UNBORN_DAYS).fillna(False).to_numpy(dtype=bool)
    return _findings(table, birth, others, after, offending & ~unborn, "error") + _findings(
        table, birth, others, after, offending & unborn, "warning"
    )


def _findings(
    table: Table, birth: Column, others: list[Column], after: pd.DataFrame, rows_mask: np.ndarray, severity: Severity
):
    if not rows_mask.any():
        return []
    heading = table.heading(birth)
    names = {c.name: table.heading(c) for c in others}
    note = " (an unborn child's expected date of birth?)" if severity == "warning" else ""
    expected = (
        "a date of birth on or before every other date in the row"
        if severity == "error"
        else f"an expected date of birth no more than {UNBORN_DAYS} days after the event"
    )
    items = (
        {
            "message": f"{heading!r} is after " + ", ".join(repr(names[n]) for n in after.columns[flags]) + note,
            "row": int(r),
            "expected": expected,
        }
        for r, flags in zip(table.rows()[rows_mask], after.to_numpy()[rows_mask], strict=True)
    )
    return row_findings(
        table,
        severity,
        items,
        int(rows_mask.sum()),
        column=heading,
        rest=f"have {heading!r} after another date in the row{note}",
    )


RULE = Rule(
    name=NAME,
    order=40,
    title="Born before the events",
    explains="A date of birth is on or before every other date of the record; up to 280 days after is an "
    "unborn child's expected date of birth, a warning.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "born a year after the contact, and an unborn baby due next month",
            given={
                "list_1": [
                    {"Child Unique ID": "C1", "Date of Birth": "01/02/2020", "Date of Contact": "01/02/2019"},
                    {"Child Unique ID": "C2", "Date of Birth": "01/03/2019", "Date of Contact": "01/02/2019"},
                ]
            },
            expect=[("error", "Date of Birth", 2), ("warning", "Date of Birth", 3)],
        ),
    ),
)
