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


# --- near misses: a figure that differs only in its last digit is a different figure ---------------------------

def _two_places(first: str, second: str, key=("cla_stability_pct", "2026-10", "month")) -> str:
    tag = figure_tag(*key)
    return (f'<section id="section-scorecard"><p><span{tag}>{first}</span></p></section>'
            f'<section id="section-children_in_care"><p><span{tag}>{second}</span></p></section>')


@pytest.mark.parametrize(("first", "second"), [
    ("84.2%", "84.3%"),  # one tenth of a point apart
    ("84.2%", "84.9%"),  # the same up to the decimal point
    ("137", "138"),
    ("1,370", "1,380"),
    ("84.2%", "84.2"),  # the same number, one without its unit
])
def test_a_figure_one_digit_or_one_sign_off_is_shown_two_ways(first, second):
    found = disagreements(tagged_figures(_two_places(first, second)))
    assert [(d.key, d.shown) for d in found] == [
        (("cla_stability_pct", "2026-10", "month"), {first: ["scorecard"], second: ["children_in_care"]})]
    assert str(found[0]) == (f"cla_stability_pct for 2026-10 (month) is shown as {first!r} on scorecard; "
                             f"{second!r} on children_in_care")


def test_the_same_figure_with_other_spacing_around_it_is_one_figure():
    # spaces, tabs and line breaks around and inside the text are one space: the reader sees one figure
    assert disagreements(tagged_figures(_two_places("84.2%", "\n  84.2%\t"))) == []
    assert disagreements(tagged_figures(_two_places("1 370", "1\n  370"))) == []


def test_the_same_figure_for_another_period_or_measure_is_not_compared():
    html = (f"<p><span{figure_tag('cp_new', '2026-10', 'month')}>137</span>"
            f"<span{figure_tag('cp_new', '2026-09', 'month')}>138</span>"
            f"<span{figure_tag('cp_ended', '2026-10', 'month')}>138</span></p>")
    figures = tagged_figures(html)
    assert [f.key for f in figures] == [("cp_new", "2026-10", "month"), ("cp_new", "2026-09", "month"),
                                       ("cp_ended", "2026-10", "month")]
    assert disagreements(figures) == []


def test_a_figure_shown_three_ways_names_each_value_once_with_every_place():
    tag = figure_tag("cp_new", "2026-10", "ytd")
    html = (f'<div id="section-scorecard"><span{tag}>137</span></div>'
            f'<div id="section-child_protection"><span{tag}>138</span><b{tag}>137</b></div>'
            f'<div id="section-summary"><i{tag}>139</i></div>')
    (found,) = disagreements(tagged_figures(html))
    assert found.shown == {"137": ["scorecard", "child_protection"], "138": ["child_protection"],
                           "139": ["summary"]}
    assert str(found) == ("cp_new for 2026-10 (ytd) is shown as '137' on scorecard, child_protection; "
                          "'138' on child_protection; '139' on summary")


def test_figures_before_the_first_section_are_on_the_front_pages():
    tag = figure_tag("cp_new", "2026-10", "ytd")
    html = f'<p><span{tag}>137</span></p><section id="section-scorecard"><span{tag}>138</span></section>'
    (found,) = disagreements(tagged_figures(html))
    assert str(found) == "cp_new for 2026-10 (ytd) is shown as '137' on the front pages; '138' on scorecard"


def test_a_link_to_a_section_does_not_move_the_figures_after_it_there():
    tag = figure_tag("cp_new", "2026-10", "ytd")
    html = (f'<section id="section-scorecard"><a id="section-child_protection" href="#x">Child protection</a>'
            f'<span{tag}>137</span></section>')
    assert [f.where for f in tagged_figures(html)] == ["scorecard"]


def test_a_figure_holding_a_line_break_or_a_self_closed_tag_keeps_its_whole_text():
    tag = figure_tag("cp_new", "2026-10", "ytd")
    html = f"<p><span{tag}>84.2<br>%</span><span{tag}>84.2<wbr/>%<i/></span></p>"
    assert [f.text for f in tagged_figures(html)] == ["84.2%", "84.2%"]


def test_a_figure_inside_a_tagged_figure_is_read_on_its_own():
    outer, inner = figure_tag("cp_rate", "2026-10", "month"), figure_tag("cp_new", "2026-10", "month")
    html = f"<p><span{outer}>41.3 per 10,000 (<b{inner}>137</b> children)</span></p>"
    assert [(f.indicator, f.text) for f in tagged_figures(html)] == [
        ("cp_new", "137"), ("cp_rate", "41.3 per 10,000 (137 children)")]


def test_a_booklet_that_agrees_returns_its_figures(tmp_path):
    path = tmp_path / "booklet.html"
    path.write_text(_two_places("84.2%", "84.2%"), encoding="utf-8")
    assert [f.text for f in check_booklet(path)] == ["84.2%", "84.2%"]


def test_the_error_counts_every_figure_shown_two_ways(tmp_path):
    path = tmp_path / "booklet.html"
    path.write_text(_two_places("84.2%", "84.3%") + _two_places("137", "138", ("cp_new", "2026-10", "ytd")),
                    encoding="utf-8")
    with pytest.raises(BookletDisagrees) as err:
        check_booklet(path)
    assert str(err.value).splitlines() == [
        f"{path}: 2 figure(s) shown with more than one value:",
        "  cla_stability_pct for 2026-10 (month) is shown as '84.2%' on scorecard; '84.3%' on children_in_care",
        "  cp_new for 2026-10 (ytd) is shown as '137' on scorecard; '138' on children_in_care",
    ]


def test_a_suppressed_count_written_as_an_entity_reads_as_the_reader_sees_it():
    # '&lt;5' is what the reader sees as '<5': it is not the figure 5
    (found,) = disagreements(tagged_figures(_two_places("&lt;5", "5")))
    assert found.shown == {"<5": ["scorecard"], "5": ["children_in_care"]}


def test_a_figure_with_an_element_inside_it_is_read_whole():
    tag = figure_tag("cp_new", "2026-10", "ytd")
    html = f'<p><span{tag}>84.2<b>%</b></span> <span{tag}><i><b>137</b></i></span></p>'
    assert [f.text for f in tagged_figures(html)] == ["84.2%", "137"]


def test_a_self_closed_figure_is_empty_and_a_self_closed_section_link_is_no_section():
    tag = figure_tag("cp_new", "2026-10", "ytd")
    html = f'<div id="section-scorecard"><a id="section-child_protection"/><span{tag}/>137</div>'
    assert [(f.text, f.where) for f in tagged_figures(html)] == [("", "scorecard")]


def test_a_figure_before_any_section_is_on_no_section_and_bare_tags_read_as_empty():
    (figure,) = tagged_figures("<p><span data-indicator>137</span></p>")
    assert (figure.indicator, figure.period, figure.basis, figure.where) == ("", "", "", "")
