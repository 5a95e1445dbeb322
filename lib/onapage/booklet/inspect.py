"""A built booklet opened in headless Chromium with the network blocked: what it tried to fetch, whether it
logged errors, how long it took to load, and what axe-core (WCAG 2.2 AA) finds serious or critical.

Used by `onapage bench` to compare the built-in and the Quarto booklets. Every request that is not the file
itself (or data: inside it) is aborted and counted; axe-core comes with axe-playwright-python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from onapage.booklet.pdf import BrowserUnavailable, _in_thread_if_loop_running, _sync_playwright, launch_options

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")


@dataclass
class PageCheck:
    load_ms: float
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    axe_serious: list[str] | None = None  # "rule-id (impact, n nodes)"; None when axe-core is not installed

    def to_dict(self) -> dict:
        return {"load_ms": round(self.load_ms, 1), "external_requests": len(self.external_requests),
                "console_errors": len(self.console_errors),
                "axe_serious_or_critical": None if self.axe_serious is None else len(self.axe_serious)}


def axe_script() -> Path | None:
    """axe-core's script as installed by axe-playwright-python (`make setup`), or None."""
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return path if path.exists() else None


def check_page(html_path: Path, *, executable: str | None = None, axe: bool = True) -> PageCheck:
    """Open `html_path` (network blocked: requests off the file are aborted and listed) and run axe-core over it
    (with the page's own Content-Security-Policy bypassed, which would refuse axe's script)."""
    sync_playwright = _sync_playwright()
    script = axe_script() if axe else None
    html_path = Path(html_path).resolve()

    def run() -> PageCheck:
        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(**launch_options(executable))
            except Exception as exc:  # noqa: BLE001 - said as BrowserUnavailable
                raise BrowserUnavailable(f"Chromium did not start: {exc}") from exc
            try:
                context = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
                requests: list[str] = []
                errors: list[str] = []

                def route(r):
                    url = r.request.url
                    if url.startswith(("data:", "about:")) or url == html_path.as_uri():
                        r.continue_()
                    elif url.startswith("file:") and Path(url[7:]).resolve().is_relative_to(html_path.parent):
                        r.continue_()  # a multi-file site's own files
                    else:
                        requests.append(url)
                        r.abort()

                context.route("**/*", route)
                page = context.new_page()
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(html_path.as_uri(), wait_until="load")
                load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                serious = None
                if script is not None:
                    page.add_script_tag(path=str(script))
                    found = page.evaluate(
                        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                        "resultTypes: ['violations']})).violations.map(v => [v.id, v.impact, v.nodes.length])",
                        AXE_TAGS)
                    serious = [f"{rule} ({impact}, {n} nodes)" for rule, impact, n in found if impact in SERIOUS]
                return PageCheck(load_ms, requests, errors, serious)
            finally:
                browser.close()

    return _in_thread_if_loop_running(run)
