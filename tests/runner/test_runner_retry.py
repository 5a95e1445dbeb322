"""The retry: only a kernel start-up race is retried, never a notebook's own exception."""

from pathlib import Path

import nbformat
import pytest
from papermill.exceptions import PapermillExecutionError

from onapage import runner
from onapage.runner import FAILED, OK, execute_section, is_startup_race

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(runner, "RETRY_BACKOFF", (0.0, 0.0))


class FakeExecutor:
    """Raises the given exceptions in turn, then writes a notebook as papermill would."""

    def __init__(self, *failures):
        self.failures = list(failures)
        self.calls = 0

    def __call__(self, notebook, output, parameters, **options):
        self.calls += 1
        assert options["request_save_on_cell_execute"] is False and options["progress_bar"] is False
        if self.failures:
            raise self.failures.pop(0)
        nb = nbformat.read(str(notebook), as_version=4)
        nbformat.write(nb, str(output))
        return nb


def run(tmp_path, fake, retries=2):
    return execute_section(FIXTURES / "alpha.ipynb", tmp_path / "alpha.ipynb", {"period": "2026-10"},
                           retries=retries, execute=fake)


def test_a_kernel_that_died_on_start_is_retried_once_and_then_succeeds(tmp_path):
    fake = FakeExecutor(RuntimeError("Kernel died before replying to kernel_info"))
    result = run(tmp_path, fake)
    assert (result.status, result.attempts, fake.calls) == (OK, 2, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["alpha.ipynb"]  # the failed attempt left nothing


def test_the_port_race_is_retried_at_most_retries_times(tmp_path):
    import zmq

    fake = FakeExecutor(*[zmq.ZMQError(98, "Address already in use") for _ in range(5)])
    result = run(tmp_path, fake, retries=2)
    assert (result.status, result.attempts, fake.calls) == (FAILED, 3, 3)
    assert result.error.ename == "ZMQError" and result.error.cell_index is None
    assert result.error.describe().startswith("before any cell ran: ZMQError")


def test_an_ordinary_error_is_not_retried(tmp_path):
    fake = FakeExecutor(ValueError("bad parameter"))
    result = run(tmp_path, fake)
    assert (result.status, result.attempts, fake.calls) == (FAILED, 1, 1)
    assert result.error.ename == "ValueError"


def test_a_notebook_exception_is_not_retried_and_keeps_its_cell(tmp_path):
    error = PapermillExecutionError(cell_index=4, exec_count=5, source="total = sum(numbers)\nraise X",
                                    ename="ValueError", evalue="deliberate", traceback=[])
    fake = FakeExecutor(error)
    result = run(tmp_path, fake)
    assert (result.status, result.attempts, fake.calls) == (FAILED, 1, 1)
    assert (result.error.cell_index, result.error.execution_count) == (4, 5)  # no notebook seen: as papermill says
    assert result.error.source_line == "total = sum(numbers)"


@pytest.mark.parametrize("exc, race", [
    (RuntimeError("Kernel died before replying to kernel_info"), True),
    (RuntimeError("Kernel didn't respond in 60 seconds"), True),
    (TimeoutError("Kernel didn't respond to heartbeats in 60 seconds and timed out"), True),
    (OSError("zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:53811')"), True),
    (RuntimeError("Kernel died"), False),
    (KeyError("cla_rate"), False),
    (PapermillExecutionError(1, 1, "x", "RuntimeError", "Kernel died before replying to kernel_info", []), False),
])
def test_what_counts_as_the_start_up_race(exc, race):
    assert is_startup_race(exc) is race


def test_the_kernel_output_can_reveal_the_race():
    assert is_startup_race(RuntimeError("Kernel died"), "zmq.error.ZMQError: Address already in use")
