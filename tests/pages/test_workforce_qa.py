"""The workforce and practice QA report's tables from hand-built LONG tables: categories split back into
rows and columns, totals, the heat shading and moderation."""

import re

from onapage.pages.workforce_qa import (
    HEAT_SHADES,
    grades_table,
    heat_band,
    heat_table,
    moderation_table,
    staffing_table,
)
from onapage.periods import Period

PERIOD = Period(2026, 10)


def _cells(html: str, title: str) -> list[str]:
    row = re.search(rf"<tr[^>]*><th scope=\"row\">{re.escape(title)}</th>(.*?)</tr>", html)
    assert row, f"no row {title!r}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


def test_staffing_by_post_type_with_a_total_row(long_row, long_frame):
    figures = {"Social worker": (20, 3.5, 1.5, 25), "Team manager": (2, 1, 0, 3)}
    rows = [long_row("wf_fte_by_post_type", "2026-10", "snapshot", v, breakdown="post_type_staffing",
                     category=f"{post}: {kind}")
            for post, values in figures.items()
            for kind, v in zip(("Permanent", "Agency", "Vacant", "Establishment"), values, strict=True)]
    rows.append(long_row("wf_fte_by_post_type", "2026-09", "snapshot", 99, category="Social worker: Agency"))
    html = staffing_table(long_frame(rows), PERIOD).html
    assert _cells(html, "Social worker") == ["20", "3.5", "1.5", "25"]
    assert _cells(html, "Team manager") == ["2", "1", "0", "3"]
    assert _cells(html, "Total") == ["22", "4.5", "1.5", "28"]  # September's 99 is not this month's


def test_staffing_without_figures_says_so(long_frame):
    assert "No figures for staffing" in staffing_table(long_frame([]), PERIOD).html


def test_heat_band_runs_from_the_lowest_to_the_highest_figure():
    assert heat_band(10, 10, 20) == 0
    assert heat_band(14.9, 10, 20) == 1
    assert heat_band(20, 10, 20) == len(HEAT_SHADES) - 1
    assert heat_band(None, 10, 20) is None
    assert heat_band(7, 7, 7) == 0  # every figure the same


def test_heat_table_prints_every_figure_and_shades_it(long_row, long_frame):
    rows = [long_row("wf_caseload_by_team", p, "snapshot", v, breakdown="team", category="MASH")
            for p, v in (("2026-09", 10.0), ("2026-10", 20.0))]
    rows += [long_row("wf_caseload_by_team", "2026-10", "snapshot", 15.0, breakdown="team", category="Duty")]
    html = heat_table(long_frame(rows), "wf_caseload_by_team", PERIOD, months=2).html
    assert _cells(html, "MASH") == ["10.0", "20.0"]
    assert _cells(html, "Duty") == ["-", "15.0"]  # no September figure: a dash, unshaded
    assert f'background:{HEAT_SHADES[0]}' in html and f'background:{HEAT_SHADES[-1]}' in html
    assert "Each figure is printed" in html


def test_grades_grid_counts_and_percentages_of_the_row(long_row, long_frame):
    def row(category, n, d):
        return long_row("qa_domain_grades", "2026-10", "month", 100 * n / d, numerator=n, denominator=d,
                        breakdown="domain_grade", category=category)
    rows = [row("Assessment: Good", 3, 4), row("Assessment: Inadequate", 1, 4), row("Visits: Outstanding", 2, 2)]
    html = grades_table(long_frame(rows), "qa_domain_grades", PERIOD).html
    assert _cells(html, "Assessment") == ["0", "3 (75%)", "0", "1 (25%)", "4"]
    assert _cells(html, "Visits") == ["2 (100%)", "0", "0", "0", "2"]


def test_moderation_grid_and_what_moderation_did(long_row, long_frame):
    moved = {"Good to Good": 5, "Good to Requires improvement": 2, "Inadequate to Requires improvement": 1}
    rows = [long_row("qa_moderated_grades", "2026-10", "ytd", n, breakdown="original_moderated", category=c)
            for c, n in moved.items()]
    rows += [long_row("qa_moderation_outcome", "2026-10", "ytd", 100 * n / 8, numerator=n, denominator=8,
                      breakdown="moderation", category=c)
             for c, n in (("Agreed", 5), ("Moderated down", 2), ("Moderated up", 1))]
    html = moderation_table(long_frame(rows), PERIOD).html
    assert _cells(html, "Good") == ["0", "5 (agreed)", "2", "0"]
    assert _cells(html, "Inadequate") == ["0", "0", "1", "0"]
    assert "<li>Agreed: 5 (63%)</li>" in html and "<li>Moderated up: 1 (13%)</li>" in html
    assert html.index("Moderated up:") < html.index("Moderated down:")
