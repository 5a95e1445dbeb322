"""Whole-booklet tables: the front scorecard and the improvement-plan dashboard."""

from __future__ import annotations

import pandas as pd

from onapage import store
from onapage.config import Settings, load_booklet
from onapage.indicators.catalogue import SECTIONS, load_catalogue
from onapage.indicators.judgements import direction
from onapage.pages.html import HtmlFragment, caveat_note, esc, fmt, footnote_cell, hidden, notes_list
from onapage.pages.tables import dot_html, rag_cell
from onapage.periods import Period

_POLARITY = {"Bigger is better": "bigger_is_better", "Smaller is better": "smaller_is_better", "Monitor": "monitor"}


def _on_scorecard(row: pd.Series, headline: bool) -> bool:
    return headline or not pd.isna(row["target"])


def scorecard_table(summary: pd.DataFrame, period: Period) -> HtmlFragment:
    """Every headline or targeted measure, in booklet order, with this month, DoT, YTD, target and RAG."""
    catalogue = load_catalogue()
    order = [s for s in load_booklet().product().sections if s in SECTIONS]
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
            f"{esc(SECTIONS[section])}</a></th></tr>"
        )
        for r in rows:
            ind = catalogue[r["id"]]
            mark = f'<span aria-hidden="true">★ </span>{hidden("Corporate plan measure: ")}' if ind.headline else ""
            month, ytd = (_figure(r, key, ind, notes) for key in ("value", "ytd_value"))
            body.append(
                f'<tr><th scope="row">{mark}{esc(ind.title)}</th>'
                f"{month}"
                f'<td class="dot">{dot_html(r["direction"], r["direction_label"])}</td>'
                f"{ytd}"
                f'<td class="num">{fmt(r["target"], ind.unit, ind.decimals)}</td>'
                f"{rag_cell(r['rag'], r['rag_symbol'])}"
                f'<td class="num">{fmt(r["benchmark_sn_mean"], ind.unit, ind.decimals)}</td></tr>'
            )
    head = (
        "<tr><th scope='col'>Measure</th><th scope='col'>This month</th><th scope='col'>Direction</th>"
        "<th scope='col'>Year to date</th><th scope='col'>Target</th><th scope='col'>RAG</th>"
        "<th scope='col'>Stat. neighbours</th></tr>"
    )
    caption = f"Scorecard, {period.label}. ★ marks corporate plan measures."
    return HtmlFragment(
        f'<table class="onapage-table scorecard"><caption>{esc(caption)}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>{notes_list(notes)}"
    )


def _figure(row: pd.Series, key: str, ind, notes: list[str]) -> str:
    """A scorecard figure; one the data-quality gate warned of carries a marker and a numbered note."""
    text = fmt(row[key], ind.unit, ind.decimals)
    if row.get("status") == "caveat" and not pd.isna(row[key]):
        return footnote_cell(text, caveat_note(row.get("message")), notes, css="num caveat")
    return f'<td class="num">{text}</td>'


def improvement_plan_rows(settings: Settings, period: Period) -> pd.DataFrame:
    """Each plan measure's latest and previous month values, with its theme, target and inspection baseline."""
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


def improvement_plan_table(settings: Settings, period: Period) -> HtmlFragment:
    rows = improvement_plan_rows(settings, period)
    if rows.empty:
        return HtmlFragment('<p class="na">n/a: improvement_plan.csv not supplied</p>')
    body, theme = [], None
    for r in rows.itertuples():
        if r.theme != theme:
            theme = r.theme
            body.append(f'<tr class="group"><th scope="rowgroup" colspan="8">{esc(theme)}</th></tr>')
        polarity = _POLARITY.get(r.polarity, "monitor")
        dot = direction(r.latest, r.previous, polarity)
        change = None if pd.isna(r.latest) or pd.isna(r.previous) else r.latest - r.previous
        since = None if pd.isna(r.latest) or pd.isna(r.value_at_inspection) else r.latest - r.value_at_inspection
        cells = [fmt(v, "number") for v in (r.previous, r.latest, change, since, r.target)]
        body.append(
            f'<tr><td>{esc(r.plan_id)}</td><th scope="row">{esc(r.measure)}</th>'
            + "".join(f'<td class="num">{c}</td>' for c in cells)
            + f'<td class="dot">{dot_html(dot.arrow, dot.label) if dot else "-"}</td></tr>'
        )
    head = "".join(
        f"<th scope='col'>{h}</th>"
        for h in ("Plan ID", "Measure", "Previous", "Latest", "Change", "Change since inspection", "Target", "Rating")
    )
    return HtmlFragment(
        f'<table class="onapage-table improvement-plan"><caption>Improvement plan measures, '
        f"{esc(period.label)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        "</table>"
    )
