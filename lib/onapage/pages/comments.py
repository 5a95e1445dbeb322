"""Drafted "Data Comments": short factual sentences from the numbers, as the seeds write them.

    The number of CIN plans in October is 5.3% higher than the previous month. This is 1.0%
    lower than October 2025. The rate remains below our statistical neighbours (41.2) at 17.9.

Every sentence is built from figures in the SUMMARY row and the LONG table only; a sentence
whose inputs are missing is left out, never guessed. Figures print as the tables print them.
Comparisons are made between the figures as shown, so a change too small to see reads as no change and
20.5% to 20.4% is 0.1 points. Percentages move in percentage points; a count under 20 by how many more
or fewer; other figures by a percentage of the earlier figure. A gap to target is the KPI box's variance:
the gap as a share of the target, in brackets when worse than it. Periods are named by the product's
kind of period (the previous month, quarter or year); a figure in days says days.
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
    fmt_quantity,
    fmt_variance,
    has_figure,
    headline_cells,
    missing,
    row_value,
    same_at_precision,
    shown_value,
    subject_phrase,
)
from onapage.periods import Period


def accumulates(indicator: Indicator) -> bool:
    """Counts (and rates of counts) since April only grow, so month-on-month talk uses the month's own figure."""
    return indicator.kind == "cumulative" and indicator.unit in ("count", "rate_per_10k") and "month" in indicator.bases


# Below this earlier figure a count's relative change misleads (1 to 2 is '100.0% higher'): it is given in numbers.
SMALL_COUNT = 20


def _change(cur: float, old: float, unit: str, dec: int) -> tuple[str, str, str] | None:
    """How `cur` differs from `old`, worked out between the figures as printed: ('same', '', ''), ('up0', '', '')
    from zero, ('down0', '', '') to zero, or ('moved', amount, aside) with amount '0.1 percentage points lower',
    '5.3% higher' or, for a small count, '1 more' with the aside ' (2 against 1)'; None when a relative change
    would mislead (a negative figure)."""
    now, before = shown_value(cur, unit, dec), shown_value(old, unit, dec)
    if now == before:
        return "same", "", ""
    if unit == "percent":
        return "moved", f"{fmt_points(now - before, dec)} {'higher' if now > before else 'lower'}", ""
    if before == 0:
        return "up0", "", ""
    if now == 0 and before > 0:
        return "down0", "", ""
    if now < 0 or before < 0:
        return None
    if unit == "count" and before < SMALL_COUNT:
        by = f"{fmt(abs(now - before), unit, 0)} {'more' if now > before else 'fewer'}"
        return "moved", by, f" ({fmt(cur, unit, 0)} against {fmt(old, unit, 0)})"
    return "moved", f"{fmt_change_pct(float(now), float(before))} {'higher' if now > before else 'lower'}", ""


# How each comparison reads, by how the figure moved (see `_change`). Filled in: {lead} (who is spoken of),
# {when}, {than} (what it is compared with), {now} and {then} (the two figures), {amount} and {aside} (the
# change), {against} (the aside, or the earlier figure in brackets).
SENTENCES = {
    "previous": {
        "unclear": "{lead} in {when} is {now}, compared with {then} {than}.",
        "same": "{lead} remained at {now} in {when}.",
        "up0": "{lead} in {when} is {now}, up from 0 {than}.",
        "down0": "{lead} in {when} is 0, down from {then} {than}.",
        "moved": "{lead} in {when} is {amount} than {than}{aside}.",
    },
    "last_year": {
        "unclear": "{lead} compares with {then} in {than}.",
        "same": "{lead} is the same as {than}.",
        "up0": "{lead} is up from 0 in {than}.",
        "down0": "{lead} is down from {then} in {than}.",
        "moved": "{lead} is {amount} than {than}{aside}.",
    },
    "ytd": {
        "unclear": "{lead} of {now} compares with {then} {than}.",
        "same": "{lead} of {now} is the same as {than}.",
        "up0": "{lead} of {now} is up from 0 {than}.",
        "down0": "{lead} is 0, down from {then} {than}.",
        "moved": "{lead} of {now} is {amount} than {than}{against}.",
    },
}


def _compared(sentences: str, cur: float, old: float, unit: str, dec: int, **words: str) -> str:
    """One of `SENTENCES`, for how `cur` moved from `old`."""
    change = _change(cur, old, unit, dec)
    move, amount, aside = change or ("unclear", "", "")
    then = fmt_quantity(old, unit, dec)
    return SENTENCES[sentences][move].format(now=fmt_quantity(cur, unit, dec), then=then, amount=amount, aside=aside,
                                             against=aside or f" ({then})", **words)


def _against_target(lead: str, value: float, target: float, polarity: str, unit: str, dec: int) -> str:
    shown = fmt_quantity(target, unit, dec, trim=True)
    if same_at_precision(value, target, unit, dec):
        return f"{lead} meets the target of {shown}."
    above = value > target
    # the KPI box's variance (positive better, in brackets worse): box and comment give one measure of the gap;
    # a percentage's variance is relative, which it says, lest it read as percentage points
    of_target = " relative to the target" if unit == "percent" else ""
    notes = [] if (gap := variance(value, target, polarity)) is None else [f"variance {fmt_variance(gap)}{of_target}"]
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
    return (f"{capitalise(short)} {verb} {now} our statistical neighbours ({fmt_quantity(sn, unit, dec)}{when}) "
            f"at {fmt_quantity(value, unit, dec)}.")


def period_name(p: Period) -> str:
    """A period as a sentence names it: 'October' (a month, within the year the comments speak of),
    'Q2 2026-27', '2025-26'."""
    return calendar.month_name[p.month] if p.kind == "month" else p.label


# How many periods the range sentence looks back over: 12 months, 8 quarters (two years), 5 years.
RANGE_LENGTH = {"month": 12, "quarter": 8, "year": 5}


def _range(values: list[tuple[Period, float]], lead: str, unit: str, dec: int, count: int, kind: str) -> str | None:
    if len(values) < 3:  # two figures are a comparison, already made; not a range
        return None
    nums = [v for _, v in values]
    shown = [fmt_quantity(v, unit, dec) for v in nums]
    last = f"the last {count} {kind}s"
    coverage = "" if len(values) == count else f" ({len(values)} of them with figures)"
    if len(set(shown)) == 1:
        return f"{lead} been {shown[0]} in every {kind} with a figure during {last}{coverage}."
    low_i = max(i for i, v in enumerate(nums) if v == min(nums))  # the most recent, on a tie
    high_i = max(i for i, v in enumerate(nums) if v == max(nums))
    steps = [b - a for a, b in zip(nums, nums[1:], strict=False)]
    monotonic = all(s >= 0 for s in steps) or all(s <= 0 for s in steps)
    verb = "ranged" if monotonic else "fluctuated"
    return (f"{lead} {verb} between a low of {shown[low_i]} ({period_name(values[low_i][0])}) and a high of "
            f"{shown[high_i]} ({period_name(values[high_i][0])}) during {last}{coverage}.")


def data_comments(summary_row: Mapping[str, Any] | pd.Series, long: pd.DataFrame, indicator: Indicator,
                  period: Period | str, *, subject: str | None = None) -> list[str]:
    """Drafted comments for the indicator's chart, in order: on the previous period, the same period last year
    (or, for counts since April, the year to date against the same point last year), against
    target (not for monitor indicators), against statistical neighbours (not for counts), and
    the range over the last 12 months (8 quarters, 5 years). `subject` overrides the noun phrase drawn from the title
    ('the number of CIN plans')."""
    row = dict(summary_row)
    period = as_period(period)
    unit, dec, kind = indicator.unit, indicator.decimals, period.kind
    month = period_name(period)
    if indicator.kind == "cumulative" and not accumulates(indicator) and kind != "year":
        # a percentage or average since April: its headline is the year to date (at a year's end, the year)
        end = Period.containing(period.end)
        month = f"the year to {period_name(end)}" + ("" if kind == "month" else f" {end.year}")
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

    # 1. on the previous month, quarter or year
    if gathering:
        cells = headline_cells(long, indicator.id, "month", [period, period.shift(-1)])
        cur, prev = row_value(cells[str(period)]), row_value(cells[str(period.shift(-1))])
        month_subject = subject or subject_phrase(indicator.title, unit, monthly=True)
    else:
        cur, prev, month_subject = value, as_float(row.get("previous_value")), subj
    if cur is not None and prev is not None:
        out.append(_compared("previous", cur, prev, unit, dec, lead=capitalise(month_subject), when=month,
                             than=f"the previous {kind}"))
        about_headline = not gathering

    # 2. the same period last year
    last_year = as_float(row.get("same_month_last_year"))
    if last_year is not None:
        when = period.year_ago.label
        if gathering:
            out.append(_compared("ytd", value, last_year, unit, dec, lead="The year-to-date figure",
                                 than="at the same point last year"))
        else:
            lead = "This" if about_headline else f"{capitalise(subj)} in {month}"
            out.append(_compared("last_year", value, last_year, unit, dec, lead=lead, than=when))
        about_headline = True

    # 3. against target
    target = as_float(row.get("target"))
    if target is not None and indicator.polarity != "monitor":
        if about_headline:
            lead = "This"
        elif gathering:
            lead = f"The year-to-date figure of {fmt_quantity(value, unit, dec)}"
        else:
            lead = f"At {fmt_quantity(value, unit, dec)}, {subj} in {month}"
        out.append(_against_target(lead, value, target, indicator.polarity, unit, dec))

    # 4. against statistical neighbours (rates, percentages, averages: a count is not comparable)
    sn = as_float(row.get("benchmark_sn_mean"))
    if sn is not None and unit != "count" and not gathering:
        out.append(_against_neighbours(SHORT_SUBJECT.get(unit, "the figure"), value,
                                       as_float(row.get("previous_value")), sn, row.get("benchmark_year"), unit, dec))

    # 5. the range over the last 12 months (8 quarters, 5 years)
    count = RANGE_LENGTH[kind]
    basis = "month" if gathering else indicator.headline_basis
    cells = headline_cells(long, indicator.id, basis, period.trend(count))
    values = [(p, v) for p in period.trend(count) if (v := row_value(cells[str(p)])) is not None]
    sentence = _range(values, _range_lead(indicator, gathering, basis, kind), unit, dec, count, kind)
    if sentence:
        out.append(sentence)
    return out


def _range_lead(indicator: Indicator, gathering: bool, basis: str, kind: str = "month") -> str:
    """Who the range sentence speaks of: monthly figures (for counts since April, whose chart bars are months),
    the year-to-date figure (which starts again each April: its low is no fall), or the headline itself."""
    if gathering:
        return f"{'Monthly' if kind == 'month' else 'Quarterly' if kind == 'quarter' else 'Yearly'} figures have"
    if basis == "ytd" and kind != "year":
        return "The year-to-date figure (counted from each April) has"
    return "It has"


def comments_html(comments: list[str], *, label: str = "Data comments") -> HtmlFragment:
    """The comments under a chart: a 'Data comments' label and the sentences as one paragraph."""
    if not comments:
        return HtmlFragment("")
    text = " ".join(esc(c) for c in comments)
    return HtmlFragment(f'<div class="data-comments"><p class="data-comments-label">{esc(label)}</p>'
                        f"<p>{text}</p></div>")
