"""Whole-booklet tables: the front scorecard and the improvement-plan dashboard."""

from __future__ import annotations

import pandas as pd

from onapage import store
from onapage.config import Settings, load_booklet
from onapage.indicators.catalogue import load_catalogue, sections
from onapage.indicators.judgements import direction
from onapage.indicators.plan_links import plan_measures_from_catalogue
from onapage.indicators.summary import month_basis
from onapage.pages.html import (
    HtmlFragment,
    basis_heading,
    basis_label,
    caveat_note,
    esc,
    figure_tag,
    fmt,
    fmt_target,
    footnote_cell,
    half_up,
    has_figure,
    hidden,
    not_available_note,
    notes_list,
)
from onapage.pages.tables import dot_html, rag_cell, value_cell
from onapage.periods import Period

_POLARITY = {"Bigger is better": "bigger_is_better", "Smaller is better": "smaller_is_better", "Monitor": "monitor"}


def _on_scorecard(row: pd.Series, headline: bool) -> bool:
    return headline or not pd.isna(row["target"])


def scorecard_table(summary: pd.DataFrame, period: Period) -> HtmlFragment:
    """Every headline or targeted measure, in booklet order: the month's figure and the year to date in
    columns of their own (the same figures, tagged the same, as the section pages show), DoT, target,
    the RAG and which of the two it judges, and statistical neighbours beside rates and percentages."""
    catalogue = load_catalogue()
    titles = sections()
    order = [s for s in load_booklet().product().sections if s in titles]
    body: list[str] = []
    notes: list[str] = []  # data-quality caveats, numbered under the table
    for section in order:
        rows = [
            r
            for _, r in summary[summary["section"] == section].iterrows()
            if _on_scorecard(r, catalogue[r["id"]].headline)
        ]
        if not rows:
            continue
        body.append(
            f'<tr class="group"><th scope="rowgroup" colspan="7"><a href="#section-{section}">'
            f"{esc(titles[section])}</a></th></tr>"
        )
        for r in rows:
            ind = catalogue[r["id"]]
            mark = f'<span aria-hidden="true">★ </span>{hidden("Corporate plan measure: ")}' if ind.headline else ""
            month = _figure(r, "month_value", month_basis(ind), ind, notes)
            ytd = (_figure(r, "ytd_value", "ytd", ind, notes) if "ytd" in ind.bases
                   else f"<td>{hidden('not applicable')}</td>")
            sn = r["benchmark_sn_mean"] if ind.unit != "count" else None
            body.append(
                f'<tr><th scope="row">{mark}{esc(ind.title)}</th>'
                f"{month}"
                f'<td class="dot">{dot_html(r["direction"], r["direction_label"])}</td>'
                f"{ytd}"
                f'<td class="num">{fmt_target(r["target"], r["tolerance"], ind.unit, ind.decimals)}</td>'
                f"{rag_cell(r['rag'], r['rag_symbol'], ind.headline_basis)}"
                f'<td class="num">{fmt(sn, ind.unit, ind.decimals)}</td></tr>'
            )
    head = (
        f"<tr><th scope='col'>Measure</th><th scope='col'>{esc(period.short_label)}: month, or at month end"
        f"</th><th scope='col'>Direction</th><th scope='col'>{esc(basis_heading(period, 'ytd'))}</th>"
        "<th scope='col'>Target</th><th scope='col'>RAG (and the figure it judges)</th>"
        "<th scope='col'>Stat. neighbours (rates and percentages)</th></tr>"
    )
    caption = f"Scorecard, {period.label}. ★ marks corporate plan measures."
    return HtmlFragment(
        f'<table class="onapage-table scorecard"><caption>{esc(caption)}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>{notes_list(notes)}"
    )


def _figure(row: pd.Series, key: str, basis: str, ind, notes: list[str]) -> str:
    """A scorecard figure, tagged with its (indicator, period, basis); one the data-quality gate warned
    of carries a marker and a numbered note."""
    text = fmt(row[key], ind.unit, ind.decimals)
    tag = figure_tag(ind.id, row["period"], basis)
    if not has_figure(row.get("status")):
        return footnote_cell("n/a", not_available_note(row.get("message"), row.get("status")), notes, tag=tag)
    if row.get("status") == "caveat" and not pd.isna(row[key]):
        return footnote_cell(text, caveat_note(row.get("message")), notes, css="num caveat", tag=tag)
    return f'<td class="num"{tag}>{text}</td>'


def improvement_plan_rows(settings: Settings, period: Period) -> pd.DataFrame:
    """Each plan measure in the extract: its latest and previous month values, theme, target and inspection
    baseline."""
    query = """
        select theme, plan_id, measure, polarity, value_at_inspection, target,
               max(value) filter (where month between ? and ?) as latest,
               max(value) filter (where month between ? and ?) as previous
        from extract_improvement_plan
        group by all
        order by theme, plan_id
    """
    before = period.shift(-1)
    with store.connect(settings.store, read_only=True) as con:
        return con.execute(query, [period.start, period.end, before.start, before.end]).df()


def _extract_unit(measure: str) -> tuple[str, int]:
    """The unit an extract measure's name gives: '(%)' a percentage, '(number)' a count, else a figure."""
    text = str(measure).lower()
    if text.endswith("(%)"):
        return "percent", 1
    if text.endswith("(number)"):
        return "count", 0
    return "number", 1


def _as_shown(value, unit: str):
    """An extract figure as the plan counts it: a '(number)' measure counts people, so it is a whole number
    (an average of 13.7 newly qualified workers is 14), and its changes are between the whole numbers."""
    if unit != "count" or pd.isna(value):
        return value
    return float(half_up(value, 0))


def _plan_cell(value, unit: str, decimals: int, tag: str = "") -> str:
    return f'<td class="num"{tag}>{esc(fmt(value, unit, decimals))}</td>'


def _change_cell(value, unit: str, decimals: int) -> str:
    """A change: in percentage points for a percentage (never a '%' that reads as a relative change)."""
    if unit == "percent":
        text = fmt(value, "number", decimals)
        return f'<td class="num">{esc(text)}{"" if text == "-" else " pp"}</td>'
    return _plan_cell(value, unit, decimals)


def improvement_plan_table(settings: Settings, period: Period, summary: pd.DataFrame | None = None,
                           long: pd.DataFrame | None = None) -> HtmlFragment:
    """The plan dashboard. Measures the catalogue computes come from the saved results (the same figures,
    targets and direction as the section pages); the extract gives only the others, and the table says so."""
    from onapage.pages.html import headline_cells, row_value

    extract = improvement_plan_rows(settings, period)
    linked = plan_measures_from_catalogue() if summary is not None and long is not None else []
    by_plan = {m["plan_id"]: m for m in linked}
    baseline = dict(zip(extract["plan_id"].astype(str), extract["value_at_inspection"], strict=True))
    catalogue = load_catalogue()
    before = period.shift(-1)
    notes: list[str] = []  # why a figure is not available, numbered under the table
    rows: list[tuple[str, str, str]] = []  # theme, plan ID, row html
    for m in linked:
        ind = catalogue[m["indicator"]]
        srow = summary[summary["id"] == ind.id]
        if srow.empty:
            continue
        r = srow.iloc[0]
        basis = month_basis(ind)
        recs = headline_cells(long, ind.id, basis, [before, period])
        prev, latest = (row_value(recs[str(p)]) for p in (before, period))
        since = baseline.get(m["plan_id"])
        cells = [
            # shown as the section page shows them: the same cell for the same (indicator, period, basis)
            value_cell(recs[str(before)], ind.unit, ind.decimals, notes),
            value_cell(recs[str(period)], ind.unit, ind.decimals, notes),
            _change_cell(None if prev is None or latest is None else latest - prev, ind.unit, ind.decimals),
            _change_cell(None if since is None or pd.isna(since) or latest is None else latest - since,
                         ind.unit, ind.decimals),
            _plan_cell(r["target"], ind.unit, ind.decimals),
        ]
        rows.append((m["theme"], m["plan_id"],
                     f'<tr><td>{esc(m["plan_id"])}</td><th scope="row">{esc(ind.title)}</th>{"".join(cells)}'
                     f'<td class="dot">{dot_html(r["direction"], r["direction_label"])}</td>'
                     f'<td>catalogue ({esc(basis_label(basis, period.kind))})</td></tr>'))
    for r in extract.itertuples():
        if str(r.plan_id) in by_plan:
            continue  # the catalogue computes it
        unit, dec = _extract_unit(r.measure)
        latest, previous, baseline_value, target = (_as_shown(v, unit) for v in
                                                    (r.latest, r.previous, r.value_at_inspection, r.target))
        dot = direction(latest, previous, _POLARITY.get(r.polarity, "monitor"))
        change = None if pd.isna(latest) or pd.isna(previous) else latest - previous
        since = None if pd.isna(latest) or pd.isna(baseline_value) else latest - baseline_value
        cells = "".join([_plan_cell(previous, unit, dec), _plan_cell(latest, unit, dec),
                         _change_cell(change, unit, dec), _change_cell(since, unit, dec),
                         _plan_cell(target, unit, dec)])
        rows.append((r.theme, str(r.plan_id),
                     f'<tr><td>{esc(r.plan_id)}</td><th scope="row">{esc(r.measure)}</th>{cells}'
                     f'<td class="dot">{dot_html(dot.arrow, dot.label) if dot else "-"}</td>'
                     "<td>improvement plan extract</td></tr>"))
    if not rows:
        return HtmlFragment('<p class="na">n/a: improvement_plan.csv not supplied</p>')
    body, theme = [], None
    for row_theme, _, html in sorted(rows, key=lambda t: (t[0], t[1])):
        if row_theme != theme:
            theme = row_theme
            body.append(f'<tr class="group"><th scope="rowgroup" colspan="9">{esc(theme)}</th></tr>')
        body.append(html)
    head = "".join(
        f"<th scope='col'>{esc(h)}</th>"
        for h in ("Plan ID", "Measure", f"Previous ({before.short_label})", f"Latest ({period.short_label})",
                  "Change", "Change since inspection", "Target", "Rating", "Source")
    )
    note = ("" if not linked else
            f'<p class="table-note">Measures {", ".join(m["plan_id"] for m in linked)} are computed by the indicator '
            "catalogue, with its targets, as on their section pages; the improvement plan extract gives only the "
            "other measures, and each measure's value at inspection.</p>")
    return HtmlFragment(
        f'<table class="onapage-table improvement-plan"><caption>Improvement plan measures, '
        f"{esc(period.label)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"</table>{notes_list(notes)}{note}"
    )

