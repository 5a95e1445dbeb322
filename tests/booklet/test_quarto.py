"""The Quarto document written beside the booklet, rendering it with a stand-in `quarto` on PATH, and (when a
real Quarto is on PATH; CI has none) rendering it for real and reading the result in Chromium."""

import json
import os
import re
import shutil
import stat

import pytest
import yaml

from onapage.booklet import QuartoError, build_booklet, quarto_command
from onapage.booklet.quarto import (
    DOCUMENT,
    OUTPUT,
    expanded_css,
    fetching_references,
    quarto_warnings,
    theme_scss,
)

FAKE_QUARTO = """#!/bin/sh
# Records its arguments and folder, warns like Quarto does, and writes the file the render would.
printf '%s\\n' "$@" > "{log}"
pwd >> "{log}"
[ "$1" = "render" ] || exit 2
printf 'pandoc\\n  to: html\\n' >&2
printf '\\033[33mWARN (src/x.ts:1:2) Unable to resolve crossref @fig-1\\033[39m\\n' >&2
printf 'WARNING: Unknown meta key\\n' >&2
printf 'Output created: booklet.html\\n' >&2
printf '<!DOCTYPE html><title>booklet</title><p>ok' > booklet.html
"""

LEAKING_QUARTO = """#!/bin/sh
printf '<!DOCTYPE html><script src="https://cdn.example/require.js"></script>' > booklet.html
"""

FAILING_QUARTO = """#!/bin/sh
echo "ERROR: YAMLException: bad indentation" >&2
exit 1
"""


def _fake(tmp_path, body: str, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    exe = bindir / "quarto"
    exe.write_text(body.format(log=tmp_path / "quarto-args.txt"))
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")


def _build(fake_month, **kw):
    settings, period, _, booklet = fake_month
    return build_booklet(settings, period, booklet_file=booklet, pdf=False, **kw)


def _front_matter(path):
    text = path.read_text()
    return yaml.safe_load(text.split("---\n")[1]), text


def test_document_is_the_booklets_page_as_one_raw_block_with_nothing_to_fetch(fake_month):
    settings, period, sections, _ = fake_month
    result = _build(fake_month, renderer="builtin")
    assert result.quarto_project == settings.output_dir / str(period) / "quarto"
    front, text = _front_matter(result.quarto_project / DOCUMENT)
    html = front["format"]["html"]
    assert html["embed-resources"] is True
    assert html["theme"] == ["default", "onapage.scss"]
    assert html["html-table-processing"] == "none" and html["html-math-method"] == "plain"
    assert html["body-classes"] == "synthetic"
    assert "default-src 'none'" in html["include-in-header"][0]["text"]
    assert "title" not in front  # the cover holds the title; Quarto adds no second one
    assert front["pagetitle"] == "Test Booklet: October 2026, " + settings.authority.name
    body = text.split("{=html}\n", 1)[1]
    # the same page as the built-in booklet: top bar, contents, every section, back links, build stamp
    assert '<header class="topbar">' in body and 'id="contents"' in body
    for section in sections:
        assert f'id="part-{section}"' in body
    assert body.count("Back to contents") == len(sections)
    assert "Built " in body and "<main" not in body  # Quarto's page is the <main>
    assert not re.search(r"""(?:src|href)\s*=\s*["']https?://""", text)


def test_theme_takes_the_authoritys_colour_from_params_and_the_house_rules(fake_month):
    settings, period, _, booklet = fake_month
    settings = settings.model_copy(update={"colours": settings.colours.model_copy(update={"primary": "#7a1f5c"})})
    result = build_booklet(settings, period, booklet_file=booklet, pdf=False, renderer="builtin")
    scss = (result.quarto_project / "onapage.scss").read_text()
    assert "$primary: #7a1f5c;" in scss
    assert "--accent: #7a1f5c;" in scss and "--accent: #1d4f7c" not in scss  # the house default is replaced
    assert ".topbar{" in scss and ".rag" in scss  # the booklet's and the page parts' rules
    assert scss.index("scss:defaults") < scss.index("$primary") < scss.index("scss:rules") < scss.index(".topbar{")


def test_a_pale_primary_colour_is_darkened_for_the_theme_too(fake_month):
    settings, period, _, booklet = fake_month
    settings = settings.model_copy(update={"colours": settings.colours.model_copy(update={"primary": "#ffcc00"})})
    result = build_booklet(settings, period, booklet_file=booklet, pdf=False, renderer="builtin")
    primary = re.search(r"\$primary: (#[0-9a-f]{6});", (result.quarto_project / "onapage.scss").read_text()).group(1)
    assert primary != "#ffcc00"
    assert f"--accent:{primary}" in result.html.read_text()  # the built-in booklet uses the same colour


def test_expanded_css_puts_one_spaced_declaration_a_line_and_drops_comments():
    css = ("/* a note: x;y */\na:hover{color:#0b0c0c;margin:0 0 1px}\n"
           '@media (max-width:60rem){.x{font-family:"A B",c}}')
    assert expanded_css(css) == ('\na:hover{\n  color: #0b0c0c;\n  margin: 0 0 1px;\n}\n'
                                 '@media (max-width:60rem){.x{\n  font-family: "A B",c;\n}}')


def test_theme_scss_has_the_two_quarto_sections():
    scss = theme_scss("#123456", ".a{b:c}")
    assert scss.startswith("/*-- scss:defaults --*/\n")
    assert "$primary: #123456;" in scss and "/*-- scss:rules --*/" in scss and ".a{\n  b: c;\n}" in scss


def test_quarto_warnings_are_the_warn_and_error_lines_without_colour():
    stderr = ("pandoc\n  to: html\n\x1b[33mWARN (src/a.ts:1:1) Unable to resolve crossref\x1b[39m\n"
              "WARNING: Unknown meta key\nERROR: bad\nOutput created: x.html\nwarning-free line\n")
    assert quarto_warnings(stderr) == ["WARN (src/a.ts:1:1) Unable to resolve crossref", "WARNING: Unknown meta key",
                                       "ERROR: bad"]


def test_fetching_references_finds_what_a_browser_would_fetch_and_only_that():
    clean = ('<script src="data:application/javascript;base64,eA=="></script>'
             '<script>const u = new URL(href); x.src = "https://a/b.js";</script>'
             '<link rel="stylesheet" href="data:text/css,a%7Bbackground%3Aurl(data%3Aimage/png%3Bbase64%2CeA)%7D">'
             '<a href="https://gov.uk/">a link is only followed when clicked</a>'
             '<img src="data:image/png;base64,eA" alt="">')
    assert fetching_references(clean) == []
    leaky = ('<script src="https://cdn/require.min.js"></script><link href=//cdn/x.css rel=stylesheet>'
             '<img src="chart.png" alt=""><style>@import "x.css"; p{background:url(http://e/f.png)}</style>'
             '<link rel="stylesheet" href="data:text/css,p%7Bbackground%3Aurl(https%3A//e/g.png)%7D">')
    assert fetching_references(leaky) == ["https://cdn/require.min.js", "//cdn/x.css", "chart.png", '"x.css"',
                                          "http://e/f.png", "https://e/g.png"]


def test_the_command_is_quarto_render_the_document_to_html(tmp_path):
    assert quarto_command(tmp_path / DOCUMENT) == ["quarto", "render", str(tmp_path / DOCUMENT), "--to", "html"]


def test_renderer_quarto_renders_in_the_folder_and_passes_on_quartos_warnings(fake_month, tmp_path, monkeypatch):
    _fake(tmp_path, FAKE_QUARTO, monkeypatch)
    for renderer in ("quarto", "auto"):
        (tmp_path / "quarto-args.txt").unlink(missing_ok=True)
        result = _build(fake_month, renderer=renderer)
        assert result.renderer == "quarto"
        *args, cwd = (tmp_path / "quarto-args.txt").read_text().split()
        assert args == ["render", DOCUMENT, "--to", "html"] and cwd == str(result.quarto_project)
        assert result.quarto_output == result.quarto_project / OUTPUT and result.quarto_output.exists()
        assert result.html.exists()  # the single-file built-in booklet is built either way
        assert result.warnings == ["Quarto: WARN (src/x.ts:1:2) Unable to resolve crossref @fig-1",
                                   "Quarto: WARNING: Unknown meta key"]
        record = json.loads(result.record.read_text())
        assert record["renderer"] == "quarto" and record["warnings"] == result.warnings


def test_a_quarto_output_that_would_fetch_from_elsewhere_is_refused(fake_month, tmp_path, monkeypatch):
    _fake(tmp_path, LEAKING_QUARTO, monkeypatch)
    with pytest.raises(QuartoError, match=r"would fetch from outside the file: \['https://cdn.example/require.js'\]"):
        _build(fake_month, renderer="quarto")


def test_a_failing_quarto_is_a_clear_error(fake_month, tmp_path, monkeypatch):
    _fake(tmp_path, FAILING_QUARTO, monkeypatch)
    with pytest.raises(QuartoError, match=r"quarto render booklet.qmd --to html` in .* failed \(exit 1\):\n"
                                          r"ERROR: YAMLException"):
        _build(fake_month, renderer="quarto")


def test_quarto_renderer_without_quarto_is_a_clear_error(fake_month, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(QuartoError, match="needs the `quarto` command on PATH"):
        _build(fake_month, renderer="quarto")
    assert _build(fake_month, renderer="auto").renderer == "builtin"


def test_rewriting_the_document_replaces_the_folder_whole(fake_month):
    first = _build(fake_month, renderer="builtin").quarto_project
    (first / "stale.html").write_text("old")
    again = _build(fake_month, renderer="builtin").quarto_project
    assert again == first and not (again / "stale.html").exists()
    assert not [p for p in again.parent.iterdir() if p.name.startswith(".quarto.")]


# --------------------------------------------------------------------------- a real Quarto

needs_quarto = pytest.mark.skipif(shutil.which("quarto") is None,
                                  reason="Quarto is not on PATH (it is optional; CI has none): see README, Quarto")


@needs_quarto
def test_real_quarto_renders_one_self_contained_file_in_the_house_style(fake_month):
    result = _build(fake_month, renderer="quarto")
    assert result.warnings == []  # Quarto said nothing worth reading
    html = result.quarto_output.read_text()
    assert fetching_references(html) == []
    assert sorted(p.name for p in result.quarto_project.iterdir()) == [OUTPUT, DOCUMENT, "onapage.scss"]
    assert html.count('<header class="topbar">') == 1 and html.count("<h1") == 1  # the title once
    assert "data-quarto-table-cell-role" not in html  # tables kept as written
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids  # every link inside the file lands somewhere


@needs_quarto
def test_real_quarto_booklet_fetches_nothing_and_axe_finds_nothing_serious(demo_month, browser):
    from onapage.booklet.inspect import axe_script, check_page

    if axe_script() is None:
        pytest.skip("axe-core is not installed (make setup installs axe-playwright-python)")
    result = build_booklet(demo_month.settings, demo_month.period, renderer="quarto", pdf=False)
    assert result.quarto_output.stat().st_size < 10 * 1024 * 1024
    check = check_page(result.quarto_output)
    assert check.external_requests == [] and check.console_errors == []
    assert check.axe_serious == []
