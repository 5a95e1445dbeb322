"""Cells wrapped for layout: a chart with its data comments, runs of charts and tables, the commentary."""

import re

from onapage.booklet.grouping import group_cells, top_level_cells

CHART = '<div class="nb-cell nb-output"><div class="onapage"><section class="chart-block">c{n}</section></div></div>'
COMMENTS = '<div class="nb-cell nb-markdown data-comments"><p>comments {n}</p></div>'
TABLE = ('<div class="nb-cell nb-output"><div class="onapage"><div class="table-wrap"><table>t{n}</table>'
         "</div></div></div>")
HEADING = '<div class="nb-cell nb-markdown"><h3>Trends</h3></div>'
COMMENTARY = '<div class="nb-cell nb-markdown commentary commentary-draft"><h3>Why</h3></div>'


def test_top_level_cells_keep_nested_divs_whole():
    html = HEADING + "\n" + CHART.format(n=1)
    assert top_level_cells(html) == [HEADING, "\n", CHART.format(n=1)]


def test_chart_and_its_comments_pair_and_a_run_of_pairs_is_one_grid():
    html = HEADING + CHART.format(n=1) + COMMENTS.format(n=1) + CHART.format(n=2) + COMMENTS.format(n=2)
    out = group_cells(html)
    assert out.count('<div class="chart-grid">') == 1
    assert out.count('<div class="chart-pair">') == 2
    # the first pair holds chart 1 then its comments, before chart 2
    first = out.index('<div class="chart-pair">')
    assert out.index("c1") > first and out.index("comments 1") < out.index("c2")
    assert out.count("<div") == out.count("</div>")


def test_a_chart_without_comments_is_a_pair_on_its_own():
    out = group_cells(CHART.format(n=1) + HEADING)
    assert '<div class="chart-pair">' + CHART.format(n=1) + "</div>" in out


def test_one_table_alone_is_not_wrapped_but_two_are_a_grid():
    assert "table-grid" not in group_cells(HEADING + TABLE.format(n=1) + HEADING)
    out = group_cells(TABLE.format(n=1) + TABLE.format(n=2) + HEADING + TABLE.format(n=3))
    assert out.count('<div class="table-grid">') == 1
    assert out.index("t3") > out.index("</div>" * 1, out.index("t2"))


def test_commentary_is_grouped_after_the_figures_and_nothing_is_reordered():
    html = CHART.format(n=1) + COMMENTS.format(n=1) + COMMENTARY + COMMENTARY
    out = group_cells(html)
    assert out.count('<div class="commentary-group">') == 1
    stripped = out.replace('<div class="chart-grid">', "").replace('<div class="chart-pair">', "")
    stripped = stripped.replace('<div class="commentary-group">', "")
    assert stripped.replace("</div>", "") == html.replace("</div>", "")


def _table(css: str, figures: int, label: str = "Neglect", rows: int = 1) -> str:
    head = '<tr><th scope="col">Category</th>' + '<th scope="col">No.</th>' * figures + "</tr>"
    row = f'<tr><th scope="row">{label}</th>' + "<td>1</td>" * figures + "</tr>"
    return (f'<div class="nb-cell nb-output"><div class="onapage"><div class="table-wrap">'
            f'<table class="onapage-table {css}"><thead>{head}</thead><tbody>{row * rows}</tbody>'
            '<tfoot><tr class="total"><th scope="row">Total</th></tr></tfoot></table></div></div></div>')


def test_tables_in_a_run_are_marked_by_how_many_fit_a_printed_row():
    out = group_cells(_table("breakdown-table", 4) + _table("breakdown-table", 5) + _table("grades-table", 5))
    marks = re.findall(r'<div class="nb-cell (\w+ )?nb-output"', out)
    assert marks == ["narrow ", "", "wide "]  # a category and 4 figures; 5 figures; a grid of gradings
    long_label = group_cells(_table("breakdown-table", 4, "Intervention and Planning South") + _table("b", 4))
    assert re.findall(r'<div class="nb-cell (\w+ )?nb-output"', long_label) == ["", "narrow "]
    escaped = group_cells(_table("breakdown-table", 4, "Police &amp; legal agen") + _table("b", 4))  # 20 characters
    assert re.findall(r'<div class="nb-cell (\w+ )?nb-output"', escaped) == ["narrow ", "narrow "]
    # a month with no categories (only its total row) is as narrow as its columns
    empty = group_cells(_table("breakdown-table", 4, rows=0) + _table("breakdown-table", 5, rows=0))
    assert re.findall(r'<div class="nb-cell (\w+ )?nb-output"', empty) == ["narrow ", ""]
    assert out.count("<div") == out.count("</div>")
