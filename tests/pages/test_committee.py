"""The committee's end-of-year tables from hand-built LONG and SUMMARY tables for a financial year."""

import re

from onapage.pages.committee import corporate_plan_table, outcomes_table, stages_table, year_comment
from onapage.periods import Period

YEAR = Period.parse("2025-26")


def _cells(html: str, title: str) -> list[str]:
    row = re.search(rf"<tr[^>]*><th scope=\"row\">{re.escape(title)}</th>(.*?)</tr>", html)
    assert row, f"no row {title!r}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


def test_year_comment_compares_with_last_year_and_the_target_in_words(make_indicator):
    ind = make_indicator(unit="percent", polarity="bigger_is_better")
    row = {"value": 88.2, "previous_value": 88.7, "target": 85.0, "rag": "Green"}
    assert year_comment(ind, row, YEAR) == "88.2%, down from 88.7% in 2024-25; meets the target of 85.0%."
    first_year = {"value": 80.0, "previous_value": None}
    assert year_comment(ind, first_year, YEAR) == "80.0% in 2025-26; no figure for 2024-25."
    assert year_comment(ind, None, YEAR) == "No result for 2025-26."


def test_corporate_plan_row_has_polarity_target_result_direction_last_year_and_benchmark(
        make_indicator, summary_frame, long_frame):
    ind = make_indicator(id="asmt", title="Assessments in 45 days", unit="percent", polarity="bigger_is_better")
    summary = summary_frame([{"id": "asmt", "value": 85.7, "previous_value": 85.1, "target": 85.0, "rag": "Green",
                              "direction": "↑", "direction_label": "positive upward change",
                              "benchmark_england": 82.1, "benchmark_year": "2024/25", "status": "ok"}])
    html = corporate_plan_table(summary, long_frame([]), [ind], YEAR, comments={"asmt": "A comment."}).html
    assert _cells(html, "Assessments in 45 days") == [
        "Higher is better", "85.0%", "85.7%", "↑positive upward change", "85.1%", "82.1% (England, 2024/25)",
        "A comment."]
    assert "Result 2024-25" in html and "Target 2025-26" in html


def test_stages_show_received_and_in_timescale_with_every_stage_listed(long_row, long_frame):
    rows = [long_row("oe_complaints_by_stage", "2025-26", "month", n, breakdown="stage", category=c)
            for c, n in (("Stage 1", 4), ("Stage 2", 1), ("Not recorded", 1))]
    rows += [long_row("oe_complaints_in_timescale_by_stage", "2025-26", "month", 200 / 3, numerator=2,
                      denominator=3, breakdown="stage", category="Stage 1")]
    html = stages_table(long_frame(rows), YEAR).html
    assert _cells(html, "Stage 1") == ["4", "2 of 3 (67%)"]
    assert _cells(html, "Stage 3") == ["0", "-"]  # none received: listed, with a nought
    assert _cells(html, "Not recorded") == ["1", "-"]
    assert html.index("Ombudsman") < html.index("Not recorded")


def test_outcomes_rows_follow_the_stages_in_order(long_row, long_frame):
    rows = [long_row("oe_complaint_outcomes_by_stage", "2025-26", "month", v, numerator=n, denominator=d,
                     breakdown="stage_outcome", category=c)
            for c, v, n, d in (("Ombudsman: Upheld", 100.0, 1, 1), ("Stage 1: Upheld", 50.0, 2, 4),
                               ("Stage 1: Not upheld", 50.0, 2, 4))]
    html = outcomes_table(long_frame(rows), YEAR).html
    assert html.index(">Stage 1<") < html.index(">Ombudsman<")
    assert _cells(html, "Stage 1") == ["2 (50%)", "0", "2 (50%)", "4"]
