"""Charts: self-contained spec, offline SVG, alt text with the latest figure, accessible figure HTML."""

import json
import re

import altair as alt
import pytest
import vl_convert as vlc

from onapage.pages.charts import (
    VEGALITE_MIMETYPE,
    ChartFigure,
    breakdown_bar,
    comparison_bar,
    contrast_ratio,
    house_theme,
    render_all,
    trend_chart,
)
from onapage.periods import Period

PERIOD = Period(2026, 11)
VALUES = [80.0, 82.5, 85.0, 91.0, 88.0, 87.0, None, 78.5, 80.0, 83.0, 86.0, 84.0, 84.2]  # Nov 2025 .. Nov 2026


@pytest.fixture
def trend(make_indicator, long_row, long_frame):
    ind = make_indicator(id="asmt_pct", title="Assessments completed within 45 working days (%)")
    rows = []
    for p, v in zip(PERIOD.trend(13), VALUES, strict=True):
        if v is None:
            rows.append(long_row("asmt_pct", str(p), "month", None, status="not_computable",
                                 message="not supplied: list_4.csv"))
        else:
            rows.append(long_row("asmt_pct", str(p), "month", v, numerator=round(v), denominator=100))
    long = long_frame(rows)
    return trend_chart(long, ind, PERIOD, target=85.0, title="Chart 4 - Assessments in 45 working days")


def test_spec_is_self_contained(trend):
    text = json.dumps(trend.spec)
    assert "http" not in text and "url" not in trend.spec.get("data", {})
    assert "$schema" not in trend.spec
    assert len(trend.spec["data"]["values"]) == 13


def test_spec_is_valid_vega_lite_for_altair_and_both_renderers(trend):
    alt.LayerChart.from_dict(trend.spec, validate=True)  # Vega-Lite schema check (Altair 6)
    for version in ("5.21", "6.4"):
        vega = vlc.vegalite_to_vega(trend.spec, vl_version=version)
        assert vega["marks"]


def test_target_is_a_dashed_labelled_rule(trend):
    rules = [layer for layer in trend.spec["layer"] if layer["mark"]["type"] == "rule"]
    texts = [layer for layer in trend.spec["layer"] if layer["mark"]["type"] == "text"]
    assert rules and rules[0]["mark"]["strokeDash"] and rules[0]["encoding"]["y"]["datum"] == 85.0
    assert texts[0]["mark"]["text"] == "Target 85%"


def test_tooltips_are_readable(trend):
    point = next(layer for layer in trend.spec["layer"] if layer["mark"]["type"] == "point")
    titles = [t["title"] for t in point["encoding"]["tooltip"]]
    assert titles[:3] == ["Month", "Percentage", "Count"]
    first = trend.spec["data"]["values"][0]
    assert (first["month_label"], first["value_text"], first["count_text"]) == ("November 2025", "80.0%", "80 of 100")


def test_alt_text_states_latest_value_period_target_and_range(trend):
    assert trend.alt_text == (
        "Line chart of the percentage of assessments completed within 45 working days, November 2025 to "
        "November 2026. Latest (November 2026): 84.2%, against a target of 85%. In November 2025 it was 80.0%. "
        "Highest 91.0% in February 2026, lowest 78.5% in June 2026. No figure for 1 month: May 2026.")


def test_missing_month_is_a_gap_not_a_zero(trend):
    line = next(layer for layer in trend.spec["layer"] if layer["mark"]["type"] == "line")
    assert {"filter": "isValid(datum.value)"} in line["transform"]
    assert line["encoding"]["detail"]["field"] == "run"
    runs = [r["run"] for r in trend.spec["data"]["values"] if r["value"] is not None]
    assert runs[5] != runs[6]  # April and June are separate paths
    assert trend.spec["layer"][0]["encoding"]["x"]["scale"]["domain"][6] == "May-26"  # the month keeps its place


def test_svg_rendered_offline_and_accessible(trend):
    svg = trend.svg
    assert svg.startswith("<svg") and "<path" in svg and len(svg) > 2000
    opening = re.match(r"<svg\b[^>]*>", svg).group(0)
    assert 'role="img"' in opening and 'aria-label="Line chart of the percentage' in opening
    assert "<title" in svg and "<desc" in svg and "Latest (November 2026): 84.2%" in svg


def test_svg_ids_are_unique_per_chart(trend, make_indicator, long_row, long_frame):
    ids = re.findall(r'\bid="([^"]+)"', trend.svg)
    assert ids and all(i.startswith(trend.uid) for i in ids)


def test_figure_html_has_caption_svg_and_closed_chart_data(trend):
    html = trend._repr_html_()
    assert html.startswith('<figure class="onapage-chart" role="group"')
    assert "<figcaption" in html and "Chart 4 - Assessments in 45 working days (each month)</figcaption>" in html
    assert '<details class="chart-data"><summary>Chart data</summary>' in html and "<details open" not in html
    assert "<td>84.2%</td>" in html and "May 2026" in html


def test_mimebundle_holds_html_first_and_the_vega_lite_spec(trend):
    bundle = trend._repr_mimebundle_()
    assert list(bundle)[:2] == ["text/html", VEGALITE_MIMETYPE]
    assert bundle[VEGALITE_MIMETYPE] is trend.spec
    assert "<svg" in bundle["text/html"]
    assert list(trend.interactive()._repr_mimebundle_()) == [VEGALITE_MIMETYPE, "text/plain"]


def test_counts_in_the_month_draw_bars_and_synthetic_is_said(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cin_started", title="Child in need plans started", unit="count", polarity="monitor")
    long = long_frame([long_row("cin_started", str(p), "month", 60 + i) for i, p in enumerate(PERIOD.trend(13))])
    fig = trend_chart(long, ind, PERIOD, title="Chart 2 - CIN plans started", synthetic=True)
    assert fig.spec["layer"][0]["mark"]["type"] == "bar"
    assert fig.alt_text.startswith("Synthetic data. Bar chart of the number of child in need plans started")
    assert "Latest (November 2026): 72." in fig.alt_text


def test_comparison_bar(make_indicator):
    ind = make_indicator(id="cp_rate", title="Rate of children subject to a CP plan per 10,000 children",
                         unit="rate_per_10k", kind="snapshot", polarity="monitor")
    row = {"period": "2026-11", "value": 17.9, "benchmark_year": "2024/25", "benchmark_sn_mean": 41.2,
           "benchmark_region": 35.0, "benchmark_england": 40.1}
    fig = comparison_bar(row, ind, "Northbridge", region_name="London")
    assert [r["label"] for r in fig.spec["data"]["values"]] == [
        "Northbridge (November 2026)", "Statistical neighbours' average (2024/25)", "London (2024/25)",
        "England (2024/25)"]
    assert "Northbridge (November 2026): 17.9" in fig.alt_text and "England (2024/25): 40.1" in fig.alt_text
    assert "http" not in json.dumps(fig.spec)


def test_breakdown_bar(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_category", title="Category of abuse", unit="count", kind="snapshot",
                         polarity="monitor", breakdown="category")
    long = long_frame([long_row("cp_category", "2026-11", "snapshot", v, category=c, breakdown="category")
                       for c, v in {"Neglect": 61, "Emotional": 93, "Not recorded": 1}.items()])
    fig = breakdown_bar(long, ind, PERIOD)
    assert [r["label"] for r in fig.spec["data"]["values"]] == ["Emotional", "Neglect", "Not recorded"]
    assert fig.alt_text == ("Bar chart of category of abuse, November 2026. Emotional: 93 (60.0%); "
                            "Neglect: 61 (39.4%); Not recorded: 1 (0.6%).")


def test_house_theme_keeps_contrast_even_for_pale_colours():
    theme = house_theme({"primary": "#ffdd00", "accent": "#f0f0f0", "target": "#bbbbbb"})
    assert contrast_ratio(theme["line"]["color"]) >= 3.0
    assert contrast_ratio(theme["rule"]["color"]) >= 4.5
    assert theme["font"].startswith("system-ui")


def test_render_all_renders_each_figure_once(trend):
    fresh = ChartFigure(spec=trend.spec, title="t", alt_text="a", data=trend.data)
    assert fresh._svg is None
    render_all([fresh, trend])
    assert fresh._svg and fresh._svg.startswith("<svg")


def test_bar_specs_are_valid_and_render(make_indicator, long_row, long_frame):
    ind = make_indicator(id="visits_by_team", title="Visits in time by team", unit="percent", kind="snapshot",
                         breakdown="team")
    long = long_frame([long_row("visits_by_team", "2026-11", "snapshot", 88.0, category="Team 1", numerator=22,
                                denominator=25, breakdown="team"),
                       long_row("visits_by_team", "2026-11", "snapshot", 50.0, category="Team 2", numerator=5,
                                denominator=10, breakdown="team")])
    fig = breakdown_bar(long, ind, PERIOD)
    assert "Team 1: 88.0% (22 of 25)" in fig.alt_text
    alt.LayerChart.from_dict(fig.spec, validate=True)
    assert "<svg" in fig.svg and 'role="img"' in fig.svg


def test_a_year_to_date_trend_says_it_is_cumulative_and_starts_again_in_april(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_new", title="New CP plans", unit="count", kind="cumulative", polarity="monitor",
                         decimals=0)
    long = long_frame([long_row("cp_new", "2026-03", "ytd", 240), long_row("cp_new", "2026-04", "ytd", 20)])
    chart = trend_chart(long, ind, "2026-04", months=2)
    assert chart.title == "New CP plans (year to date, counted from each April)"
    month = trend_chart(long, ind, "2026-04", months=2, basis="month")
    assert month.title == "New CP plans (each month)"


def test_trend_scale_spans_the_figures_not_zero_to_a_hundred():
    from onapage.pages.charts import trend_scale

    # 4-8%: padded by a tenth of the 4-point span, at least 1 point: 3% to 9%
    assert trend_scale([4.0, 6.0, 8.0], None, "percent")["domain"] == [3.0, 9.0]
    # the target widens it: 4..12, pad 1 -> 3..13
    assert trend_scale([4.0, 8.0], 12.0, "percent")["domain"] == [3.0, 13.0]
    # never above 100% or below 0 when every figure is at least 0
    assert trend_scale([95.0, 100.0], None, "percent")["domain"] == [94.0, 100.0]
    assert trend_scale([0.0, 2.0], None, "percent")["domain"][0] == 0.0
    # bars start at zero: 0..50 padded by 5 at the top
    assert trend_scale([20.0, 50.0], None, "count", bars=True)["domain"] == [0.0, 55.0]
    assert trend_scale([], None, "percent") == {"zero": True, "nice": True}
