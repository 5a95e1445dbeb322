"""A workforce row whose permanent, agency and vacant FTE do not add up to its establishment."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "fte_adds_up"
PARTS = ("permanent_fte", "agency_fte", "vacant_fte")
# FTEs are often kept to one decimal place: three parts each rounded can be 0.15 out between them.
TOLERANCE = 0.15


def check(table: Table, ctx: Context):
    columns = table.dataset.columns
    names = ("establishment_fte", *PARTS)
    if not all(n in columns and table.present(columns[n]) for n in names):
        return []
    values = {n: table.frame[n].astype("Float64") for n in names}
    parts = values["permanent_fte"] + values["agency_fte"] + values["vacant_fte"]
    gap = (parts - values["establishment_fte"]).abs()
    flags = (gap > TOLERANCE).fillna(False).to_numpy(dtype=bool)
    if not flags.any():
        return []
    heading = table.heading(columns["establishment_fte"])
    part_headings = ", ".join(repr(table.heading(columns[n])) for n in PARTS)
    expected = f"{heading!r} equal to {part_headings} added up (within {TOLERANCE:g})"
    items = (
        {"message": f"the posts add up to {p:g} FTE, not the establishment", "row": int(r), "value": f"{e:g}",
         "expected": expected}
        for r, p, e in zip(table.rows()[flags], parts[flags], values["establishment_fte"][flags], strict=True)
    )
    return row_findings(table, "warning", items, int(flags.sum()), column=heading,
                        rest="have posts that do not add up to the establishment", expected=expected)


RULE = Rule(
    name=NAME,
    order=45,
    title="Posts add up to the establishment",
    explains="In the workforce extract, a row's permanent, agency and vacant FTE add up to its establishment "
    f"FTE (within {TOLERANCE:g}, for rounding); a row that does not is a warning, since the staffing table "
    "shows both.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "one team's social workers one FTE short, another's off by rounding only",
            given={
                "workforce": [
                    {"Month": "2019-02-01", "Service": "Duty", "Team": "A", "Post type": "Social worker",
                     "Establishment FTE": "10", "Permanent FTE": "6", "Agency FTE": "2", "Vacant FTE": "1"},
                    {"Month": "2019-02-01", "Service": "Duty", "Team": "B", "Post type": "Social worker",
                     "Establishment FTE": "7.5", "Permanent FTE": "5.1", "Agency FTE": "1.3", "Vacant FTE": "1.2"},
                ]
            },
            expect=[("warning", "Establishment FTE", 2)],
            period="2019-02",
        ),
    ),
)
