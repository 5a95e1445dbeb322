"""The scorecard: the month and the year to date in their own columns, each the figure the section page
shows (the same tag), and a RAG that says which of the two it judges."""

import re

from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.summary import period_summary
from onapage.indicators.targets import Target
from onapage.pages.scorecard import scorecard_table
from onapage.periods import Period

OCTOBER = Period(2026, 10)


def _scorecard(long_frame, rows, targets):
    long = long_frame(rows)
    inds = [load_catalogue()[i] for i in {r["indicator_id"] for r in rows}]
    summary = period_summary(long, OCTOBER, targets, indicators=inds)
    return scorecard_table(summary, OCTOBER).html


def _tagged(html: str) -> dict[tuple[str, str, str], str]:
    found = re.findall(r'data-indicator="([^"]+)" data-period="([^"]+)" data-basis="([^"]+)">([^<]*)<', html)
    return {(i, p, b): text for i, p, b, text in found}


def test_counts_since_april_show_the_month_and_the_year_to_date_apart(long_row, long_frame):
    # 3 adoptions in October, 5 since April; the target (8 by March) is judged on the year to date
    rows = [long_row("adopt_adoptions", "2026-10", "month", 3), long_row("adopt_adoptions", "2026-10", "ytd", 5),
            long_row("adopt_adoptions", "2026-09", "month", 1), long_row("adopt_adoptions", "2026-09", "ytd", 2)]
    html = _scorecard(long_frame, rows, {"adopt_adoptions": Target(8.0, 0.1)})
    assert _tagged(html) == {("adopt_adoptions", "2026-10", "month"): "3",
                             ("adopt_adoptions", "2026-10", "ytd"): "5"}
    assert '(<abbr title="judged on the year to date">YTD</abbr>)' in html
    assert "Apr-26 to Oct-26 (year to date)" in html


def test_no_statistical_neighbour_figure_beside_a_count(long_row, long_frame):
    rows = [long_row("adopt_adoptions", "2026-10", "month", 3), long_row("adopt_adoptions", "2026-10", "ytd", 5)]
    long = long_frame(rows)
    ind = load_catalogue()["adopt_adoptions"]
    summary = period_summary(long, OCTOBER, {"adopt_adoptions": Target(8.0)}, indicators=[ind])
    summary["benchmark_sn_mean"] = 267.5
    assert "267.5" not in scorecard_table(summary, OCTOBER).html


def test_a_change_in_a_percentage_is_in_percentage_points():
    from onapage.pages.scorecard import _change_cell

    assert _change_cell(84.3 - 82.1, "percent", 1) == '<td class="num">2.2 pp</td>'
    assert _change_cell(-3.0, "count", 0) == '<td class="num">-3</td>'
    assert _change_cell(None, "percent", 1) == '<td class="num">-</td>'


def test_the_plan_measures_from_the_catalogue_are_checked(tmp_path):
    import pytest

    from onapage.indicators.plan_links import plan_measures_from_catalogue

    good = tmp_path / "plan.yml"
    good.write_text("from_catalogue:\n  - {plan_id: 1a, theme: Front door, indicator: fd_contacts_decision_24h_pct}\n")
    assert plan_measures_from_catalogue(good) == [
        {"plan_id": "1a", "theme": "Front door", "indicator": "fd_contacts_decision_24h_pct"}]
    bad = tmp_path / "bad.yml"
    bad.write_text("from_catalogue:\n  - {plan_id: 1a, theme: Front door, indicator: no_such_measure}\n")
    with pytest.raises(ValueError, match="row 1: 'no_such_measure' is not a catalogue indicator"):
        plan_measures_from_catalogue(bad)
