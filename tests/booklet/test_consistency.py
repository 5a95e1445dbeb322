"""The booklet check: every tagged figure the same wherever it appears."""

import pytest

from onapage.booklet.consistency import BookletDisagrees, check_booklet, disagreements, tagged_figures
from onapage.pages.html import figure_tag

SCORECARD = (
    '<section id="section-scorecard"><table><tr><th>New CP plans</th>'
    '<td class="num"{month}>21</td><td class="num"{ytd}>137</td></tr></table></section>'
)
PAGE = (
    '<section id="section-child_protection"><table><tr><th>New CP plans</th>'
    '<td{ytd}>{ytd_text}</td><td><span title="note"{month}>21</span><sup>1</sup></td></tr></table>'
    '<dl><dt>Latest</dt><dd><span{ytd}>{ytd_text}</span></dd></dl><br><img src="x.svg" alt="chart"></section>'
)


def _booklet(ytd_on_page: str) -> str:
    tags = {"month": figure_tag("cp_new", "2026-10", "month"), "ytd": figure_tag("cp_new", "2026-10", "ytd")}
    return SCORECARD.format(**tags) + PAGE.format(ytd_text=ytd_on_page, **tags)


def test_collects_each_tagged_figure_with_its_key_and_section():
    figures = tagged_figures(_booklet("137"))
    assert [(f.key, f.text, f.where) for f in figures] == [
        (("cp_new", "2026-10", "month"), "21", "scorecard"),
        (("cp_new", "2026-10", "ytd"), "137", "scorecard"),
        (("cp_new", "2026-10", "ytd"), "137", "child_protection"),
        (("cp_new", "2026-10", "month"), "21", "child_protection"),
        (("cp_new", "2026-10", "ytd"), "137", "child_protection"),
    ]
    assert disagreements(figures) == []


def test_the_same_figure_shown_two_ways_is_named_with_both_values_and_places(tmp_path):
    path = tmp_path / "booklet.html"
    path.write_text(_booklet("1,37"), encoding="utf-8")
    with pytest.raises(BookletDisagrees) as err:
        check_booklet(path)
    message = str(err.value)
    assert "cp_new for 2026-10 (ytd)" in message
    assert "'137' on scorecard" in message and "'1,37' on child_protection" in message
    assert "(month)" not in message  # the month figure agrees


def test_month_and_year_to_date_are_different_figures():
    tags = figure_tag("cp_new", "2026-10", "month"), figure_tag("cp_new", "2026-10", "ytd")
    html = f"<p><span{tags[0]}>21</span> <span{tags[1]}>137</span></p>"
    assert disagreements(tagged_figures(html)) == []


def test_the_demo_booklet_shows_every_figure_one_way(built):
    figures = check_booklet(built.html)  # raises, naming each figure shown two ways
    where = {f.where for f in figures}
    assert {"scorecard", "child_protection", "improvement_plan"} <= where
    # the scorecard's figures are the section pages' own: each month or year-to-date figure it shows for a
    # measure its section page also shows is the same text there (disagreements would have raised above)
    scorecard = {f.key for f in figures if f.where == "scorecard"}
    pages = {f.key for f in figures if f.where not in ("scorecard", "improvement_plan")}
    assert len(scorecard & pages) >= len(scorecard) // 2
