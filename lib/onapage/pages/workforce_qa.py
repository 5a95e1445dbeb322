"""The workforce and practice quality assurance report's tables, from the saved results:

- staffing by post type (permanent, agency, vacant and establishment FTE);
- a heat table of a breakdown over the months (caseloads or supervision by team): every cell prints its
  figure, and its shading only repeats it, so nothing is told by colour alone;
- audit gradings as counts and percentages in a grid (domain or team by grade);
- moderation: original grade against moderated grade, with how many were agreed, moved up or down.

Categories joined by the queries ('Social worker: Agency', 'MASH: Good', 'Good to Inadequate') are split
back here into rows and columns; every figure shown is one the run saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from onapage.indicators.catalogue import indicator
from onapage.indicators.summary import month_basis
from onapage.pages.html import (
    BLANK,
    HtmlFragment,
    esc,
    fmt,
    footnote_cell,
    hidden,
    long_rows,
    missing,
    notes_list,
    why_no_figures,
)
from onapage.pages.tables import RowGroups, arrange_teams, by_team, grouped_body, note_unlisted_teams
from onapage.periods import Period

GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate")
STAFFING = ("Permanent", "Agency", "Vacant", "Establishment")
STAFFING_HEADINGS = {"Establishment": "Total FTE (establishment)"}
MODERATION = ("Agreed", "Moderated up", "Moderated down")
# Light to mid blues: black text keeps a contrast of at least 7:1 on every one.
HEAT_SHADES = ("#f3f7fb", "#dbe8f4", "#bcd4ea", "#95bde0")


def _categories(long: pd.DataFrame, indicator_id: str, period: Period, basis: str) -> dict[str, dict]:
    rows = long_rows(long, indicator_id, basis, periods=[period], breakdown=True)
    return {str(r["category"]): r for r in rows.to_dict("records")}


def _split(category: str, sep: str) -> tuple[str, str]:
    row, _, column = category.rpartition(sep)
    return row, column


def _table(caption: str, head: Iterable[str], body: Iterable[str] | str, css: str,
           notes: list[str] | None = None) -> HtmlFragment:
    """`body`: the rows, or the `<tbody>` elements themselves (a by-team table's groups)."""
    head_html = "".join(f'<th scope="col">{h}</th>' for h in head)
    tbody = body if isinstance(body, str) else f"<tbody>{''.join(body)}</tbody>"
    return HtmlFragment(
        f'<div class="table-wrap"><table class="onapage-table {css}"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head_html}</tr></thead>{tbody}</table>{notes_list(notes or [])}</div>"
    )


def _rows(ind, found: Iterable[str], teams: Mapping[str, Sequence[str]] | None) -> RowGroups:
    """A heat or grades table's rows: A to Z, or for a breakdown by team, as the settings' `teams:` list them."""
    found = sorted(found)
    return arrange_teams(found, teams) if teams and by_team(ind) else RowGroups(((None, tuple(found)),))


def _when(period: Period, basis: str) -> str:
    if basis == "month" or period.kind == "year":
        return period.label
    return f"{period.financial_year_label} year to date (to {period.label})"


def _no_figures(what: str, period: Period) -> HtmlFragment:
    return HtmlFragment(f'<p class="na">No figures for {esc(what)} in {esc(period.label)}.</p>')


def staffing_table(long: pd.DataFrame, period: Period, indicator_id: str = "wf_fte_by_post_type") -> HtmlFragment:
    """Post types down, permanent, agency, vacant and establishment FTE across, and a total row."""
    cats = _categories(long, indicator_id, period, indicator(indicator_id).headline_basis)
    grid: dict[str, dict[str, float]] = {}
    for category, rec in cats.items():
        post, kind = _split(category, ": ")
        if kind in STAFFING and not missing(rec.get("value")):
            grid.setdefault(post, {})[kind] = float(rec["value"])
    if not grid:
        return _no_figures("staffing by post type", period)
    body = []
    for post in sorted(grid):
        cells = "".join(f'<td class="num">{fmt(grid[post].get(k), "count", 1)}</td>' for k in STAFFING)
        body.append(f'<tr><th scope="row">{esc(post)}</th>{cells}</tr>')
    totals = "".join(f'<td class="num">{fmt(sum(g.get(k, 0.0) for g in grid.values()), "count", 1)}</td>'
                     for k in STAFFING)
    body.append(f'<tr class="total"><th scope="row">Total</th>{totals}</tr>')
    head = ["Post type", *(STAFFING_HEADINGS.get(k, k) for k in STAFFING)]
    return _table(f"Posts by type (FTE), {period.end:%-d %B %Y}", head, body, "staffing-table")


def heat_band(value: float | None, low: float, high: float) -> int | None:
    """Which of the HEAT_SHADES a figure gets: its place between the table's lowest and highest figure."""
    if value is None or high <= low:
        return None if value is None else 0
    share = (value - low) / (high - low)
    return min(int(share * len(HEAT_SHADES)), len(HEAT_SHADES) - 1)


def heat_table(long: pd.DataFrame, indicator_id: str, period: Period, *, months: int = 6,
               title: str | None = None, row_heading: str = "Team",
               teams: Mapping[str, Sequence[str]] | None = None) -> HtmlFragment:
    """A breakdown (teams) down and the last `months` months across, each cell its figure, shaded from the
    lowest to the highest figure in the table.

    Teams are in the order and groups of `teams` (the settings' `teams:`), a listed team with no figure
    showing '-'; teams the settings do not list follow, with a note. Without `teams`, A to Z."""
    ind = indicator(indicator_id)
    shown = period.trend(months)
    rows = long_rows(long, indicator_id, month_basis(ind), periods=shown, breakdown=True)
    if rows.empty:
        return _no_figures(ind.title.lower(), period)
    notes: list[str] = []
    found = set(rows["period"].astype(str))
    why = why_no_figures(long, indicator_id, month_basis(ind), [p for p in shown if str(p) not in found])
    values: dict[str, dict[str, float | None]] = {}
    for rec in rows.to_dict("records"):
        v = None if missing(rec.get("value")) else float(rec["value"])
        values.setdefault(str(rec["category"]), {})[str(rec["period"])] = v
    known = [v for by in values.values() for v in by.values() if v is not None]
    low, high = min(known, default=0.0), max(known, default=0.0)
    groups = _rows(ind, values, teams)
    body = {}
    for category in groups.order:
        cells = []
        for p in shown:
            v = values.get(category, {}).get(str(p))
            if str(p) in why:  # a period with no figures at all says why, in a note under the table
                cells.append(footnote_cell("n/a", why[str(p)], notes, css="num heat na"))
                continue
            band = heat_band(v, low, high)
            style = f' style="background:{HEAT_SHADES[band]};color:#0b0c0c"' if band is not None else ""
            text = esc(fmt(v, ind.unit, ind.decimals)) if v is not None else BLANK
            cells.append(f'<td class="num heat"{style}>{text}</td>')
        body[category] = f'<tr><th scope="row">{esc(category)}</th>{"".join(cells)}</tr>'
    head = [row_heading, *(f'<span aria-hidden="true">{esc(p.short_label)}</span>{hidden(esc(p.label))}'
                           for p in shown)]
    caption = (f"{title or ind.title}, the last {months} {period.kind}s. Each figure is printed; the shading, "
               "darker for higher figures, repeats it.")
    note_unlisted_teams(ind, groups, notes)
    return _table(caption, head, grouped_body(groups, body, 1 + len(shown)), "heat-table", notes)


def grades_table(long: pd.DataFrame, indicator_id: str, period: Period, *, basis: str = "month",
                 row_heading: str = "Domain", title: str | None = None,
                 columns: tuple[str, ...] = GRADES, row_order: tuple[str, ...] = (),
                 teams: Mapping[str, Sequence[str]] | None = None) -> HtmlFragment:
    """Gradings as a grid: rows (domain or team) down, each grade across as its count and percentage of
    the row, and the row's total.

    Gradings by team follow `teams` (the settings' `teams:`): their order and groups, a listed team with no
    audits showing 0, and teams the settings do not list after them, with a note."""
    cats = _categories(long, indicator_id, period, basis)
    grid: dict[str, dict[str, dict]] = {}
    for category, rec in cats.items():
        row, grade = _split(category, ": ")
        grid.setdefault(row, {})[grade] = rec
    if not grid:
        return _no_figures("audit gradings", period)
    ind = indicator(indicator_id)
    if teams and by_team(ind):
        groups = _rows(ind, grid, teams)
    else:
        groups = RowGroups(((None, (*(r for r in row_order if r in grid), *sorted(set(grid) - set(row_order)))),))
    body = {}
    for row in groups.order:
        cells, total = [], None if row in grid else 0
        for grade in columns:
            rec = grid.get(row, {}).get(grade)
            if rec is None:
                cells.append('<td class="num">0</td>')
                continue
            total = rec.get("denominator") if not missing(rec.get("denominator")) else total
            cells.append(f'<td class="num">{fmt(rec.get("numerator"), "count", 0)} '
                         f'({fmt(rec.get("value"), "percent", 0)})</td>')
        if total is None:  # every grading of the row is one outside the four grades
            total = next((r.get("denominator") for r in grid[row].values()), None)
        body[row] = (f'<tr><th scope="row">{esc(row)}</th>{"".join(cells)}'
                     f'<td class="num">{fmt(total, "count", 0)}</td></tr>')
    when = _when(period, basis)
    caption = f"{title or ind.title}, {when}: number (percentage of the row)"
    notes: list[str] = []
    note_unlisted_teams(ind, groups, notes)
    return _table(caption, [row_heading, *columns, "Total"], grouped_body(groups, body, len(columns) + 2),
                  "grades-table", notes)


def moderation_table(long: pd.DataFrame, period: Period, *, basis: str = "ytd") -> HtmlFragment:
    """Original grade down, moderated grade across (counts; the diagonal is agreement), then what
    moderation did as counts and percentages."""
    moved = _categories(long, "qa_moderated_grades", period, basis)
    if not moved:
        return _no_figures("moderated audits", period)
    counts: dict[tuple[str, str], float] = {}
    for category, rec in moved.items():
        original, moderated = _split(category, " to ")
        counts[(original, moderated)] = 0.0 if missing(rec.get("value")) else float(rec["value"])
    body = []
    for original in GRADES:
        cells = []
        for moderated in GRADES:
            n = counts.get((original, moderated), 0.0)
            same = hidden(" (agreed)") if original == moderated and n else ""
            cells.append(f'<td class="num{" agreed" if original == moderated else ""}">{fmt(n, "count", 0)}{same}</td>')
        body.append(f'<tr><th scope="row">{esc(original)}</th>{"".join(cells)}</tr>')
    when = _when(period, basis)
    grid = _table(f"Moderated audit gradings, {when}: original grade (rows) by moderated grade (columns)",
                  ["Original grade", *(f"Moderated to {g}" for g in GRADES)], body, "moderation-table")
    outcome = _categories(long, "qa_moderation_outcome", period, basis)
    items = "".join(
        f"<li>{esc(k)}: {fmt(outcome[k].get('numerator'), 'count', 0)} "
        f"({fmt(outcome[k].get('value'), 'percent', 0)})</li>"
        for k in MODERATION if k in outcome
    )
    return HtmlFragment(f'{grid.html}<ul class="moderation-outcome">{items}</ul>')
