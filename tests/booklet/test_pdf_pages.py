"""The printed booklet's pages: a section over two pages is reported by the build; a blank page is found."""

from __future__ import annotations

import nbformat
import pytest
from booklet_support import browser_problem

from onapage.booklet import build_booklet
from onapage.booklet.pdf import long_sections, page_counts, section_page_counts

DEMO_LIKE = [("Contents", 1), ("Director commentary", 2), ("Scorecard", 3), ("Front door / MASH", 5),
             ("Supporting Families", 7), ("Adoption and permanence", 8)]


def test_sections_run_from_their_bookmark_to_the_next():
    assert page_counts(DEMO_LIKE, 9) == {"Contents": 1, "Director commentary": 1, "Scorecard": 2,
                                         "Front door / MASH": 2, "Supporting Families": 1,
                                         "Adoption and permanence": 2}


def test_only_a_section_over_two_pages_is_named_with_its_page_count():
    assert long_sections(page_counts(DEMO_LIKE, 9)) == []
    counts = page_counts([("Scorecard", 1), ("Child protection", 3), ("Workforce", 6), ("Appendix", 8)], 11)
    warnings = long_sections(counts)
    assert len(warnings) == 2
    assert "'Child protection'" in warnings[0] and "3 pages" in warnings[0]
    assert "'Appendix'" in warnings[1] and "4 pages" in warnings[1]


def _long_table(rows: int) -> dict:
    body = "".join(f'<tr><th scope="row">Team {n}</th><td>{n}</td></tr>' for n in range(rows))
    html = ('<div class="onapage"><div class="table-wrap"><table class="onapage-table"><caption>Every team</caption>'
            f'<thead><tr><th scope="col">Team</th><th scope="col">Children</th></tr></thead><tbody>{body}</tbody>'
            "</table></div></div>")
    return nbformat.v4.new_output("execute_result", data={"text/html": html, "text/plain": "<HtmlFragment>"},
                                  execution_count=1)


@pytest.mark.skipif(browser_problem() is not None, reason="needs Chromium for the PDF")
def test_the_build_warns_of_a_section_printed_on_three_pages(fake_month):
    from booklet_support import fake_executed_notebook

    settings, period, _, booklet = fake_month
    notebooks = settings.output_dir / str(period) / "notebooks"
    fake_executed_notebook(notebooks / "child_protection.ipynb", "child_protection", title="Child protection",
                           extra_outputs=[_long_table(100)])
    result = build_booklet(settings, period, booklet_file=booklet, renderer="builtin", pdf=True, quarto=False)
    pages = section_page_counts(result.pdf)["Child protection"]
    assert pages >= 3  # a hundred rows: three pages in the Chromium of writing
    assert [w for w in result.warnings if "pages" in w] == [
        f"PDF: section 'Child protection' prints on {pages} pages; a section should fit on 2"]


@pytest.mark.skipif(browser_problem() is not None, reason="needs Chromium for the PDF")
def test_no_warning_when_every_section_fits_two_pages(fake_month):
    settings, period, _, booklet = fake_month
    result = build_booklet(settings, period, booklet_file=booklet, renderer="builtin", pdf=True, quarto=False)
    assert max(section_page_counts(result.pdf).values()) <= 2
    assert not [w for w in result.warnings if "pages" in w]


def test_the_running_header_and_footer_lie_in_the_stylesheets_page_margins():
    from onapage.booklet.pdf import page_margins_mm

    assert page_margins_mm("@page{size:A4 landscape;margin:14mm 10mm 12mm}") == (14, 12)
    assert page_margins_mm("@page{margin:15mm}") == (15, 15)
    assert page_margins_mm() == (14, 12)  # booklet.css


@pytest.mark.skipif(browser_problem() is not None, reason="needs Chromium for the PDF")
def test_a_page_with_only_the_header_and_footer_is_found_blank(tmp_path):
    from onapage.booklet.pdf import blank_pages, write_pdf

    page = tmp_path / "booklet.html"
    page.write_text('<!doctype html><html lang="en-GB"><head><title>T</title><style>@page{size:A4 landscape;'
                    "margin:14mm 10mm 12mm}</style></head><body><p>One</p>"
                    '<div style="break-before:page;height:5mm"></div>'
                    '<p style="break-before:page">Two</p></body></html>')
    pdf = write_pdf(page, tmp_path / "booklet.pdf", authority="Testshire", title="Test Booklet",
                    period_label="October 2026", synthetic=True).path
    assert blank_pages(pdf) == [2]
