"""A value that cannot be read as its column's type: a date, number, Y/N or code."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from onapage.inputs.values import expected_for
from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import TYPE_WORDS, Table, capped

NAME = "unreadable_values"


def check(table: Table, ctx: Context):
    out = []
    for name, bad in ctx.inputs.unreadable.get(table.dataset.key, {}).items():
        column = table.dataset.columns[name]
        heading, expected = table.heading(column), expected_for(column)
        word = TYPE_WORDS.get(column.type, "value")
        individual = (
            table.finding(
                "error",
                f"unreadable {word}: {reason}",
                row=int(row),
                column=heading,
                value=None if column.personal else value,
                expected=expected,
            )
            for row, value, reason in zip(bad.index, bad["value"], bad["reason"], strict=True)
        )
        out += capped(len(bad), individual, _summary(table, bad, column, heading, expected, word))
    return out


def _summary(table: Table, bad: pd.DataFrame, column, heading: str, expected: str, word: str):
    def summary(total, shown):
        common = ""
        if not column.personal:
            top = Counter(bad["value"]).most_common(5)
            common = "; the most frequent are " + ", ".join(f"{v!r} ({n} rows)" for v, n in top)
        return table.finding(
            "error",
            f"{total - shown} more rows have an unreadable {word} in this column ({total} in all){common}",
            column=heading,
            expected=expected,
            rows=total - shown,
        )

    return summary


RULE = Rule(
    name=NAME,
    order=10,
    title="Unreadable values",
    explains="Every value must read as its column's type: a date (day first), a whole number, Y/N, or a "
    "code of the column's code list (as the code, its description or the template's drop-down value).",
    check=per_table(check, NAME),
    cases=(
        Case(
            "a leap day that does not exist and an unknown code",
            given={
                "list_1": [
                    {"Child Unique ID": "C1", "Date of Contact": "29/02/2019", "Contact Source": "6"},
                    {"Child Unique ID": "C2", "Date of Contact": "28/02/2019", "Contact Source": "Martian"},
                ]
            },
            expect=[("error", "Date of Contact", 2), ("error", "Contact Source", 3)],
        ),
    ),
)
