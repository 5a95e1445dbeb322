"""The booklet's appendix on its data: what the store's history holds of each list and extract, and which
figures a later extract has revised since an earlier booklet showed them."""

from __future__ import annotations

import pandas as pd

from onapage import store
from onapage.config import Settings
from onapage.contract import load_contract
from onapage.indicators.catalogue import load_catalogue
from onapage.pages.html import HtmlFragment, basis_label, esc, fmt
from onapage.periods import Period
from onapage.store.history import coverage, extracts
from onapage.store.revisions import revisions


def _month_words(day, *, end: bool) -> str:
    """'April 2023' for a span starting on a month's first day or ending on its last; the day otherwise."""
    whole = (day + pd.Timedelta(days=1)).day == 1 if end else day.day == 1
    return f"{day:%B %Y}" if whole else f"{day.day} {day:%B %Y}"


def _span(spans) -> str:
    if not spans:
        return "no rows loaded"
    text = "; ".join(f"{_month_words(s.start, end=False)} to {_month_words(s.end, end=True)}" for s in spans)
    return text + (" (a gap between)" if len(spans) > 1 else "")


def history_table(settings: Settings) -> HtmlFragment:
    """Each list and extract the store holds: the days its extracts' windows cover and how many extracts
    built it. A figure outside a list's days is n/a, with the reason, on its page."""
    with store.connect(settings.store, read_only=True) as con:
        covered = coverage(con)
        loaded = extracts(con)
    counts = loaded[loaded["rows"] > 0].groupby("dataset").size() if len(loaded) else pd.Series(dtype=int)
    rows = []
    for dataset in load_contract().datasets.values():
        if dataset.key not in covered:
            continue
        cov = covered[dataset.key]
        # the columns a later edition of the template added: the measures reading them are n/a
        absent = ", ".join(dataset.columns[c].heading for c in sorted(cov.absent_columns)
                           if c in dataset.columns and dataset.columns[c].since)
        rows.append(f'<tr><th scope="row">{esc(dataset.label)}</th><td>{esc(_span(cov.spans))}</td>'
                    f'<td class="num">{int(counts.get(dataset.key, 0))}</td><td>{esc(absent) or "-"}</td></tr>')
    head = ("<tr><th scope='col'>List or extract</th><th scope='col'>Days the history covers</th>"
            "<th scope='col'>Extracts with rows</th><th scope='col'>Columns its edition of Annex A lacks</th></tr>")
    caption = ("What the store holds: each list's days, built up from every extract loaded (a figure needing "
               "days outside them is n/a, and says why)")
    return HtmlFragment(f'<table class="onapage-table history"><caption>{esc(caption)}</caption>'
                        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def revisions_table(long: pd.DataFrame, period: Period) -> HtmlFragment:
    """One row per measure a later extract has revised since an earlier booklet showed it: how many of this
    booklet's figures changed, and the largest change with both values. Each revised figure is also marked
    "revised from" where its page shows it."""
    revised = revisions(long)
    if revised.empty:
        return HtmlFragment('<p class="revisions-none">Revised figures: none. Every figure an earlier booklet '
                            "showed reads the same from this month's extract.</p>")
    catalogue = load_catalogue()
    revised = revised.assign(change=(revised["value"] - revised["revised_from"]).abs())
    rows = []
    for indicator_id, group in sorted(revised.groupby("indicator_id"), key=lambda g: list(catalogue).index(g[0])):
        ind, biggest = catalogue[indicator_id], group.sort_values(["change", "period"]).iloc[-1]
        shown = Period.parse(biggest["period"])
        where = f"{shown.short_label}, {basis_label(biggest['basis'], shown.kind)}"
        rows.append(f'<tr><th scope="row">{esc(ind.title)}</th><td class="num">{len(group)}</td>'
                    f"<td>{esc(where)}</td>"
                    f'<td class="num">{fmt(biggest["revised_from"], ind.unit, ind.decimals)}</td>'
                    f'<td class="num">{fmt(biggest["value"], ind.unit, ind.decimals)}</td></tr>')
    head = ("<tr><th scope='col'>Measure</th><th scope='col'>Figures revised</th>"
            "<th scope='col'>Largest revision</th><th scope='col'>As first shown</th><th scope='col'>Now</th></tr>")
    caption = (f"Revised figures, {period.label}: figures an earlier booklet showed that a later extract has "
               "changed (events recorded late, dates corrected); each is marked \"revised from\" on its page")
    return HtmlFragment(f'<table class="onapage-table revisions"><caption>{esc(caption)}</caption>'
                        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
