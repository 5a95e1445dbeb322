"""The quarterly report's tables, from small hand-built summaries, results and registers."""

from datetime import date

import pandas as pd
import pytest

from onapage.indicators.catalogue import indicator
from onapage.indicators.testing import store_with
from onapage.pages import quarterly as q
from onapage.periods import Period

Q4 = Period.parse("2026-Q4")  # January-March 2027


@pytest.mark.parametrize(
    ("ind_id", "expected"),
    [
        ("cp_rate_per_10k", "As at 31 Mar 2027"),  # snapshot at the quarter's end
        ("asmt_within_45_days_pct", "Jan 27 - Mar 27"),  # over the quarter
        ("adopt_adoptions", "Apr 26 - Mar 27"),  # year to date: the whole financial year at Q4
        ("cla_three_plus_placements_pct", "Apr 26 - Mar 27"),  # rolling 12 months
    ],
)
def test_period_covered_follows_each_measures_window(ind_id, expected):
    assert q.period_covered(indicator(ind_id), Q4) == expected


def test_period_covered_of_a_q2_rolling_year_and_a_month():
    assert q.period_covered(indicator("cla_three_plus_placements_pct"), Period.parse("2026-Q2")) == "Oct 25 - Sep 26"
    assert q.period_covered(indicator("asmt_within_45_days_pct"), Period.parse("2026-10")) == "Oct 2026"


def _summary(rows):
    cols = {"id": None, "section": "assessments", "polarity": "bigger_is_better", "value": None, "previous_value": None,
            "same_month_last_year": None, "target": None, "tolerance": None, "rag": None, "rag_symbol": None,
            "numerator": None, "denominator": None, "variance": None, "direction": None, "direction_label": None,
            "benchmark_england": None, "benchmark_region": None, "benchmark_sn_mean": None, "benchmark_year": None}
    return pd.DataFrame([{**cols, **r} for r in rows])


def test_previous_outturn_is_last_quarter_or_for_year_to_date_the_same_quarter_last_year():
    summary = _summary([
        {"id": "asmt_within_45_days_pct", "value": 85.7, "previous_value": 83.6, "same_month_last_year": 70.0},
        {"id": "adopt_adoptions", "value": 2, "previous_value": 1, "same_month_last_year": 4},
    ])
    rows = {r["id"]: r for r in q.corporate_plan_rows(summary, ["asmt_within_45_days_pct", "adopt_adoptions"], Q4)}
    assert rows["asmt_within_45_days_pct"]["previous"] == 83.6
    assert rows["adopt_adoptions"]["previous"] == 4


def test_the_arrow_compares_the_result_with_the_previous_outturn_shown_beside_it():
    """Adoptions this year to date 2 against 4 at the same point last year: down, though up on last quarter's 1."""
    summary = _summary([
        {"id": "adopt_adoptions", "value": 2, "previous_value": 1, "same_month_last_year": 4,
         "direction": "↔", "direction_label": "no change"},
        {"id": "adopt_days_care_to_placement", "value": 460.0, "previous_value": 503.0, "same_month_last_year": 480.0,
         "direction": "↔", "direction_label": "no change"},
    ])
    rows = {r["id"]: r for r in q.corporate_plan_rows(summary, ["adopt_adoptions", "adopt_days_care_to_placement"], Q4)}
    assert (rows["adopt_adoptions"]["previous"], rows["adopt_adoptions"]["result"]) == (4, 2)
    assert rows["adopt_adoptions"]["direction"] == "↓"
    # 503 days to 460: fewer days is better
    assert (rows["adopt_days_care_to_placement"]["direction"],
            rows["adopt_days_care_to_placement"]["direction_label"]) == ("↓", "positive downward change")


def test_rag_overview_counts_this_quarter_and_judges_last_quarter_on_the_same_targets():
    summary = _summary([
        # bigger is better, target 80, tolerance 5: now 85 Green, before 78 Amber
        {"id": "a", "value": 85, "previous_value": 78, "target": 80, "tolerance": 5, "rag": "Green"},
        # now 70 Red, before 82 Green
        {"id": "b", "value": 70, "previous_value": 82, "target": 80, "tolerance": 5, "rag": "Red"},
        # smaller is better, target 10, tolerance 2: now 11 Amber, before 15 Red
        {"id": "c", "polarity": "smaller_is_better", "value": 11, "previous_value": 15, "target": 10,
         "tolerance": 2, "rag": "Amber"},
        # no target: not rated either time
        {"id": "d", "value": 5, "previous_value": 4},
        # monitor: left out
        {"id": "e", "polarity": "monitor", "value": 5, "previous_value": 4, "target": 3},
    ])
    frame = q.rag_overview(summary).set_index(["when", "rag"])["count"].to_dict()
    assert {k: v for k, v in frame.items() if k[0] == "this"} == {
        ("this", "Red"): 1, ("this", "Amber"): 1, ("this", "Green"): 1, ("this", "Total rated"): 3}
    assert {k: v for k, v in frame.items() if k[0] == "previous"} == {
        ("previous", "Red"): 1, ("previous", "Amber"): 1, ("previous", "Green"): 1, ("previous", "Total rated"): 3}
    shares = q.rag_overview(summary).set_index(["when", "rag"])["share"]
    assert shares[("this", "Green")] == pytest.approx(100 / 3)


def test_budget_frame_adds_a_total_and_works_out_forecast_and_percentages():
    long = pd.DataFrame([
        {"indicator_id": "fin_budget_variance_pct", "period": "2026-Q4", "category": "Revenue: Early years",
         "numerator": 50.0, "denominator": 1000.0},
        {"indicator_id": "fin_budget_variance_pct", "period": "2026-Q4", "category": "Revenue: Youth: outreach",
         "numerator": -150.0, "denominator": 3000.0},
        {"indicator_id": "fin_budget_variance_pct", "period": "2026-Q4", "category": "Capital: Homes",
         "numerator": -685.0, "denominator": 1925.0},
        {"indicator_id": "fin_budget_variance_pct", "period": "2026-Q3", "category": "Revenue: Early years",
         "numerator": 999.0, "denominator": 1000.0},
    ])
    frame = q.budget_frame(long, Q4, "Revenue").set_index("line")
    assert list(frame.index) == ["Early years", "Youth: outreach", "Total"]
    assert frame.loc["Early years", "forecast"] == 1050 and frame.loc["Early years", "variance_pct"] == 5.0
    # 4000 budget, -100 variance: 3900 forecast, -2.5%
    assert frame.loc["Total"].to_dict() == {"budget": 4000, "forecast": 3900, "variance": -100, "variance_pct": -2.5}
    html = q.budget_table(long, Q4, "Capital").html
    assert "(685)" in html and "(35.6%)" in html and "underspend" in html
    assert "n/a" in q.budget_table(long, Period.parse("2025-Q4"), "Revenue").html


def test_money_in_thousands_with_underspends_in_brackets():
    assert (q.money(-809), q.money(22010), q.money(0.4), q.money(None)) == ("(809)", "22,010", "0", "-")


@pytest.mark.parametrize(("score", "band"), [(1, "Green"), (6, "Green"), (8, "Amber"), (12, "Amber"),
                                            (15, "Red"), (25, "Red")])
def test_risk_bands(score, band):
    assert q.risk_band(score) == band


def _risks(monkeypatch, rows):
    con = store_with({"risks": rows})
    monkeypatch.setattr(q.store, "connect", lambda *a, **k: con)
    settings = type("Settings", (), {"store": "unused.duckdb"})()
    return q.risk_register(settings, Period.parse("2026-Q2"))


def _risk(rid, day, lk, im):
    return {"risk_id": rid, "review_date": day, "title": f"Risk {rid}", "owner": "Head of service",
            "inherent_likelihood": 5, "inherent_impact": 5, "residual_likelihood": lk, "residual_impact": im}


def test_register_at_the_latest_review_with_direction_from_the_review_before(monkeypatch):
    register = _risks(monkeypatch, [
        _risk("R1", date(2026, 6, 30), 4, 4), _risk("R1", date(2026, 9, 30), 3, 4),  # 16 -> 12: reducing
        _risk("R2", date(2026, 6, 30), 2, 2), _risk("R2", date(2026, 9, 30), 3, 3),  # 4 -> 9: increasing
        _risk("R3", date(2026, 9, 30), 4, 4),  # new this review
        _risk("R1", date(2026, 10, 31), 5, 5),  # after the quarter
    ])
    assert list(register["risk_id"]) == ["R3", "R1", "R2"]  # highest residual score first
    assert dict(zip(register["risk_id"], register["direction"], strict=True)) == {
        "R1": "Reducing", "R2": "Increasing", "R3": "New"}
    counts = q.heat_map_counts(register)
    assert (counts[(4, 4)], counts[(3, 4)], counts[(3, 3)], sum(counts.values())) == (1, 1, 1, 3)
    html = q.heat_map(register, Period.parse("2026-Q2")).html
    # every cell states its count, score and rating in words, and a list repeats the counts
    assert html.count('class="heat-count"') == 25 and "16 Red" in html and "9 Amber" in html
    assert "1 risk at likelihood 4 (Likely), impact 4 (Major): score 16, Red" in html
    table = q.risk_register_table(register, Period.parse("2026-Q2")).html
    assert "4 x 4 = 16" in table and "Reducing" in table and "rag-red" in table and "Red</td>" in table


def test_the_appendix_lists_every_kpi_by_section_and_leaves_out_untargeted_monitoring():
    summary = _summary([
        {"id": "asmt_within_45_days_pct", "value": 85.7, "previous_value": 83.6, "target": 85.0, "variance": 0.0082,
         "rag": "Green", "rag_symbol": "●"},
        {"id": "asmt_completed", "value": 300, "polarity": "monitor"},  # no target, not a headline
        {"id": "cp_rate_per_10k", "section": "child_protection", "value": 18.3, "polarity": "monitor"},  # headline
    ])
    html = q.appendix_table(summary, Q4).html
    assert "Assessments completed within 45 working days" in html and "0.8%" in html and "Green" in html
    assert f">{indicator('asmt_completed').title}<" not in html
    assert indicator("cp_rate_per_10k").title in html and "Child protection" in html
    assert html.index("Assessments") < html.index("Child protection")


def test_rag_overview_table_shows_each_rating_in_words_and_the_change():
    summary = _summary([
        {"id": "a", "value": 85, "previous_value": 78, "target": 80, "tolerance": 5, "rag": "Green"},
        {"id": "b", "value": 86, "previous_value": 70, "target": 80, "tolerance": 5, "rag": "Green"},
    ])
    html = q.rag_overview_table(summary, Q4).html
    assert "Q4 26-27" in html and "Q3 26-27" in html
    # Green 2 now, 0 before: +2; Amber 0 and 1: -1; Red 0 and 1: -1; total 2 and 2: 0
    green = html[html.index("Green</th>"):]
    assert green.startswith("Green</th><td class='num'>2</td><td class='num'>100.0%</td><td class='num'>0</td>")
    assert "<td class='num'>+2</td>" in html and "<td class='num'>-1</td>" in html
    assert html.rstrip().endswith("<td class='num'>0</td></tr></tbody></table>")
