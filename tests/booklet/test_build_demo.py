"""The demo month's booklet, built once: one self-contained file, every section, in order, fast and small."""

from __future__ import annotations

import json
import re

import pytest

from onapage.booklet import build_booklet
from onapage.booklet.stitch import external_references
from onapage.pages import SYNTHETIC_NOTE


@pytest.fixture(scope="module")
def html(built) -> str:
    return built.html.read_text(encoding="utf-8")


def test_one_file_beside_the_notebooks_with_its_record(built, demo_month):
    folder = demo_month.settings.output_dir / str(demo_month.period)
    assert built.html == folder / "booklet.html"
    record = json.loads((folder / "booklet.json").read_text())
    assert record["period"] == "2026-10" and record["synthetic"] is True
    assert [s["section"] for s in record["sections"]] == demo_month.sections
    assert all(len(s["sha256"]) == 64 for s in record["sections"])


def test_self_contained_nothing_to_fetch_and_no_code(html):
    assert external_references(html) == []
    assert "default-src 'none'" in html  # the browser itself refuses any fetch
    assert len(re.findall(r"<script\b", html)) == 1  # only the navigation script, inline
    assert not re.search(r"require\.js|mathjax|mermaid|cdn\.|jsdelivr|unpkg", html, re.IGNORECASE)
    assert "open_page(" not in html and "page.headline()" not in html  # code cells hidden
    assert "papermill" not in html and "injected-parameters" not in html


def test_stylesheet_once_not_per_output(html, demo_month):
    from onapage.pages.html import STYLESHEET

    assert html.count(STYLESHEET) == 1
    assert html.count("<style") <= 3
    executed = (demo_month.notebooks / "child_protection.ipynb").read_text()
    assert executed.count(".onapage .rag-red") > 3  # each output carries it for JupyterLab


def test_every_chart_has_its_data_comments_under_a_label(html, demo_month):
    nb = (demo_month.notebooks / "child_protection.ipynb").read_text()
    charts = nb.count("page.trend(")
    part = html[html.index('id="part-child_protection"'):html.index('id="part-children_in_care"')]
    blocks = re.findall(r'<div class="nb-cell nb-markdown data-comments">\s*<p><strong>Data comments</strong></p>'
                        r"\s*<p>([^<]+)</p>", part)
    assert len(blocks) == charts == 4
    assert all(b.startswith(("The ", "There is no figure")) for b in blocks)


def test_every_section_in_booklet_order_with_the_scorecard_up_front(html, demo_month):
    positions = [html.find(f'id="part-{s}"') for s in demo_month.sections]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)
    assert demo_month.sections[:2] == ["cover", "scorecard"]
    assert html.find('class="cover"') < positions[0]
    for s in demo_month.sections[1:]:
        assert f'id="section-{s}"' in html  # the page header each contents link goes to


def test_cover_names_authority_period_product_and_says_synthetic(html, demo_month):
    cover = html[html.find('<section class="cover"'):html.find('id="part-cover"')]
    assert demo_month.settings.authority.name in cover
    assert "Performance Matters" in cover and "October 2026" in cover
    assert "Synthetic data." in cover
    assert SYNTHETIC_NOTE in html  # and on each page header


def test_analysts_notes_dropped_and_placeholder_commentary_marked(html):
    assert "Each code cell calls the" not in html  # the first markdown cell: a note for analysts
    assert "_Analyst:" not in html and "Analyst: commentary" not in html and "Director: commentary" not in html
    assert html.count('class="commentary-missing"') >= 20
    assert "Commentary not yet written" in html
    assert "Why does the data look the way it does?" in html  # the commentary cells themselves stay


def test_size_and_restitching_gives_the_same_booklet(built, demo_month, tmp_path):
    assert built.html_bytes < 10 * 1024 * 1024
    again = build_booklet(demo_month.settings, demo_month.period, renderer="builtin", pdf=False, quarto=False,
                          out_dir=tmp_path)
    assert again.html.stat().st_size == pytest.approx(built.html_bytes, rel=0.01)


def test_pdf_has_every_page_numbered_with_the_period(built):
    from booklet_support import pdftotext

    if built.pdf is None:
        pytest.skip("no browser here to print the PDF")
    if pdftotext() is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    import subprocess

    text = subprocess.run([pdftotext(), "-layout", str(built.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 20  # at least a page a section
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert "October 2026" in page
        assert "Synthetic data" in page


def _printed(built):
    if built.pdf is None:
        pytest.skip("no browser here to print the PDF")
    return built.pdf


def test_the_booklet_prints_on_at_most_fifty_pages_with_every_section_bookmarked(built):
    from pypdf import PdfReader

    from onapage.booklet.pdf import section_page_counts

    pdf = _printed(built)
    counts = section_page_counts(pdf)
    assert "Child protection" in counts and "Workforce" in counts and "Front door / MASH" in counts
    assert all(n >= 1 for n in counts.values())
    assert len(PdfReader(str(pdf)).pages) <= 50


def test_each_section_prints_on_at_most_two_pages(built):
    from onapage.booklet.pdf import section_page_counts

    too_long = {title: n for title, n in section_page_counts(_printed(built)).items() if n > 2}
    assert not too_long, f"sections over two pages: {too_long}"


def test_no_page_is_blank(built):
    """A page with nothing on it but the running header and footer is a page the reader turns for nothing."""
    from onapage.booklet.pdf import blank_pages

    assert blank_pages(_printed(built)) == []


def test_pdf_is_tagged_with_language_title_and_a_bookmark_per_section(built, demo_month):
    from pypdf import PdfReader

    from onapage.booklet.pdf import outline_pages

    pdf = _printed(built)
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # a pypdf BooleanObject
    tree = root["/StructTreeRoot"].get_object()
    kids = tree["/K"]
    assert kids, "the structure tree is empty"
    assert str(root["/Lang"]) == "en-GB"
    assert "October 2026" in reader.metadata.title
    titles = [t for t, _ in outline_pages(pdf)]
    assert "Child protection" in titles and "Scorecard" in titles
    pages = [p for _, p in outline_pages(pdf)]
    assert pages == sorted(pages)


def test_contents_give_the_page_each_section_starts_on(built):
    from booklet_support import pdftotext

    from onapage.booklet.pdf import outline_pages

    pdf = _printed(built)
    if pdftotext() is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    import subprocess

    cover = subprocess.run([pdftotext(), "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    starts = dict(outline_pages(pdf))
    line = next(row for row in cover.splitlines() if "Child protection" in row)
    assert re.search(rf"Child protection\s+{starts['Child protection']}\b", line), line
