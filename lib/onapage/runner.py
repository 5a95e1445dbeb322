"""The period runner: papermill executes every section notebook for one or more periods, in parallel.

    discover_sections  which notebooks make up the booklet, in the configured order
    execute_section    one notebook for one period, written atomically, retried on a kernel start-up race
    run_sections       every (period, section) pair across a process pool, with a progress bar
    results_table      the summary (section, period, status, seconds, attempts)
    failure_report     each failed section with its cell, the cell's first line and the exception

Outputs, for each period and section:

    <output_root>/<period>/notebooks/<section>.ipynb         the executed notebook (only ever a complete one)
    <output_root>/<period>/notebooks/<section>.failed.ipynb  the partial notebook of a failed run, for diagnosis

A notebook executes into a hidden temporary file beside its output and is renamed into place only when
every cell has run, so a crash or a failing cell never replaces a good previous output with a half-written
one. A failed run's partial notebook (papermill's, with the failing cell marked) is renamed to
`<section>.failed.ipynb` instead; a later successful run removes it.

Kernels. Each worker process keeps one warm kernel and runs its notebooks in it one after another
(`reuse_kernels=True`, the default): before each notebook the kernel's namespace is reset
(`get_ipython().reset(new_session=True)`) and the working folder restored, so nothing a notebook defines
is seen by the next, while imported modules stay loaded - which is where most of a section's time goes
(see `onapage.bench`). A kernel that ran a failed notebook is discarded, and kernels are recycled after
`RECYCLE_AFTER` notebooks. `reuse_kernels=False` gives papermill's usual fresh kernel per notebook.
On POSIX the kernels talk over IPC (Unix sockets with unique names) rather than TCP ports, which removes
the known start-up race where two kernels starting together pick the same port
(`zmq.error.ZMQError: Address already in use`, seen by the parent as
`RuntimeError: Kernel died before replying to kernel_info`); the retry stays for TCP and anything else.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
import random
import re
import shutil
import tempfile
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from onapage.config import PROJECT_ROOT
from onapage.layout import FAILED_SUFFIX, OutputLayout, Pages, failed_beside
from onapage.periods import Period
from onapage.processes import die_with_parent
from onapage.trust import sign_notebook

log = logging.getLogger(__name__)

OK, FAILED, SKIPPED = "ok", "failed", "skipped"
RECYCLE_AFTER = 40  # notebooks per warm kernel before it is replaced (bounds memory growth)
STAGGER_SECONDS = 0.25  # between the first kernel starts of the pool's workers
RETRY_BACKOFF = (0.2, 1.0)  # seconds, times the attempt number, before a retry

# The known kernel start-up failures worth a retry: two kernels starting at once bind the same TCP port
# (nteract/papermill#511, ipython/ipykernel#412); the loser dies before answering kernel_info or never
# answers within the start-up timeout (jupyter_client KernelClient.wait_for_ready).
STARTUP_RACE = re.compile(
    r"Address already in use"
    r"|Kernel died before replying to kernel_info"
    r"|Kernel didn't respond in \d+ seconds"
    r"|Kernel didn't respond to heartbeats"
    r"|Timeout waiting for kernel_info reply",
)


# --------------------------------------------------------------------------------------------------
# Results


@dataclass
class SectionError:
    """Where and why a section failed. `cell_index` counts the cells of notebooks/<section>.ipynb from 0
    (the injected-parameters cell is not counted); None when no cell ran (the kernel did not start, the
    notebook is missing). `execution_count` is the In [n] shown in the executed notebook."""

    ename: str
    evalue: str
    cell_index: int | None = None
    execution_count: int | None = None
    source_line: str = ""

    def describe(self) -> str:
        where = "before any cell ran" if self.cell_index is None else f"cell {self.cell_index}"
        if self.execution_count is not None:
            where += f" (In [{self.execution_count}])"
        code = f" `{self.source_line}`" if self.source_line else ""
        first = self.evalue.strip().splitlines()[0] if self.evalue.strip() else ""
        value = f": {first}" if first else ""
        return f"{where}{code}: {self.ename}{value}"


@dataclass
class SectionResult:
    section: str
    period: str
    status: str  # ok | failed | skipped
    seconds: float
    output: Path | None  # the executed notebook, or its partial `.failed.ipynb` when the run failed
    error: SectionError | None = None
    attempts: int = 1
    kernel_seconds: float | None = None  # from the start of execution until the kernel answered
    cell_seconds: float | None = None  # the cells' own execution time, summed

    @property
    def ok(self) -> bool:
        return self.status == OK

    def to_dict(self) -> dict:
        out = asdict(self)
        out["output"] = str(self.output) if self.output else None
        return out


class UnknownSections(ValueError):
    """--sections named a section with no notebook."""


# --------------------------------------------------------------------------------------------------
# Which sections


def _is_section_notebook(path: Path) -> bool:
    name = path.name
    return not name.startswith((".", "_")) and not name.endswith((FAILED_SUFFIX, ".executed.ipynb"))


def discover_sections(notebooks_dir: Pages | Path, order: Sequence[str] | None = None,
                      only: Iterable[str] | None = None) -> list[str]:
    """The section notebooks in `notebooks_dir` (their stems): those named in `order` first, in that order,
    then any others alphabetically. `only` (from --sections) keeps just those, in the same order; a name
    with no notebook raises UnknownSections listing the available ones. Files starting with '.' or '_'
    are not sections.
    """
    pages = Pages.of(notebooks_dir)
    if not any(folder.is_dir() for folder in pages.folders):
        raise FileNotFoundError(f"{pages}: notebooks folder not found")
    available = {p.stem for p in pages.notebooks() if _is_section_notebook(p)}
    order = list(order or [])
    ranked = [s for s in order if s in available] + sorted(available - set(order))
    if only is None:
        return ranked
    wanted = [s.strip() for item in only for s in str(item).split(",") if s.strip()]
    unknown = [s for s in wanted if s not in available]
    if unknown:
        listing = ", ".join(ranked) if ranked else "(none)"
        raise UnknownSections(f"no notebook for section(s) {', '.join(unknown)} in {pages}; "
                              f"available: {listing}")
    return [s for s in ranked if s in set(wanted)]


def output_path(output_root: Path, period: Period | str, section: str) -> Path:
    return OutputLayout(output_root).period(period).notebook(section)


def failed_path(output: Path) -> Path:
    return failed_beside(output)


# --------------------------------------------------------------------------------------------------
# Kernels


def default_transport() -> str:
    """IPC (Unix sockets, no ports to race for) where available, else TCP."""
    return "ipc" if os.name == "posix" else "tcp"


@functools.cache
def kernel_manager_class(transport: str, asynchronous: bool = True, run_dir: str | None = None):
    """A kernel manager class (async for nbclient, blocking for the bench) that keeps a kernel's connection
    file and IPC sockets in the run's folder (`run_dir`), with unique absolute names. (Stock jupyter_client
    names IPC sockets 'kernel-ipc-<n>' in the working folder, shared by every kernel started there, and
    leaves connection files in the temporary folder when a kernel is killed.)"""
    from jupyter_client.manager import AsyncKernelManager, KernelManager
    from traitlets import default

    base = AsyncKernelManager if asynchronous else KernelManager

    class OnapageKernelManager(base):
        @default("transport")
        def _default_transport(self):
            return transport

        @default("connection_file")
        def _default_connection_file(self):
            folder = _existing(run_dir)
            return os.path.join(folder, f"kernel-{uuid.uuid4().hex[:12]}.json") if folder else ""

        async def _async_pre_start_kernel(self, **kw):
            kw.setdefault("preexec_fn", die_with_parent)  # a kernel dies with its worker
            return await super()._async_pre_start_kernel(**kw)

        @default("ip")
        def _default_ip(self):
            if self.transport != "ipc":
                return super()._ip_default()
            # Unix socket paths are limited to ~104 bytes: keep it short.
            return os.path.join(_existing(run_dir) or tempfile.gettempdir(), f"onapage-{uuid.uuid4().hex[:12]}")

    return OnapageKernelManager


def _existing(folder: str | None) -> str | None:
    """The run's private folder (kernel connection files, IPC sockets), if it still exists: run_sections
    creates it and removes it when the run ends, even when kernels die without cleaning up."""
    return folder if folder and os.path.isdir(folder) else None


@dataclass
class WarmKernel:
    """A worker's warm kernel: its manager, client and output file, kept across notebooks."""

    km: object = None
    kc: object = None
    kernel_name: str | None = None
    transport: str | None = None
    uses: int = 0
    log: object = None  # the kernel's stdout/stderr file


@dataclass
class Attempt:
    """What the engine saw of the attempt in flight (a worker runs one notebook at a time)."""

    nb: object = None  # the notebook as far as it got
    started: float = field(default_factory=time.perf_counter)
    kernel_ready: float | None = None
    kernel_log: object = None

    def kernel_seconds(self) -> float | None:
        return None if self.kernel_ready is None else round(self.kernel_ready - self.started, 3)


@dataclass
class WorkerState:
    """One process's state between notebooks, passed to whatever uses it."""

    warm: WarmKernel = field(default_factory=WarmKernel)
    run_dir: str | None = None


# This process's state: each worker process has its own, created when it starts.
_WORKER = WorkerState()


def _run_sync(coro_fn):
    from jupyter_core.utils import run_sync

    return run_sync(coro_fn)


def shutdown_warm_kernel(warm: WarmKernel | None = None) -> None:
    """Shut down a warm kernel (this process's by default), if any (worker processes do it on exit)."""
    warm = warm or _WORKER.warm
    km, kc = warm.km, warm.kc
    warm.km, warm.kc, warm.uses = None, None, 0
    if kc is not None:
        try:
            kc.stop_channels()
        except Exception as exc:  # noqa: BLE001
            log.debug("warm kernel client: %s", exc)
    if km is not None:
        try:
            _run_sync(km.shutdown_kernel)(now=True)
        except Exception as exc:  # noqa: BLE001 - a kernel that is already gone is fine
            log.debug("warm kernel shutdown: %s", exc)
    if warm.log is not None:
        warm.log.close()
        warm.log = None


RESET_CODE = "get_ipython().reset(new_session=True)\nimport os as _os\n_os.chdir({cwd!r})\ndel _os"


def _reset(kc, cwd: Path) -> None:
    """Forget everything the previous notebook defined (modules stay imported) and go back to `cwd`."""
    reply = _run_sync(kc.execute_interactive)(RESET_CODE.format(cwd=str(cwd)), store_history=False, timeout=60,
                                              output_hook=lambda msg: None)
    if reply["content"].get("status") != "ok":
        raise RuntimeError(f"could not reset the warm kernel: {reply['content'].get('evalue')}")


def _warm_kernel(state: WorkerState, kernel_name: str, transport: str, cwd: Path):
    """The worker's warm kernel as (manager, client), reset for a new notebook; a new kernel (started here,
    client None: nbclient connects and waits until it is ready) when there is none, it died, it cannot be
    reset or it has run RECYCLE_AFTER notebooks."""
    warm = state.warm
    if warm.km is not None:
        stale = (warm.kernel_name != kernel_name or warm.transport != transport or warm.uses >= RECYCLE_AFTER
                 or warm.kc is None or not _run_sync(warm.km.is_alive)())
        if not stale:
            try:
                _reset(warm.kc, cwd)
            except Exception as exc:  # noqa: BLE001 - start a new one instead
                log.debug("warm kernel reset failed: %s", exc)
                stale = True
        if stale:
            shutdown_warm_kernel(warm)
    if warm.km is None:
        warm.log = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115 - lives as long as the kernel
        km = kernel_manager_class(transport, run_dir=state.run_dir)(kernel_name=kernel_name)
        warm.km, warm.kernel_name, warm.transport, warm.uses = km, kernel_name, transport, 0
        try:
            _run_sync(km.start_kernel)(cwd=str(cwd), stdout=warm.log, stderr=warm.log)
        except BaseException:
            shutdown_warm_kernel(warm)
            raise
    warm.uses += 1
    return warm.km, warm.kc


def _tail(fh, limit: int = 2000) -> str:
    """The end of a kernel's output file, read without moving the offset the kernel writes at."""
    if fh is None:
        return ""
    try:
        fd = fh.fileno()
        size = os.fstat(fd).st_size
        if hasattr(os, "pread"):
            data = os.pread(fd, limit, max(0, size - limit))
        else:  # pragma: no cover - Windows
            fh.seek(max(0, size - limit))
            data = fh.read()
        return data.decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


# --------------------------------------------------------------------------------------------------
# The papermill engine


@functools.cache
def _register_engine() -> None:
    """Register papermill engine "onapage" (once per process)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class OnapageEngine(NBClientEngine):
        """papermill's nbclient engine plus: kernel over IPC, an optional warm kernel, the kernel's own
        output captured (so a start-up failure says why), the notebook kept when execution dies (so a
        timeout or a dead kernel still leaves a partial notebook), and the moment the kernel was ready."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None,
                                     transport="tcp", warm=False, kernel_cwd=None, state=None, attempt=None,
                                     **kwargs):
            state, attempt = state or _WORKER, attempt or Attempt()
            attempt.nb = nb_man.nb
            options = dict(timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
                           log=logging.getLogger("papermill"), log_output=log_output, stdout_file=stdout_file,
                           stderr_file=stderr_file, shutdown_kernel="immediate", **kwargs)

            def on_ready(**_):
                attempt.kernel_ready = time.perf_counter()

            if warm:
                km, kc = _warm_kernel(state, kernel_name, transport, kernel_cwd)
                attempt.kernel_log = state.warm.log
                if kc is not None:
                    on_ready()
                client = PapermillNotebookClient(nb_man, km=km, on_notebook_start=on_ready, **options)
                client.kc = kc
                try:
                    return client.execute()
                finally:
                    state.warm.kc = client.kc  # kept open for the next notebook (or shut down after a failure)
            attempt.kernel_log = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115 - closed by execute_section
            managers = kernel_manager_class(transport, run_dir=state.run_dir)
            client = PapermillNotebookClient(nb_man, kernel_manager_class=managers, on_notebook_start=on_ready,
                                             **options)
            return client.execute(cwd=str(kernel_cwd), stdout=attempt.kernel_log, stderr=attempt.kernel_log)

    papermill_engines.register("onapage", OnapageEngine)


def _papermill_execute(input_path, output_path, parameters, **options):
    """papermill.execute_notebook with the onapage engine: the default `execute` of execute_section."""
    import papermill

    _register_engine()
    return papermill.execute_notebook(str(input_path), str(output_path), parameters=parameters,
                                      engine_name="onapage", **options)


# --------------------------------------------------------------------------------------------------
# One notebook


def is_startup_race(exc: BaseException, kernel_output: str = "") -> bool:
    """True for the kernel start-up failures worth retrying (never for a notebook's own exception)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return False
    try:
        from nbclient.exceptions import CellTimeoutError
    except ImportError:  # pragma: no cover
        CellTimeoutError = ()  # noqa: N806
    if isinstance(exc, CellTimeoutError):
        return False
    return bool(STARTUP_RACE.search(f"{type(exc).__name__}: {exc}\n{kernel_output}"))


def _first_line(source) -> str:
    text = "".join(source) if isinstance(source, list) else str(source or "")
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


def _tags(cell) -> list:
    return cell.get("metadata", {}).get("tags", [])


def _template_index(nb, index: int | None) -> int | None:
    """The cell's index in the template: papermill's injected-parameters cell (and its error markers,
    inserted after it reported the index) are not counted."""
    if index is None or nb is None:
        return index
    cells = [c for c in nb.cells if "papermill-error-cell-tag" not in _tags(c)]
    return index - sum(1 for c in cells[:index] if "injected-parameters" in _tags(c))


def _error_from(exc: BaseException, nb, kernel_output: str, attempt: Attempt) -> SectionError:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return SectionError(ename=exc.ename, evalue=str(exc.evalue), cell_index=_template_index(nb, exc.cell_index),
                            execution_count=exc.exec_count, source_line=_first_line(exc.source))
    evalue = str(exc)
    if kernel_output.strip() and attempt.kernel_ready is None:
        evalue += f"\nkernel output:\n{kernel_output.strip()}"
    running = None
    if nb is not None and attempt.kernel_ready is not None:  # the cell that was executing when it died
        started = [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
        running = started[-1] if started else None
    cell = nb.cells[running] if running is not None else None  # (no markers: papermill did not get this far)
    return SectionError(ename=type(exc).__name__, evalue=evalue, cell_index=_template_index(nb, running),
                        execution_count=cell.get("execution_count") if cell else None,
                        source_line=_first_line(cell.source) if cell else "")


def _timings(nb) -> float | None:
    if nb is None:
        return None
    durations = [c.get("metadata", {}).get("papermill", {}).get("duration") for c in nb.cells]
    return round(sum(d for d in durations if d), 3)


def _write_partial(nb, path: Path) -> bool:
    try:
        import nbformat

        with open(path, "w", encoding="utf-8") as fh:
            nbformat.write(nb, fh)
        return True
    except Exception as exc:  # noqa: BLE001 - diagnosis output is best effort
        log.debug("could not write the partial notebook %s: %s", path, exc)
        return False


def plain_parameters(value):
    """Parameters as papermill can write them: paths and periods as strings, recursively."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, dict):
        return {k: plain_parameters(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_parameters(v) for v in value]
    return value


def execute_section(notebook: Path, output: Path, parameters: dict, *, kernel_name: str = "python3",
                    timeout: int | None = 600, retries: int = 2, start_timeout: int = 60,
                    cwd: Path = PROJECT_ROOT, reuse_kernel: bool = False, transport: str | None = None,
                    run_dir: str | None = None, state: WorkerState | None = None,
                    execute: Callable | None = None) -> SectionResult:
    """Execute one notebook with papermill into `output`, atomically; never raises for a failing notebook.

    `parameters` are injected after the notebook's `parameters`-tagged cell; `timeout` is per cell (None:
    no limit). The kernel runs in `cwd` (the project root), so relative paths in parameters work. A kernel
    start-up race is retried up to `retries` times; a notebook's own exception is not. On failure the
    partial notebook goes to `<section>.failed.ipynb` beside `output` and `output` is left as it was.
    `execute` replaces papermill (tests): called as execute(notebook, tmp_output, parameters, **options).
    `state` is the process's between notebooks (its warm kernel; this process's by default).
    """
    notebook, output = Path(notebook), Path(output)
    section = notebook.stem
    period = str(parameters.get("period", ""))
    started = time.perf_counter()
    if not notebook.exists():
        return SectionResult(section, period, SKIPPED, 0.0, None,
                             SectionError("FileNotFoundError", f"{notebook}: no such notebook"))
    output.parent.mkdir(parents=True, exist_ok=True)
    execute = execute or _papermill_execute
    state = state or _WORKER
    state.run_dir = run_dir
    options = dict(kernel_name=kernel_name, cwd=str(cwd), progress_bar=False, log_output=False,
                   request_save_on_cell_execute=False, start_timeout=start_timeout, execution_timeout=timeout,
                   transport=transport or default_transport(), warm=reuse_kernel, kernel_cwd=str(cwd), state=state)
    if execute is not _papermill_execute:
        options = {k: v for k, v in options.items() if k not in ("transport", "warm", "kernel_cwd", "state")}
    parameters = plain_parameters(parameters)

    tries, error, nb = 0, None, None
    while True:
        tries += 1
        seen = Attempt()
        if execute is _papermill_execute:
            options["attempt"] = seen
        fd, tmp_name = tempfile.mkstemp(prefix=f".{section}.", suffix=".part.ipynb", dir=output.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nb = execute(notebook, tmp, parameters, **options)
        except Exception as exc:
            kernel_output = _tail(seen.kernel_log)
            nb = seen.nb
            if reuse_kernel:
                shutdown_warm_kernel(state.warm)  # never reuse a kernel that saw a failure
            if tries <= retries and seen.kernel_ready is None and is_startup_race(exc, kernel_output):
                log.info("%s %s: kernel start-up failed (%s); retrying", section, period, exc)
                tmp.unlink(missing_ok=True)
                time.sleep(random.uniform(*RETRY_BACKOFF) * tries)
                continue
            error = _error_from(exc, nb, kernel_output, seen)
            # papermill writes the partial notebook for a cell's exception, not for a timeout or a dead kernel:
            # then write what ran (if nothing ran, there is nothing to keep)
            written = tmp.exists() and tmp.stat().st_size > 0
            if not written and nb is not None and seen.kernel_ready is not None:
                written = _write_partial(nb, tmp)
            kept = failed_path(output) if written else None
            if kept:
                _publish(tmp, kept)
            tmp.unlink(missing_ok=True)
            return SectionResult(section, period, FAILED, round(time.perf_counter() - started, 3), kept, error,
                                 tries, seen.kernel_seconds(), _timings(nb))
        finally:
            if seen.kernel_log is not None and seen.kernel_log is not state.warm.log:
                seen.kernel_log.close()
        _publish(tmp, output)
        failed_path(output).unlink(missing_ok=True)
        return SectionResult(section, period, OK, round(time.perf_counter() - started, 3), output, None, tries,
                             seen.kernel_seconds(), _timings(nb))


def _publish(tmp: Path, path: Path) -> None:
    """Rename the finished temporary file into place, with the permissions a plainly written file gets
    (mkstemp makes it owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------------
# Many notebooks


@dataclass
class _Task:
    notebook: Path
    output: Path
    parameters: dict
    delay: float = 0.0
    options: dict = field(default_factory=dict)


def _worker_init() -> None:
    """Quiet papermill (its INFO lines and 'Passed unknown parameter' warnings would tear the progress bar),
    shut the warm kernel down when the worker exits, and import papermill without rfc3987_syntax.

    jsonschema >= 4.25 imports rfc3987_syntax eagerly, which builds Lark grammars for IRI checks: 1.5 s of
    every import of papermill (through nbformat). Notebook validation never checks IRIs, so the worker
    blocks that import (jsonschema skips the optional checker) and starts 1.5 s sooner. Kernels are left
    as they are.
    """
    import signal
    import sys
    from multiprocessing import util

    die_with_parent()  # a run killed outright takes its workers (and through them their kernels) with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it kills the workers)
    sys.modules.setdefault("rfc3987_syntax", None)
    logging.getLogger("papermill").setLevel(logging.ERROR)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    util.Finalize(_WORKER, shutdown_warm_kernel, args=(_WORKER.warm,), exitpriority=100)
    _register_engine()


def _run_task(task: _Task) -> SectionResult:
    if task.delay:
        time.sleep(task.delay)
    return execute_section(task.notebook, task.output, task.parameters, **task.options)


def _clear_stale_parts(folder: Path, section: str) -> None:
    for part in folder.glob(f".{section}.*.part.ipynb"):
        part.unlink(missing_ok=True)


def run_sections(sections: Sequence[str], periods: Sequence[Period], *, notebooks_dir: Pages | Path, output_root: Path,
                 parameters: dict | Callable[[Period], dict] | None = None, workers: int | None = None, console=None,
                 reuse_kernels: bool = True, kernel_name: str = "python3", timeout: int | None = 600,
                 retries: int = 2, transport: str | None = None, cwd: Path = PROJECT_ROOT,
                 on_result: Callable[[SectionResult], None] | None = None,
                 prepare_input: Callable[[str, Period], Path] | None = None) -> list[SectionResult]:
    """Execute every (period, section) notebook across a pool of `workers` processes (default: the cores).

    Each notebook gets `parameters` (a dict, or a function of the period returning one, for values that differ
    by period such as the saved results file) plus `period` ('YYYY-MM') and `section`, and is written to
    `<output_root>/<period>/notebooks/<section>.ipynb`. Every pair is run even when some fail; the results
    come back in (period, section) order. `console` (rich) shows a progress bar; None shows none.
    `prepare_input(section, period)`, when given, is called here (in this process, one pair after another,
    before any notebook runs) and returns the notebook papermill executes instead of
    `notebooks_dir/<section>.ipynb` (for example the template with the analysts' commentary put back in:
    `onapage.commentary.Preparer`); its file name must be `<section>.ipynb`.
    """
    pages, output_root = Pages.of(notebooks_dir), Path(output_root)
    workers = max(1, workers or os.cpu_count() or 1)
    options = dict(kernel_name=kernel_name, timeout=timeout, retries=retries, cwd=cwd,
                   reuse_kernel=reuse_kernels, transport=transport)  # shared: one dict for every task
    tasks: list[_Task] = []
    for period in periods:
        given = parameters(period) if callable(parameters) else parameters
        for section in sections:
            out = output_path(output_root, period, section)
            out.parent.mkdir(parents=True, exist_ok=True)
            _clear_stale_parts(out.parent, section)
            params = {**(given or {}), "period": str(period), "section": section}
            notebook = pages.template(section)
            if prepare_input is not None:
                notebook = Path(prepare_input(section, period))
            tasks.append(_Task(notebook, out, params, options=options))
    if not tasks:
        return []
    workers = min(workers, len(tasks))
    run_dir = tempfile.mkdtemp(prefix="onapage-")  # owner-only: connection files hold the kernels' keys
    options["run_dir"] = run_dir
    for slot, task in enumerate(tasks[:workers]):  # the first kernels start a little apart
        task.delay = slot * STAGGER_SECONDS

    from rich.markup import escape

    results: dict[int, SectionResult] = {}
    progress = _progress(console)
    with progress:
        bar = progress.add_task("starting", total=len(tasks)) if progress else None

        def record(index: int, result: SectionResult) -> None:
            results[index] = result
            if result.output is not None and result.output.exists():
                sign_notebook(result.output)  # JupyterLab, open on the month, keeps showing its pages styled
            if on_result:
                on_result(result)
            if progress:
                progress.advance(bar)
                if not result.ok:
                    progress.console.print(f"[red]{result.status}[/] {escape(result.section)} {result.period}")

        def show(running: Iterable[int]) -> None:
            if progress:
                progress.update(bar, description=_describe(tasks[i] for i in running))

        try:
            _execute_all(tasks, workers, record, show)
        except BaseException:  # interrupted: the killed workers' temporary notebooks go too
            for task in tasks:
                _clear_stale_parts(task.output.parent, task.parameters["section"])
            raise
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
        if progress:
            progress.update(bar, description="done")
    return [results[i] for i in range(len(tasks))]


MAX_POOL_RESTARTS = 2


def _execute_all(tasks: list[_Task], workers: int, record: Callable[[int, SectionResult], None],
                 show: Callable[[Iterable[int]], None]) -> None:
    """Run the tasks with at most `workers` in flight (so the bar names what is really running). If a worker
    process dies (killed, out of memory) the pool breaks: the tasks it was running are re-queued once, a
    new pool is started, and the run goes on; a task that breaks the pool twice is reported as failed."""
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads or a store
    queue = deque(range(len(tasks)))
    crashes: dict[int, int] = {}
    restarts = 0
    while queue:
        broken: BaseException | None = None
        running: dict[Future, int] = {}
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
        try:
            while queue or running:
                while queue and broken is None and len(running) < workers:
                    index = queue.popleft()
                    try:
                        running[pool.submit(_run_task, tasks[index])] = index
                    except BrokenProcessPool as exc:
                        queue.appendleft(index)
                        broken = exc
                if not running:
                    break
                show(running.values())
                done, _ = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    index = running.pop(future)
                    try:
                        record(index, future.result())
                    except BrokenProcessPool as exc:
                        broken = exc
                        crashes[index] = crashes.get(index, 0) + 1
                        if crashes[index] > 1:
                            record(index, _failed(tasks[index], exc, "a worker process died running it"))
                        else:
                            tasks[index].delay = 0.0
                            queue.append(index)
                    except Exception as exc:  # noqa: BLE001 - reported, and the run goes on
                        record(index, _failed(tasks[index], exc, "the worker could not run it"))
        except BaseException:  # Ctrl-C (or a bug here): stop now, leaving no worker or kernel behind
            _kill_workers(pool)
            raise
        pool.shutdown(wait=True)
        if broken is None:
            continue
        restarts += 1
        if restarts > MAX_POOL_RESTARTS:
            while queue:
                index = queue.popleft()
                record(index, _failed(tasks[index], broken, "the worker pool kept breaking"))


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers at once (a worker mid-notebook ignores SIGINT and SIGTERM: nbclient handles
    them). Their kernels exit by themselves within a second or so of losing their parent (ipykernel's
    parent poller); hidden temporary notebooks left behind are cleared by the next run."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public API before 3.14
        with contextlib.suppress(Exception):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _failed(task: _Task, exc: BaseException, why: str) -> SectionResult:
    return SectionResult(task.parameters["section"], task.parameters["period"], FAILED, 0.0, None,
                         SectionError(type(exc).__name__, f"{why}: {exc}"))


def _describe(tasks: Iterable[_Task]) -> str:
    from rich.markup import escape

    names = [f"{t.parameters['section']} {t.parameters['period']}" for t in tasks]
    text = ", ".join(names)
    return escape(text if len(text) <= 60 else text[:57] + "...")


def _progress(console):
    if console is None:
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]Sections"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.description}"), console=console, transient=False)


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __bool__(self):
        return False


# --------------------------------------------------------------------------------------------------
# Reporting


def results_table(results: Sequence[SectionResult]):
    """A rich Table: section, period, status, seconds, attempts (failed rows in red)."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Sections", show_lines=False)
    for name, justify in (("section", "left"), ("period", "left"), ("status", "left"),
                          ("seconds", "right"), ("attempts", "right")):
        table.add_column(name, justify=justify)
    colours = {OK: "green", FAILED: "bold red", SKIPPED: "yellow"}
    for r in results:
        status = f"[{colours.get(r.status, 'white')}]{r.status}[/]"
        table.add_row(escape(r.section), r.period, status, f"{r.seconds:.1f}", str(r.attempts))
    return table


def failure_report(results: Sequence[SectionResult]) -> str:
    """Each failed (or skipped) section: period, cell, the cell's first line, the exception and the partial
    notebook. Empty when everything succeeded. Plain text: print it with markup off (it quotes code)."""
    bad = [r for r in results if r.status != OK]
    if not bad:
        return ""
    failed = sum(r.status == FAILED for r in bad)
    lines = [f"{failed} of {len(results)} section run(s) failed" + (f", {len(bad) - failed} skipped" if
                                                                     len(bad) > failed else "") + ":"]
    for r in bad:
        detail = r.error.describe() if r.error else "no detail"
        lines.append(f"  {r.section} {r.period} ({r.status}): {detail}")
        if r.output is not None:
            lines.append(f"    partial notebook: {r.output}")
    return "\n".join(lines)


def summary_counts(results: Sequence[SectionResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts
