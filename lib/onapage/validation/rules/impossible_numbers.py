"""Numbers no record can hold: a negative count, an age or a count beyond its column's bound.

(Values that are not finite, "1e400", or too large for the store are unreadable values.)"""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "impossible_numbers"


def check(table: Table, ctx: Context):
    out = []
    rows = table.rows()
    for column in table.dataset.column_list():
        if column.type not in ("int", "number") or not table.present(column):
            continue
        values = table.frame[column.name].astype("Float64")
        bounds = []
        if column.minimum is not None:
            bounds.append(((values < column.minimum).fillna(False), f"at least {column.minimum:g}"))
        if column.maximum is not None:
            bounds.append(((values > column.maximum).fillna(False), f"at most {column.maximum:g}"))
        for mask, expected in bounds:
            flags = mask.to_numpy(dtype=bool)
            if not flags.any():
                continue
            heading = table.heading(column)
            items = (
                {"message": "a number this column cannot hold", "row": int(r), "value": f"{v:g}", "expected": expected}
                for r, v in zip(rows[flags], values[flags], strict=True)
            )
            out += row_findings(
                table,
                "error",
                items,
                int(flags.sum()),
                column=heading,
                rest="hold a number this column cannot",
                expected=expected,
            )
    return out


RULE = Rule(
    name=NAME,
    order=16,
    title="Possible numbers",
    explains="Counts, FTEs and ages are never negative, and a column the contract bounds (ages up to 25, "
    "counts over twelve months) stays within its bound.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "a negative count of previous plans",
            given={
                "list_7": [
                    {
                        "Child Unique ID": "C1",
                        "Child Protection Plan Start Date": "03/01/2019",
                        "Number of Previous Child Protection Plans": "-1",
                    },
                    {
                        "Child Unique ID": "C2",
                        "Child Protection Plan Start Date": "03/01/2019",
                        "Number of Previous Child Protection Plans": "0",
                    },
                ]
            },
            expect=[("error", "Number of Previous Child Protection Plans", 2)],
        ),
    ),
)
