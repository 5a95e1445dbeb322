"""A period the lists hold no records for: after the latest, or before the earliest."""

from __future__ import annotations

import pandas as pd

from onapage.contract import load_contract
from onapage.validation.findings import Finding
from onapage.validation.gate import Case, Context, Rule
from onapage.validation.table import day

NAME = "period_in_data"


def check(ctx: Context):
    if ctx.period is None:
        return []
    first, last = _span(ctx)
    if first is None:
        return []
    period = ctx.period
    if pd.Timestamp(period.start) <= last and pd.Timestamp(period.end) >= first:
        return []
    side = "after the latest" if pd.Timestamp(period.start) > last else "before the earliest"
    return [
        Finding(
            "error",
            "",
            "(all lists)",
            f"there are no records for {period.label}: it is {side} record in the Annex A lists, which run "
            f"from {day(first)} to {day(last)}",
            expected=f"a period from {first:%Y-%m} to {last:%Y-%m}",
            rule=NAME,
        )
    ]


def _span(ctx: Context) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    firsts, lasts = [], []
    for ds in load_contract().annex_a:
        frame = ctx.inputs.frames.get(ds.key)
        if frame is None or ds.coverage != "flow" or ds.dated_by not in frame:
            continue
        dates = pd.to_datetime(frame[ds.dated_by], errors="coerce").dropna()
        if len(dates):
            firsts.append(dates.min())
            lasts.append(dates.max())
    return (min(firsts), max(lasts)) if firsts else (None, None)


_CONTACTS = {
    "list_1": [
        {"Child Unique ID": "C1", "Date of Contact": "01/04/2017"},
        {"Child Unique ID": "C2", "Date of Contact": "28/02/2019"},
    ]
}

RULE = Rule(
    name=NAME,
    order=5,
    title="A period the data covers",
    explains="The period asked for has records: it is refused, with the span the lists cover, when it is "
    "after their latest record or before their earliest.",
    check=check,
    cases=(
        Case("a month after the latest record", given=_CONTACTS, expect=[("error", None, None)], period="2019-05"),
        Case("a month before the earliest", given=_CONTACTS, expect=[("error", None, None)], period="2016-01"),
        Case("the last month of the data", given=_CONTACTS, expect=[], period="2019-02"),
    ),
)
