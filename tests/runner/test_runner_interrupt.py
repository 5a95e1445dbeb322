"""Ctrl-C stops a run at once and leaves no worker, kernel, socket or temporary notebook behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

CHILD = """
import sys
from pathlib import Path
from onapage.runner import run_sections
from onapage.periods import Period

if __name__ == "__main__":
    run_sections(["slow"], [Period(2026, 9), Period(2026, 10)], notebooks_dir=Path(sys.argv[1]),
                 output_root=Path(sys.argv[2]), workers=2)
"""


def processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every process."""
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,pgid="], capture_output=True, text=True).stdout
    return [tuple(int(x) for x in line.split()) for line in out.splitlines()]


def run_and_kernels(pgid: int) -> set[int]:
    """The run's processes (its group: the parent and its workers) and the workers' kernels (own sessions)."""
    table = processes()
    group = {pid for pid, _, g in table if g == pgid}
    return group | {pid for pid, ppid, _ in table if ppid in group}


@pytest.mark.skipif(os.name != "posix", reason="process groups and signals")
def test_ctrl_c_stops_the_run_and_cleans_up(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    child = subprocess.Popen([sys.executable, str(script), str(FIXTURES), str(out)], start_new_session=True,
                             env={**os.environ, "TMPDIR": str(temp)},
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(list(out.glob("*/notebooks/.slow.*.part.ipynb"))) < 2:  # both notebooks are executing
        assert time.monotonic() < deadline and child.poll() is None, child.stderr.read().decode()[-2000:]
        time.sleep(0.2)
    time.sleep(1.5)  # inside `time.sleep(30)`
    everything = run_and_kernels(child.pid)
    assert len(everything) >= 5  # the parent, 2 workers, 2 kernels (and the resource tracker)
    started = time.monotonic()
    os.killpg(child.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole foreground group
    try:
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert time.monotonic() - started < 5
    assert b"KeyboardInterrupt" in child.stderr.read()
    assert list(out.rglob("*.ipynb")) == []  # no temporary notebooks left, nothing half-written
    # kernels notice their worker is gone within a second or so; a loaded machine may take longer
    deadline = time.monotonic() + 20
    while everything & {pid for pid, _, _ in processes()} and time.monotonic() < deadline:
        time.sleep(0.5)
    assert everything & {pid for pid, _, _ in processes()} == set()
    assert list(temp.iterdir()) == []  # connection files and sockets went with the run's folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
def test_a_run_killed_outright_takes_its_workers_and_kernels_with_it(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, str(script), str(FIXTURES), str(out)], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(list(out.glob("*/notebooks/.slow.*.part.ipynb"))) < 2:  # both notebooks are executing
        assert time.monotonic() < deadline and child.poll() is None, child.stderr.read().decode()[-2000:]
        time.sleep(0.2)
    time.sleep(1.5)
    everything = run_and_kernels(child.pid)
    assert len(everything) >= 5  # the parent, 2 workers, 2 kernels (and the resource tracker)
    child.kill()  # SIGKILL: the parent cleans nothing up
    child.wait(timeout=10)
    deadline = time.monotonic() + 15
    while everything & {pid for pid, _, _ in processes()} and time.monotonic() < deadline:
        time.sleep(0.3)
    assert everything & {pid for pid, _, _ in processes()} == set()
