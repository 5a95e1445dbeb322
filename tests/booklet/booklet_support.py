"""Helpers for the booklet tests: fake executed notebooks, and opening a booklet in headless Chromium with
the network cut off. (A module of its own, not conftest, so test files can import it by a unique name.)"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make setup installs it)"
    from onapage.booklet.pdf import chromium_executable

    if chromium_executable() is None:
        return "no Chromium on PATH (apt-get install chromium)"
    return None


@dataclass
class Visit:
    """A page opened from file with every other request aborted and recorded, and console errors kept."""

    page: object
    blocked: list[str]
    errors: list[str]
    load_ms: float


def open_booklet(browser, path: Path, *, width: int = 1366, height: int = 900, bypass_csp: bool = False) -> Visit:
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce",
                                  bypass_csp=bypass_csp)
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "about:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: blocked.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(Path(path).resolve().as_uri(), wait_until="load")
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    return Visit(page, blocked, errors, load_ms)


def pdftotext() -> str | None:
    return shutil.which("pdftotext")


def fake_executed_notebook(path: Path, section: str, *, title: str | None = None, commentary: str | None = None,
                           extra_outputs: list[dict] | None = None, extra_markdown: list[str] | None = None) -> Path:
    """An 'executed' section notebook shaped like the real ones (analysts' note, parameters, a page header
    output carrying the stylesheet, a table, commentary), without running anything."""
    import nbformat

    from onapage.pages.html import style_tag

    def out(html: str) -> dict:
        return nbformat.v4.new_output("execute_result", data={"text/html": html, "text/plain": "<HtmlFragment>"},
                                      execution_count=1)

    title = title or section.replace("_", " ").capitalize()
    header = (f'<div class="onapage">{style_tag()}<header class="page-header" id="section-{section}" '
              f'data-section="{section}"><p class="authority">Testshire</p><h2>{title}</h2></header></div>')
    table = (f'<div class="onapage">{style_tag()}<table class="onapage-table"><caption>{title} figures</caption>'
             '<thead><tr><th scope="col">Measure</th><th scope="col">Value</th></tr></thead>'
             '<tbody><tr><th scope="row">Things</th><td>42</td></tr></tbody></table></div>')
    cells = [
        nbformat.v4.new_markdown_cell(f"# {title}\n\nA note for analysts: how this page is made."),
        nbformat.v4.new_code_cell('period = "2026-10"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell('period = "2026-10"\nparams_file = "x.yml"',
                                  metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_code_cell(f'page = open_page("{section}", period)\npage.header()', outputs=[out(header)]),
        nbformat.v4.new_markdown_cell("## Headline measures"),
        nbformat.v4.new_code_cell("page.headline()", outputs=[
            out(table), nbformat.v4.new_output("stream", name="stderr", text="UserWarning: something noisy\n")]),
    ]
    for extra in extra_outputs or []:
        cells.append(nbformat.v4.new_code_cell("show()", outputs=[extra]))
    for md in extra_markdown or []:
        cells.append(nbformat.v4.new_markdown_cell(md))
    cells.append(nbformat.v4.new_markdown_cell(
        commentary if commentary is not None else "## Commentary\n\n_Analyst: commentary on the page._",
        metadata={"tags": ["commentary"]}))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                       "language": "python"}})
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def fake_booklet_yml(path: Path, sections: list[str]) -> Path:
    path.write_text(yaml.safe_dump({"products": {"monthly_booklet": {
        "title": "Test Booklet", "subtitle": "For tests", "sections": sections}}}))
    return path
