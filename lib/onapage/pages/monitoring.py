"""The monthly monitoring report's tables: a front scorecard over its service areas, then one table per
service area with the last six months, last year's outturn, the year to date, target and traffic light.

Figures come from the saved results like every page's; nothing is computed here but which saved figure
goes in which column:
- a month column shows the month's own figure (in-month and cumulative measures) or the headline
  figure at that month's end (snapshots, rolling twelve months);
- "year to date" is the year-to-date figure where the measure has one, else the headline figure now
  (a snapshot's year to date is where it stands);
- last year's outturn is the same figure at the end of the last complete financial year (March).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from onapage.indicators.catalogue import Indicator, in_section, sections
from onapage.indicators.summary import month_basis
from onapage.pages.html import HtmlFragment, esc, fmt, headline_cells, hidden, notes_list
from onapage.pages.tables import dot_cell, rag_cell, value_cell
from onapage.periods import Period

MONTHS_SHOWN = 6


def last_outturn(period: Period) -> Period:
    """The last month of the last complete financial year before `period`'s (April to March)."""
    return period.previous_year_end


def outturn_label(period: Period) -> str:
    """'2025/26' for October 2026: the financial year that ended before the period's."""
    return last_outturn(period).financial_year_label


def ytd_basis(ind: Indicator) -> str:
    """The basis the year-to-date and outturn columns show."""
    return "ytd" if "ytd" in ind.bases else ind.headline_basis


def monitored(section: str) -> list[Indicator]:
    """A service area's measures, in catalogue order: every headline figure (not breakdowns)."""
    return [ind for ind in in_section(section) if not ind.breakdown]


def _rag_cell(row, ind: Indicator) -> str:
    """The traffic light, saying which figure it judges (the month, the year to date, ...)."""
    if row is None:
        return rag_cell(None)
    return rag_cell(row.get("rag"), row.get("rag_symbol"), ind.headline_basis)


def _measure_cell(ind: Indicator) -> str:
    mark = f'<span aria-hidden="true">★ </span>{hidden("Corporate plan measure: ")}' if ind.headline else ""
    return f'<th scope="row">{mark}{esc(ind.title)}</th>'


def _summary(summary: pd.DataFrame, ind: Indicator):
    rows = summary[summary["id"] == ind.id]
    return None if rows.empty else rows.iloc[0]


def _target_cell(row, ind: Indicator) -> str:
    value = None if row is None else row.get("target")
    return f'<td class="num">{esc(fmt(value, ind.unit, ind.decimals))}</td>'


def scorecard_table(summary: pd.DataFrame, long: pd.DataFrame, areas: Iterable[tuple[str, str, list[Indicator]]],
                    period: Period) -> HtmlFragment:
    """The front scorecard: each service area's measures (`areas`: section, title, indicators) with this
    month, direction, year to date, target and traffic light, grouped under the area's title (a link to
    its table)."""
    body, notes = [], []
    for section, title, inds in areas:
        if not inds:
            continue
        body.append(
            f'<tr class="group"><th scope="rowgroup" colspan="6"><a href="#section-{esc(section)}">'
            f"{esc(title)}</a></th></tr>"
        )
        for ind in inds:
            row = _summary(summary, ind)
            month = headline_cells(long, ind.id, month_basis(ind), [period])[str(period)]
            ytd = headline_cells(long, ind.id, ytd_basis(ind), [period])[str(period)]
            body.append(
                f"<tr>{_measure_cell(ind)}{value_cell(month, ind.unit, ind.decimals, notes)}"
                f"{dot_cell(*(None, None) if row is None else (row.get('direction'), row.get('direction_label')))}"
                f"{value_cell(ytd, ind.unit, ind.decimals, notes)}{_target_cell(row, ind)}"
                f"{_rag_cell(row, ind)}</tr>"
            )
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("Measure", "This month", "Direction", f"{period.financial_year_label} year to date", "Target",
                  "Traffic light")
    )
    caption = f"Monitoring scorecard, {period.label}. ★ marks corporate plan measures."
    return HtmlFragment(
        f'<div class="table-wrap"><table class="onapage-table scorecard monitoring-scorecard">'
        f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"</table>{notes_list(notes)}</div>"
    )


def area_table(summary: pd.DataFrame, long: pd.DataFrame, inds: Iterable[Indicator], period: Period, *,
               title: str, months: int = MONTHS_SHOWN) -> HtmlFragment:
    """A service area's table: last year's outturn, the last `months` months (oldest first), year to
    date, target and traffic light, one row per measure."""
    shown = period.trend(months)
    outturn = last_outturn(period)
    body, notes = [], []
    for ind in inds:
        row = _summary(summary, ind)
        by_month = headline_cells(long, ind.id, month_basis(ind), shown)
        ytd = headline_cells(long, ind.id, ytd_basis(ind), [period, outturn])
        cells = [value_cell(ytd[str(outturn)], ind.unit, ind.decimals, notes)]
        cells += [value_cell(by_month[str(p)], ind.unit, ind.decimals, notes) for p in shown]
        cells += [value_cell(ytd[str(period)], ind.unit, ind.decimals, notes), _target_cell(row, ind)]
        cells.append(_rag_cell(row, ind))
        body.append(f"<tr>{_measure_cell(ind)}{''.join(cells)}</tr>")
    head = ['<th scope="col">Measure</th>', f'<th scope="col">{esc(outturn_label(period))} outturn</th>']
    head += [f'<th scope="col" class="month"><span aria-hidden="true">{esc(p.short_label)}</span>'
             f"{hidden(esc(p.label))}</th>" for p in shown]
    head += [f'<th scope="col">{esc(period.financial_year_label)} year to date</th>', '<th scope="col">Target</th>',
             '<th scope="col">Traffic light</th>']
    caption = f"{title}: the last {months} months, {period.label}"
    return HtmlFragment(
        f'<div class="table-wrap"><table class="onapage-table monitoring-table"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table>{notes_list(notes)}</div>"
    )


def page_scorecard(page, product: str = "monitoring") -> HtmlFragment:
    """The front scorecard of `product`'s service areas, for a page (what the notebook calls)."""
    from onapage.config import load_booklet

    titles = sections()
    areas = [(s, titles[s], monitored(s)) for s in load_booklet().product(product).sections if s in titles]
    return scorecard_table(page.summary, page.long, areas, page.period)


def page_area_table(page) -> HtmlFragment:
    """The page's own service area's table (what the notebook calls)."""
    return area_table(page.summary, page.long, monitored(page.section), page.period, title=sections()[page.section])
