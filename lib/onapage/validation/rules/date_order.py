"""Two dates of one record the wrong way round (a plan ending before it started)."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, day, row_findings

NAME = "date_order"


def check(table: Table, ctx: Context):
    out = []
    rows = table.rows()
    for earlier_name, later_name in table.dataset.order:
        earlier, later = table.dataset.columns[earlier_name], table.dataset.columns[later_name]
        if not (table.present(earlier) and table.present(later)):
            continue
        first, second = table.dates(earlier), table.dates(later)
        reversed_ = (second < first).fillna(False).to_numpy(dtype=bool)
        if not reversed_.any():
            continue
        h_earlier, h_later = table.heading(earlier), table.heading(later)
        items = (
            {
                "message": f"{h_later!r} ({day(b)}) is before {h_earlier!r} ({day(a)})",
                "row": int(r),
                "value": None if later.personal else day(b),
                "expected": f"a date on or after {h_earlier!r}",
            }
            for r, a, b in zip(rows[reversed_], first[reversed_], second[reversed_], strict=True)
        )
        out += row_findings(
            table, "error", items, int(reversed_.sum()), column=h_later, rest=f"have {h_later!r} before {h_earlier!r}"
        )
    return out


RULE = Rule(
    name=NAME,
    order=30,
    title="Dates in order",
    explains="Within a record, each pair of dates the contract orders (start before end, referral before "
    "assessment) is not reversed.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "a plan that ends the day before it starts",
            given={
                "list_7": [
                    {
                        "Child Unique ID": "C1",
                        "Child Protection Plan Start Date": "03/01/2019",
                        "Child Protection Plan End Date": "02/01/2019",
                    },
                    {
                        "Child Unique ID": "C2",
                        "Child Protection Plan Start Date": "03/01/2019",
                        "Child Protection Plan End Date": "03/01/2019",
                    },
                ]
            },
            expect=[("error", "Child Protection Plan End Date", 2)],
        ),
    ),
)
