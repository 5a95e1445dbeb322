"""An improvement-plan measure the catalogue computes, given figures of its own in the extract."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, row_findings

NAME = "plan_measures_from_catalogue"
UNUSED = ("value", "target")  # read from the catalogue instead; value_at_inspection is still read


def check(table: Table, ctx: Context):
    from onapage.indicators.plan_links import plan_measures_from_catalogue

    columns = table.dataset.columns
    if table.dataset.key != "improvement_plan" or not table.present(columns["plan_id"]):
        return []
    linked = {m["plan_id"]: m["indicator"] for m in plan_measures_from_catalogue()}
    given = table.frame[[c for c in UNUSED if table.present(columns[c])]].notna().any(axis=1)
    plan = table.frame["plan_id"].astype("string")
    flags = (plan.isin(list(linked)) & given).fillna(False).to_numpy(dtype=bool)
    # one finding per measure, at its first row with figures
    first = flags & ~plan.where(flags).duplicated().to_numpy(dtype=bool)
    if not first.any():
        return []
    heading = table.heading(columns["value"])
    expected = "blank: the catalogue computes this measure, with its own target (params/improvement_plan.yml)"
    items = (
        {"message": f"plan measure {p} is computed by the indicator catalogue ({linked[p]}), so this file's "
                    "values and target for it are not used; only its value at inspection is read",
         "row": int(r), "value": p, "expected": expected}
        for r, p in zip(table.rows()[first], plan[first], strict=True)
    )
    return row_findings(table, "warning", items, int(first.sum()), column=heading,
                        rest="give figures for measures the catalogue computes", expected=expected)


RULE = Rule(
    name=NAME,
    order=47,
    title="Plan measures the catalogue computes",
    explains="An improvement-plan measure listed in params/improvement_plan.yml is shown from the indicator "
    "catalogue, with the catalogue's target, so that the plan page and the section pages never disagree. "
    "Values or a target the extract gives for it are not used, and are a warning (once per measure) so that "
    "nobody expects them on the page.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "the number in care given by the extract, twice; a measure of the plan's own",
            given={
                "improvement_plan": [
                    {"Plan ID": "3b", "Theme": "Care", "Measure": "Children in care (number)", "Month": "2019-01-01",
                     "Value": "312", "Target": "320", "Value at inspection": "300", "Polarity": "Monitor"},
                    {"Plan ID": "3b", "Theme": "Care", "Measure": "Children in care (number)", "Month": "2019-02-01",
                     "Value": "311", "Target": "320", "Value at inspection": "300", "Polarity": "Monitor"},
                    {"Plan ID": "2a", "Theme": "Practice", "Measure": "Plans that are SMART (%)",
                     "Month": "2019-02-01", "Value": "60", "Target": "80", "Value at inspection": "52",
                     "Polarity": "Bigger is better"},
                ]
            },
            expect=[("warning", "Value", 2)],
            period="2019-02",
        ),
        Case(
            "a catalogue measure with only its value at inspection",
            given={
                "improvement_plan": [
                    {"Plan ID": "3b", "Theme": "Care", "Measure": "Children in care (number)", "Month": "2019-02-01",
                     "Value": "", "Target": "", "Value at inspection": "300", "Polarity": "Monitor"},
                ]
            },
            expect=[],
            period="2019-02",
        ),
    ),
)
