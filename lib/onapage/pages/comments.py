"""Drafted "Data Comments": short factual sentences from the numbers, as the seeds write them.

    The number of CIN plans in October is 5.3% higher than the previous month. This is 1.0%
    lower than October 2025. The rate remains below our statistical neighbours (41.2) at 17.9.

Every sentence is built from figures in the SUMMARY row and the LONG table only; a sentence
whose inputs are missing is left out, never guessed. Figures print as the tables print them.
Comparisons are made at the precision shown, so a change too small to see reads as no change.
Percentages move in percentage points; other figures by a percentage of the earlier figure. A gap to
target is the KPI box's variance: the gap as a share of the target, in brackets when worse than it.
The drafts are meant to be edited: pass your own list of sentences to `comments_html`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from typing import Any

import pandas as pd

from onapage.indicators.catalogue import Indicator
from onapage.indicators.judgements import variance
from onapage.pages.html import (
    SHORT_SUBJECT,
    HtmlFragment,
    as_float,
    as_period,
    capitalise,
    esc,
    fmt,
    fmt_change_pct,
    fmt_points,
    fmt_variance,
    has_figure,
    headline_cells,
    missing,
    row_value,
    same_at_precision,
    subject_phrase,
)
from onapage.periods import Period


def accumulates(indicator: Indicator) -> bool:
    """Counts (and rates of counts) since April only grow, so month-on-month talk uses the month's own figure."""
    return indicator.kind == "cumulative" and indicator.unit in ("count", "rate_per_10k") and "month" in indicator.bases


def _change(cur: float, old: float, unit: str, decimals: int) -> tuple[str, str] | None:
    """How `cur` differs from `old`: ('same', ''), ('up0', '') from zero, ('down0', '') to zero,
    or (direction, amount) with direction 'higher'/'lower'; None when a relative change would
    mislead (a negative figure)."""
    if same_at_precision(cur, old, unit, decimals):
        return "same", ""
    direction = "higher" if cur > old else "lower"
    if unit == "percent":
        return direction, fmt_points(cur - old, decimals)
    if old == 0:
        return "up0", ""
    if cur == 0 and old > 0:
        return "down0", ""
    if cur < 0 or old < 0:
        return None
    return direction, fmt_change_pct(cur, old)


def _month_on_month(subject: str, month: str, cur: float, prev: float, unit: str, dec: int) -> str | None:
    change = _change(cur, prev, unit, dec)
    if change is None:
        return (f"{capitalise(subject)} in {month} is {fmt(cur, unit, dec)}, "
                f"compared with {fmt(prev, unit, dec)} the previous month.")
    kind, amount = change
    if kind == "same":
        return f"{capitalise(subject)} remained at {fmt(cur, unit, dec)} in {month}."
    if kind == "up0":
        return f"{capitalise(subject)} in {month} is {fmt(cur, unit, dec)}, up from 0 the previous month."
    if kind == "down0":
        return f"{capitalise(subject)} in {month} is 0, down from {fmt(prev, unit, dec)} the previous month."
    return f"{capitalise(subject)} in {month} is {amount} {kind} than the previous month."


def _against_last_year(lead: str, cur: float, old: float, when: str, unit: str, dec: int) -> str:
    change = _change(cur, old, unit, dec)
    if change is None:
        return f"{lead} compares with {fmt(old, unit, dec)} in {when}."
    kind, amount = change
    if kind == "same":
        return f"{lead} is the same as {when}."
    if kind == "up0":
        return f"{lead} is up from 0 in {when}."
    if kind == "down0":
        return f"{lead} is down from {fmt(old, unit, dec)} in {when}."
    return f"{lead} is {amount} {kind} than {when}."


def _ytd_against_last_year(cur: float, old: float, unit: str, dec: int) -> str:
    change = _change(cur, old, unit, dec)
    figure = f"The year-to-date figure of {fmt(cur, unit, dec)}"
    if change is None:
        return f"{figure} compares with {fmt(old, unit, dec)} at the same point last year."
    kind, amount = change
    if kind == "same":
        return f"{figure} is the same as at the same point last year."
    if kind == "up0":
        return f"{figure} is up from 0 at the same point last year."
    if kind == "down0":
        return f"The year-to-date figure is 0, down from {fmt(old, unit, dec)} at the same point last year."
    return f"{figure} is {amount} {kind} than at the same point last year ({fmt(old, unit, dec)})."


def _against_target(lead: str, value: float, target: float, polarity: str, unit: str, dec: int) -> str:
    shown = fmt(target, unit, dec, trim=True)
    if same_at_precision(value, target, unit, dec):
        return f"{lead} meets the target of {shown}."
    above = value > target
    # the KPI box's variance (positive better, in brackets worse): box and comment give one measure of the gap
    notes = [] if (gap := variance(value, target, polarity)) is None else [f"variance {fmt_variance(gap)}"]
    if polarity in ("bigger_is_better", "smaller_is_better"):
        better = above == (polarity == "bigger_is_better")
        notes.append(f"{'better' if better else 'worse'} than target")
    sentence = f"{lead} is {'above' if above else 'below'} the target of {shown}"
    return sentence + (f" ({', '.join(notes)})." if notes else ".")


def _against_neighbours(short: str, value: float, previous: float | None, sn: float, year: Any,
                        unit: str, dec: int) -> str:
    def side(x: float) -> str:
        if same_at_precision(x, sn, unit, dec):
            return "in line with"
        return "above" if x > sn else "below"

    now = side(value)
    verb = "remains" if previous is not None and side(previous) == now else "is"
    when = "" if missing(year) else f" in {year}"
    return (f"{capitalise(short)} {verb} {now} our statistical neighbours ({fmt(sn, unit, dec)}{when}) "
            f"at {fmt(value, unit, dec)}.")


def _range(values: list[tuple[Period, float]], lead: str, unit: str, dec: int, months: int) -> str | None:
    if len(values) < 3:  # two figures are a comparison, already made; not a range
        return None
    nums = [v for _, v in values]
    shown = [fmt(v, unit, dec) for v in nums]
    coverage = "" if len(values) == months else f" ({len(values)} of them with figures)"
    if len(set(shown)) == 1:
        return f"{lead} been {shown[0]} in every month with a figure during the last {months} months{coverage}."
    low_i = max(i for i, v in enumerate(nums) if v == min(nums))  # the most recent, on a tie
    high_i = max(i for i, v in enumerate(nums) if v == max(nums))
    steps = [b - a for a, b in zip(nums, nums[1:], strict=False)]
    monotonic = all(s >= 0 for s in steps) or all(s <= 0 for s in steps)
    verb = "ranged" if monotonic else "fluctuated"
    name = calendar.month_name
    return (f"{lead} {verb} between a low of {shown[low_i]} ({name[values[low_i][0].month]}) and a high of "
            f"{shown[high_i]} ({name[values[high_i][0].month]}) during the last {months} months{coverage}.")


def data_comments(summary_row: Mapping[str, Any] | pd.Series, long: pd.DataFrame, indicator: Indicator,
                  period: Period | str, *, subject: str | None = None) -> list[str]:
    """Drafted comments for the indicator's chart, in order: month on month, same month last year
    (or, for counts since April, the year to date against the same point last year), against
    target (not for monitor indicators), against statistical neighbours (not for counts), and
    the range over the last 12 months. `subject` overrides the noun phrase drawn from the title
    ('the number of CIN plans')."""
    row = dict(summary_row)
    period = as_period(period)
    unit, dec = indicator.unit, indicator.decimals
    month = calendar.month_name[period.month]
    if indicator.kind == "cumulative" and not accumulates(indicator):
        month = f"the year to {month}"  # a percentage or average since April: its headline is the year to date
    status = row.get("status")
    value = as_float(row.get("value"))
    if (not missing(status) and not has_figure(status)) or value is None:
        message = "could not be calculated" if status == "failed" else row.get("message")
        why = f" ({message})" if not missing(message) and str(message).strip() else ""
        return [f"There is no figure for {period.label}{why}."]

    subj = subject or subject_phrase(indicator.title, unit)
    gathering = accumulates(indicator)
    out: list[str] = []
    about_headline = False  # whether the last sentence spoke of the headline figure (so "This" can follow)

    # 1. month on month
    if gathering:
        cells = headline_cells(long, indicator.id, "month", [period, period.shift(-1)])
        cur, prev = row_value(cells[str(period)]), row_value(cells[str(period.shift(-1))])
        month_subject = subject or subject_phrase(indicator.title, unit, monthly=True)
    else:
        cur, prev, month_subject = value, as_float(row.get("previous_value")), subj
    if cur is not None and prev is not None:
        out.append(_month_on_month(month_subject, month, cur, prev, unit, dec))
        about_headline = not gathering

    # 2. the same month last year
    last_year = as_float(row.get("same_month_last_year"))
    if last_year is not None:
        when = period.shift(-12).label
        if gathering:
            out.append(_ytd_against_last_year(value, last_year, unit, dec))
        else:
            lead = "This" if about_headline else f"{capitalise(subj)} in {month}"
            out.append(_against_last_year(lead, value, last_year, when, unit, dec))
        about_headline = True

    # 3. against target
    target = as_float(row.get("target"))
    if target is not None and indicator.polarity != "monitor":
        if about_headline:
            lead = "This"
        elif gathering:
            lead = f"The year-to-date figure of {fmt(value, unit, dec)}"
        else:
            lead = f"At {fmt(value, unit, dec)}, {subj} in {month}"
        out.append(_against_target(lead, value, target, indicator.polarity, unit, dec))

    # 4. against statistical neighbours (rates, percentages, averages: a count is not comparable)
    sn = as_float(row.get("benchmark_sn_mean"))
    if sn is not None and unit != "count" and not gathering:
        out.append(_against_neighbours(SHORT_SUBJECT.get(unit, "the figure"), value,
                                       as_float(row.get("previous_value")), sn, row.get("benchmark_year"), unit, dec))

    # 5. the range over the last 12 months
    months = 12
    basis = "month" if gathering else indicator.headline_basis
    cells = headline_cells(long, indicator.id, basis, period.trend(months))
    values = [(p, v) for p in period.trend(months) if (v := row_value(cells[str(p)])) is not None]
    sentence = _range(values, _range_lead(indicator, gathering, basis), unit, dec, months)
    if sentence:
        out.append(sentence)
    return out


def _range_lead(indicator: Indicator, gathering: bool, basis: str) -> str:
    """Who the range sentence speaks of: monthly figures (for counts since April, whose chart bars are months),
    the year-to-date figure (which starts again each April: its low is no fall), or the headline itself."""
    if gathering:
        return "Monthly figures have"
    if basis == "ytd":
        return "The year-to-date figure (counted from each April) has"
    return "It has"


def comments_html(comments: list[str], *, label: str = "Data comments") -> HtmlFragment:
    """The comments under a chart: a 'Data comments' label and the sentences as one paragraph."""
    if not comments:
        return HtmlFragment("")
    text = " ".join(esc(c) for c in comments)
    return HtmlFragment(f'<div class="data-comments"><p class="data-comments-label">{esc(label)}</p>'
                        f"<p>{text}</p></div>")
