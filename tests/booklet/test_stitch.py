"""Stitching fake executed notebooks: layout, cleaning, self-containment, missing sections, renderers."""

import base64
import hashlib
import json
import re

import nbformat
import pytest

from onapage.booklet import BookletError, QuartoError, build_booklet, resolve_renderer
from onapage.booklet.stitch import Part, dedupe_ids, external_references
from onapage.pages.html import STYLESHEET


def _build(fake_month, **kw):
    settings, period, _, booklet = fake_month
    kw.setdefault("renderer", "builtin")
    kw.setdefault("pdf", False)
    return build_booklet(settings, period, booklet_file=booklet, **kw)


def test_the_booklet_is_one_page_with_cover_contents_navigation_and_each_section(fake_month):
    result = _build(fake_month)
    html = result.html.read_text()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert html.count(STYLESHEET) == 1  # each output carried a copy
    assert '<h1 id="cover-title">Test Booklet</h1>' in html and "October 2026" in html
    assert 'nav class="sidenav" aria-label="Sections"' in html
    for target in ("#part-cover", "#section-scorecard", "#section-child_protection"):
        assert html.count(f'href="{target}"') >= 2  # contents and side navigation (and the cover link)
    assert "page.header()" not in html and "A note for analysts" not in html
    assert "UserWarning" not in html  # streams are not for readers
    assert "Referrals rose because of the schools' return." in html  # written commentary
    assert html.count("Commentary not yet written") == 2  # cover and child protection
    assert 'class="nb-cell nb-markdown commentary commentary-written"' in html
    assert "Draft: commentary is not yet written in 2 of 3 sections." in html


def test_the_synthetic_banner_follows_the_settings(fake_month):
    settings, *_ = fake_month
    html = _build(fake_month).html.read_text()
    assert settings.authority.synthetic and "Synthetic data." in html and 'class="topbar-synthetic"' in html
    real = settings.model_copy(update={"authority": settings.authority.model_copy(update={"synthetic": False})})
    html = _build((real, *fake_month[1:])).html.read_text()
    assert "Synthetic data." not in html and 'class="topbar-synthetic"' not in html


def test_the_authoritys_logo_is_on_the_cover_inside_the_booklet_with_its_name_as_text(fake_month, tmp_path):
    settings, *_ = fake_month
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>')
    branded = settings.model_copy(update={"authority": settings.authority.model_copy(update={"logo": logo})})
    html = _build((branded, *fake_month[1:])).html.read_text()
    cover = html[html.index('<section class="cover"'):html.index('id="cover-title"')]
    encoded = base64.b64encode(logo.read_bytes()).decode()
    assert f'<img class="cover-logo" src="data:image/svg+xml;base64,{encoded}" alt="{settings.authority.name} logo">' \
        in cover
    assert f'<p class="cover-authority">{settings.authority.name}</p>' in cover  # and the name, on the title page
    assert 'class="cover-logo"' not in _build(fake_month).html.read_text()  # no logo set: none shown


def test_the_script_is_allowed_by_hash_and_nothing_else_may_load(fake_month):
    html = _build(fake_month).html.read_text()
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert external_references(html) == []


def test_scripts_and_remote_resources_from_notebooks_are_removed_and_reported(fake_month):
    settings, period, _, _ = fake_month
    nbdir = settings.output_dir / str(period) / "notebooks"
    from booklet_support import fake_executed_notebook

    risky = nbformat.v4.new_output("display_data", data={
        "text/html": '<div><script src="https://cdn.example.org/vega.js"></script><img src="https://x.org/a.png" '
                     'alt="logo"><link rel="stylesheet" href="https://x.org/a.css"><a href="https://gov.uk">ok</a>'
                     '</div>',
        "application/javascript": "alert(1)"})
    fake_executed_notebook(nbdir / "scorecard.ipynb", "scorecard", extra_outputs=[risky],
                           extra_markdown=["<script>alert(2)</script>\n\nSee ![chart](https://x.org/c.png)"])
    result = _build(fake_month)
    html = result.html.read_text()
    assert external_references(html) == []
    assert "alert(" not in html and "cdn.example.org" not in html
    assert '<a href="https://gov.uk">ok</a>' in html  # links are followed only when clicked
    assert any("script" in w for w in result.warnings) and any("x.org" in w for w in result.warnings)


def test_vega_lite_and_text_outputs_show_their_html_only(fake_month):
    settings, period, _, _ = fake_month
    from booklet_support import fake_executed_notebook

    chart = nbformat.v4.new_output("display_data", data={
        "text/html": '<figure class="onapage-chart"><svg role="img" aria-label="A chart"></svg></figure>',
        "application/vnd.vegalite.v5+json": {"mark": "bar"}, "text/plain": "ChartFigure('x')"})
    fake_executed_notebook(settings.output_dir / str(period) / "notebooks" / "scorecard.ipynb", "scorecard",
                           extra_outputs=[chart])
    html = _build(fake_month).html.read_text()
    assert '<figure class="onapage-chart"><svg role="img" aria-label="A chart"></svg></figure>' in html
    assert "ChartFigure(" not in html and '"mark"' not in html


def test_a_missing_notebook_stops_the_build_unless_allowed(fake_month):
    settings, period, _, _ = fake_month
    nbdir = settings.output_dir / str(period) / "notebooks"
    (nbdir / "scorecard.ipynb").rename(nbdir / "scorecard.failed.ipynb")
    with pytest.raises(BookletError, match=r"scorecard.*failed.*onapage run --period 2026-10"):
        _build(fake_month)
    result = _build(fake_month, allow_missing=True)
    html = result.html.read_text()
    assert "This section could not be produced for October 2026" in html
    assert '<h2 class="section-title" id="section-scorecard">Scorecard</h2>' in html
    assert [s.missing for s in result.sections] == [False, True, False]


def test_build_record_lists_sections_hashes_and_commentary(fake_month):
    result = _build(fake_month)
    record = json.loads(result.record.read_text())
    assert record["html"]["sha256"] == hashlib.sha256(result.html.read_bytes()).hexdigest()
    assert record["pdf"] is None
    assert {s["section"]: s["commentary"] for s in record["sections"]} == {
        "cover": "draft", "scorecard": "written", "child_protection": "draft"}


def test_building_without_the_pdf_removes_a_stale_one(fake_month):
    settings, period, _, _ = fake_month
    stale = settings.output_dir / str(period) / "booklet.pdf"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"%PDF-1.4 old")
    _build(fake_month)
    assert not stale.exists()


def test_written_files_get_plain_permissions_not_the_temporary_files_owner_only(fake_month):
    import os

    mask = os.umask(0)
    os.umask(mask)
    result = _build(fake_month)
    for path in (result.html, result.record):
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    assert result.quarto_project.stat().st_mode & 0o777 == 0o777 & ~mask


def test_ids_are_unique_across_sections():
    parts = [Part("a", "A", "section-a", html='<svg id="c-1" aria-labelledby="c-1 t"><use href="#c-1"/></svg>'),
             Part("b", "B", "section-b", html='<svg id="c-1" aria-labelledby="c-1 t"><g clip-path="url(#c-1)"/>'
                                              '<use href="#c-1"/></svg>')]
    dedupe_ids(parts)
    assert parts[0].html.count('"c-1') == 2
    assert parts[1].html == ('<svg id="b-c-1" aria-labelledby="b-c-1 t"><g clip-path="url(#b-c-1)"/>'
                             '<use href="#b-c-1"/></svg>')


def test_renderer_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no quarto here
    assert resolve_renderer("auto") == "builtin"
    assert resolve_renderer("builtin") == "builtin"
    with pytest.raises(QuartoError, match="not installed"):
        resolve_renderer("quarto")
    with pytest.raises(BookletError, match="unknown renderer"):
        resolve_renderer("pandoc")


def test_an_older_edition_of_the_page_stylesheet_in_a_notebook_is_not_carried_into_the_booklet():
    """After an upgrade, notebooks executed earlier hold the old page stylesheet: the booklet keeps only its
    own (an old copy placed after the print rules would undo them), and still keeps a notebook's own styles."""
    from onapage.booklet.stitch import collect_styles
    from onapage.pages.html import PAGE_STYLES_MARK, STYLESHEET

    older = PAGE_STYLES_MARK + "\n.onapage table.onapage-table{font-size:0.95rem}"
    html = f"<style>{older}</style><p>page</p><style>{STYLESHEET}</style><style>.mine{{color:red}}</style>"
    seen: dict[str, None] = {}
    assert collect_styles(html, seen, {STYLESHEET.strip()}) == "<p>page</p>"
    assert list(seen) == [".mine{color:red}"]


def test_every_booklet_carries_the_key_to_its_arrows_rag_and_variance_worded_for_its_period(fake_month):
    import html as markup

    from onapage.pages.tables import reading_key

    page = _build(fake_month).html.read_text()
    cover = markup.unescape(page[page.index('<section class="cover"'):page.index("</section>",
                                                                               page.index('class="reading-key"'))])
    assert "How to read the figures" in cover and "this month's figure with last month's" in cover
    assert "in brackets when worse" in cover and "no more than its tolerance" in cover
    quarter, year = (markup.unescape(reading_key(kind).html) for kind in ("quarter", "year"))
    assert "previous outturn shown beside it" in quarter and "month" not in quarter.replace("months", "")
    assert "this year's result with last year's" in year and "month" not in year
