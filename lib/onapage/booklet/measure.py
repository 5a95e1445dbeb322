"""The month's booklet rendered by each renderer, measured side by side (`onapage bench`).

Each renderer builds the executed month in a child process of its own, so that its wall time and peak memory
are its own (the peak is that of the largest process the build ran: Python for the built-in stitcher, deno or
pandoc for Quarto). The output is then opened in headless Chromium with the network blocked
(`onapage.booklet.inspect`): what it tried to fetch, how long it took to load, and what axe-core finds.
Builds go to a folder of their own, never over the month's booklet.
"""

from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from onapage.periods import Period

RENDERERS = ("builtin", "quarto")
# What the Quarto path must meet on this machine's 2 cores (docs/quarto.md); the built-in is held to the same.
TARGETS = {"seconds": 30.0, "peak_rss_mb": 1024.0, "output_mb": 10.0, "external_requests": 0, "axe_serious": 0}
_CHILD = "import sys; from onapage.booklet.measure import build_once; build_once(*sys.argv[1:])"


@dataclass
class RendererTiming:
    renderer: str
    seconds: float | None = None
    peak_rss_mb: float | None = None
    output_mb: float | None = None
    files: int = 0
    load_ms: float | None = None
    external_requests: int | None = None
    axe_serious: int | None = None  # None: axe-core or the browser is not available
    skipped: str | None = None  # why it was not measured
    problems: list[str] = field(default_factory=list)

    @property
    def misses(self) -> list[str]:
        """The targets this renderer misses, in words."""
        if self.skipped:
            return []
        return [name for name, limit in TARGETS.items()
                if getattr(self, name) is not None and getattr(self, name) > limit]

    def to_dict(self) -> dict:
        return {**asdict(self), "misses": self.misses}


def build_once(params_file: str, period: str, product: str, renderer: str, out_dir: str) -> None:
    """In the child process: build the period's booklet with one renderer into `out_dir` (no PDF)."""
    from onapage.booklet import build_booklet
    from onapage.config import load_settings
    from onapage.run import Run

    run = Run(load_settings(params_file), Path(params_file), [Period.parse(period)], product=product)
    build_booklet(run.settings, run.last, renderer=renderer, pdf=False, product=product, out_dir=Path(out_dir),
                  quarto=renderer == "quarto")


def output_of(renderer: str, out_dir: Path) -> tuple[Path, int]:
    """The file a reader opens, and how many files the renderer wrote for it."""
    if renderer == "quarto":  # beside the output: the document and theme it was rendered from, not served
        folder = out_dir / "quarto"
        served = [p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".qmd", ".scss")]
        return folder / "booklet.html", len(served)
    return out_dir / "booklet.html", 1


def measure(renderer: str, params_file: Path, period: Period, product: str, out_dir: Path, *,
            timeout: float = 600) -> RendererTiming:
    from onapage.booklet.quarto import quarto_executable, run_measured

    if renderer == "quarto" and quarto_executable() is None:
        return RendererTiming(renderer, skipped="`quarto` is not on PATH (see docs/quarto.md)")
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", _CHILD, str(params_file), str(period), product, renderer, str(out_dir)]
    started = time.perf_counter()
    code, output, peak = run_measured(command, Path.cwd(), timeout)
    seconds = time.perf_counter() - started
    if code != 0:
        return RendererTiming(renderer, skipped=f"the build failed (exit {code}): {output.strip()[-300:]}")
    html, files = output_of(renderer, out_dir)
    timing = RendererTiming(renderer, round(seconds, 2), round(peak, 1), round(html.stat().st_size / 1e6, 2), files)
    _open_in_browser(timing, html)
    return timing


def _open_in_browser(timing: RendererTiming, html: Path) -> None:
    from onapage.booklet.inspect import check_page
    from onapage.booklet.pdf import BrowserUnavailable

    try:
        page = check_page(html)
    except BrowserUnavailable as exc:
        timing.problems.append(f"not opened: {exc}")
        return
    timing.load_ms = round(page.load_ms, 1)
    timing.external_requests = len(page.external_requests)
    timing.axe_serious = None if page.axe_serious is None else len(page.axe_serious)
    timing.problems += [f"fetched {u}" for u in page.external_requests[:5]] + (page.axe_serious or [])


def compare(params_file: Path, period: Period, product: str, out_root: Path) -> list[RendererTiming]:
    """Every renderer, one after the other, each into `out_root/<renderer>/`."""
    return [measure(r, params_file, period, product, out_root / r) for r in RENDERERS]


def to_markdown(timings: list[RendererTiming]) -> str:
    def cell(value, unit=""):
        return "–" if value is None else f"{value:,}{unit}"

    lines = ["# onapage bench: renderers", "",
             f"Targets: at most {TARGETS['seconds']:.0f} s and {TARGETS['peak_rss_mb']:.0f} MB at peak, an output of "
             f"at most {TARGETS['output_mb']:.0f} MB, no external requests and no serious or critical axe-core "
             "findings.", "",
             "| renderer | wall s | peak MB | output MB | files | opens in ms | external requests | axe serious "
             "or critical | misses |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for t in timings:
        if t.skipped:
            lines.append(f"| {t.renderer} | skipped: {t.skipped} ||||||||")
            continue
        lines.append(f"| {t.renderer} | {cell(t.seconds)} | {cell(t.peak_rss_mb)} | {cell(t.output_mb)} | {t.files} "
                     f"| {cell(t.load_ms)} | {cell(t.external_requests)} | {cell(t.axe_serious)} "
                     f"| {', '.join(t.misses) or 'none'} |")
    problems = [f"- {t.renderer}: {p}" for t in timings for p in t.problems]
    return "\n".join(lines + ([""] + problems if problems else []))
