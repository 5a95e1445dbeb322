"""Page tables: the headline table, breakdown tables, the KPI box and the direction-of-travel legend.

Pure functions over the engine's LONG table and the SUMMARY table (one row per indicator);
each returns an `HtmlFragment` (`.html`, and `_repr_html_()` for a notebook cell).

Accessibility: every table has a caption and header cells with `scope`; RAG is shown as a
word and a symbol as well as a colour; a direction-of-travel arrow carries its meaning in a
visually-hidden label; a missing figure says 'n/a' with the reason in a numbered note.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from onapage.indicators.catalogue import Indicator, load_catalogue
from onapage.indicators.summary import month_basis
from onapage.pages.html import (
    BLANK,
    DOT_CLASSES,
    DOT_LEGEND,
    DOT_STYLES,
    RAG_CLASSES,
    RAG_STYLES,
    RAG_SYMBOLS,
    SHOWN,
    HtmlFragment,
    as_float,
    as_period,
    basis_heading,
    basis_label,
    caption_with_basis,
    caveat_note,
    esc,
    figure_tag,
    fmt,
    fmt_target,
    fmt_variance,
    footnote_cell,
    has_figure,
    headline_cells,
    hidden,
    long_rows,
    missing,
    month_heading,
    not_available_note,
    notes_list,
    unit_note,
    with_unit,
)
from onapage.periods import Period

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- indicators


def resolve_indicator(indicator: Indicator | str, indicators: Mapping[str, Indicator] | None = None) -> Indicator:
    """An Indicator from itself, a mapping given by the caller, or the catalogue."""
    if isinstance(indicator, Indicator):
        return indicator
    if indicators is not None and indicator in indicators:
        return indicators[indicator]
    catalogue = load_catalogue()
    if indicator in catalogue:
        return catalogue[indicator]
    raise KeyError(f"unknown indicator {indicator!r}")


def _summary_row(summary: pd.DataFrame, indicator_id: str) -> Mapping[str, Any] | None:
    """The indicator's summary row (by the `id` column, or the index when there is no such column)."""
    if "id" in summary.columns:
        rows = summary[summary["id"] == indicator_id]
    else:
        rows = summary.loc[[indicator_id]] if indicator_id in summary.index else summary.iloc[0:0]
    return rows.iloc[0].to_dict() if len(rows) else None




# --------------------------------------------------------------------------- cells

def value_cell(rec: Mapping[str, Any] | None, unit: str, decimals: int, notes: list[str]) -> str:
    """One figure from a long row: the value, '-' if the period has none, or 'n/a' with the reason.

    The figure carries its (indicator, period, basis) tag, so the booklet check can compare it with
    every other place the same figure is shown."""
    if rec is None:
        return f"<td>{BLANK}</td>"
    tag = figure_tag(rec["indicator_id"], rec["period"], rec["basis"])
    if not has_figure(rec.get("status")):
        return footnote_cell("n/a", not_available_note(rec.get("message"), rec.get("status")), notes, tag=tag)
    if missing(rec.get("value")):
        message = rec.get("message")
        if not missing(message) and str(message).strip():
            return footnote_cell(BLANK, f"{BLANK}: {str(message).strip()}", notes, css="blank", tag=tag)
        return f"<td{tag}>{BLANK}</td>"
    if rec.get("status") == "caveat":  # shown, with a marker and the gate's note below the table
        return footnote_cell(fmt(rec["value"], unit, decimals), caveat_note(rec.get("message")), notes,
                             css="caveat", tag=tag)
    return f"<td{tag}>{esc(fmt(rec['value'], unit, decimals))}</td>"


def rag_judges(basis: str | None, kind: str = "month") -> tuple[str | None, str | None]:
    """Which figure a RAG rates, beside the rating, in the words of the period: ('quarter', 'judged on the
    quarter'), ('YTD', 'judged on the year to date'), ('year end', 'judged at year end')."""
    if basis == "month" or (basis == "ytd" and kind == "year"):  # a year's year to date is the year
        return kind, f"judged on the {kind}"
    return {"ytd": ("YTD", "judged on the year to date"), "snapshot": (f"{kind} end", f"judged at {kind} end"),
            "rolling12": ("12 months", "judged on 12 months")}.get(basis, (None, None))


def rag_cell(rag: Any, symbol: Any = None, judged: str | None = None, kind: str = "month") -> str:
    """The rating, its symbol and word; `judged` (a basis) says which figure it rates, in the words of the
    period `kind` (month, quarter or year)."""
    if missing(rag) or rag not in RAG_CLASSES:
        return f'<td class="rag rag-none">{BLANK}</td>'
    symbol = RAG_SYMBOLS.get(rag) if missing(symbol) else symbol
    short, words = rag_judges(judged, kind)
    on = f' <span class="rag-basis">(<abbr title="{esc(words)}">{esc(short)}</abbr>)</span>' if short else ""
    return (f'<td class="rag {RAG_CLASSES[rag]}" style="{RAG_STYLES[rag]}">'
            f'<span aria-hidden="true">{esc(symbol)}</span> {esc(rag)}{on}</td>')


def dot_judgement(label: Any) -> str | None:
    """'positive upward change' -> 'positive'; 'no change' or 'upward change' (monitor) -> None."""
    if missing(label):
        return None
    first = str(label).split(" ", 1)[0]
    return first if first in ("positive", "negative") else None


def dot_html(arrow: Any, label: Any) -> str:
    """An arrow for the eye (hidden from screen readers) and its legend label for screen readers."""
    if missing(arrow):
        return BLANK
    judgement = dot_judgement(label)
    return (f'<span class="{DOT_CLASSES[judgement]}" style="{DOT_STYLES[judgement]}" title="{esc(label)}">'
            f'<span aria-hidden="true">{esc(arrow)}</span>{hidden(esc(label))}</span>')


def dot_cell(arrow: Any, label: Any) -> str:
    if missing(arrow):
        return f'<td class="dot dot-none">{BLANK}</td>'
    judgement = dot_judgement(label)
    return f'<td class="dot {DOT_CLASSES[judgement]}">{dot_html(arrow, label)}</td>'


# --------------------------------------------------------------------------- headline table

_BENCHMARKS = {
    "sn": ("benchmark_sn_mean", "SN", "Statistical neighbours' average"),
    "sn_median": ("benchmark_sn_median", "SN median", "Statistical neighbours' median"),
    "region": ("benchmark_region", "Region", "Region"),
    "england": ("benchmark_england", "England", "England"),
}


def headline_table(summary: pd.DataFrame, long: pd.DataFrame, ids: Iterable[str], period: Period | str, *,
                   caption: str, months: int = 3, benchmarks: Iterable[str] = ("sn", "england"),
                   indicators: Mapping[str, Indicator] | None = None) -> HtmlFragment:
    """The page's headline table: a row per indicator; YTD, this month and the months before, target,
    RAG, direction of travel, and the benchmark columns that have any figure.

    Month columns show the month's own figure for in-month and cumulative measures (the year to
    date is in its own column), else the headline figure (snapshot, rolling 12 months).
    """
    period = as_period(period)
    ids = list(ids)
    shown = [period.shift(-k) for k in range(months)]
    inds = [resolve_indicator(i, indicators) for i in ids]
    rows = [_summary_row(summary, i) for i in ids]
    with_ytd = any(ind.kind in ("in_month", "cumulative") for ind in inds)
    bench_cols = [key for key in benchmarks if key in _BENCHMARKS
                  and any(r is not None and i.unit != "count" and not missing(r.get(_BENCHMARKS[key][0]))
                          for i, r in zip(inds, rows, strict=True))]

    head = ['<th scope="col">Indicator</th>', f'<th scope="col">{period.kind.capitalize()} columns show</th>']
    if with_ytd:
        head.append(f'<th scope="col">{esc(basis_heading(period, "ytd"))}</th>')
    head += [f'<th scope="col" class="month"><span aria-hidden="true">{esc(p.short_label)}</span>'
             f"{hidden(esc(p.label))}</th>" for p in shown]
    head += ['<th scope="col">Target</th>', '<th scope="col"><abbr title="Red, amber or green rating">RAG</abbr></th>',
             '<th scope="col"><abbr title="Direction of travel">DoT</abbr></th>']
    for key in bench_cols:
        _, short, long_name = _BENCHMARKS[key]
        head.append(f'<th scope="col"><abbr title="{esc(long_name)}">{esc(short)}</abbr></th>'
                    if short != long_name else f'<th scope="col">{esc(short)}</th>')

    notes: list[str] = []
    years: set[str] = set()
    body = []
    for ind, row in zip(inds, rows, strict=True):
        unit, dec = ind.unit, ind.decimals
        cells = [f'<th scope="row">{esc(ind.title + unit_note(unit))}</th>',
                 f'<td class="basis">{esc(basis_label(month_basis(ind), period.kind))}</td>']
        if with_ytd:
            if "ytd" in ind.bases:
                ytd = headline_cells(long, ind.id, "ytd", [period])[str(period)]
                cells.append(value_cell(ytd, unit, dec, notes))
            else:
                cells.append(f"<td>{hidden('not applicable')}</td>")
        by_month = headline_cells(long, ind.id, month_basis(ind), shown)
        cells += [value_cell(by_month[str(p)], unit, dec, notes) for p in shown]
        if row is None:
            cells += [f"<td>{BLANK}</td>", rag_cell(None), dot_cell(None, None)]
            cells += [f"<td>{BLANK}</td>" for _ in bench_cols]
        else:
            target = row.get("target")
            cells.append(f"<td>{esc(fmt_target(target, row.get('tolerance'), unit, dec))}</td>")
            cells.append(rag_cell(row.get("rag"), row.get("rag_symbol"), ind.headline_basis, period.kind))
            cells.append(dot_cell(row.get("direction"), row.get("direction_label")))
            for n, key in enumerate(bench_cols):  # beside rates and percentages only, never a count
                value = row.get(_BENCHMARKS[key][0]) if unit != "count" else None
                year = row.get("benchmark_year")
                if not missing(value) and not missing(year):
                    years.add(str(year))
                if missing(value) and ind.benchmark_note and n == 0:  # why no DfE figure stands beside it
                    cells.append(footnote_cell(BLANK, ind.benchmark_note, notes, css="blank"))
                    continue
                title = f' title="{esc(year)}"' if not missing(year) and not missing(value) else ""
                cells.append(f"<td{title}>{esc(fmt(value, unit, dec))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")

    if bench_cols and years:
        notes.append(f"Benchmarks: latest published DfE figures ({', '.join(sorted(years))}).")
    table = (f'<table class="onapage-table headline-table"><caption>{esc(caption)}</caption>'
             f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return HtmlFragment(f'<div class="table-wrap">{table}{notes_list(notes)}</div>')


# --------------------------------------------------------------------------- breakdowns

_LAST = {"not recorded", "not known", "unknown", "not allocated", "unallocated", "missing", "other", "others",
         "blank", "none", "not stated", "not applicable", "n/a", "information not yet obtained", "refused"}
_KNOWN_ORDERS = [
    ["outstanding", "good", "requires improvement to be good", "requires improvement", "inadequate"],
    ["red", "amber", "green", "blue"],
    ["blue", "red", "amber", "green"],
    ["male", "female"],
]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_UNIT = re.compile(r"(?<=[\d\s+])(days?|d|weeks?|wks?|w|months?|mths?|m|years?|yrs?|yr|y)\b")
_SCALE = {"d": 1.0, "w": 7.0, "m": 30.44, "y": 365.25}
_BELOW = ("under", "<", "less than", "up to", "below", "fewer than")
_ABOVE = (">", "over", "more than", "greater than")


def _band_key(category: str) -> float | None:
    """A number to sort a band by: 'Under 1' < '1 to 5' < '16+'; '<3M' < '3 to 6 months' < '1 to 2 years'."""
    text = category.strip().lower()
    if text == "unborn":
        return -1.0
    numbers = _NUMBER.findall(text)
    if not numbers:
        return None
    unit = _UNIT.search(text)
    scale = _SCALE[unit.group(1)[0]] if unit else 1.0
    key = float(numbers[0]) * scale
    if text.startswith(_BELOW):
        key -= 0.5
    elif text.startswith(_ABOVE) or re.search(r"\+|or more|and over|or over|plus", text):
        key += 0.5
    return key


def is_last_category(category: str) -> bool:
    return category.strip().lower() in _LAST


def order_categories(categories: Iterable[str], counts: Mapping[str, float] | None = None) -> list[str]:
    """Bands in their natural order ('0-25 days', '26-40 days'...; 'Under 1', '1 to 5'...), known
    scales in theirs (Ofsted grades, RAG), anything else by this month's count, largest first;
    'Not recorded', 'Unknown', 'Other' and the like always last."""
    cats = list(dict.fromkeys(str(c) for c in categories))
    tail = sorted((c for c in cats if is_last_category(c)), key=str.lower)
    body = [c for c in cats if not is_last_category(c)]
    keys = {c: _band_key(c) for c in body}
    if body and all(k is not None for k in keys.values()):
        body.sort(key=lambda c: (keys[c], c.lower()))
        return body + tail
    lowered = {c.lower() for c in body}
    for order in _KNOWN_ORDERS:
        if body and lowered <= set(order):
            body.sort(key=lambda c: order.index(c.lower()))
            return body + tail
    counts = counts or {}
    body.sort(key=lambda c: (-(as_float(counts.get(c)) or 0.0), c.lower()))
    return body + tail


# --------------------------------------------------------------------------- teams

UNLISTED_TEAMS = "Other teams (not in the settings)"


@dataclass(frozen=True)
class RowGroups:
    """A table's rows in display order, in groups: (heading, or None for none, and the group's rows).
    `unlisted` names the teams in the data that the settings' `teams:` do not list."""

    groups: tuple[tuple[str | None, tuple[str, ...]], ...]
    unlisted: tuple[str, ...] = ()

    @property
    def order(self) -> list[str]:
        return [row for _, rows in self.groups for row in rows]

    def note(self) -> str | None:
        if not self.unlisted:
            return None
        return f"Not in the settings' teams, so shown after the teams they list: {', '.join(self.unlisted)}."


def by_team(ind: Indicator) -> bool:
    """Whether the indicator's rows are teams ('team'; 'team_grade' for a team's gradings)."""
    return (ind.breakdown or "").split("_", 1)[0] == "team"


def group_heading(group: str) -> str:
    """A group of teams as the settings name it, as a heading: 'children_in_care' -> 'Children in care'."""
    words = str(group).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def arrange_teams(categories: Iterable[str], teams: Mapping[str, Sequence[str]] | None,
                  counts: Mapping[str, float] | None = None) -> RowGroups:
    """A by-team table's rows, in the settings' order and groups.

    A group is shown, with every team it lists, when at least one of its teams is in the data (a team
    listed but without figures shows as the table shows a category with none); the teams the settings do
    not list follow, in the order `order_categories` gives them, never dropped; 'Not recorded',
    'Unallocated' and the like come last, as ever. With no teams in the settings: `order_categories`."""
    cats = list(dict.fromkeys(str(c) for c in categories))
    if not teams:
        return RowGroups(((None, tuple(order_categories(cats, counts))),))
    present = set(cats)
    listed = {name for names in teams.values() for name in names}
    groups: list[tuple[str | None, tuple[str, ...]]] = [
        (group_heading(group), tuple(names)) for group, names in teams.items() if present & set(names)
    ]
    rest = order_categories([c for c in cats if c not in listed], counts)
    unlisted = tuple(c for c in rest if not is_last_category(c))
    tail = tuple(c for c in rest if is_last_category(c))
    if unlisted:
        groups.append((UNLISTED_TEAMS, unlisted))
    if tail:
        groups.append((None, tail))
    return RowGroups(tuple(groups), unlisted)


def note_unlisted_teams(ind: Indicator, rows: RowGroups, notes: list[str]) -> None:
    """Say once, below the table and in the log, which teams in the data the settings do not list."""
    note = rows.note()
    if note and note not in notes:
        log.warning("%s: teams in the data but not in the settings' teams: %s; shown after the listed teams",
                    ind.id, ", ".join(rows.unlisted))
        notes.append(note)


def grouped_body(groups: RowGroups, row_html: Mapping[str, str], columns: int) -> str:
    """The table's body: a `<tbody>` per group, headed by the group's name when it has one."""
    out = []
    for heading, rows in groups.groups:
        head = (f'<tr class="row-group"><th scope="rowgroup" colspan="{columns}">{esc(heading)}</th></tr>'
                if heading else "")
        out.append(f"<tbody>{head}{''.join(row_html[r] for r in rows)}</tbody>")
    return "".join(out)


def breakdown_mode(ind: Indicator, rows: pd.DataFrame) -> str:
    """How a breakdown's figures read:

    - 'count': a count per category (value only) -> No. and its share of the total;
    - 'share': a percentage of one total (numerator per category, the same denominator, adding
      up to it) -> No. = numerator, % = value;
    - 'rate': a percentage within each category (visits in time by team) -> No., Of, %;
    - 'value': anything else (an average per team) -> the value.
    """
    ok = rows[rows["status"].isin(SHOWN)] if "status" in rows else rows
    num = pd.to_numeric(ok["numerator"], errors="coerce") if "numerator" in ok else pd.Series(dtype=float)
    den = pd.to_numeric(ok["denominator"], errors="coerce") if "denominator" in ok else pd.Series(dtype=float)
    if ind.unit == "count" and (num.isna().all() or num.empty):
        return "count"
    if ind.unit == "percent" and not num.isna().all() and not den.isna().all():
        for _, group in ok.assign(_n=num, _d=den).groupby(["period", "basis"]):
            dens = group["_d"].dropna().unique()
            if len(dens) != 1 or not math.isclose(float(group["_n"].sum()), float(dens[0]), abs_tol=1e-6):
                return "rate"
        return "share"
    if ind.unit == "count":
        return "count"
    return "value"


def category_words(ind: Indicator):
    """Category -> what the reader sees: for a breakdown by a code list (the catalogue's `codes`), the code's
    description from the input contract ('U' -> 'Independent living'); any other category as it is."""
    if not ind.codes:
        return lambda category: category
    from onapage.contract import load_contract

    described = {code: values[0] for code, values in load_contract().code_list(ind.codes).items()}
    return lambda category: described.get(category, category)


def breakdown_frame(long: pd.DataFrame, indicator: Indicator | str, period: Period | str, *, months: int = 3,
                    basis: str | None = None, indicators: Mapping[str, Indicator] | None = None,
                    teams: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """The breakdown's figures as a tidy frame: period, category, number, of, percent, value, in
    display order (used by the table and the chart). A breakdown by team follows `teams` (the settings'
    `teams:`), as `arrange_teams` does; `attrs['groups']` holds the groups."""
    ind = resolve_indicator(indicator, indicators)
    period = as_period(period)
    basis = basis or ind.headline_basis
    shown = [period.shift(-k) for k in range(months)]
    rows = long_rows(long, ind.id, basis, periods=shown, breakdown=True)
    mode = breakdown_mode(ind, rows)
    words = category_words(ind)
    out = []
    for p in shown:
        here = rows[(rows["period"].astype(str) == str(p)) & rows["status"].isin(SHOWN)]
        total = pd.to_numeric(here["value"], errors="coerce").sum() if mode == "count" else None
        for rec in here.to_dict("records"):
            value, num, den = as_float(rec["value"]), as_float(rec.get("numerator")), as_float(rec.get("denominator"))
            if mode == "count":
                number, share = value, (value / total * 100 if value is not None and total else None)
            elif mode in ("share", "rate"):
                number, share = num, value
            else:
                number, share = num, None
            out.append({"period": str(p), "category": words(str(rec["category"])), "number": number, "of": den,
                        "percent": share, "value": value})
    frame = pd.DataFrame(out, columns=["period", "category", "number", "of", "percent", "value"])
    this_month = frame[frame["period"] == str(period)]
    counts = dict(zip(this_month["category"], this_month["number"].fillna(this_month["value"]), strict=True))
    groups = arrange_teams(frame["category"], teams if by_team(ind) else None, counts)
    order = groups.order
    frame["category"] = pd.Categorical(frame["category"], categories=order, ordered=True)
    frame = frame.sort_values(["category", "period"], ascending=[True, False]).reset_index(drop=True)
    frame.attrs.update(mode=mode, order=order, basis=basis, groups=groups)
    return frame


def breakdown_table(long: pd.DataFrame, indicator: Indicator | str, period: Period | str, *, months: int = 3,
                    caption: str | None = None, basis: str | None = None,
                    indicators: Mapping[str, Indicator] | None = None,
                    teams: Mapping[str, Sequence[str]] | None = None) -> HtmlFragment:
    """This month in full, then the months before by their one telling figure, as the seeds lay it out
    ('Mar | % | Feb | Jan'): a row per category and a total row.

    No. is the numerator (or the count), % the value (or the count's share of the total); for
    a percentage within each category (visits in time by team) an 'Of' column gives the base. An
    earlier month shows the count (No.) where the table counts, else the percentage or value.

    A breakdown by team lists the teams as `teams` (the settings' `teams:`) orders and groups them, each
    group under its heading; a listed team with no cases shows 0 (or '-' where the table has no count),
    and teams the settings do not list follow, with a note saying so.
    """
    ind = resolve_indicator(indicator, indicators)
    period = as_period(period)
    basis = basis or ind.headline_basis
    shown = [period.shift(-k) for k in range(months)]
    frame = breakdown_frame(long, ind, period, months=months, basis=basis, indicators=indicators, teams=teams)
    mode, order = frame.attrs["mode"], frame.attrs["order"]
    caption = caption_with_basis(caption or f"{ind.title}, {period.label}", basis, period.kind)
    full = {"count": [("number", "No."), ("percent", "%")], "share": [("number", "No."), ("percent", "%")],
            "rate": [("number", "No."), ("of", "Of"), ("percent", "%")], "value": [("value", "Value")]}[mode]
    telling = [full[0]] if mode in ("count", "share") else [full[-1]]
    columns_of = {str(p): full if k == 0 else telling for k, p in enumerate(shown)}
    unit_of = {"number": "count", "of": "count", "percent": "percent", "value": ind.unit}

    # the status of each month: placeholder rows (not supplied, failed) carry no category
    state: dict[str, str | None] = {}
    for p in shown:
        recs = long_rows(long, ind.id, basis, periods=[p]).to_dict("records")
        bad = [r for r in recs if not has_figure(r.get("status"))]
        state[str(p)] = not_available_note(bad[0].get("message"), bad[0].get("status")) if bad else (
            None if recs else "")

    notes: list[str] = []
    cols = "".join(f'<colgroup span="{len(columns_of[str(p)])}"></colgroup>' for p in shown)
    top = "".join(f'<th scope="colgroup" colspan="{len(columns_of[str(p)])}">{esc(month_heading(p, basis))}'
                  f'{hidden(" (" + esc(p.label) + ")")}</th>' for p in shown)
    sub = "".join(f'<th scope="col">{esc(label)}</th>' for p in shown for _, label in columns_of[str(p)])
    category_head = esc(ind.breakdown.replace("_", " ").capitalize()) if ind.breakdown else "Category"

    def cells_for(p: Period, rec: Mapping[str, Any] | None, total: bool = False) -> str:
        note, columns = state[str(p)], columns_of[str(p)]
        if note:  # the month could not be computed
            return "".join(footnote_cell("n/a", note, notes) for _ in columns)
        if note == "":  # nothing for the month at all
            return "".join(f"<td>{BLANK}</td>" for _ in columns)
        out = []
        for key, _ in columns:
            value = None if rec is None else rec.get(key)
            if rec is None and not total and mode in ("count", "share") and key in ("number", "percent"):
                value = 0.0  # the query lists only categories with cases: absent means none
            decimals = ind.decimals if key in ("percent", "value") else 0
            out.append(f"<td>{esc(fmt(value, unit_of[key], decimals))}</td>")
        return "".join(out)

    body = {}
    for category in order:
        cells = [f'<th scope="row">{esc(category)}</th>']
        for p in shown:
            match = frame[(frame["period"] == str(p)) & (frame["category"] == category)]
            cells.append(cells_for(p, match.iloc[0].to_dict() if len(match) else None))
        body[category] = f"<tr>{''.join(cells)}</tr>"
    groups = frame.attrs["groups"]
    tbody = grouped_body(groups, body, 1 + sum(len(columns_of[str(p)]) for p in shown))

    totals = ['<th scope="row">Total</th>']
    for p in shown:
        here = frame[frame["period"] == str(p)]
        rec: dict[str, Any] | None = None
        if len(here):
            number = here["number"].sum(min_count=1)
            of = here["of"].sum(min_count=1)
            if mode in ("count", "share"):
                rec = {"number": number, "percent": 100.0 if not missing(number) and number else None}
            elif mode == "rate":
                rec = {"number": number, "of": of,
                       "percent": number / of * 100 if not missing(of) and of else None}
            else:
                rec = {"value": number / of if not missing(of) and of and not missing(number) else None}
        totals.append(cells_for(p, rec, total=True))
    tfoot = f'<tfoot><tr class="total">{"".join(totals)}</tr></tfoot>'
    note_unlisted_teams(ind, groups, notes)

    table = (f'<table class="onapage-table breakdown-table"><caption>{esc(caption)}</caption>'
             f'<colgroup></colgroup>{cols}<thead><tr><td></td>{top}</tr>'
             f'<tr><th scope="col">{category_head}</th>{sub}</tr></thead>'
             f"{tbody}{tfoot}</table>")
    return HtmlFragment(f'<div class="table-wrap">{table}{notes_list(notes)}</div>')


# --------------------------------------------------------------------------- KPI box and legend

def kpi_box(summary_row: Mapping[str, Any] | pd.Series, indicator: Indicator) -> HtmlFragment:
    """The seeds' box beside a chart: Target | Latest | Variance | SN.

    Variance = the gap from target as a share of it, positive when better and in brackets when worse
    (`judgements.variance`); monitor indicators (and
    any without a target) show '-' for target and variance.
    """
    row = dict(summary_row)
    unit, dec = indicator.unit, indicator.decimals
    monitor = indicator.polarity == "monitor" or missing(row.get("target"))
    target = BLANK if monitor else with_unit(fmt_target(row.get("target"), row.get("tolerance"), unit, dec), unit)
    variance = BLANK if monitor else fmt_variance(row.get("variance"))
    status = row.get("status")
    tag = figure_tag(indicator.id, row["period"], indicator.headline_basis) if not missing(row.get("period")) else ""
    if not missing(status) and not has_figure(status):
        note = not_available_note(row.get("message"), status)
        latest = f'<span title="{esc(note)}"{tag}>n/a</span>{hidden(" (" + esc(note) + ")")}'
    elif status == "caveat":
        note = caveat_note(row.get("message"))
        latest = (f'<span title="{esc(note)}"{tag}>{esc(fmt(row.get("value"), unit, dec))}</span>'
                  f'<sup class="caveat-mark" aria-hidden="true">!</sup>{hidden(" (" + esc(note) + ")")}')
    else:
        shown = fmt(row.get("value"), unit, dec)
        latest = f'<span{tag}>{esc(shown)}</span>{esc(with_unit(shown, unit).removeprefix(shown))}'
    # statistical neighbours are compared with rates and percentages only, never with a count
    sn = fmt(row.get("benchmark_sn_mean") if unit != "count" else None, unit, dec)
    year = row.get("benchmark_year")
    sn_html = esc(sn) + ("" if missing(year) or sn == BLANK else hidden(f" ({esc(year)})"))
    kind = as_period(row["period"]).kind if not missing(row.get("period")) else "month"
    latest_head = f"Latest ({esc(basis_label(indicator.headline_basis, kind))})"
    items = [("Target", esc(target)), (latest_head, latest), ("Variance", esc(variance)),
             ('<abbr title="Statistical neighbours\' average">SN</abbr>', sn_html)]
    inner = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
    return HtmlFragment(f'<dl class="kpi-box" aria-label="Key figures: {esc(indicator.title)}">{inner}</dl>')


def dot_legend() -> HtmlFragment:
    """The seeds' key to the arrows: the arrow shows up or down, the colour good or bad."""
    items = []
    for arrow, judgement, label in DOT_LEGEND:
        items.append(f'<li><span class="{DOT_CLASSES[judgement]}" style="{DOT_STYLES[judgement]}" aria-hidden="true">'
                     f"{arrow}</span> {esc(label)}</li>")
    return HtmlFragment(f'<ul class="dot-legend" aria-label="Direction of travel key">{"".join(items)}</ul>')


# What the arrow compares, by the kind of period a product is made for.
_COMPARED = {
    "month": "this month's figure with last month's, the two shown side by side in the month columns",
    "quarter": "the result with the previous outturn shown beside it (the previous quarter, or for a year-to-date "
               "measure the same quarter last year)",
    "year": "this year's result with last year's, shown beside it",
}


def reading_key(period_kind: str) -> HtmlFragment:
    """How to read every figure in the product, one rule each for direction, RAG, variance and changes: the key
    every product carries on its cover."""
    items = [
        ("Direction of travel (DoT)",
         f"The arrow compares {_COMPARED[period_kind]}: ↑ up, ↓ down, ↔ no change at the precision shown. Green "
         "and 'positive' mean the change is for the better for that measure, red and 'negative' for the worse; "
         "a measure monitored without a target shows the direction only."),
        ("RAG rating",
         "● Green meets the target. ▲ Amber misses it by no more than its tolerance, shown beside the target after "
         "±; for a percentage the tolerance is in percentage points. ■ Red misses it by more. The label under a "
         "rating says which figure it judges."),
        ("Variance",
         "How far the result is from its target, as a percentage of the target: positive when better than the "
         "target, in brackets when worse, whichever way the measure improves."),
        ("Changes in the comments",
         "A change between two percentages is given in percentage points; a change in a count under 20 is given "
         "in numbers (2 against 1 is '1 more'); any other change is relative, as a percentage of the earlier "
         "figure. Changes are worked out between the figures as shown, so a change too small to show is no "
         "change."),
    ]
    body = "".join(f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>" for term, text in items)
    return HtmlFragment(f'<section class="reading-key" aria-labelledby="reading-key-title">'
                        f'<h2 id="reading-key-title">How to read the figures</h2><dl>{body}</dl></section>')
