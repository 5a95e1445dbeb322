"""A file that writes decimals with a comma ("2,5"): judged on all its numbers, never one cell."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table

NAME = "number_format"


def check(table: Table, ctx: Context):
    conventions = ctx.inputs.conventions.get(table.dataset.key)
    if conventions is None or not conventions.decimal_comma:
        return []
    return [
        table.finding(
            "warning",
            f"this file writes decimals with a comma ({conventions.decimal_comma!r}), so every comma in its "
            "numbers is read as a decimal mark: 2,100 is two point one",
            expected="numbers written with a decimal point (2.5)",
        )
    ]


RULE = Rule(
    name=NAME,
    order=14,
    title="Decimal mark of a file",
    explains="A file whose numbers show a decimal comma (2,5) and no decimal point has every comma read as a "
    "decimal mark, with a warning; in a file with decimal points, a number such as 2,100 in a column of "
    "decimals is ambiguous and reported as unreadable.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "FTEs written 2,5",
            given={
                "workforce": [
                    {"Month": "01/02/2019", "Team": "A", "Vacant FTE": "2,5"},
                    {"Month": "01/02/2019", "Team": "B", "Vacant FTE": "2,100"},
                ]
            },
            expect=[("warning", None, None)],
        ),
        Case(
            "FTEs written 2.5",
            given={"workforce": [{"Month": "01/02/2019", "Team": "A", "Vacant FTE": "2.5"}]},
            expect=[],
        ),
    ),
)
