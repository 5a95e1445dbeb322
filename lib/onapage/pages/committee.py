"""The committee's end-of-year report: the corporate plan's indicators for the year, and the annual
complaints and compliments report. Figures come from the saved results for a financial-year period
(`2025-26`), in which the "month" basis is the whole year and the previous period is last year.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from onapage.indicators.catalogue import Indicator, indicator, load_catalogue
from onapage.pages.html import (
    BLANK,
    HtmlFragment,
    esc,
    fmt,
    fmt_quantity,
    long_rows,
    missing,
    shown_value,
    why_no_figures,
)
from onapage.pages.tables import dot_cell
from onapage.pages.workforce_qa import grades_table, heat_table
from onapage.periods import Period

POLARITY_WORDS = {"bigger_is_better": "Higher is better", "smaller_is_better": "Lower is better",
                  "monitor": "Monitored, no better direction"}
STAGES = ("Stage 1", "Stage 2", "Stage 3", "Ombudsman")
OUTCOMES = ("Upheld", "Partly upheld", "Not upheld")


def corporate_plan_measures() -> list[Indicator]:
    """The corporate plan's indicators (marked `headline` in the catalogue), in booklet order."""
    return [ind for ind in load_catalogue().values() if ind.headline and not ind.breakdown]


RAG_WORDS = {"Green": "meets the target", "Amber": "is close to the target", "Red": "misses the target"}


def year_comment(ind: Indicator, row, period: Period, why_no_last_year: str | None = None) -> str:
    """A short drafted comment: the year against last year (compared as the figures print), then against the
    target (words, not colour). `why_no_last_year` says why last year has no figure ('not in the data loaded')."""
    if row is None or missing(row.get("value")):
        return f"No result for {period.label}."
    unit, dec = ind.unit, ind.decimals
    value, before = row.get("value"), row.get("previous_value")
    if missing(before):
        why = f" ({why_no_last_year})" if why_no_last_year else ""
        text = f"{fmt_quantity(value, unit, dec)} in {period.label}; no figure for {period.previous.label}{why}"
    else:
        shown, shown_before = shown_value(value, unit, dec), shown_value(before, unit, dec)
        change = "up from" if shown > shown_before else "down from" if shown < shown_before else "the same as"
        text = (f"{fmt_quantity(value, unit, dec)}, {change} {fmt_quantity(before, unit, dec)} "
                f"in {period.previous.label}")
    words = RAG_WORDS.get(row.get("rag"))
    if words:
        text += f"; {words} of {fmt_quantity(row.get('target'), unit, dec)}"
    return text + "."


def why_no_figure(long: pd.DataFrame, ind: Indicator, period: Period) -> str | None:
    """Why the indicator has no headline figure for `period` ('not in the data loaded'); None when it has one."""
    why = why_no_figures(long, ind.id, ind.headline_basis, [period]).get(str(period))
    return None if why is None else why.removeprefix("n/a: ")


def corporate_plan_table(summary: pd.DataFrame, long: pd.DataFrame, inds: Iterable[Indicator], period: Period, *,
                         comments: dict[str, str] | None = None) -> HtmlFragment:
    """A row per indicator: polarity, annual target, the year's result, direction of travel against last
    year, last year's result, the latest benchmark with its year, and a short comment."""
    comments = comments or {}
    last_year = period.previous
    body = []
    for ind in inds:
        rows = summary[summary["id"] == ind.id]
        row = None if rows.empty else rows.iloc[0]
        get = (lambda key, r=row: None if r is None else r.get(key))  # noqa: E731
        bench, year = get("benchmark_england"), get("benchmark_year")
        bench_text = BLANK if missing(bench) else f"{fmt(bench, ind.unit, ind.decimals)} (England, {esc(year)})"
        body.append(
            f'<tr><th scope="row">{esc(ind.title)}</th><td>{esc(POLARITY_WORDS[ind.polarity])}</td>'
            f'<td class="num">{fmt_quantity(get("target"), ind.unit, ind.decimals)}</td>'
            f'<td class="num">{fmt_quantity(get("value"), ind.unit, ind.decimals)}</td>'
            f"{dot_cell(get('direction'), get('direction_label'))}"
            f'<td class="num">{fmt_quantity(get("previous_value"), ind.unit, ind.decimals)}</td>'
            f"<td>{bench_text}</td><td>{esc(comments.get(ind.id, ''))}</td></tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in (
        "Indicator", "Polarity", f"Target {period.label}", f"Result {period.label}",
        "Direction of travel against last year", f"Result {last_year.label}", "Benchmark (year)", "Commentary"))
    return HtmlFragment(
        f'<div class="table-wrap"><table class="onapage-table corporate-plan"><caption>Corporate plan indicators, '
        f"{esc(period.label)}: the year's result against its target and last year</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _category_values(long: pd.DataFrame, indicator_id: str, period: Period) -> dict[str, dict]:
    rows = long_rows(long, indicator_id, "month", periods=[period], breakdown=True)
    return {str(r["category"]): r for r in rows.to_dict("records")}


def stages_table(long: pd.DataFrame, period: Period) -> HtmlFragment:
    """Complaints received at each stage, and responses within timescale (number of those due, and %)."""
    received = _category_values(long, "oe_complaints_by_stage", period)
    timely = _category_values(long, "oe_complaints_in_timescale_by_stage", period)
    stages = [*STAGES, *sorted(set(received) - set(STAGES))]
    body = []
    for stage in stages:
        r, t = received.get(stage, {}), timely.get(stage)
        in_time = BLANK if t is None else (
            f"{fmt(t.get('numerator'), 'count', 0)} of {fmt(t.get('denominator'), 'count', 0)} "
            f"({fmt(t.get('value'), 'percent', 0)})")
        body.append(f'<tr><th scope="row">{esc(stage)}</th><td class="num">{fmt(r.get("value", 0), "count", 0)}</td>'
                    f'<td class="num">{in_time}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Stage", "Complaints received", "Responses within timescale"))
    return HtmlFragment(
        f'<div class="table-wrap"><table class="onapage-table complaint-stages"><caption>Complaints by stage, '
        f"{esc(period.label)}: complaints received in the year, and responses sent in the year (some to complaints "
        "received the year before, so a stage can have more responses than complaints received)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def outcomes_table(long: pd.DataFrame, period: Period) -> HtmlFragment:
    """Complaints concluded in the year by stage and outcome: number and percentage of the stage's."""
    return grades_table(long, "oe_complaint_outcomes_by_stage", period, row_heading="Stage",
                        title="Complaint outcomes by stage (complaints concluded in the year)", columns=OUTCOMES,
                        row_order=STAGES)


def five_year_trend(long: pd.DataFrame, period: Period) -> HtmlFragment:
    """Complaints received by stage in each of the last five years."""
    return heat_table(long, "oe_complaints_by_stage", period, months=5, row_heading="Stage",
                      title=indicator("oe_complaints_by_stage").title)


def page_corporate_plan(page) -> HtmlFragment:
    """The corporate plan table for a page, each row with a comment drafted from its figures."""
    inds = corporate_plan_measures()
    comments = {ind.id: year_comment(ind, page.summary.loc[ind.id] if ind.id in page.summary.index else None,
                                     page.period, why_no_figure(page.long, ind, page.period.previous)) for ind in inds}
    return corporate_plan_table(page.summary.reset_index(drop=True), page.long, inds, page.period, comments=comments)
