"""execute_section: atomic outputs, partial notebooks beside them, timeouts, warm-kernel isolation."""

import os
from pathlib import Path

import nbformat
import pytest

from onapage.runner import FAILED, OK, SKIPPED, execute_section, shutdown_warm_kernel

FIXTURES = Path(__file__).parent / "fixtures"


def params(section, period="2026-10"):
    return {"period": period, "section": section}


def test_a_failed_rerun_never_replaces_the_good_output_and_writes_its_partial_beside_it(tmp_path):
    out = tmp_path / "2026-10" / "notebooks" / "broken.ipynb"
    out.parent.mkdir(parents=True)
    out.write_text('{"good": "previous output"}')
    result = execute_section(FIXTURES / "broken.ipynb", out, params("broken"))
    assert result.status == FAILED
    assert out.read_text() == '{"good": "previous output"}'
    assert result.output == out.with_name("broken.failed.ipynb")
    nb = nbformat.read(str(result.output), as_version=4)
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in nb.cells)
    assert sorted(p.name for p in out.parent.iterdir()) == ["broken.failed.ipynb", "broken.ipynb"]  # no temporaries


def test_success_replaces_the_output_and_clears_an_old_failure(tmp_path):
    out = tmp_path / "alpha.ipynb"
    out.write_text("old")
    out.with_name("alpha.failed.ipynb").write_text("old failure")
    result = execute_section(FIXTURES / "alpha.ipynb", out, params("alpha"))
    assert result.status == OK and result.output == out
    assert result.kernel_seconds > 0 and result.cell_seconds >= 0
    assert nbformat.read(str(out), as_version=4).metadata.papermill.parameters["section"] == "alpha"
    assert [p.name for p in tmp_path.iterdir()] == ["alpha.ipynb"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as a plainly written file, not mkstemp's 0600


def test_a_cell_timeout_fails_at_that_cell_and_keeps_the_partial_notebook(tmp_path):
    out = tmp_path / "slow.ipynb"
    result = execute_section(FIXTURES / "slow.ipynb", out, params("slow"), timeout=1)
    assert result.status == FAILED and result.attempts == 1
    assert result.error.ename == "CellTimeoutError"
    assert result.error.cell_index == 2 and result.error.source_line == "time.sleep(30)"
    assert not out.exists()
    assert result.output == tmp_path / "slow.failed.ipynb" and result.output.exists()


def test_a_missing_notebook_is_skipped(tmp_path):
    result = execute_section(FIXTURES / "no_such_section.ipynb", tmp_path / "x.ipynb", params("x"))
    assert result.status == SKIPPED and "no such notebook" in result.error.evalue


@pytest.fixture
def warm():
    yield
    shutdown_warm_kernel()


def test_a_warm_kernel_forgets_the_previous_notebook_and_restores_the_folder(tmp_path, warm):
    # isolated.ipynb asserts no `left_behind` variable exists, prints the working folder, then defines
    # `left_behind` and changes folder: run twice in one kernel, the second run sees neither.
    first = execute_section(FIXTURES / "isolated.ipynb", tmp_path / "1.ipynb", params("isolated"),
                            reuse_kernel=True, cwd=tmp_path)
    second = execute_section(FIXTURES / "isolated.ipynb", tmp_path / "2.ipynb", params("isolated", "2026-11"),
                             reuse_kernel=True, cwd=tmp_path)
    assert (first.status, second.status) == (OK, OK), second.error
    assert second.kernel_seconds < first.kernel_seconds  # the same kernel, not a new one
    nb = nbformat.read(str(tmp_path / "2.ipynb"), as_version=4)
    assert str(tmp_path) in "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_a_warm_kernel_that_saw_a_failure_is_replaced(tmp_path, warm):
    from onapage import runner

    execute_section(FIXTURES / "broken.ipynb", tmp_path / "b.ipynb", params("broken"), reuse_kernel=True)
    assert runner._WORKER.warm.km is None
    result = execute_section(FIXTURES / "alpha.ipynb", tmp_path / "a.ipynb", params("alpha"), reuse_kernel=True)
    assert result.status == OK and runner._WORKER.warm.km is not None
