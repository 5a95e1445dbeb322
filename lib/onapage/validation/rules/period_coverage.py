"""Whether each list covers the period: it reaches the period's end and starts early enough for the
year to date and the 13-month trend."""

from __future__ import annotations

import math

import pandas as pd

from onapage.calendar import working_days_between
from onapage.validation.gate import COVERAGE_WORKING_DAYS, Case, Context, Rule, per_table
from onapage.validation.table import Table, day

NAME = "period_coverage"
EVENT_LISTS = {f"list_{n}" for n in range(1, 9)}


# A sparse list (a handful of records a month) has long quiet spells: its end may fall this many
# of its usual gaps before the period's end (the chance of so long a spell by chance is under 1%).
USUAL_GAPS = 5


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
    if dataset.ended_by:  # a list of episodes: how far it runs shows in its latest date of any kind
        values = _latest_activity(table, values)
        last = values.max().normalize()
    return _end(table, ctx, values, last) + _start(table, ctx, first)


def _latest_activity(table: Table, starts: pd.Series) -> pd.Series:
    """Every date an episode list records (starts, ends, visits, reviews), not a birth or a date planned
    ahead: a small authority may start no plan for weeks, yet its visits and reviews run to the extract's
    end."""
    dated = [starts]
    for column in table.dataset.date_columns():
        if column.name in table.frame and column.name != "date_of_birth" and not column.planned \
                and column.name != table.dataset.dated_by:
            dated.append(table.dates(column).dropna())
    return pd.concat(dated, ignore_index=True)


def allowed_shortfall(values: pd.Series, ctx: Context) -> int:
    """Working days an event list may stop short of the period's end: the setting, or for a sparse
    list USUAL_GAPS of its usual gaps between records over the 13 months to the period's end."""
    period = ctx.period
    window_start = pd.Timestamp(period.window_start(13))
    recent = int(((values >= window_start) & (values <= pd.Timestamp(period.end))).sum())
    span = working_days_between(window_start.date(), period.end)
    usual_gap = span / recent if recent else span
    return max(ctx.coverage_working_days, math.ceil(USUAL_GAPS * usual_gap))


def _end(table: Table, ctx: Context, values: pd.Series, last: pd.Timestamp) -> list:
    period, dataset = ctx.period, table.dataset
    heading = table.heading(dataset.columns[dataset.dated_by])
    latest = "the latest date it records" if dataset.ended_by else f"latest {heading!r}"
    if dataset.key in EVENT_LISTS:
        short = working_days_between(last.date(), period.end) if last.date() < period.end else 0
        allowed = allowed_shortfall(values, ctx)
        if short <= allowed and last >= pd.Timestamp(period.start):
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
                f"the list ends on {day(last)} ({latest}), {when}{partial}",
                column=heading,
                expected=f"records up to within {allowed} working days of {period.end:%d/%m/%Y}"
                + ("" if ctx.allow_partial else ", or --allow-partial to go on with a partial month"),
                caveat=f"partial: {dataset.sheet or dataset.key} ends on {day(last)}" if ctx.allow_partial else "",
            )
        ]
    if last < pd.Timestamp(period.start):  # every Annex A list read over a period is an event list, above
        return [
            table.finding(
                "warning",
                f"the extract ends on {day(last)} ({latest}), before the period {period.label} starts: "
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
                f"{period.financial_year_label} starts on {fy_start:%d/%m/%Y}: the year to date needs the months "
                "before from earlier extracts in the store's history, and is n/a where it holds none",
                column=heading,
                expected=f"records from {fy_start:%d/%m/%Y}",
            )
        )
    trend_start = period.window_start(13)
    if first > pd.Timestamp(trend_start):
        out.append(
            table.finding(
                "warning",
                f"the {noun} starts on {day(first)} (earliest {heading!r}), after {trend_start:%d/%m/%Y}: "
                "the 13-month trend needs the months before from earlier extracts in the store's history, and "
                "is n/a where it holds none",
                column=heading,
                expected=f"records from {trend_start:%d/%m/%Y}",
            )
        )
    return out


def _contacts(*days: str) -> list[dict[str, str]]:
    return [{"Child Unique ID": f"C{i}", "Date of Contact": d} for i, d in enumerate(days)]


def _looked_after(last_visit: str) -> list[dict[str, str]]:
    """Two children in care, one since 2016 and one since 10 December 2018, last visited on `last_visit`."""
    return [{"Child Unique ID": f"C{i}", "Date Started to be Looked After": start,
             "Date of Last Social Work Visit": last_visit} for i, start in enumerate(["01/01/2016", "10/12/2018"])]


def _daily_contacts(last: str) -> list[dict[str, str]]:
    """A contact every day from April 2017 to `last`: a busy list, so a short end is telling."""
    days = pd.date_range("2017-04-01", pd.to_datetime(last, dayfirst=True) if "/" in last else last)
    return _contacts(*(d.strftime("%d/%m/%Y") for d in days))


RULE = Rule(
    name=NAME,
    order=70,
    title="The period is covered",
    explains="Lists 1 to 8 reach the period's end: their last record (for a list of episodes, its latest date "
    "of any kind: a start, an end, a visit, a review) is within "
    f"{COVERAGE_WORKING_DAYS} working days of it (coverage_working_days in the settings), or for a sparse list "
    f"{USUAL_GAPS} of its usual gaps between records; otherwise an error, or with --allow-partial a warning that "
    "marks the period's figures partial; extracts that end before the period are warned of; lists starting after the "
    "financial year or the 13-month trend starts are warned of (those months come from earlier extracts in the "
    "store's history, or are n/a).",
    check=per_table(check, NAME),
    cases=(
        Case(
            # February 2019 ends on Thursday 28th; 14 February is 10 working days before, the 13th 11.
            "contacts to 14 February reach February 2019; to 13 February they stop short",
            given={"list_1": _daily_contacts("2019-02-14")},
            expect=[],
            period="2019-02",
        ),
        Case(
            "a list cut short mid-month",
            given={"list_1": _daily_contacts("2019-02-13")},
            expect=[("error", "Date of Contact", None)],
            period="2019-02",
        ),
        Case(
            "a list cut short mid-month, going on with --allow-partial",
            given={"list_1": _daily_contacts("2019-02-13")},
            expect=[("warning", "Date of Contact", None)],
            period="2019-02",
            allow_partial=True,
        ),
        Case(
            # 4 contacts in the 13 months to February 2019 (272 working days): a usual gap of 68, so ending 10
            # working days early is no sign of a list cut short
            "a sparse list ending early in the month",
            given={"list_1": _contacts("01/04/2017", "01/06/2018", "01/09/2018", "01/12/2018", "14/02/2019")},
            expect=[],
            period="2019-02",
        ),
        Case(
            # a small authority may start no period of care for weeks; its visits run to the period's end
            "a list of episodes with no new start since December, its visits to the end of February",
            given={"list_8": _looked_after("26/02/2019")},
            expect=[],
            period="2019-02",
        ),
        Case(
            "a list of episodes whose every date stops in December",
            given={"list_8": _looked_after("20/12/2018")},
            expect=[("error", "Date Started to be Looked After", None)],
            period="2019-02",
        ),
        Case(
            "a list starting in the middle of the year",
            given={"list_1": _contacts("01/06/2018", "28/02/2019")},
            expect=[("warning", "Date of Contact", None), ("warning", "Date of Contact", None)],
            period="2019-02",
        ),
    ),
)
