"""Child IDs in an extract or list that match no child in the lists, or are written another way.

IDs are matched by value: one written only in digits is read as a number (`inputs.values.parse_id`),
so 6- and 7-digit IDs, and IDs that lost their leading zeros in one file, match all the same.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from onapage.contract import load_contract
from onapage.inputs.files import dataset_title
from onapage.store.history import extract_window
from onapage.validation.gate import Case, Context, Rule
from onapage.validation.table import Table, day, rows_text

NAME = "unmatched_ids"
# Extracts whose figures join their children to the lists (a visit counts only for a child on a
# plan). Youth offending is not among them: many children it works with are not known to social care.
LINKED = ("mash_contacts", "strategy_attendance", "visits", "placements", "missing_episodes")
# The lists of events (contacts to section 47 enquiries) hold the months the return covers: an extract
# row dated before their first month belongs to a child the lists no longer need to hold.
WARN_SHARE, ERROR_SHARE = 0.10, 0.5


def shape(identifier: str) -> str:
    """An ID's form without its value: 'NB000123' -> 'AA999999', 'nb123' -> 'aa999'."""
    return re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", re.sub(r"[0-9]", "9", identifier)))


def form(identifier: str) -> str:
    """An ID's shape whatever its number of digits: 'NB000123' and 'NB12' -> 'AA9', '123456' -> '9'."""
    return re.sub(r"9+", "9", shape(identifier))


def loose(identifier: str) -> str:
    """An ID ignoring its case and prefix: its digits as a number ('NB000123', 'nb123' and '123' -> '123'),
    or, without digits, its letters in lower case."""
    digits = re.sub(r"[^0-9]", "", identifier)
    return (digits.lstrip("0") or "0") if digits else identifier.casefold()


def check(ctx: Context):
    tables = [t for t in ctx.tables(NAME) if "child_id" in t.frame and len(t.frame)]
    lists = {t.dataset.key: set(t.frame["child_id"].dropna()) for t in tables if t.dataset.kind == "annex_a"}
    known = set().union(*lists.values())
    padded = _padded(ctx, tables)
    start = _lists_start(ctx)
    out = []
    for table in tables:
        out += _zeros_dropped(table, ctx, padded)
        if not known:
            continue
        if table.dataset.kind == "annex_a":
            others = set().union(*(ids for key, ids in lists.items() if key != table.dataset.key))
            out += _drifted(table, others)
        elif table.dataset.key in LINKED:
            out += _unmatched(table, known, start)
    return out


# --- IDs written in another form --------------------------------------------------------------


def _written_otherwise(missing: pd.Series, known: set[str]) -> tuple[str, str] | None:
    """How IDs that match no one are mostly written, and how the known ones are, when they are written
    in another form (lower case, without their prefix or their zeros: most are shaped otherwise, or
    most match a known child when case and prefix are ignored). None: they are simply unknown."""
    if not len(missing) or not known:
        return None
    usual, mine = _commonest(form(i) for i in known), _commonest(form(i) for i in missing)
    loosely = {loose(i) for i in known}
    alike = sum(loose(i) in loosely for i in missing)
    if mine == usual and alike / len(missing) < ERROR_SHARE:
        return None
    return _commonest(shape(i) for i in missing), _commonest(shape(i) for i in known)


def _commonest(values) -> str:
    return Counter(values).most_common(1)[0][0]


def _form_text(written: tuple[str, str], where: str) -> str:
    mine, theirs = written
    if mine == theirs:
        return f"they match children in {where} only when case and prefix are ignored"
    like = "plain numbers" if set(mine) == {"9"} else f"written like {mine!r}"
    return f"most are {like} where {where} write {theirs!r}"


def _drifted(table: Table, others: set[str]) -> list:
    """A list whose IDs mostly match no child in the other lists and are written in another form
    (lower case, no prefix): its children would match no one in the other lists. Numeric IDs of
    different lengths are the same form, and a list whose IDs match is never reported."""
    ids = table.frame["child_id"].dropna()
    if not len(ids) or not others:
        return []
    missing = ~ids.isin(others)
    count = int(missing.sum())
    if count / len(ids) < ERROR_SHARE or not (written := _written_otherwise(ids[missing], others)):
        return []
    heading = table.heading(table.dataset.columns["child_id"])
    return [
        table.finding(
            "error",
            f"{count:,} of {len(ids):,} child IDs match no child in the other lists, and "
            f"{_form_text(written, 'the other lists')}: these children would match no one in the other lists",
            column=heading,
            expected="child IDs written as in the other lists (9 = a digit, A = a capital letter)",
            rows=count,
        )
    ]


# --- extracts' children not in the lists ------------------------------------------------------


def _lists_start(ctx: Context) -> pd.Timestamp | None:
    """The first day the extract's lists cover: the start of the window the store reads from them (its
    busiest event list's first whole month; an early help assessment still open may be years older). None
    without a dated event."""
    window = extract_window(ctx.inputs.frames)
    return pd.Timestamp(window.start) if window is not None else None


def _unmatched(table: Table, known: set[str], start: pd.Timestamp | None) -> list:
    """An extract's children not in the lists, counting only rows dated within the span the lists
    cover: a visit from before the lists' first month belongs to a child they need not hold."""
    ids = table.frame["child_id"]
    counted = ids.notna().to_numpy().copy()
    span = ""
    dated_by = table.dataset.columns[table.dataset.dated_by]
    if start is not None and dated_by.name in table.frame:
        before = np.asarray(table.dates(dated_by) < start, dtype=bool)
        if (before & counted).any():
            counted &= ~before
            span = f" in rows dated from {day(start)}, when the lists begin,"
    missing = (~ids.isin(known)).to_numpy() & counted
    count, total = int(missing.sum()), int(counted.sum())
    if not count or count / total <= WARN_SHARE:
        return []
    heading = table.heading(table.dataset.columns["child_id"])
    examples = rows_text([int(r) for r in table.rows()[missing]], limit=5)
    written = _written_otherwise(ids[missing], known)
    form_note = f"; {_form_text(written, 'the lists')}" if written else ""
    share = f"{count:,} of {total:,} child IDs ({count / total:.0%}){span}"
    if written or count / total >= ERROR_SHARE:
        return [
            table.finding(
                "error",
                f"{share} match no child in the Annex A lists (rows {examples}){form_note}",
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


# --- leading zeros dropped ----------------------------------------------------------------------


def _padded(ctx: Context, tables: list[Table]) -> dict[str, set[str]]:
    """Each dataset's child IDs that its file writes with leading zeros (as read: without them)."""
    out = {}
    for table in tables:
        rows = ctx.inputs.leading_zeros.get(table.dataset.key, {}).get("child_id")
        if rows is not None and len(rows):
            frame = table.frame
            out[table.dataset.key] = set(frame.loc[frame.index.intersection(rows), "child_id"].dropna())
    return out


def _zeros_dropped(table: Table, ctx: Context, padded: dict[str, set[str]]) -> list:
    """Child IDs this file writes without the leading zeros another file writes them with (as a
    spreadsheet drops them from numbers). They are read as numbers, so they match: a warning."""
    key = table.dataset.key
    ids = table.frame["child_id"]
    mine = ctx.inputs.leading_zeros.get(key, {}).get("child_id", pd.Index([]))
    unpadded = ids.notna().to_numpy() & ~table.frame.index.isin(mine)
    where = [k for k in padded if k != key and (unpadded & ids.isin(padded[k]).to_numpy()).any()]
    if not where:
        return []
    lost = unpadded & ids.isin(set().union(*(padded[k] for k in where))).to_numpy()
    contract = load_contract()
    titles = [dataset_title(contract.dataset(k)) for k in where]
    named = ", ".join(titles[:3]) + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")
    children, rows = int(ids[lost].nunique()), int(lost.sum())
    examples = rows_text([int(r) for r in table.rows()[lost]], limit=5)
    return [
        table.finding(
            "warning",
            f"{children:,} child IDs (rows {examples}) are written without the leading zeros that {named} "
            f"{'writes' if len(titles) == 1 else 'write'} them with, as a spreadsheet drops them from numbers: "
            "they are matched by number, so these children still match",
            column=table.heading(table.dataset.columns["child_id"]),
            expected="child IDs written alike in every list and extract",
            rows=rows,
        )
    ]


def _case(extract_ids: list[str]) -> dict:
    children = [{"Child Unique ID": f"NB{i:06d}", "Date of Contact": "01/02/2019"} for i in range(10)]
    visits = [{"Child ID": c, "Visit date": "01/02/2019"} for c in extract_ids]
    return {"list_1": children, "visits": visits}


# Numeric IDs of two lengths: 3 children with six digits, 7 with seven.
_MIXED = [f"{123450 + i}" for i in range(3)] + [f"{2345670 + i}" for i in range(7)]


def _lists(list_1: list[str], list_3: list[str], contacts: str = "01/02/2019") -> dict:
    return {
        "list_1": [{"Child Unique ID": c, "Date of Contact": contacts} for c in list_1],
        "list_3": [{"Child Unique ID": c, "Date of referral": "01/02/2019"} for c in list_3],
    }


def _visits(ids: list[str], when: str = "01/02/2019") -> dict:
    return {"visits": [{"Child ID": c, "Visit date": when} for c in ids]}


RULE = Rule(
    name=NAME,
    order=80,
    title="Child IDs that match",
    explains="Child IDs are matched by value: an ID written only in digits is a number, so IDs of different "
    "lengths, IDs that lost their leading zeros in one file (as a spreadsheet drops them) and IDs stored as "
    "123456.0 all match the same child; where one file writes without leading zeros the IDs another writes with "
    f"them, a warning says so. Child IDs in the extracts joined to the lists ({', '.join(LINKED)}) match "
    "children in the lists, counting only an extract's rows dated from the first whole month the lists "
    "cover (their window: the busiest event list's first month), the span both cover: over "
    f"{WARN_SHARE:.0%} unmatched is a warning marking the figures; over "
    f"{ERROR_SHARE:.0%}, or unmatched IDs written in another form (lower case, without their prefix or their "
    "zeros), an error. A list whose IDs mostly match no child in the other lists and are written in another "
    "form than theirs is an error too; the number of digits is not a form. Counts, shares and row numbers "
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
        Case(
            "numeric IDs of 6 and 7 digits, the same in every file",  # List 1's mostly shorter than most
            given=_lists(_MIXED[:2] + _MIXED[-1:], _MIXED) | _visits(_MIXED[:3] + _MIXED[:3]),
            expect=[],
        ),
        Case(
            "two in ten unknown, with numeric IDs of another length than most",
            given=_lists(_MIXED, _MIXED) | _visits(_MIXED[:8] + ["900001", "900002"]),
            expect=[("warning", "Child ID", None)],
        ),
        Case(
            "leading zeros dropped in one list: matched by number, with a warning",
            given=_lists([f"{int(c):07d}" for c in _MIXED], _MIXED),
            expect=[("warning", "Child Unique ID", None)],
        ),
        Case(
            "IDs stored as decimals or with spaces",
            given=_lists([f"{c}.0" for c in _MIXED], [f" {c} " for c in _MIXED]) | _visits(_MIXED),
            expect=[],
        ),
        Case(
            "visits over three years, lists over six months",
            given=_lists(_MIXED, _MIXED, contacts="14/09/2018")
            | {
                "visits": [{"Child ID": c, "Visit date": "01/02/2019"} for c in _MIXED]
                + [  # 30 visits of children no longer in the lists, March 2016 to August 2018
                    {"Child ID": f"{7000000 + i}", "Visit date": f"01/{(2 + i) % 12 + 1:02d}/{2016 + (2 + i) // 12}"}
                    for i in range(30)
                ]
                + [{"Child ID": _MIXED[0], "Visit date": "01/09/2018"}]
            },
            expect=[],
        ),
        Case(
            "within the lists' span, most visits of unknown children",
            given=_lists(_MIXED, _MIXED, contacts="14/09/2018")
            | _visits([f"{7000000 + i}" for i in range(10)], when="03/10/2018"),
            expect=[("error", "Child ID", None)],
        ),
        Case(
            "one list's IDs without the zeros after their prefix",
            given={
                "list_1": [{"Child Unique ID": f"NB{i:06d}", "Date of Contact": "01/02/2019"} for i in range(10)],
                "list_3": [{"Child Unique ID": f"NB{i:06d}", "Date of referral": "01/02/2019"} for i in range(10)],
                "list_7": [{"Child Unique ID": f"NB{i}", "Child Protection Plan Start Date": "01/02/2019"}
                           for i in range(1, 6)],
            },
            expect=[("error", "Child Unique ID", None)],
        ),
        Case(
            "one list of other children, written alike",
            given={
                "list_1": [{"Child Unique ID": f"NB{i:06d}", "Date of Contact": "01/02/2019"} for i in range(10)],
                "list_7": [{"Child Unique ID": f"NB{i:06d}", "Child Protection Plan Start Date": "01/02/2019"}
                           for i in range(100, 105)],
            },
            expect=[],
        ),
    ),
)
