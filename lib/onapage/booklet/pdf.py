"""The booklet as a PDF for committee packs: headless Chromium prints the same HTML file.

Why Chromium and not WeasyPrint: it is the engine the browser tests already drive, so what the tests
check (charts drawn, contents links, accessibility) is what gets printed; it lays out modern CSS
(grid, sticky, custom properties, `break-before`) and inline SVG exactly as readers' browsers do,
where WeasyPrint implements its own subset (no grid before v62, no JavaScript, different SVG
renderer); and it adds no native libraries (Pango, cairo) to the install. Chromium's print gives
running headers and footers with page numbers (`pageNumber` / `totalPages`), a tagged PDF (structure
tree, the document's language from `<html lang>`, its title) and bookmarks from the headings.

The contents' page numbers take two prints: the first is read back (pypdf) for the page each section's
bookmark points to, the numbers are written into the contents, and the second print is the PDF.

The page is opened from the file with every request that is not the file itself aborted, so the
PDF can only show what is inside the booklet.
"""

from __future__ import annotations

import asyncio
import html as _html
import io
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from onapage.atomic import replacing

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PT_PER_MM = 72 / 25.4
FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"  # inside style="...": no double quotes


class BrowserUnavailable(RuntimeError):
    """Playwright or a Chromium executable is not installed."""


def chromium_executable() -> str | None:
    """The Chromium to drive: $ONAPAGE_CHROMIUM, else the first of chromium/google-chrome on PATH, else None
    (Playwright's own downloaded build, if any)."""
    given = os.environ.get("ONAPAGE_CHROMIUM")
    if given:
        return given
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_options(executable: str | None = None) -> dict:
    executable = executable or chromium_executable()
    options = {"headless": True, "args": list(CHROMIUM_ARGS)}
    if executable:
        options["executable_path"] = executable
    return options


def _sync_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise BrowserUnavailable("the PDF needs Playwright: `make setup` (or pip install playwright) and "
                                 "Debian's chromium (`apt-get install chromium`), or build with --no-pdf") from exc
    return sync_playwright


def header_template(authority: str, title: str, period_label: str) -> str:
    style = (f"font-family:{FONT};font-size:8px;color:#505a5f;width:100%;margin:0 12mm;"
             "display:flex;justify-content:space-between")
    return (f'<div style="{style}"><span>{_html.escape(authority)}: {_html.escape(title)}</span>'
            f"<span>{_html.escape(period_label)}</span></div>")


def footer_template(period_label: str, synthetic: bool) -> str:
    style = (f"font-family:{FONT};font-size:8px;color:#505a5f;width:100%;margin:0 12mm;"
             "display:flex;justify-content:space-between")
    left = "Synthetic data: invented for demonstration" if synthetic else _html.escape(period_label)
    return (f'<div style="{style}"><span>{left}</span><span>Page <span class="pageNumber"></span> of '
            '<span class="totalPages"></span></span></div>')


def bookmark_title(title: str) -> str:
    """A bookmark's title as its heading reads. Chromium sometimes writes the text of a heading that starts
    after a forced page break twice over ('ScorecardScorecard'); the heading is the text once."""
    title = title.strip()
    half = len(title) // 2
    return title[:half] if len(title) % 2 == 0 and title and title[:half] == title[half:] else title


def outline_pages(pdf: Path | bytes) -> list[tuple[str, int]]:
    """The PDF's second-level bookmarks (one per section heading, under the booklet's title), in order,
    each with the 1-based page it points to."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    out: list[tuple[str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth == 1:
                out.append((bookmark_title(str(item.title)), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def _reader(pdf: Path | bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))


def page_counts(marks: list[tuple[str, int]], total: int) -> dict[str, int]:
    """Pages each section runs to, given the page each section's bookmark points to (in order) and the
    PDF's number of pages: from one section's first page to the next's (the last to the end)."""
    counts: dict[str, int] = {}
    for (title, first), nxt in zip(marks, marks[1:] + [("", total + 1)], strict=True):
        counts[title] = max(nxt[1] - first, 1)
    return counts


def section_page_counts(pdf: Path | bytes) -> dict[str, int]:
    """Pages each section runs to, from its bookmarks (see page_counts)."""
    return page_counts(outline_pages(pdf), len(_reader(pdf).pages))


MAX_SECTION_PAGES = 2  # a section is a page, its breakdowns at most one more


def long_sections(counts: dict[str, int], limit: int = MAX_SECTION_PAGES) -> list[str]:
    """A warning for each section printed on more than `limit` pages, naming it and its page count."""
    return [f"PDF: section {title!r} prints on {n} pages; a section should fit on {limit}"
            for title, n in counts.items() if n > limit]


def page_margins_mm(css: str | None = None) -> tuple[float, float]:
    """The top and bottom page margins (mm) of the booklet stylesheet's @page rule, where Chromium draws
    the running header and footer; (14, 12) if the rule gives none in mm."""
    if css is None:
        css = (Path(__file__).parent / "templates" / "booklet.css").read_text(encoding="utf-8")
    rule = re.search(r"@page\s*\{[^}]*?\bmargin\s*:\s*([^;}]+)", css)
    values = [float(v) for v in re.findall(r"([\d.]+)mm", rule.group(1))] if rule else []
    if not values:
        return 14.0, 12.0
    return values[0], values[2] if len(values) >= 3 else values[0]


def blank_pages(pdf: Path | bytes) -> list[int]:
    """The 1-based pages with no text but the running header and footer (text in the top or bottom page
    margin): pages a reader turns to find nothing on. (Reads every page's drawing: seconds for a booklet.)"""
    top_mm, bottom_mm = page_margins_mm()
    blank: list[int] = []
    for number, page in enumerate(_reader(pdf).pages, start=1):
        height = float(page.mediabox.height)
        low, high = bottom_mm * PT_PER_MM, height - top_mm * PT_PER_MM
        body: list[str] = []

        def visit(text, cm, tm, _font, _size, low=low, high=high, body=body):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the baseline, on the page
            if text.strip() and low <= y <= high:
                body.append(text)

        page.extract_text(visitor_text=visit)
        if not body:
            blank.append(number)
    return blank


FILL_CONTENTS = """pages => {
  let filled = 0;
  document.querySelectorAll('.contents-page[data-target]').forEach(span => {
    const target = document.getElementById(span.dataset.target);
    const heading = target && !/^H[1-6]$/.test(target.tagName) ? target.querySelector('h1,h2,h3') : target;
    const page = heading ? pages[heading.textContent.trim()] : undefined;
    span.textContent = page === undefined ? '' : String(page);
    if (page !== undefined) { span.setAttribute('aria-label', 'page ' + page); filled += 1; }
  });
  return filled;
}"""


@dataclass
class PdfResult:
    path: Path
    seconds: float
    blocked: list[str] = field(default_factory=list)  # requests the page tried and that were refused
    console_errors: list[str] = field(default_factory=list)


def _in_thread_if_loop_running(fn):
    """Playwright's sync API refuses to run inside an asyncio loop (a Jupyter kernel): use a thread there."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="onapage-pdf")
    worker.start()
    worker.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def write_pdf(html_path: Path, pdf_path: Path, *, authority: str, title: str, period_label: str,
              synthetic: bool, executable: str | None = None, timeout_ms: int = 120_000) -> PdfResult:
    """Print `html_path` to `pdf_path` (A4 landscape, from the stylesheet; backgrounds; header with
    authority/title/period; footer with
    'Page n of N'), atomically. Network requests are aborted and reported in the result."""
    import time

    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    sync_playwright = _sync_playwright()

    def run() -> PdfResult:
        started = time.perf_counter()
        blocked: list[str] = []
        errors: list[str] = []
        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(**launch_options(executable))
            except Exception as exc:
                raise BrowserUnavailable(f"could not start Chromium ({exc}); install Debian's chromium or set "
                                         "ONAPAGE_CHROMIUM to its path, or build with --no-pdf") from exc
            try:
                context = browser.new_context(offline=True, java_script_enabled=True)

                def route(r):
                    if r.request.url.startswith(("file:", "data:", "about:")):
                        r.continue_()
                    else:
                        blocked.append(r.request.url)
                        r.abort()

                context.route("**/*", route)
                page = context.new_page()
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.goto(html_path.as_uri(), wait_until="load", timeout=timeout_ms)
                page.emulate_media(media="print")
                options = {"prefer_css_page_size": True, "print_background": True, "display_header_footer": True,
                           "header_template": header_template(authority, title, period_label),
                           "footer_template": footer_template(period_label, synthetic),
                           "outline": True, "tagged": True}
                first = page.pdf(**options)  # pass 1: where each section starts
                page.evaluate(FILL_CONTENTS, dict(outline_pages(first)))
                with replacing(pdf_path) as tmp:
                    page.pdf(path=str(tmp), **options)
            finally:
                browser.close()
        return PdfResult(pdf_path, time.perf_counter() - started, blocked, errors)

    return _in_thread_if_loop_running(run)


def open_time_ms(html_path: Path, *, executable: str | None = None) -> float | None:
    """Milliseconds from navigation to the load event for the booklet in headless Chromium (None without one)."""
    try:
        sync_playwright = _sync_playwright()
    except BrowserUnavailable:
        return None

    def run() -> float | None:
        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(**launch_options(executable))
            except Exception:
                return None
            try:
                page = browser.new_context(offline=True).new_page()
                page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
                return page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            finally:
                browser.close()

    return _in_thread_if_loop_running(run)
