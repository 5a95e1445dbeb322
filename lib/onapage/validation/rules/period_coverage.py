"""Whether each list covers the period: it reaches the period's end and starts early enough for the
year to date and the 13-month trend."""

from __future__ import annotations

import pandas as pd

from onapage.calendar import working_days_between
from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, day

NAME = "period_coverage"
# Lists 1-8 record events every working day; a list whose last record is more than this many
# working days before the period ends was cut short (or extracted early).
COVERAGE_WORKING_DAYS = 10
EVENT_LISTS = {f"list_{n}" for n in range(1, 9)}


def check(table: Table, ctx: Context):
    dataset = table.dataset
    if len(table.frame) == 0:
        return [table.finding("warning", "the file has headings but no rows: pages using it will show zeros or n/a")]
    period = ctx.period
    if period is None or dataset.coverage != "flow":
        return []  # snapshots and termly returns are not expected to span the year
    dated_by = dataset.columns[dataset.dated_by]
    values = table.dates(dated_by).dropna() if dated_by.name in table.frame else pd.Series(dtype="datetime64[us]")
    if not table.present(dated_by) or values.empty:
        return []
    first, last = values.min().normalize(), values.max().normalize()
    return _end(table, ctx, last) + _start(table, ctx, first)


def _end(table: Table, ctx: Context, last: pd.Timestamp) -> list:
    period, dataset = ctx.period, table.dataset
    heading = table.heading(dataset.columns[dataset.dated_by])
    if dataset.key in EVENT_LISTS:
        short = working_days_between(last.date(), period.end) if last.date() < period.end else 0
        if short <= ctx.coverage_working_days:
            return []
        partial = " (--allow-partial: figures for the period are marked as partial)" if ctx.allow_partial else ""
        when = (
            f"before the period {period.label} starts: is this an old extract?"
            if last < pd.Timestamp(period.start)
            else f"{short} working days before the period {period.label} ends: cut short, or extracted early?"
        )
        return [
            table.finding(
                "warning" if ctx.allow_partial else "error",
                f"the list ends on {day(last)} (latest {heading!r}), {when}{partial}",
                column=heading,
                expected=f"records up to within {ctx.coverage_working_days} working days of {period.end:%d/%m/%Y}"
                + ("" if ctx.allow_partial else ", or --allow-partial to go on with a partial month"),
                caveat=f"partial: {dataset.sheet or dataset.key} ends on {day(last)}" if ctx.allow_partial else "",
            )
        ]
    if last < pd.Timestamp(period.start):
        noun = "list" if dataset.kind == "annex_a" else "extract"
        return [
            table.finding(
                "warning",
                f"the {noun} ends on {day(last)} (latest {heading!r}), before the period {period.label} starts: "
                "is this an old extract?",
                column=heading,
                expected=f"records up to {period.end:%d/%m/%Y}",
            )
        ]
    return []


def _start(table: Table, ctx: Context, first: pd.Timestamp) -> list:
    period, dataset = ctx.period, table.dataset
    heading = table.heading(dataset.columns[dataset.dated_by])
    noun = "list" if dataset.kind == "annex_a" else "extract"
    out = []
    fy_start = period.financial_year_start
    if first > pd.Timestamp(fy_start):
        out.append(
            table.finding(
                "warning",
                f"the {noun} starts on {day(first)} (earliest {heading!r}), after the financial year "
                f"{period.financial_year_label} starts on {fy_start:%d/%m/%Y}: year-to-date figures will be incomplete",
                column=heading,
                expected=f"records from {fy_start:%d/%m/%Y}",
            )
        )
    trend_start = period.shift(-12).start
    if first > pd.Timestamp(trend_start):
        out.append(
            table.finding(
                "warning",
                f"the {noun} starts on {day(first)} (earliest {heading!r}), after {trend_start:%d/%m/%Y}: "
                "the 13-month trend will be incomplete",
                column=heading,
                expected=f"records from {trend_start:%d/%m/%Y}",
            )
        )
    return out


def _contacts(*days: str) -> list[dict[str, str]]:
    return [{"Child Unique ID": f"C{i}", "Date of Contact": d} for i, d in enumerate(days)]


RULE = Rule(
    name=NAME,
    order=70,
    title="The period is covered",
    explains="Lists 1 to 8 reach the period's end: their last record is within "
    f"{COVERAGE_WORKING_DAYS} working days of it (an error, or with --allow-partial a warning that marks the "
    "period's figures partial); extracts that end before the period are warned of; lists starting after the "
    "financial year or the 13-month trend starts are warned of.",
    check=per_table(check, NAME),
    cases=(
        Case(
            # February 2019 ends on Thursday 28th; 14 February is 10 working days before, the 13th 11.
            "contacts to 14 February reach February 2019; to 13 February they stop short",
            given={"list_1": _contacts("01/04/2017", "14/02/2019")},
            expect=[],
            period="2019-02",
        ),
        Case(
            "a list cut short mid-month",
            given={"list_1": _contacts("01/04/2017", "13/02/2019")},
            expect=[("error", "Date of Contact", None)],
            period="2019-02",
        ),
        Case(
            "a list cut short mid-month, going on with --allow-partial",
            given={"list_1": _contacts("01/04/2017", "13/02/2019")},
            expect=[("warning", "Date of Contact", None)],
            period="2019-02",
            allow_partial=True,
        ),
        Case(
            "a list starting in the middle of the year",
            given={"list_1": _contacts("01/06/2018", "28/02/2019")},
            expect=[("warning", "Date of Contact", None), ("warning", "Date of Contact", None)],
            period="2019-02",
        ),
    ),
)
