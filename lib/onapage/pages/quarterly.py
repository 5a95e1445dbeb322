"""The quarterly delivery-unit report's tables: corporate-plan indicators, RAG overview, commissioning
priorities, revenue and capital budget, the risk register and its 5x5 heat map.

Figures come from the period's saved results (the catalogue computed for the quarter); the registers
(risks, commissioning priorities) are read as supplied, from the store, as the improvement-plan table is.
RAG is never shown by colour alone: every rating carries its word and symbol, every heat-map cell its
count and score, and the heat map has a table alternative.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from onapage import store
from onapage.config import Settings
from onapage.indicators.catalogue import Indicator, indicator
from onapage.indicators.judgements import direction, rag
from onapage.pages.html import (
    BLANK,
    HtmlFragment,
    as_float,
    esc,
    fmt,
    fmt_quantity,
    fmt_target,
    fmt_variance,
    hidden,
    missing,
    with_unit,
)
from onapage.pages.tables import dot_html, rag_cell
from onapage.periods import Period

RATINGS = ("Red", "Amber", "Green")
LIKELIHOOD = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Critical"}


def risk_band(score: int) -> str:
    """A likelihood x impact score's rating: 15-25 Red (high), 8-12 Amber (medium), 1-6 Green (low)."""
    return "Red" if score >= 15 else "Amber" if score >= 8 else "Green"


# --------------------------------------------------------------------------- corporate plan


def period_covered(ind: Indicator, period: Period) -> str:
    """What the seeds call "Period covered": 'As at 30 Sep 2026', 'Jul 26 - Sep 26' (the quarter), 'Apr 26 - Sep 26'
    (the year to date), 'Oct 25 - Sep 26' (12 months), 'Oct 2026' (a month)."""
    basis = ind.headline_basis
    if basis == "snapshot":
        return f"As at {period.end:%-d %b %Y}"
    if basis == "ytd":
        start = period.financial_year_start
    elif basis == "rolling12":
        start = period.window_start(12)
    else:
        start = period.start
    if start == period.start and period.span == 1:
        return f"{period.end:%b %Y}"
    return f"{start:%b %y} - {period.end:%b %y}"


def previous_outturn(row: Mapping[str, Any], ind: Indicator) -> tuple[float | None, str]:
    """The previous quarter's result, or the same quarter last year for a cumulative (year-to-date)
    measure, whose figures only add up through the year (as the seeds' footnote says)."""
    if ind.kind == "cumulative":
        return as_float(row["same_month_last_year"]), "same period last year"
    return as_float(row["previous_value"]), "previous period"


def corporate_plan_rows(summary: pd.DataFrame, ids: Iterable[str], period: Period) -> list[dict]:
    """One row per corporate-plan indicator, every column of the seeds' table worked out."""
    rows = []
    by_id = summary.set_index("id", drop=False)
    for ind_id in ids:
        ind = indicator(ind_id)
        r = by_id.loc[ind_id]
        previous, basis_of_previous = previous_outturn(r, ind)
        moved = direction(as_float(r["value"]), previous, ind.polarity, decimals=ind.decimals)  # against what is shown
        bench = {key: r[f"benchmark_{key}"] for key in ("england", "region", "sn_mean")}
        rows.append({
            "id": ind.id, "title": ind.title, "unit": ind.unit, "decimals": ind.decimals,
            "period_covered": period_covered(ind, period), "previous": previous, "previous_basis": basis_of_previous,
            "target": as_float(r["target"]), "tolerance": as_float(r["tolerance"]),
            "numerator": as_float(r["numerator"]), "denominator": as_float(r["denominator"]),
            "result": as_float(r["value"]), "variance": as_float(r["variance"]),
            "rag": None if missing(r["rag"]) else r["rag"], "rag_symbol": r["rag_symbol"],
            "direction": moved.arrow if moved else None, "direction_label": moved.label if moved else None,
            "benchmarks": bench, "benchmark_year": None if missing(r["benchmark_year"]) else r["benchmark_year"],
        })
    return rows


def _benchmark_text(row: dict) -> str:
    parts = [f"{label} {fmt(row['benchmarks'][key], row['unit'], row['decimals'])}"
             for key, label in (("england", "England"), ("region", "Region"), ("sn_mean", "SN"))
             if not missing(row["benchmarks"][key])]
    if not parts:
        return esc(indicator(row["id"]).benchmark_note or "No DfE figure is set beside this measure.")
    year = f"<br>({esc(row['benchmark_year'])})" if row["benchmark_year"] else ""
    return "<br>".join(esc(p) for p in parts) + year


def corporate_plan_table(summary: pd.DataFrame, ids: Iterable[str], period: Period) -> HtmlFragment:
    rows = corporate_plan_rows(summary, ids, period)
    head = "".join(f"<th scope='col'>{h}</th>" for h in (
        "Indicator", "Period covered", "Previous outturn", "Target", "Numerator / denominator", "Result",
        "Variance from target (% of target)", "RAG", "Direction of travel", "Benchmarks (SN: statistical neighbours)"))
    body = []
    for r in rows:
        unit, dec = r["unit"], r["decimals"]
        target = with_unit(fmt_target(r["target"], r["tolerance"], unit, dec), unit) if r["target"] is not None \
            else "Monitor"
        nd = (f"{fmt(r['numerator'], 'count', 0)} / {fmt(r['denominator'], 'count', 0)}"
              if unit == "percent" and r["denominator"] is not None else "n/a")
        body.append(
            f'<tr><th scope="row">{esc(r["title"])}</th><td>{esc(r["period_covered"])}</td>'
            f'<td class="num">{fmt_quantity(r["previous"], unit, dec)}{hidden(" (" + r["previous_basis"] + ")")}</td>'
            f'<td class="num">{target}</td>'
            f'<td class="num">{nd}</td><td class="num">{fmt_quantity(r["result"], unit, dec)}</td>'
            f'<td class="num">{fmt_variance(r["variance"])}</td>{rag_cell(r["rag"], r["rag_symbol"])}'
            f'<td class="dot">{dot_html(r["direction"], r["direction_label"])}</td>'
            f"<td>{_benchmark_text(r)}</td></tr>"
        )
    caption = (f"Corporate plan indicators, {period.label}. Previous outturn is the previous quarter, or the same "
               "quarter last year for year-to-date measures.")
    return HtmlFragment(f'<table class="onapage-table corporate-plan" style="font-size:0.8em">'
                        f"<caption>{esc(caption)}</caption>"
                        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


# --------------------------------------------------------------------------- RAG overview


def rag_overview(summary: pd.DataFrame) -> pd.DataFrame:
    """Counts and shares of the rated indicators by RAG, this period and the previous one (the previous
    period's value judged against the same target and tolerance)."""
    rated = summary[summary["polarity"] != "monitor"]
    now = rated["rag"].where(rated["rag"].isin(RATINGS))
    before = pd.Series([rag(None if missing(p) else p, None if missing(t) else t, None if missing(tol) else tol, pol)
                        for p, t, tol, pol in zip(rated["previous_value"], rated["target"], rated["tolerance"],
                                                  rated["polarity"], strict=True)], index=rated.index, dtype=object)
    out = []
    for label, ratings in (("this", now), ("previous", before)):
        counts = ratings.value_counts()
        total = int(ratings.notna().sum())
        for rating in RATINGS:
            n = int(counts.get(rating, 0))
            out.append({"when": label, "rag": rating, "count": n, "share": n / total * 100 if total else None})
        out.append({"when": label, "rag": "Total rated", "count": total, "share": 100.0 if total else None})
    return pd.DataFrame(out)


def rag_overview_table(summary: pd.DataFrame, period: Period) -> HtmlFragment:
    frame = rag_overview(summary).set_index(["when", "rag"])
    body = []
    for rating in (*RATINGS, "Total rated"):
        now, before = frame.loc[("this", rating)], frame.loc[("previous", rating)]
        label = rag_cell(rating).replace("<td", '<th scope="row"', 1).replace("</td>", "</th>") \
            if rating in RATINGS else '<th scope="row">Total rated</th>'
        change = int(now["count"]) - int(before["count"])
        body.append(f"<tr>{label}<td class='num'>{int(now['count'])}</td>"
                    f"<td class='num'>{fmt(now['share'], 'percent', 1)}</td>"
                    f"<td class='num'>{int(before['count'])}</td>"
                    f"<td class='num'>{fmt(before['share'], 'percent', 1)}</td>"
                    f"<td class='num'>{f'{change:+d}' if change else '0'}</td></tr>")
    head = "".join(f"<th scope='col'>{h}</th>" for h in (
        "Rating", f"{period.short_label}", "Share", f"{period.previous.short_label}", "Share", "Change"))
    caption = f"RAG ratings of every indicator with a target, {period.label} compared with {period.previous.label}"
    return HtmlFragment(f'<table class="onapage-table rag-overview"><caption>{esc(caption)}</caption>'
                        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


# --------------------------------------------------------------------------- budget


def budget_frame(long: pd.DataFrame, period: Period, budget_type: str) -> pd.DataFrame:
    """Budget, forecast outturn, variance and variance % by line for one budget type, with a total row."""
    rows = long[(long["indicator_id"] == "fin_budget_variance_pct") & (long["period"] == str(period))
                & long["category"].astype(str).str.startswith(f"{budget_type}: ")]
    frame = pd.DataFrame({
        "line": rows["category"].astype(str).str.removeprefix(f"{budget_type}: "),
        "budget": rows["denominator"].astype(float),
        "variance": rows["numerator"].astype(float),
    }).sort_values("line")
    if frame.empty:
        return frame.assign(forecast=[], variance_pct=[])
    total = pd.DataFrame([{"line": "Total", "budget": frame["budget"].sum(), "variance": frame["variance"].sum()}])
    frame = pd.concat([frame, total], ignore_index=True)
    frame["forecast"] = frame["budget"] + frame["variance"]
    frame["variance_pct"] = frame["variance"] / frame["budget"] * 100
    return frame[["line", "budget", "forecast", "variance", "variance_pct"]]


def money(value: float) -> str:
    """£000 as finance prints it: 1,234 and an underspend in brackets, (809)."""
    if missing(value):
        return BLANK
    whole = round(float(value))
    return f"({abs(whole):,})" if whole < 0 else f"{whole:,}"


def budget_table(long: pd.DataFrame, period: Period, budget_type: str) -> HtmlFragment:
    frame = budget_frame(long, period, budget_type)
    if frame.empty:
        return HtmlFragment(f'<p class="na">n/a: no {budget_type.lower()} budget in budget.csv '
                            f"for {esc(period.label)}</p>")
    body = []
    for r in frame.itertuples():
        pct = f"({abs(r.variance_pct):.1f}%)" if r.variance_pct < 0 else f"{r.variance_pct:.1f}%"
        word = "underspend" if r.variance < 0 else "overspend" if r.variance > 0 else "on budget"
        cls = ' class="total"' if r.line == "Total" else ""
        body.append(f"<tr{cls}><th scope='row'>{esc(r.line)}</th><td class='num'>{money(r.budget)}</td>"
                    f"<td class='num'>{money(r.forecast)}</td><td class='num'>{money(r.variance)}"
                    f"{hidden(' ' + word)}</td><td class='num'>{pct}</td></tr>")
    head = "".join(f"<th scope='col'>{h}</th>" for h in (
        "Service line" if budget_type == "Revenue" else "Scheme", "Budget (£000)", "Forecast outturn (£000)",
        "Variance (£000)", "Variance %"))
    caption = (f"{budget_type} budget, forecast at {period.end:%-d %B %Y}. Variance is forecast less budget; "
               "an underspend is in brackets.")
    return HtmlFragment(f'<table class="onapage-table budget"><caption>{esc(caption)}</caption>'
                        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


# --------------------------------------------------------------------------- registers (read as supplied)


def risk_register(settings: Settings, period: Period) -> pd.DataFrame:
    """The register at its latest review on or before the period end, each risk with its residual score
    at the review before (for the direction of travel)."""
    query = """
        with reviews as (select distinct review_date from extract_risks where review_date <= ?),
        latest as (select max(review_date) as as_at from reviews),
        before as (select max(review_date) as as_at from reviews where review_date < (select as_at from latest))
        select r.risk_id, r.title, r.owner, r.review_date, r.inherent_likelihood, r.inherent_impact,
               r.residual_likelihood, r.residual_impact, r.controls, r.response,
               p.residual_likelihood * p.residual_impact as previous_score
        from extract_risks r
        left join extract_risks p on p.risk_id = r.risk_id and p.review_date = (select as_at from before)
        where r.review_date = (select as_at from latest)
        order by r.residual_likelihood * r.residual_impact desc, r.risk_id
    """
    with store.connect(settings.store, read_only=True) as con:
        frame = con.execute(query, [period.end]).df()
    frame["inherent_score"] = frame["inherent_likelihood"] * frame["inherent_impact"]
    frame["residual_score"] = frame["residual_likelihood"] * frame["residual_impact"]
    frame["direction"] = [_risk_direction(now, before) for now, before in
                          zip(frame["residual_score"], frame["previous_score"], strict=True)]
    return frame


def _risk_direction(now, before) -> str:
    if missing(before):
        return "New"
    return "Increasing" if now > before else "Reducing" if now < before else "Same"


def heat_map_counts(register: pd.DataFrame) -> dict[tuple[int, int], int]:
    """How many risks sit in each (likelihood, impact) cell of the 5x5 matrix, by residual score."""
    counts = {(lk, im): 0 for lk in range(1, 6) for im in range(1, 6)}
    for lk, im in zip(register["residual_likelihood"], register["residual_impact"], strict=True):
        counts[(int(lk), int(im))] += 1
    return counts


_BAND_STYLE = {"Red": "background:#f6d7d2;color:#0b0c0c", "Amber": "background:#fff2b3;color:#0b0c0c",
               "Green": "background:#cce2d8;color:#0b0c0c"}
_BAND_SYMBOL = {"Red": "■", "Amber": "▲", "Green": "●"}


def heat_map(register: pd.DataFrame, period: Period) -> HtmlFragment:
    """The 5x5 matrix as a table: likelihood down (5 at the top), impact across; each cell its count of risks,
    its score and its band in words (the tint only repeats them), then the same counts as a plain list."""
    counts = heat_map_counts(register)
    rows = []
    for lk in range(5, 0, -1):
        cells = []
        for im in range(1, 6):
            score, n = lk * im, counts[(lk, im)]
            band = risk_band(score)
            strong = "font-weight:bold;outline:3px solid #0b0c0c;outline-offset:-3px;" if n else ""
            cells.append(f'<td class="heat heat-{band.lower()}" style="{_BAND_STYLE[band]};{strong}">'
                         f'<span class="heat-count">{n}</span>'
                         f'<span class="heat-detail"> risk{"s" if n != 1 else ""}<br>'
                         f'<span aria-hidden="true">{_BAND_SYMBOL[band]}</span> {score} {band}</span></td>')
        rows.append(f'<tr><th scope="row">{lk} {LIKELIHOOD[lk]}</th>{"".join(cells)}</tr>')
    head = "<th scope='col'>Likelihood \\ Impact</th>" + "".join(
        f"<th scope='col'>{im} {IMPACT[im]}</th>" for im in range(1, 6))
    caption = (f"Risk heat map at {period.end:%-d %B %Y}: the number of risks in each cell by residual likelihood "
               "(rows) and impact (columns), with each cell's score (likelihood x impact) and rating: "
               "15-25 Red, 8-12 Amber, 1-6 Green.")
    table = (f'<table class="onapage-table heat-map"><caption>{esc(caption)}</caption>'
             f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    listed = [f"<li>{n} risk{'s' if n != 1 else ''} at likelihood {lk} ({LIKELIHOOD[lk]}), impact {im} "
              f"({IMPACT[im]}): score {lk * im}, {risk_band(lk * im)}</li>"
              for (lk, im), n in sorted(counts.items(), key=lambda kv: -kv[0][0] * kv[0][1]) if n]
    alternative = (f'<details class="heat-map-text"><summary>The heat map as a list</summary>'
                   f"<ul>{''.join(listed) or '<li>No risks in the register.</li>'}</ul></details>")
    return HtmlFragment(table + alternative)


def risk_register_table(register: pd.DataFrame, period: Period) -> HtmlFragment:
    if register.empty:
        return HtmlFragment('<p class="na">n/a: risks.csv not supplied, or no review on or before the period end</p>')
    head = "".join(f"<th scope='col'>{h}</th>" for h in (
        "ID", "Risk", "Owner", "Inherent (L x I)", "Controls", "Residual (L x I)", "Rating", "Direction"))
    body = []
    for r in register.itertuples():
        band = risk_band(int(r.residual_score))
        body.append(
            f"<tr><td>{esc(r.risk_id)}</td><th scope='row'>{esc(r.title)}</th><td>{esc(r.owner)}</td>"
            f"<td class='num'>{r.inherent_likelihood} x {r.inherent_impact} = {r.inherent_score}</td>"
            f"<td>{esc(r.controls)}</td>"
            f"<td class='num'>{r.residual_likelihood} x {r.residual_impact} = {r.residual_score}</td>"
            f"{rag_cell(band)}<td>{esc(r.direction)}</td></tr>")
    caption = (f"Risk register at its review of {pd.Timestamp(register['review_date'].iloc[0]):%-d %B %Y}, highest "
               f"residual score first. Direction compares the residual score with the review before.")
    return HtmlFragment(f'<table class="onapage-table risk-register"><caption>{esc(caption)}</caption>'
                        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def commissioning_priorities(settings: Settings, period: Period) -> pd.DataFrame:
    """Each priority at the latest quarter end on or before the period end."""
    query = """
        select * from extract_commissioning_priorities
        where quarter_end = (select max(quarter_end) from extract_commissioning_priorities where quarter_end <= ?)
        order by priority_id
    """
    with store.connect(settings.store, read_only=True) as con:
        return con.execute(query, [period.end]).df()


def priorities_table(priorities: pd.DataFrame, period: Period) -> HtmlFragment:
    if priorities.empty:
        return HtmlFragment('<p class="na">n/a: commissioning_priorities.csv not supplied for the period</p>')
    head = "".join(f"<th scope='col'>{h}</th>" for h in (
        "Commissioning priority", "Subjective RAG", "Milestones met / due", "Next milestone", "Commentary"))
    body = []
    for r in priorities.itertuples():
        due = "" if missing(r.next_milestone_due) else f" (due {pd.Timestamp(r.next_milestone_due):%-d %b %Y})"
        body.append(f"<tr><th scope='row'>{esc(r.priority)}</th>{rag_cell(r.rag)}"
                    f"<td class='num'>{r.milestones_met} / {r.milestones_due}</td>"
                    f"<td>{esc(r.next_milestone)}{esc(due)}</td><td>{esc(r.commentary)}</td></tr>")
    caption = f"Commissioning priorities at {pd.Timestamp(priorities['quarter_end'].iloc[0]):%-d %B %Y}"
    return HtmlFragment(f'<table class="onapage-table priorities"><caption>{esc(caption)}</caption>'
                        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


# --------------------------------------------------------------------------- appendix


def is_kpi(summary: pd.DataFrame) -> pd.Series:
    """A key performance indicator: one with a target, or a corporate-plan headline."""
    headline = summary["id"].map(lambda i: indicator(i).headline)
    return summary["target"].notna() | headline.astype(bool)


def _moved_html(value, previous, ind) -> str:
    """The arrow between the two figures the row shows: the result and the previous period beside it."""
    moved = direction(as_float(value), as_float(previous), ind.polarity, decimals=ind.decimals)
    return dot_html(moved.arrow if moved else None, moved.label if moved else None)


def appendix_table(summary: pd.DataFrame, period: Period) -> HtmlFragment:
    """Every KPI (an indicator with a target, or a corporate-plan headline), by section: result, previous
    period, target, variance, RAG and direction of travel. Measures monitored without a target are on their
    sections' pages of the monthly booklet."""
    from onapage.indicators.catalogue import sections

    head = "".join(f"<th scope='col'>{h}</th>" for h in (
        "Indicator", "Period covered", "Result", "Previous period", "Target", "Variance (% of target)", "RAG",
        "Direction"))
    body = []
    for section, title in sections().items():
        rows = summary[(summary["section"] == section) & is_kpi(summary)]
        if rows.empty:
            continue
        body.append(f'<tr class="group"><th scope="rowgroup" colspan="8">{esc(title)}</th></tr>')
        for r in rows.itertuples():
            ind = indicator(r.id)
            unit, dec = ind.unit, ind.decimals
            cells = [fmt_quantity(r.value, unit, dec), fmt_quantity(r.previous_value, unit, dec),
                     with_unit(fmt_target(r.target, r.tolerance, ind.unit, ind.decimals), ind.unit)]
            body.append(f"<tr><th scope='row'>{esc(ind.title)}</th>"
                        f"<td style='white-space:nowrap'>{esc(period_covered(ind, period))}</td>"
                        + "".join(f"<td class='num'>{c}</td>" for c in cells)
                        + f"<td class='num'>{fmt_variance(r.variance)}</td>{rag_cell(r.rag, r.rag_symbol)}"
                        f"<td class='dot'>{_moved_html(r.value, r.previous_value, ind)}</td></tr>")
    caption = f"Every KPI, {period.label}, with the previous period ({period.previous.label})"
    return HtmlFragment(f'<table class="onapage-table appendix" style="font-size:0.72em;line-height:1.2">'
                        f"<caption>{esc(caption)}</caption>"
                        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
