"""An audit grading moderated by two grades or more: more likely a slip of the keyboard than a judgement."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "moderation_step"
RANKS = {"Outstanding": 1, "Good": 2, "Requires improvement": 3, "Inadequate": 4}


def check(table: Table, ctx: Context):
    columns = table.dataset.columns
    if not all(n in columns and table.present(columns[n]) for n in ("grade", "moderated_grade")):
        return []
    grade, moderated = table.frame["grade"], table.frame["moderated_grade"]
    step = (grade.map(RANKS).astype("Float64") - moderated.map(RANKS).astype("Float64")).abs()
    flags = (step >= 2).fillna(False).to_numpy(dtype=bool)
    if not flags.any():
        return []
    heading = table.heading(columns["moderated_grade"])
    expected = f"a moderated grade within one grade of {table.heading(columns['grade'])!r}"
    items = (
        {"message": f"moderated from {g} to {m}", "row": int(r), "value": str(m), "expected": expected}
        for r, g, m in zip(table.rows()[flags], grade[flags], moderated[flags], strict=True)
    )
    return row_findings(table, "warning", items, int(flags.sum()), column=heading,
                        rest="are moderated by two grades or more", expected=expected)


RULE = Rule(
    name=NAME,
    order=46,
    title="Moderation within a grade",
    explains="In the audits extract, a moderated grade two or more grades from the original (Outstanding "
    "moderated to Requires improvement) is a warning to check: moderation rarely moves a grading that far.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "Good moderated to Inadequate; Good to Requires improvement and one not moderated are fine",
            given={
                "audits": [
                    {"Audit ID": "A1", "Audit date": "2019-02-04", "Service area": "Front door",
                     "Domain": "Assessment", "Grade": "Good", "Moderated grade": "Inadequate"},
                    {"Audit ID": "A1", "Audit date": "2019-02-04", "Service area": "Front door",
                     "Domain": "Planning", "Grade": "Good", "Moderated grade": "Requires improvement"},
                    {"Audit ID": "A2", "Audit date": "2019-02-05", "Service area": "Front door",
                     "Domain": "Assessment", "Grade": "Outstanding", "Moderated grade": ""},
                ]
            },
            expect=[("warning", "Moderated grade", 2)],
            period="2019-02",
        ),
    ),
)
