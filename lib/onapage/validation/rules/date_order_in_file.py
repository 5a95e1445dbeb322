"""Dates written month first (US order), judged per column and per file, never per cell."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table

NAME = "date_order_in_file"


def check(table: Table, ctx: Context):
    conventions = ctx.inputs.conventions.get(table.dataset.key)
    if conventions is None:
        return []
    out = []
    for name, evidence in conventions.month_first.items():
        column = table.dataset.columns[name]
        if not table.present(column):
            continue
        out.append(
            table.finding(
                "warning",
                f"dates in this column are written month first (US order): {evidence}; they are read so, not day first",
                column=table.heading(column),
                expected="dates written dd/mm/yyyy or yyyy-mm-dd",
                rows=int(table.frame[name].notna().sum()),
            )
        )
    return out


RULE = Rule(
    name=NAME,
    order=12,
    title="Date order of a file",
    explains="A column whose dates show month-first order (a second part over 12, or every date on the 1st "
    "only when read month first) is read month first, and so are the file's other ambiguous date columns, "
    "with a warning; a column mixing both orders has its odd dates reported as unreadable.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "a workforce month column written 10/01/2026 for October",
            given={
                "workforce": [
                    {"Month": "08/01/2026", "Team": "A"},
                    {"Month": "09/01/2026", "Team": "A"},
                    {"Month": "10/01/2026", "Team": "A"},
                ]
            },
            expect=[("warning", "Month", None)],
        ),
        Case(
            "day-first dates stay as they are",
            given={
                "list_1": [
                    {"Child Unique ID": "C1", "Date of Contact": "13/02/2019"},
                    {"Child Unique ID": "C2", "Date of Contact": "01/02/2019"},
                ]
            },
            expect=[],
        ),
    ),
)
