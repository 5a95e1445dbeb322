"""Page charts in one house style: 13-month trends with a target line, a benchmark comparison, a breakdown.

Each chart is a `ChartFigure`: the Vega-Lite spec (data inline, no URL anywhere), a static SVG
rendered offline with vl-convert, a plain-English alt text that states the latest figure and
the trend, and the figures themselves as a table in a closed <details> for screen readers.

In a notebook the figure offers both the HTML (static SVG, caption, data table) and the
Vega-Lite spec. nbconvert's HTML export takes the HTML; JupyterLab 4 ranks text/html (50)
above its Vega renderer (57), so it shows the HTML too - call `.interactive()` for a figure
that offers only the spec (pan, tooltips) while exploring.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import vl_convert as vlc

from onapage.indicators.catalogue import Indicator
from onapage.pages.html import (
    BLANK,
    UNIT_WORDS,
    as_float,
    as_period,
    capitalise,
    clean_title,
    esc,
    fmt,
    has_figure,
    headline_cells,
    lower_first,
    missing,
    not_available_note,
    subject_phrase,
)
from onapage.pages.tables import breakdown_frame, resolve_indicator
from onapage.periods import Period

VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"
# Render with the Vega-Lite the mimetype names, so the static SVG and JupyterLab's vega5 renderer agree.
VL_VERSION = "5.21"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TEXT = "#0b0c0c"
MUTED = "#505a5f"
COMPARATOR = "#6f777b"  # grey bars for benchmarks: 4.6:1 on white
WIDTH, HEIGHT = 420, 190  # drawn at about this size in print and shrunk to ~0.85 on a 390 px phone


# --------------------------------------------------------------------------- colours and theme

def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str = "#ffffff") -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def with_contrast(colour: str, minimum: float, background: str = "#ffffff") -> str:
    """The colour, darkened step by step until it reaches `minimum` contrast on the background."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    out = colour.lower()
    while contrast_ratio(out, background) < minimum and (r or g or b):
        r, g, b = (int(v * 0.92) for v in (r, g, b))
        out = f"#{r:02x}{g:02x}{b:02x}"
    return out


def _colours(colours: Any) -> dict[str, str]:
    """Settings.colours (or a dict, or None for the defaults), made safe to read on white:
    bars and lines at least 3:1 (WCAG non-text contrast), the target line and its label 4.5:1."""
    defaults = {"primary": "#1d4f7c", "accent": "#c8553d", "target": "#4d4d4d"}
    if colours is None:
        given = {}
    elif isinstance(colours, Mapping):
        given = dict(colours)
    else:
        given = {k: getattr(colours, k) for k in defaults if hasattr(colours, k)}
    merged = defaults | {k: v for k, v in given.items() if v}
    return {"primary": with_contrast(merged["primary"], 3.0), "accent": with_contrast(merged["accent"], 3.0),
            "target": with_contrast(merged["target"], 4.5)}


def house_theme(colours: Any = None) -> dict:
    """The Vega-Lite `config` every chart uses: system fonts at readable sizes, the authority's
    colours (checked for contrast), light grid, no chart border, titles left-aligned."""
    c = _colours(colours)
    axis = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 14, "titleFontSize": 13, "labelColor": TEXT,
            "titleColor": TEXT, "titleFontWeight": 600, "domainColor": MUTED, "tickColor": MUTED,
            "gridColor": "#e1e4e6", "labelPadding": 4}
    return {
        "font": FONT,
        "background": "#ffffff",
        "padding": 8,
        "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": HEIGHT},
        "title": {"font": FONT, "fontSize": 15, "fontWeight": 600, "color": TEXT, "anchor": "start", "offset": 10,
                  "subtitleFont": FONT, "subtitleFontSize": 12, "subtitleColor": MUTED},
        "axis": axis,
        "axisX": {"grid": False, "labelAngle": 0},
        "axisY": {"domain": False, "ticks": False, "tickCount": 5},
        "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12,
                   "labelColor": TEXT, "titleColor": TEXT, "orient": "bottom"},
        "line": {"color": c["primary"], "strokeWidth": 2.5},
        "point": {"color": c["primary"], "filled": True, "size": 45},
        "bar": {"color": c["primary"]},
        "rule": {"color": c["target"]},
        "text": {"font": FONT, "fontSize": 14, "color": TEXT},
        "range": {"category": [c["primary"], c["accent"], COMPARATOR, c["target"]]},
    }


# --------------------------------------------------------------------------- the figure

render_times: list[float] = []  # seconds per SVG rendered in this process (the first includes start-up)


def render_svg(spec: dict) -> str:
    """The static SVG for a Vega-Lite spec, offline (vl-convert bundles Vega; no CDN, no network)."""
    started = time.perf_counter()
    svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=[])
    render_times.append(time.perf_counter() - started)
    return svg


def _untitled(spec: dict) -> dict:
    """The spec without its title text (on a page the figure's <figcaption> is the title) but
    keeping any subtitle ('Synthetic demo data')."""
    title = spec.get("title")
    if not title:
        return spec
    out = dict(spec)
    if isinstance(title, dict) and title.get("subtitle"):
        out["title"] = {**title, "text": title["subtitle"], "subtitle": ""}
    else:
        out.pop("title")
    return out


_ID = re.compile(r'\bid="([^"]+)"')


def accessible_svg(svg: str, *, label: str, title: str, uid: str) -> str:
    """The rendered SVG as one image for assistive technology: role="img", aria-label, <title> and
    <desc>; its ids prefixed so several charts inline on one page never share a clip path."""
    for old in set(_ID.findall(svg)):
        new = f"{uid}-{old}"
        svg = (svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
               .replace(f'href="#{old}"', f'href="#{new}"'))
    opening = re.match(r"<svg\b[^>]*>", svg)
    if not opening:
        raise ValueError("vl-convert returned no <svg> element")
    tag = re.sub(r'\s(?:role|aria-label|aria-labelledby|aria-roledescription)="[^"]*"', "", opening.group(0))
    tag = (tag[:-1] + f' role="img" aria-label="{esc(label)}" focusable="false" style="max-width:100%;height:auto">')
    inner = f'<title id="{uid}-title">{esc(title)}</title><desc id="{uid}-desc">{esc(label)}</desc>'
    return tag + inner + svg[opening.end():]


def data_table_html(data: pd.DataFrame, caption: str) -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in data.columns)
    rows = []
    for rec in data.itertuples(index=False):
        first, *rest = ("" if missing(v) else str(v) for v in rec)
        rows.append(f'<tr><th scope="row">{esc(first)}</th>{"".join(f"<td>{esc(v)}</td>" for v in rest)}</tr>')
    return (f'<table class="onapage-table chart-data-table"><caption>{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


@dataclass
class ChartFigure:
    """A chart ready for a page: `.spec`, `.svg` (rendered once, on first use), `.alt_text`, `.data`."""

    spec: dict
    title: str
    alt_text: str
    data: pd.DataFrame  # the figures, as display text, for the 'Chart data' table
    _svg: str | None = field(default=None, repr=False)

    @property
    def chart(self):
        """The spec as an Altair chart, to restyle or combine in a notebook (Altair is imported only
        here: it takes seconds to import and the page does not need it)."""
        import altair as alt

        kind = alt.LayerChart if "layer" in self.spec else alt.Chart
        return kind.from_dict(self.spec)

    @property
    def uid(self) -> str:
        digest = hashlib.sha1(repr((self.title, self.alt_text)).encode()).hexdigest()[:8]
        return f"chart-{digest}"

    @property
    def svg(self) -> str:
        if self._svg is None:
            raw = render_svg(_untitled(self.spec))
            self._svg = accessible_svg(raw, label=self.alt_text, title=self.title, uid=self.uid)
        return self._svg

    @property
    def html(self) -> str:
        """<figure role=group>: caption, the static SVG, and the chart's figures in a closed <details>."""
        uid = self.uid
        table = data_table_html(self.data, f"Figures for {self.title}")
        return (f'<figure class="onapage-chart" role="group" aria-labelledby="{uid}-caption">'
                f'<figcaption id="{uid}-caption">{esc(self.title)}</figcaption>{self.svg}'
                f'<details class="chart-data"><summary>Chart data</summary>{table}</details></figure>')

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/html": self.html, VEGALITE_MIMETYPE: self.spec, "text/plain": self.alt_text}
        if include:
            bundle = {k: v for k, v in bundle.items() if k in include}
        if exclude:
            bundle = {k: v for k, v in bundle.items() if k not in exclude}
        return bundle

    def interactive(self) -> InteractiveChart:
        """The same chart offering only the Vega-Lite spec, which JupyterLab then draws interactively."""
        return InteractiveChart(self)

    def __repr__(self) -> str:
        return f"ChartFigure({self.title!r})"


@dataclass
class InteractiveChart:
    figure: ChartFigure

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {VEGALITE_MIMETYPE: self.figure.spec, "text/plain": self.figure.alt_text}


def render_all(figures: Iterable[ChartFigure], workers: int = 4) -> float:
    """Render many figures' SVGs in a small thread pool (about 1.7x faster than one by one on an
    idle two-core machine; no gain when the cores are busy); returns the seconds taken."""
    todo = [f for f in figures if f._svg is None]
    started = time.perf_counter()
    if todo:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(lambda f: f.svg, todo))
    return time.perf_counter() - started


def _json_value(v: Any) -> Any:
    if missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):  # numpy scalars
        v = v.item()
    return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts (missing -> null, numpy scalars -> Python) for inline data."""
    return [{k: _json_value(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def _spec(layers: list[dict], *, data: pd.DataFrame, title: str | None, synthetic: bool, width: int, height: int,
          colours: Any, description: str) -> dict:
    """A self-contained Vega-Lite spec: data inline, the house config, no $schema or any other URL.

    Built as plain dicts (Altair's constructors cost ~40 ms a chart; this is well under 1 ms);
    `ChartFigure.chart` gives the Altair object when wanted.
    """
    head: dict[str, Any] = {"text": title or ""}
    if synthetic:
        head["subtitle"] = "Synthetic demo data"
    return {"title": head, "description": description, "width": width, "height": height,
            "data": {"values": _records(data)}, "layer": layers, "config": house_theme(colours)}


# --------------------------------------------------------------------------- trend chart

def _axis_format(unit: str) -> dict:
    if unit == "percent":
        return {"labelExpr": "datum.value + '%'"}
    if unit == "count":
        return {"format": ",d"}
    return {"format": ",.1~f"}


# What a trend's points count, in its title: a year-to-date line climbs through the year and starts
# again each April, which the title says so that no reader takes the drop for a fall.
def chart_basis(basis: str, kind: str = "month") -> str:
    """'each month', 'each quarter', 'at each quarter end', 'year to date, counted from each April'."""
    if basis == "ytd" and kind == "year":
        return "each year"  # a year's year to date is the whole year
    return {"month": f"each {kind}", "ytd": "year to date, counted from each April",
            "rolling12": f"rolling 12 months to each {kind} end", "snapshot": f"at each {kind} end"}[basis]


# How an axis splits a period's short label over two lines so that neighbours never overlap: 'Oct' over '26',
# 'Q2' over '26-27'; a year ('2025-26') stays on one line.
AXIS_LABEL = {"month": "split(datum.value, '-')", "quarter": "split(datum.value, ' ')", "year": "datum.value"}


def trend_scale(values: list[float], target: float | None, unit: str, *, bars: bool = False) -> dict:
    """The y scale of a trend: bars and counts start at zero (a bar's length is its figure); other lines
    span their own figures and the target, padded by a tenth of that span (at least 1 unit), so a rate
    moving between 4% and 8% is not a flat line at the foot of 0-100%. A percentage stays within 0-100."""
    shown = [float(v) for v in values] + ([float(target)] if target is not None else [])
    if not shown:
        return {"zero": True, "nice": True}
    low, high = min(shown), max(shown)
    if bars or unit == "count":
        return {"domain": [min(0.0, low), high + max((high - min(0.0, low)) * 0.1, 1.0)], "nice": True}
    pad = max((high - low) * 0.1, 1.0)
    low, high = low - pad, high + pad
    if low < 0 <= min(shown):
        low = 0.0
    if unit == "percent":
        high = min(high, 100.0)
    return {"domain": [low, high], "nice": True, "zero": False}


def trend_frame(long: pd.DataFrame, indicator: Indicator, period: Period | str, *, basis: str | None = None,
                months: int | None = 13) -> pd.DataFrame:
    """The periods of the trend, oldest first, with value, numerator, denominator and display text (`months`:
    how many periods; None for the period kind's own trend, 13 months, 9 quarters or 5 years)."""
    period = as_period(period)
    basis = basis or indicator.headline_basis
    periods = period.trend(months)
    recs = headline_cells(long, indicator.id, basis, periods)
    out = []
    for p in periods:
        rec = recs[str(p)]
        ok = rec is not None and has_figure(rec.get("status"))
        value = as_float(rec.get("value")) if ok else None
        num = as_float(rec.get("numerator")) if ok else None
        den = as_float(rec.get("denominator")) if ok else None
        if rec is None:
            note = "not computed"
        elif not ok:
            note = not_available_note(rec.get("message"), rec.get("status"))
        elif value is None:
            note = str(rec.get("message") or "no figure")
        else:
            note = ""
        count = f"{fmt(num, 'count')} of {fmt(den, 'count')}" if num is not None and den is not None else ""
        out.append({"period": str(p), "month": p.short_label, "month_label": p.label, "value": value,
                    "value_text": fmt(value, indicator.unit, indicator.decimals) if value is not None else BLANK,
                    "numerator": num, "denominator": den, "count_text": count, "note": note})
    return pd.DataFrame(out)


def _trend_alt_text(frame: pd.DataFrame, indicator: Indicator, kind: str, target: float | None,
                    subject: str, synthetic: bool) -> str:
    unit, dec = indicator.unit, indicator.decimals
    first, last = frame.iloc[0], frame.iloc[-1]
    each = as_period(last["period"]).kind
    parts = [f"{kind} chart of {subject}, {first['month_label']} to {last['month_label']}."]
    target_text = f", against a target of {fmt(target, unit, dec, trim=True)}" if target is not None else ""
    if not missing(last["value"]):
        parts.append(f"Latest ({last['month_label']}): {last['value_text']}{target_text}.")
    else:
        why = f" ({last['note']})" if last["note"] else ""
        parts.append(f"No figure for the latest {each}, {last['month_label']}{why}"
                     + (f"; the target is {fmt(target, unit, dec, trim=True)}." if target is not None else "."))
    known = frame[frame["value"].notna()]
    if len(known) >= 2:
        earliest = known.iloc[0]
        if earliest["period"] != last["period"] and not missing(last["value"]):
            parts.append(f"In {earliest['month_label']} it was {earliest['value_text']}.")
        values = known["value"].astype(float)
        if values.max() == values.min():
            parts.append(f"Every {each} with a figure was {known.iloc[0]['value_text']}.")
        else:
            high = known.loc[values[::-1].idxmax()]  # the most recent month, on a tie
            low = known.loc[values[::-1].idxmin()]
            parts.append(f"Highest {high['value_text']} in {high['month_label']}, "
                         f"lowest {low['value_text']} in {low['month_label']}.")
    gaps = frame[frame["value"].isna()]
    if len(gaps) == len(frame):
        parts.append(f"There are no figures for any {each} shown.")
    elif len(gaps):
        n = len(gaps)
        parts.append(f"No figure for {n} {each}{'s' if n != 1 else ''}: {', '.join(gaps['month_label'])}.")
    text = " ".join(parts)
    return f"Synthetic data. {text}" if synthetic else text


def trend_chart(long: pd.DataFrame, indicator: Indicator | str, period: Period | str, *,
                target: float | None = None, colours: Any = None, title: str | None = None,
                mark: str = "auto", basis: str | None = None, months: int | None = None,
                synthetic: bool = False) -> ChartFigure:
    """A trend of the indicator's headline figure (13 months, 9 quarters or 5 years unless `months` says how
    many periods), with the target as a dashed, labelled rule.

    `mark` 'auto' draws bars for counts of events in a month and a line for everything else.
    A month without a figure is a gap (never a zero), and is named in the alt text.
    """
    ind = resolve_indicator(indicator)
    period = as_period(period)
    target = as_float(target)
    frame = trend_frame(long, ind, period, basis=basis, months=months)
    if mark == "auto":
        mark = "bar" if ind.unit == "count" and ind.kind == "in_month" else "line"
    if mark not in ("bar", "line"):
        raise ValueError(f"mark must be 'auto', 'bar' or 'line', not {mark!r}")
    unit_word = UNIT_WORDS.get(ind.unit, "Value")
    title = f"{title or ind.title} ({chart_basis(basis or ind.headline_basis, period.kind)})"
    order = list(frame["month"])
    c = _colours(colours)

    period_word = period.kind.capitalize()
    tooltip = [{"field": "month_label", "type": "nominal", "title": period_word},
               {"field": "value_text", "type": "nominal", "title": unit_word}]
    if (frame["count_text"] != "").any():
        tooltip.append({"field": "count_text", "type": "nominal", "title": "Count"})
    if (frame["note"] != "").any():
        tooltip.append({"field": "note", "type": "nominal", "title": "Note"})

    values = [v for v in frame["value"] if not missing(v)]
    scale = trend_scale(values, target, ind.unit, bars=mark == "bar")
    x = {"field": "month", "type": "ordinal", "sort": order, "scale": {"domain": order}, "title": None,
         "axis": {"labelAngle": 0, "labelOverlap": False, "labelExpr": AXIS_LABEL[period.kind]}}
    y = {"field": "value", "type": "quantitative", "title": unit_word, "scale": scale, "axis": _axis_format(ind.unit)}
    valid = [{"filter": "isValid(datum.value)"}]
    if mark == "bar":
        layers = [{"mark": {"type": "bar", "width": {"band": 0.7}}, "transform": valid,
                   "encoding": {"x": x, "y": y, "tooltip": tooltip}}]
    else:
        # one path per run of months with figures: a missing month is a gap, never a join or a zero
        layers = [{"mark": {"type": "line"}, "transform": valid,
                   "encoding": {"x": x, "y": y, "detail": {"field": "run", "type": "nominal"}}},
                  {"mark": {"type": "point", "opacity": 1}, "transform": valid,
                   "encoding": {"x": x, "y": y, "tooltip": tooltip}}]
    if target is not None:
        label = f"Target {fmt(target, ind.unit, ind.decimals, trim=True)}"
        ty = {"datum": target, "type": "quantitative", "scale": scale}
        # aria False: the target is in the chart's text alternative; an unlabelled mark would fail axe
        layers.append({"mark": {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2, "color": c["target"],
                                "aria": False},
                       "encoding": {"y": ty}})
        # the label sits just outside the plot at the line's right end, so no data point hides it
        # one datum of its own, so the label is drawn once rather than once per month
        layers.append({"data": {"values": [{}]},
                       "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 6, "fontWeight": 600,
                                "color": c["target"], "text": label, "aria": False},
                       "encoding": {"x": {"value": WIDTH}, "y": ty}})
    data = frame.drop(columns=["period"]).assign(run=frame["value"].isna().cumsum())
    alt_text = _trend_alt_text(frame, ind, "Bar" if mark == "bar" else "Line", target,
                               subject_phrase(ind.title, ind.unit), synthetic)
    spec = _spec(layers, data=data, title=title, synthetic=synthetic, width=WIDTH, height=HEIGHT,
                 colours=colours, description=alt_text)
    if target is not None:  # room for the target's label beyond the plot's right edge
        spec["padding"] = {"top": 8, "bottom": 8, "left": 8, "right": 8 + 8 * len(label)}
    table = pd.DataFrame({period_word: frame["month_label"], unit_word: frame["value_text"]})
    if (frame["count_text"] != "").any():
        table["Count"] = frame["count_text"]
    if target is not None:
        table["Target"] = fmt(target, ind.unit, ind.decimals)
    if (frame["note"] != "").any():
        table["Note"] = frame["note"]
    return ChartFigure(spec=spec, title=title, alt_text=alt_text, data=table)


# --------------------------------------------------------------------------- bars

def _hbar_layers(unit: str, order: list[str], scale: dict, word: str, tooltip: list[dict],
                 colour: dict | None = None) -> list[dict]:
    y = {"field": "label", "type": "nominal", "sort": order, "scale": {"domain": order}, "title": None,
         "axis": {"labelLimit": 200}}
    x = {"field": "value", "type": "quantitative", "title": word, "scale": scale, "axis": _axis_format(unit)}
    bar = {"mark": {"type": "bar", "height": {"band": 0.7}}, "transform": [{"filter": "isValid(datum.value)"}],
           "encoding": {"x": x, "y": y, "tooltip": tooltip}}
    if colour:
        bar["encoding"]["color"] = colour
    text = {"mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 4},
            "transform": [{"filter": "isValid(datum.value)"}],
            "encoding": {"x": x, "y": y, "text": {"field": "value_text", "type": "nominal"}}}
    return [bar, text]


def comparison_bar(summary_row: Mapping[str, Any] | pd.Series, indicator: Indicator | str, authority_name: str, *,
                   colours: Any = None, title: str | None = None, region_name: str | None = None,
                   synthetic: bool = False) -> ChartFigure:
    """The latest figure beside the authority's own published figure, the statistical neighbours'
    average, the region and England. Benchmarks are annual; their year is in the labels."""
    ind = resolve_indicator(indicator)
    row = dict(summary_row)
    unit, dec = ind.unit, ind.decimals
    period = as_period(row["period"]) if not missing(row.get("period")) else None
    year = None if missing(row.get("benchmark_year")) else str(row["benchmark_year"])
    when = f" ({year})" if year else ""
    region = region_name or (None if missing(row.get("benchmark_region_name")) else row["benchmark_region_name"])
    region = region or "Region"
    rows = [(f"{authority_name} ({period.label})" if period else authority_name, row.get("value"), "latest"),
            (f"{authority_name}, published{when}", row.get("benchmark_la"), "published"),
            (f"Statistical neighbours' average{when}", row.get("benchmark_sn_mean"), "benchmark"),
            (f"{region}{when}", row.get("benchmark_region"), "benchmark"),
            (f"England{when}", row.get("benchmark_england"), "benchmark")]
    frame = pd.DataFrame([{"label": lab, "value": as_float(v), "value_text": fmt(v, unit, dec), "group": g}
                          for lab, v, g in rows if not missing(v)],
                         columns=["label", "value", "value_text", "group"])
    c = _colours(colours)
    title = title or f"{ind.title}: comparison"
    word = UNIT_WORDS.get(unit, "Value")
    order = list(frame["label"])
    scale = {"zero": True, "nice": True}  # bars: their length is the figure, from zero
    colour = {"field": "group", "type": "nominal", "legend": None,
              "scale": {"domain": ["latest", "published", "benchmark"],
                        "range": [c["primary"], c["accent"], COMPARATOR]}}
    tooltip = [{"field": "label", "type": "nominal", "title": "Area"},
               {"field": "value_text", "type": "nominal", "title": word}]
    subject = subject_phrase(ind.title, unit)
    if len(frame):
        listed = "; ".join(f"{lab}: {txt}" for lab, txt in zip(frame["label"], frame["value_text"], strict=True))
        alt_text = f"Bar chart comparing {subject}. {listed}."
    else:
        alt_text = f"Bar chart comparing {subject}: there are no figures to compare."
    if synthetic:
        alt_text = f"Synthetic data. {alt_text}"
    spec = _spec(_hbar_layers(unit, order, scale, word, tooltip, colour), data=frame, title=title,
                 synthetic=synthetic, width=WIDTH - 140, height=max(60, 34 * len(frame)), colours=colours,
                 description=alt_text)
    table = frame[["label", "value_text"]].rename(columns={"label": "Area", "value_text": word})
    return ChartFigure(spec=spec, title=title, alt_text=alt_text, data=table)


def breakdown_bar(long: pd.DataFrame, indicator: Indicator | str, period: Period | str, *, colours: Any = None,
                  title: str | None = None, basis: str | None = None, synthetic: bool = False) -> ChartFigure:
    """This month's breakdown as horizontal bars, in the table's order (bands natural, else largest first)."""
    ind = resolve_indicator(indicator)
    period = as_period(period)
    frame = breakdown_frame(long, ind, period, months=1, basis=basis)
    mode = frame.attrs["mode"]
    measure = "number" if mode == "count" else ("percent" if mode in ("share", "rate") else "value")
    unit = "count" if measure == "number" else ("percent" if measure == "percent" else ind.unit)
    dec = 0 if unit == "count" else ind.decimals
    data = pd.DataFrame({"label": frame["category"].astype(str), "value": frame[measure].astype(float)})
    data["value_text"] = [fmt(v, unit, dec) for v in data["value"]]
    if mode in ("count", "share"):
        data["detail"] = [fmt(n, "count") + ("" if missing(p) else f" ({fmt(p, 'percent', ind.decimals)})")
                          for n, p in zip(frame["number"], frame["percent"], strict=True)]
    elif mode == "rate":
        data["detail"] = [f"{fmt(v, 'percent', ind.decimals)} ({fmt(n, 'count')} of {fmt(o, 'count')})"
                          for v, n, o in zip(frame["percent"], frame["number"], frame["of"], strict=True)]
    else:
        data["detail"] = data["value_text"]
    order = list(data["label"])
    title = title or f"{ind.title}, {period.label}"
    word = UNIT_WORDS.get(unit, "Value")
    by = capitalise((ind.breakdown or "category").replace("_", " "))
    scale = {"domain": [0, 100], "nice": False} if mode == "rate" else {"zero": True}
    tooltip = [{"field": "label", "type": "nominal", "title": by},
               {"field": "detail", "type": "nominal", "title": word}]
    what = lower_first(clean_title(ind.title))
    if len(data):
        shown = list(zip(data["label"], data["detail"], strict=True))
        listed = "; ".join(f"{c}: {d}" for c, d in shown[:10])
        more = f"; and {len(shown) - 10} more (see the chart data)" if len(shown) > 10 else ""
        alt_text = f"Bar chart of {what}, {period.label}. {listed}{more}."
    else:
        alt_text = f"Bar chart of {what}, {period.label}: there are no figures for this {period.kind}."
    if synthetic:
        alt_text = f"Synthetic data. {alt_text}"
    spec = _spec(_hbar_layers(unit, order, scale, word, tooltip), data=data, title=title, synthetic=synthetic,
                 width=WIDTH - 140, height=max(60, 26 * len(data)), colours=colours, description=alt_text)
    table = pd.DataFrame({by: data["label"], word: data["detail"]})
    return ChartFigure(spec=spec, title=title, alt_text=alt_text, data=table)
