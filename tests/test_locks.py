"""One writer at a time: a second is refused with who holds the lock; a dead holder's lock is taken over."""

import json
import os
import socket
import subprocess
import sys

import pytest

from onapage.locks import Locked, holding


def test_a_second_holder_is_refused_naming_the_first_and_nothing_is_left_behind(tmp_path):
    path = tmp_path / "store.duckdb.lock"
    with holding(path, "running 2026-10"):
        holder = json.loads(path.read_text())
        assert holder["pid"] == os.getpid() and holder["doing"] == "running 2026-10"
        refused = r"is already running 2026-10 \(process \d+ on .*\).* delete .*lock"
        with pytest.raises(Locked, match=refused), holding(path, "running 2026-11"):
            pass
    assert not path.exists()


def test_a_lock_left_by_a_process_that_has_ended_is_taken_over(tmp_path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    path = tmp_path / "store.duckdb.lock"
    path.write_text(json.dumps({"by": "x", "doing": "running", "pid": int(ended.stdout), "host": socket.gethostname()}))
    with holding(path, "running 2026-10"):
        assert json.loads(path.read_text())["pid"] == os.getpid()


def test_a_lock_held_on_another_machine_is_never_taken_over(tmp_path):
    path = tmp_path / "store.duckdb.lock"
    path.write_text(json.dumps({"by": "jsmith", "doing": "running 2026-09", "pid": 1, "host": "another-machine"}))
    with pytest.raises(Locked, match="jsmith is already running 2026-09"), holding(path, "running 2026-10"):
        pass
    assert path.exists()


def test_a_run_holds_the_stores_lock_and_a_second_run_is_told_who_holds_it(demo_params_file):
    from click.testing import CliRunner

    from onapage.cli import main
    from onapage.config import load_settings
    from onapage.run import Run

    settings = load_settings(demo_params_file)
    with Run(settings, demo_params_file).lock():
        result = CliRunner().invoke(main, ["load", "--params", str(demo_params_file)])
    assert result.exit_code == 1 and "is already running" in result.output and "Traceback" not in result.output
