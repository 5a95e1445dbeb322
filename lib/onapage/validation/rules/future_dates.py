"""A date after today (an expected date of birth may be up to a pregnancy ahead)."""

from __future__ import annotations

import pandas as pd

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.rules.born_before_events import UNBORN_DAYS
from onapage.validation.table import Table, day, row_findings

NAME = "future_dates"


def check(table: Table, ctx: Context):
    out = []
    rows = table.rows()
    limit = pd.Timestamp(ctx.as_of)
    for column in table.dataset.date_columns():
        if not table.present(column) or column.planned:
            continue
        values = table.dates(column)
        latest = limit + pd.Timedelta(days=UNBORN_DAYS) if column.name == "date_of_birth" else limit
        future = (values.dt.normalize() > latest).fillna(False).to_numpy(dtype=bool)
        if not future.any():
            continue
        heading = table.heading(column)
        items = (
            {
                "message": f"this date is in the future (after {ctx.as_of:%d/%m/%Y})",
                "row": int(r),
                "value": None if column.personal else day(v),
                "expected": f"a date on or before {ctx.as_of:%d/%m/%Y}",
            }
            for r, v in zip(rows[future], values[future], strict=True)
        )
        out += row_findings(
            table, "error", items, int(future.sum()), column=heading, rest="have a date in the future in this column"
        )
    return out


RULE = Rule(
    name=NAME,
    order=50,
    title="No future dates",
    explains="No date is after the day the check runs, except an expected date of birth up to 280 days ahead "
    "and a date planned ahead (a deadline, a milestone due).",
    check=per_table(check, NAME),
    cases=(
        Case(
            "a contact dated tomorrow",
            given={
                "list_1": [
                    {"Child Unique ID": "C1", "Date of Contact": "10/03/2019"},
                    {"Child Unique ID": "C2", "Date of Contact": "11/03/2019"},
                ]
            },
            expect=[("error", "Date of Contact", 3)],
        ),
        Case(
            "a subject access request due next month is planned, its answer dated tomorrow is not",
            given={
                "subject_access_requests": [
                    {"Request ID": "R1", "Date received": "01/03/2019", "Date due": "01/04/2019",
                     "Date responded": "11/03/2019"},
                ]
            },
            expect=[("error", "Date responded", 2)],
        ),
    ),
)
