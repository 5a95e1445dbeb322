"""Two numbers of one record where one cannot exceed the other (more milestones met than were due, a
risk scored higher after its controls than before)."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "numbers_in_order"


def check(table: Table, ctx: Context):
    out = []
    rows = table.rows()
    for part_name, whole_name in table.dataset.at_most:
        part, whole = table.dataset.columns[part_name], table.dataset.columns[whole_name]
        if not (table.present(part) and table.present(whole)):
            continue
        small, big = table.frame[part.name].astype("Float64"), table.frame[whole.name].astype("Float64")
        over = (small > big).fillna(False).to_numpy(dtype=bool)
        if not over.any():
            continue
        h_part, h_whole = table.heading(part), table.heading(whole)
        items = (
            {
                "message": f"{h_part!r} ({a:g}) is more than {h_whole!r} ({b:g})",
                "row": int(r),
                "value": f"{a:g}",
                "expected": f"at most {h_whole!r}",
            }
            for r, a, b in zip(rows[over], small[over], big[over], strict=True)
        )
        out += row_findings(table, "error", items, int(over.sum()), column=h_part,
                            rest=f"have {h_part!r} above {h_whole!r}")
    return out


RULE = Rule(
    name=NAME,
    order=31,
    title="Numbers in order",
    explains="Within a record, a number the contract bounds by another (milestones met by milestones due, a "
    "risk's residual score by its inherent score) does not exceed it.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "three milestones met of two due",
            given={
                "commissioning_priorities": [
                    {"Priority ID": "P1", "Quarter end": "31/12/2018", "Commissioning priority": "Early years",
                     "Subjective RAG": "Green", "Milestones due to date": "2", "Milestones met to date": "3"},
                    {"Priority ID": "P2", "Quarter end": "31/12/2018", "Commissioning priority": "Placements",
                     "Subjective RAG": "Amber", "Milestones due to date": "4", "Milestones met to date": "4"},
                ]
            },
            expect=[("error", "Milestones met to date", 2)],
        ),
        Case(
            "a risk more likely after its controls than before",
            given={
                "risks": [
                    {"Risk ID": "R1", "Review date": "31/12/2018", "Risk title": "Budget", "Risk owner": "Director",
                     "Inherent likelihood": "3", "Inherent impact": "4", "Residual likelihood": "4",
                     "Residual impact": "2"},
                ]
            },
            expect=[("error", "Residual likelihood", 2)],
        ),
    ),
)
