"""Labels come from the product's kind of period, and every figure carries its unit: a quarterly or annual page
never says 'month', a year with no figure says why, a figure in days says days, a count of people is whole."""

import re

import pandas as pd

from onapage.pages import committee, scorecard
from onapage.pages import quarterly as q
from onapage.pages.charts import trend_chart
from onapage.pages.tables import breakdown_table, headline_table, kpi_box
from onapage.periods import Period

YEAR = Period.financial_year(2025)  # 2025-26
QUARTER = Period.quarter(2026, 2)  # Q2 2026-27, July-September 2026


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _year_page(make_indicator, long_row, long_frame, summary_frame):
    days = make_indicator(id="stat_days", title="Statutory complaints - average working days to respond",
                          unit="days", kind="in_month", polarity="smaller_is_better")
    rows = [long_row("stat_days", str(YEAR.shift(-k)), "month", v) for k, v in enumerate((17.2, 15.3, 16.7))]
    rows.append(long_row("stat_days", str(YEAR), "ytd", 17.2))
    summary = summary_frame([{"id": "stat_days", "period": str(YEAR), "value": 17.2, "target": 10.0,
                              "tolerance": 2.0, "rag": "Red", "rag_symbol": "■", "status": "ok"}])
    return days, long_frame(rows), summary


def test_an_annual_headline_table_speaks_of_years(make_indicator, long_row, long_frame, summary_frame):
    days, long, summary = _year_page(make_indicator, long_row, long_frame, summary_frame)
    html = headline_table(summary, long, ["stat_days"], YEAR, caption="Compliments",
                          indicators={"stat_days": days}).html
    text = _text(html)
    assert "month" not in text.lower()
    assert "Year columns show" in text and ">year<" in html
    assert "2025-26 (full year)" in text  # not 'Apr-25 to 2025-26 (year to date)'
    assert "Red (year)" in text
    assert "Statutory complaints - average working days to respond (days)" in text


def test_an_annual_breakdown_caption_says_each_year(make_indicator, long_row, long_frame):
    themes = make_indicator(id="themes", title="Complaints received by theme", unit="count", breakdown="theme",
                            polarity="monitor")
    long = long_frame([long_row("themes", str(YEAR), "month", 5, breakdown="theme", category="Delay")])
    html = breakdown_table(long, themes, YEAR, caption="Complaints received by theme",
                           indicators={"themes": themes}).html
    assert "Complaints received by theme (in each year)" in html and "month" not in _text(html).lower()


def test_a_quarterly_kpi_box_says_quarter_and_days(make_indicator):
    days = make_indicator(id="a1", title="Average days from entering care to being placed for adoption",
                          unit="days", decimals=0, kind="cumulative", polarity="smaller_is_better")
    row = {"period": str(QUARTER), "value": 460.0, "target": 426.0, "tolerance": 61.0, "variance": -0.0798,
           "status": "ok"}
    text = _text(kpi_box(row, days).html)
    assert "Latest (year to date)460 days" in text and "426\u00a0±61 days" in text


def test_a_quarterly_headline_year_to_date_runs_april_to_the_quarters_last_month(make_indicator, long_row,
                                                                                long_frame, summary_frame):
    pct = make_indicator(id="sar", title="Subject access requests answered by their due date")
    long = long_frame([long_row("sar", str(QUARTER), "month", 88.0), long_row("sar", str(QUARTER), "ytd", 84.5)])
    summary = summary_frame([{"id": "sar", "period": str(QUARTER), "value": 88.0, "target": 90.0, "rag": "Amber",
                              "rag_symbol": "▲", "status": "ok"}])
    text = _text(headline_table(summary, long, ["sar"], QUARTER, caption="Managing the business",
                                indicators={"sar": pct}).html)
    assert "Apr-26 to Sep-26 (year to date)" in text and "Quarter columns show" in text
    assert "Amber (quarter)" in text and "month" not in text.lower()


def test_a_quarterly_trend_is_titled_and_labelled_by_quarter(make_indicator, long_row, long_frame):
    pct = make_indicator(id="sar", title="Subject access requests answered by their due date")
    long = long_frame([long_row("sar", str(p), "month", 80.0) for p in QUARTER.trend(9)])
    chart = trend_chart(long, pct, QUARTER)
    assert chart.title == "Subject access requests answered by their due date (each quarter)"
    assert list(chart.data["Quarter"])[0] == "Q2 2024-25"  # nine quarters, two years back to the same quarter
    assert len(chart.data) == 9
    x = chart.spec["layer"][0]["encoding"]["x"]["axis"]
    assert x["labelExpr"] == "split(datum.value, ' ')"  # 'Q2' over '26-27', so neighbours never overlap
    assert "month" not in chart.alt_text.lower()


def test_a_year_missing_from_the_five_year_trend_says_why(long_row, long_frame):
    loaded_from = "complaints.csv is loaded from April 2023; April 2022 to March 2023 needs April 2022"
    rows = [long_row("oe_complaints_by_stage", "2022-23", "month", None, status="not_computable",
                     message=loaded_from)]
    rows += [long_row("oe_complaints_by_stage", y, "month", n, breakdown="stage", category="Stage 1")
             for y, n in (("2023-24", 87), ("2024-25", 105), ("2025-26", 113))]
    html = committee.five_year_trend(long_frame(rows), YEAR).html
    cells = re.findall(r"<td[^>]*>(.*?)</td>", re.search(r"Stage 1</th>(.*?)</tr>", html).group(1))
    assert [_text(c)[:4] for c in cells] == ["n/a1", "n/a2", "87", "105", "113"]
    assert "<li>n/a: not in the data loaded</li>" in html  # 2021-22: no result at all
    assert f"<li>n/a: {loaded_from}</li>" in html


def test_the_year_comment_says_why_last_year_is_missing_and_gives_days(make_indicator, long_row, long_frame):
    days = make_indicator(id="a1", title="Average days from entering care to being placed for adoption",
                          unit="days", decimals=0, polarity="smaller_is_better")
    why = committee.why_no_figure(long_frame([]), days, YEAR.previous)
    row = {"value": 503.0, "previous_value": None, "target": 426.0, "rag": "Red"}
    assert committee.year_comment(days, row, YEAR, why) == (
        "503 days in 2025-26; no figure for 2024-25 (not in the data loaded); misses the target of 426 days.")
    # compared as printed: 88.24% and 88.2% are the same figure
    pct = make_indicator(unit="percent")
    assert committee.year_comment(pct, {"value": 88.24, "previous_value": 88.2}, YEAR).startswith(
        "88.2%, the same as 88.2% in 2024-25")


def test_the_quarterly_corporate_plan_gives_days_and_says_variance_is_of_the_target():
    summary = pd.DataFrame([{
        "id": "adopt_days_care_to_placement", "value": 460.0, "previous_value": 503.0, "same_month_last_year": 503.0,
        "target": 426.0, "tolerance": 61.0, "variance": -0.0798, "rag": "Amber", "rag_symbol": "▲",
        "numerator": None, "denominator": None, "benchmark_england": None, "benchmark_region": None,
        "benchmark_sn_mean": None, "benchmark_year": None}])
    text = _text(q.corporate_plan_table(summary, ["adopt_days_care_to_placement"], QUARTER).html)
    assert "503 days" in text and "460 days" in text and "426\u00a0±61 days" in text
    assert "Variance from target (% of target)" in text


def test_a_count_of_people_in_the_improvement_plan_is_whole(monkeypatch):
    extract = pd.DataFrame([{"theme": "Workforce and leadership", "plan_id": "4d",
                             "measure": "Newly qualified social workers in the assessed year (number)",
                             "polarity": "Monitor", "value_at_inspection": 14.4, "target": 14.0,
                             "latest": 13.7, "previous": 13.2}])
    monkeypatch.setattr(scorecard, "improvement_plan_rows", lambda settings, period: extract)
    html = scorecard.improvement_plan_table(None, Period(2026, 10)).html
    cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", html)]
    # previous 13 (13.2), latest 14 (13.7), change 1, since inspection 0 (14 against 14), target 14
    assert cells[1:6] == ["13", "14", "1", "0", "14"]
