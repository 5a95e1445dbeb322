"""How fast is a month? One benchmark run measures, on the same notebooks and parameters:

    parallel    the runner (`onapage run`): every section of one month across the worker pool
    fresh       the same, with a fresh kernel per notebook (papermill's usual way), when the runner reuses kernels
    sequential  plain papermill.execute_notebook, one notebook after another, its defaults
    floor       per section: start one kernel, run only the page import, shut it down (jupyter_client directly)
    backfill    optionally, the runner over the last `backfill_months` months

and reports the ratios (parallel / sequential, parallel / floor) and where the time goes: kernel start,
imports and the cells' own work. Outputs go under <output_root>/bench/, never over a month's real outputs.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from onapage.config import PROJECT_ROOT
from onapage.layout import OutputLayout, Pages
from onapage.periods import Period
from onapage.runner import (
    OK,
    SectionResult,
    default_transport,
    kernel_manager_class,
    output_path,
    plain_parameters,
    run_sections,
)

MONTH_TARGET_SECONDS = 30.0
BACKFILL_TARGET_SECONDS = 300.0  # for 12 months
DEFAULT_IMPORT = "import onapage.pages"


@dataclass
class FloorTiming:
    """One section's floor: a kernel started, the import run, the kernel shut down."""

    section: str
    start: float
    import_: float
    shutdown: float
    error: str | None = None

    @property
    def total(self) -> float:
        return self.start + self.import_ + self.shutdown


@dataclass
class SectionTiming:
    section: str
    status: str
    parallel: float  # seconds in the runner, this section (its worker's time, not the wall)
    kernel: float | None  # of which: until the kernel answered (start-up, or reuse of a warm kernel)
    imports: float | None  # of which: the cell running the import statement
    cells: float | None  # of which: all cells, the import included
    sequential: float | None  # plain papermill, this section
    fresh: float | None = None  # the runner with a fresh kernel, this section


@dataclass
class DataStepsReport:
    """Seconds for the steps before the pages: read and validate, load a fresh store, compute 36 months."""

    rows: int
    read_validate_seconds: float
    load_seconds: float
    compute_months: int
    indicators: int
    compute_seconds: float
    peak_rss_mb: float

    def to_markdown(self) -> str:
        return "\n".join([
            "# onapage bench: data steps", "",
            "| step | seconds |", "|---|---:|",
            f"| read and validate every input ({self.rows:,} rows) | {self.read_validate_seconds:.2f} |",
            f"| load into a fresh DuckDB store | {self.load_seconds:.2f} |",
            f"| compute {self.indicators} indicators for {self.compute_months} months, one pass "
            f"| {self.compute_seconds:.2f} |",
            "", f"Peak resident memory of this process: {self.peak_rss_mb:,.0f} MB.",
        ])


def data_steps(settings, period: Period, months: int = 36) -> DataStepsReport:
    """Time reading, validating and loading the inputs (into a throwaway store) and computing the indicators."""
    import resource
    import tempfile

    from onapage import pipeline, store
    from onapage.indicators.catalogue import load_catalogue
    from onapage.indicators.engine import compute

    started = time.perf_counter()
    inputs, findings = pipeline.read_and_validate(settings.input_dir, period)
    read_validate = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        store.load_inputs(path, inputs, [f for f in findings if not f.is_error])
        load = time.perf_counter() - started
        with store.connect(path, read_only=True) as con:
            started = time.perf_counter()
            compute(con, period.trend(months), settings.population_for)
            computing = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return DataStepsReport(rows=sum(len(f) for f in inputs.frames.values()), read_validate_seconds=read_validate,
                           load_seconds=load, compute_months=months, indicators=len(load_catalogue()),
                           compute_seconds=computing, peak_rss_mb=peak)


@dataclass
class BenchReport:
    period: str
    sections: list[str]
    workers: int
    cpu_count: int
    reuse_kernels: bool
    import_statement: str
    parallel_seconds: float
    sequential_seconds: float
    floor_seconds: float
    fresh_seconds: float | None = None
    backfill_months: int = 0
    backfill_seconds: float | None = None
    backfill_notebooks: int = 0
    per_section: list[SectionTiming] = field(default_factory=list)
    floor: list[FloorTiming] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    environment: dict = field(default_factory=dict)
    data: DataStepsReport | None = None  # the data steps before the notebooks, timed by data_steps()
    renderers: list = field(default_factory=list)  # the booklet by each renderer (onapage.booklet.measure)

    # ---------------------------------------------------------------- derived figures

    @property
    def n(self) -> int:
        return len(self.sections)

    @property
    def parallel_vs_sequential(self) -> float:
        return _ratio(self.parallel_seconds, self.sequential_seconds)

    @property
    def parallel_vs_floor(self) -> float:
        return _ratio(self.parallel_seconds, self.floor_seconds)

    @property
    def parallel_vs_floor_per_core(self) -> float:
        """Against the floor spread perfectly over the workers: below 1 only if kernels or imports are reused."""
        return _ratio(self.parallel_seconds, self.floor_seconds / max(1, min(self.workers, self.cpu_count)))

    @property
    def floor_means(self) -> dict[str, float]:
        ok = [f for f in self.floor if f.error is None] or self.floor
        if not ok:
            return {"start": 0.0, "import": 0.0, "shutdown": 0.0}
        return {"start": _mean(f.start for f in ok), "import": _mean(f.import_ for f in ok),
                "shutdown": _mean(f.shutdown for f in ok)}

    @property
    def parallel_breakdown(self) -> dict[str, float]:
        """The runner's section-seconds split: kernel (start or reuse), import cell, other cells, the rest
        (papermill reading, parameterising and writing the notebook; kernel client set-up and shut-down)."""
        rows = self.per_section
        total = sum(r.parallel for r in rows)
        kernel = sum(r.kernel or 0 for r in rows)
        imports = sum(r.imports or 0 for r in rows)
        cells = sum(r.cells or 0 for r in rows)
        return {"section_seconds": total, "kernel": kernel, "imports": imports, "other_cells": cells - imports,
                "papermill_and_overhead": max(0.0, total - kernel - cells),
                "pool_and_idle": max(0.0, self.parallel_seconds * self.workers - total)}

    @property
    def targets(self) -> dict[str, dict]:
        out = {"month": {"target": MONTH_TARGET_SECONDS, "seconds": self.parallel_seconds,
                         "met": self.parallel_seconds < MONTH_TARGET_SECONDS}}
        if self.backfill_seconds is not None:
            scaled = BACKFILL_TARGET_SECONDS * self.backfill_months / 12
            out["backfill"] = {"target": round(scaled, 1), "months": self.backfill_months,
                               "seconds": self.backfill_seconds, "met": self.backfill_seconds < scaled}
        return out

    # ---------------------------------------------------------------- output

    def to_dict(self) -> dict:
        out = asdict(self)
        out["ratios"] = {"parallel_vs_sequential": self.parallel_vs_sequential,
                         "parallel_vs_floor": self.parallel_vs_floor,
                         "parallel_vs_floor_per_core": self.parallel_vs_floor_per_core}
        out["floor_means"] = self.floor_means
        out["parallel_breakdown"] = {k: round(v, 3) for k, v in self.parallel_breakdown.items()}
        out["targets"] = self.targets
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, default=str)

    def to_markdown(self) -> str:
        prefix = self.data.to_markdown() + "\n\n" if self.data else ""
        from onapage.booklet.measure import to_markdown

        suffix = "\n\n" + to_markdown(self.renderers) if self.renderers else ""
        return prefix + self._pages_markdown() + suffix

    def _pages_markdown(self) -> str:
        n, w = self.n, self.workers
        mode = "warm kernels, reused per worker" if self.reuse_kernels else "a fresh kernel per notebook"
        lines = [f"# onapage bench: {self.period}, {n} sections, {w} workers on {self.cpu_count} cores", "",
                 f"Runner mode: {mode}. Floor import: `{self.import_statement}`.", "",
                 "| run | wall s | s per section | parallel is |", "|---|---:|---:|---:|"]

        def row(name: str, seconds: float | None) -> None:
            if seconds is None:
                return
            lines.append(f"| {name} | {seconds:.1f} | {seconds / max(1, n):.2f} | "
                         f"{_ratio(self.parallel_seconds, seconds):.2f}x |")

        row(f"parallel runner ({mode})", self.parallel_seconds)
        row("parallel runner, fresh kernel per notebook", self.fresh_seconds)
        row("papermill, one notebook after another", self.sequential_seconds)
        row("floor: start a kernel + import, per section, one after another", self.floor_seconds)
        lines += ["", f"Ratios: parallel / sequential = **{self.parallel_vs_sequential:.2f}**; "
                      f"parallel / floor = **{self.parallel_vs_floor:.2f}** "
                      f"(against the floor spread over {min(w, self.cpu_count)} cores: "
                      f"{self.parallel_vs_floor_per_core:.2f}).", ""]
        for name, t in self.targets.items():
            label = f"one month ({n} sections)" if name == "month" else f"{t['months']}-month backfill ({n} sections)"
            verdict = "met" if t["met"] else "NOT met"
            lines.append(f"- Target {label} under {t['target']:.0f} s: {t['seconds']:.1f} s, {verdict}.")
        if self.backfill_seconds is not None:
            lines.append(f"- Backfill: {self.backfill_notebooks} notebooks in {self.backfill_seconds:.1f} s "
                         f"({self.backfill_seconds / max(1, self.backfill_notebooks):.2f} s each).")
        f, b = self.floor_means, self.parallel_breakdown
        total = b["section_seconds"] or 1.0
        lines += ["", "## Where the time goes", "",
                  f"A fresh kernel costs {f['start']:.2f} s to start and {f['import']:.2f} s to run "
                  f"`{self.import_statement}`, and {f['shutdown']:.2f} s to shut down: "
                  f"{f['start'] + f['import'] + f['shutdown']:.2f} s per section before any page is built.", "",
                  f"In the parallel run ({b['section_seconds']:.1f} section-seconds over {w} workers):", "",
                  "| part | seconds | share |", "|---|---:|---:|"]
        for key, label in (("kernel", "kernel start (or warm reuse and reset)"), ("imports", "import cell"),
                           ("other_cells", "the other cells"),
                           ("papermill_and_overhead", "papermill read/write, client set-up, shut-down")):
            lines.append(f"| {label} | {b[key]:.1f} | {100 * b[key] / total:.0f}% |")
        lines.append(f"| workers idle or starting (wall x workers - section-seconds) | {b['pool_and_idle']:.1f} | |")
        lines += ["", "## Per section", "",
                  "| section | status | parallel s | kernel s | import s | cells s | fresh s | sequential s "
                  "| floor start s | floor import s |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        floors = {f.section: f for f in self.floor}
        for r in self.per_section:
            fl = floors.get(r.section)
            lines.append(f"| {r.section} | {r.status} | {r.parallel:.2f} | {_fmt(r.kernel)} | {_fmt(r.imports)} | "
                         f"{_fmt(r.cells)} | {_fmt(r.fresh)} | {_fmt(r.sequential)} | "
                         f"{_fmt(fl.start if fl else None)} | {_fmt(fl.import_ if fl else None)} |")
        if self.failures:
            lines += ["", "## Failures", ""] + [f"- {f}" for f in self.failures]
        env = ", ".join(f"{k} {v}" for k, v in self.environment.items())
        lines += ["", f"_{env}_"]
        return "\n".join(lines) + "\n"


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")


def _mean(values) -> float:
    values = list(values)
    return round(sum(values) / len(values), 3) if values else 0.0


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _environment(transport: str) -> dict:
    out = {"python": platform.python_version(), "platform": platform.platform(terse=True),
           "transport": transport}
    for package in ("papermill", "nbclient", "jupyter_client", "ipykernel", "jsonschema"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[package] = metadata.version(package)
    return out


# --------------------------------------------------------------------------------------------------
# The measurements


def floor_timing(section: str, import_statement: str = DEFAULT_IMPORT, *, kernel_name: str = "python3",
                 cwd: Path = PROJECT_ROOT, transport: str | None = None, timeout: float = 300) -> FloorTiming:
    """Start one kernel (until it answers kernel_info), run the import, shut it down: each step timed."""
    km = kernel_manager_class(transport or default_transport(), asynchronous=False)(kernel_name=kernel_name)
    error, kc = None, None
    t0 = time.perf_counter()
    try:
        km.start_kernel(cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        t1 = time.perf_counter()
        reply = kc.execute_interactive(import_statement, timeout=timeout, store_history=False,
                                       output_hook=lambda msg: None)
        t2 = time.perf_counter()
        content = reply.get("content", {})
        if content.get("status") != "ok":
            error = f"{content.get('ename')}: {content.get('evalue')}"
    except Exception as exc:  # noqa: BLE001 - reported in the bench
        t1 = t2 = time.perf_counter()
        error = f"{type(exc).__name__}: {exc}"
    finally:
        if kc is not None:
            kc.stop_channels()
        t3 = time.perf_counter()
        with contextlib.suppress(Exception):
            km.shutdown_kernel(now=True)
        t4 = time.perf_counter()
    return FloorTiming(section, round(t1 - t0, 3), round(t2 - t1, 3), round(t4 - t3, 3), error)


def imported_modules(import_statement: str) -> list[str]:
    """'import onapage.pages' -> ['onapage.pages']; 'from onapage.pages import open_page' -> ['onapage.pages']."""
    found = []
    for line in import_statement.splitlines():
        if m := re.match(r"\s*from\s+([\w.]+)\s+import\b", line):
            found.append(m.group(1))
        elif m := re.match(r"\s*import\s+(.+)", line):
            found += [part.split(" as ")[0].strip() for part in m.group(1).split(",")]
    return [f for f in found if f]


def _import_seconds(result: SectionResult, import_statement: str) -> float | None:
    """How long the notebook's cell importing the same module took (from papermill's cell metadata); that
    cell may do more than import (the section notebooks also open their page in it)."""
    modules = imported_modules(import_statement)
    if result.output is None or not Path(result.output).exists() or not modules:
        return None
    import nbformat

    pattern = re.compile(r"^\s*(from|import)\s+(" + "|".join(re.escape(m) for m in modules) + r")\b", re.M)
    nb = nbformat.read(str(result.output), as_version=4)
    for cell in nb.cells:
        if cell.get("cell_type") == "code" and pattern.search(cell.get("source", "")):
            return cell.get("metadata", {}).get("papermill", {}).get("duration")
    return None


def _sequential(sections: list[str], period: Period, notebooks_dir: Path, out_dir: Path, parameters: dict,
                kernel_name: str, cwd: Path) -> tuple[float, dict[str, float], list[str]]:
    """Plain papermill, one notebook after another, its defaults (fresh kernel, save after each cell)."""
    import papermill

    seconds, failures = {}, []
    started = time.perf_counter()
    for section in sections:
        t = time.perf_counter()
        out = output_path(out_dir, period, section)
        out.parent.mkdir(parents=True, exist_ok=True)
        params = plain_parameters({**parameters, "period": str(period), "section": section})
        try:
            with _kernels_quiet():
                papermill.execute_notebook(str(Pages.of(notebooks_dir).template(section)), str(out), parameters=params,
                                           kernel_name=kernel_name, cwd=str(cwd), progress_bar=False,
                                           log_output=False)
        except Exception as exc:  # noqa: BLE001 - timed all the same, and reported
            failures.append(f"sequential {section}: {type(exc).__name__}: {getattr(exc, 'evalue', exc)}")
        seconds[section] = round(time.perf_counter() - t, 3)
    return round(time.perf_counter() - started, 3), seconds, failures


@contextlib.contextmanager
def _kernels_quiet():
    """Kernels inherit this process's stderr; plain papermill's TCP kernels print a warning on it at start."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _quiet_papermill():
    import logging
    import warnings

    logging.getLogger("papermill").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="papermill")


def bench(sections: list[str], period: Period, *, notebooks_dir: Path, output_root: Path,
          parameters: dict | Callable[[Period], dict] | None = None, workers: int | None = None,
          import_statement: str = DEFAULT_IMPORT,
          backfill_months: int = 0, reuse_kernels: bool = True, compare_fresh: bool = True,
          kernel_name: str = "python3", cwd: Path = PROJECT_ROOT, console=None,
          preparer_for: Callable[[Path], Callable] | None = None) -> BenchReport:
    """Time the runner on all `sections` of `period` against plain sequential papermill and the kernel+import
    floor, in one run (outputs under <output_root>/bench/). `console` (rich) shows progress.
    `preparer_for(output_root)` gives the runner runs the `prepare_input` hook `onapage run` uses (commentary
    put back, data comments drafted), so they are timed with it; papermill runs the templates as they are."""
    month_parameters = parameters(period) if callable(parameters) else dict(parameters or {})
    workers = max(1, workers or os.cpu_count() or 1)
    transport = default_transport()
    root = OutputLayout(output_root).bench
    if root.exists():
        shutil.rmtree(root)
    _quiet_papermill()

    def say(text: str) -> None:
        if console is not None:
            console.print(text)

    steps = 3 + bool(reuse_kernels and compare_fresh) + bool(backfill_months > 0)
    step = iter(range(1, steps + 1))
    common = dict(notebooks_dir=notebooks_dir, parameters=month_parameters, workers=workers, kernel_name=kernel_name,
                  cwd=cwd, console=console)
    say(f"[bold]{next(step)}/{steps}[/] parallel runner, {len(sections)} sections, {workers} workers")
    t = time.perf_counter()
    def prepared(folder: str) -> dict:
        return {"output_root": root / folder,
                "prepare_input": preparer_for(root / folder) if preparer_for else None}

    results = run_sections(sections, [period], reuse_kernels=reuse_kernels, **common, **prepared("parallel"))
    parallel_seconds = round(time.perf_counter() - t, 3)

    fresh_seconds, fresh = None, {}
    if reuse_kernels and compare_fresh:
        say(f"[bold]{next(step)}/{steps}[/] parallel runner, a fresh kernel per notebook")
        t = time.perf_counter()
        fresh_results = run_sections(sections, [period], reuse_kernels=False, **common, **prepared("fresh"))
        fresh_seconds = round(time.perf_counter() - t, 3)
        fresh = {r.section: r.seconds for r in fresh_results}

    say(f"[bold]{next(step)}/{steps}[/] papermill, one notebook after another")
    sequential_seconds, sequential, failures = _sequential(sections, period, notebooks_dir,
                                                           root / "sequential", month_parameters, kernel_name,
                                                           cwd)

    say(f"[bold]{next(step)}/{steps}[/] floor: a kernel and `{import_statement}` per section")
    floor = [floor_timing(s, import_statement, kernel_name=kernel_name, cwd=cwd, transport=transport)
             for s in sections]
    failures += [f"floor {f.section}: {f.error}" for f in floor if f.error]
    failures += [f"parallel {r.section}: {r.error.describe() if r.error else r.status}"
                 for r in results if not r.ok]

    backfill_seconds, backfill_n = None, 0
    if backfill_months > 0:
        periods = period.trend(backfill_months)
        say(f"[bold]{next(step)}/{steps}[/] backfill {periods[0]} to {periods[-1]}: "
            f"{len(periods) * len(sections)} notebooks")
        t = time.perf_counter()
        backfill = run_sections(sections, periods, reuse_kernels=reuse_kernels,
                                **(common | {"parameters": parameters}), **prepared("backfill"))
        backfill_seconds = round(time.perf_counter() - t, 3)
        backfill_n = len(backfill)
        failures += [f"backfill {r.section} {r.period}: {r.error.describe() if r.error else r.status}"
                     for r in backfill if not r.ok]

    per_section = [SectionTiming(r.section, r.status, r.seconds, r.kernel_seconds,
                                 _import_seconds(r, import_statement) if r.status == OK else None, r.cell_seconds,
                                 sequential.get(r.section), fresh.get(r.section)) for r in results]
    return BenchReport(period=str(period), sections=list(sections), workers=workers, cpu_count=os.cpu_count() or 1,
                       reuse_kernels=reuse_kernels, import_statement=import_statement,
                       parallel_seconds=parallel_seconds, sequential_seconds=sequential_seconds,
                       floor_seconds=round(sum(f.total for f in floor), 3), fresh_seconds=fresh_seconds,
                       backfill_months=backfill_months, backfill_seconds=backfill_seconds,
                       backfill_notebooks=backfill_n, per_section=per_section, floor=floor, failures=failures,
                       environment=_environment(transport) | {"executable": sys.executable})
