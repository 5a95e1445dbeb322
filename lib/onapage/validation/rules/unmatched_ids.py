"""Child IDs in an extract that match no child in the lists, or are written another way."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from onapage.contract import load_contract
from onapage.validation.gate import Case, Context, Rule
from onapage.validation.table import Table, rows_text

NAME = "unmatched_ids"
# Extracts whose figures join their children to the lists (a visit counts only for a child on a
# plan). Youth offending is not among them: many children it works with are not known to social care.
LINKED = ("mash_contacts", "strategy_attendance", "visits", "placements", "missing_episodes")
WARN_SHARE, ERROR_SHARE = 0.10, 0.5


def shape(identifier: str) -> str:
    """An ID's form without its value: 'NB000123' -> 'AA999999', 'nb123' -> 'aa999'."""
    return re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", identifier)))


def check(ctx: Context):
    known = _children_in_lists(ctx)
    if not known:
        return []
    usual = Counter(shape(i) for i in known).most_common(1)[0][0]
    out = []
    for table in ctx.tables(NAME):
        if "child_id" not in table.frame or not len(table.frame):
            continue
        if table.dataset.kind == "annex_a":
            out += _drifted(table, usual)
        elif table.dataset.key in LINKED:
            out += _unmatched(table, known, usual)
    return out


def _drifted(table: Table, usual: str) -> list:
    """A list whose IDs are mostly written in another form than the lists' usual one (lower case, no
    prefix): its children would match no one in the other lists."""
    ids = table.frame["child_id"].dropna()
    shapes = Counter(shape(i) for i in ids)
    if not shapes:
        return []
    mine, count = shapes.most_common(1)[0]
    if mine == usual or count / len(ids) < ERROR_SHARE:
        return []
    heading = table.heading(table.dataset.columns["child_id"])
    return [
        table.finding(
            "error",
            f"{count:,} of {len(ids):,} child IDs are written like {mine!r} where the other lists write {usual!r}: "
            "these children would match no one in the other lists",
            column=heading,
            expected="child IDs written as in the other lists (9 = a digit, A = a capital letter)",
            rows=count,
        )
    ]


def _children_in_lists(ctx: Context) -> set[str]:
    known: set[str] = set()
    for ds in load_contract().annex_a:
        frame = ctx.inputs.frames.get(ds.key)
        if frame is not None and "child_id" in frame:
            known |= set(frame["child_id"].dropna())
    return known


def _unmatched(table: Table, known: set[str], usual: str) -> list:
    ids = table.frame["child_id"]
    filled = ids.notna().to_numpy()
    missing = (~ids.isin(known)).to_numpy() & filled
    count, total = int(missing.sum()), int(filled.sum())
    if not count or count / total <= WARN_SHARE:
        return []
    heading = table.heading(table.dataset.columns["child_id"])
    examples = rows_text([int(r) for r in table.rows()[missing]], limit=5)
    shapes = Counter(shape(i) for i in ids[pd.Series(missing, index=ids.index)])
    drift = shapes.most_common(1)[0][0] != usual
    form = f"; most are written like {shapes.most_common(1)[0][0]!r} where the lists write {usual!r}" if drift else ""
    share = f"{count:,} of {total:,} child IDs ({count / total:.0%})"
    if drift or count / total >= ERROR_SHARE:
        return [
            table.finding(
                "error",
                f"{share} match no child in the Annex A lists (rows {examples}){form}",
                column=heading,
                expected="the child IDs the lists use (9 = a digit, A = a capital letter)",
                rows=count,
            )
        ]
    return [
        table.finding(
            "warning",
            f"{share} match no child in the Annex A lists (rows {examples}): figures joining this extract to "
            "the lists leave them out",
            column=heading,
            expected="the child IDs the lists use",
            rows=count,
            caveat=f"{table.dataset.title}: {count / total:.0%} of its child IDs match no child in the lists",
        )
    ]


def _case(extract_ids: list[str]) -> dict:
    children = [{"Child Unique ID": f"NB{i:06d}", "Date of Contact": "01/02/2019"} for i in range(10)]
    visits = [{"Child ID": c, "Visit date": "01/02/2019"} for c in extract_ids]
    return {"list_1": children, "visits": visits}


RULE = Rule(
    name=NAME,
    order=80,
    title="Child IDs that match",
    explains=f"Child IDs in the extracts that are joined to the lists ({', '.join(LINKED)}) match children "
    f"in the lists: over {WARN_SHARE:.0%} unmatched is a warning marking the figures, over {ERROR_SHARE:.0%}, "
    "or IDs written in another form (lower case, without their prefix), an error; a list whose IDs are "
    "mostly written in another form than the other lists' is an error too. Counts, shares and row numbers "
    "are reported, never the IDs.",
    check=check,
    cases=(
        Case("IDs lower-cased", given=_case([f"nb{i:06d}" for i in range(10)]), expect=[("error", "Child ID", None)]),
        Case(
            "IDs without their prefix",
            given=_case([f"{i:06d}" for i in range(10)]),
            expect=[("error", "Child ID", None)],
        ),
        Case(
            "two in ten unknown",
            given=_case([f"NB{i:06d}" for i in range(8)] + ["NB900001", "NB900002"]),
            expect=[("warning", "Child ID", None)],
        ),
        Case("all known", given=_case([f"NB{i:06d}" for i in range(10)]), expect=[]),
        Case(
            "one list's IDs lower-cased",
            given={
                "list_1": [{"Child Unique ID": f"NB{i:06d}", "Date of Contact": "01/02/2019"} for i in range(10)],
                "list_3": [{"Child Unique ID": f"NB{i:06d}", "Date of referral": "01/02/2019"} for i in range(10)],
                "list_7": [{"Child Unique ID": f"nb{i:06d}", "Child Protection Plan Start Date": "01/02/2019"}
                           for i in range(5)],
            },
            expect=[("error", "Child Unique ID", None)],
        ),
    ),
)
