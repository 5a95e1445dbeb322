"""run_sections: every (period, section) pair across a process pool, failures reported, others still written."""

import io
import json
from pathlib import Path

import nbformat
import pytest
from rich.console import Console

from onapage.periods import Period
from onapage.runner import FAILED, OK, failure_report, results_table, run_sections

FIXTURES = Path(__file__).parent / "fixtures"

PERIODS = [Period(2026, 9), Period(2026, 10)]
SECTIONS = ["alpha", "beta", "gamma", "broken"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One parallel run shared by the tests here: 4 notebooks x 2 periods on 2 workers, parameters by period."""
    root = tmp_path_factory.mktemp("outputs")
    screen = io.StringIO()
    results = run_sections(SECTIONS, PERIODS, notebooks_dir=FIXTURES, output_root=root,
                           parameters=lambda period: {"results": f"outputs/{period}/results.parquet"}, workers=2,
                           console=Console(file=screen, width=120))
    return root, results, screen.getvalue()


def printed(notebook_path) -> dict:
    nb = nbformat.read(str(notebook_path), as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    return json.loads(text.strip().splitlines()[-1])


def test_every_pair_is_run_and_reported_in_period_then_section_order(run):
    _, results, _ = run
    assert [(r.period, r.section) for r in results] == [(str(p), s) for p in PERIODS for s in SECTIONS]
    assert {r.section: r.status for r in results} == {"alpha": OK, "beta": OK, "gamma": OK, "broken": FAILED}
    assert all(r.seconds > 0 and r.attempts == 1 for r in results)


def test_outputs_land_in_period_notebooks_folders_with_the_parameters_injected(run):
    root, _, _ = run
    for period in PERIODS:
        for section in ("alpha", "beta", "gamma"):
            out = root / str(period) / "notebooks" / f"{section}.ipynb"
            assert printed(out) == {"section": section, "period": str(period)}
            nb = nbformat.read(str(out), as_version=4)
            injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
            assert len(injected) == 1
            assert f'period = "{period}"' in injected[0].source
            assert f'results = "outputs/{period}/results.parquet"' in injected[0].source  # per period


def test_a_failing_notebook_names_its_cell_and_exception_while_the_others_succeed(run):
    root, results, _ = run
    broken = [r for r in results if r.section == "broken"]
    for r in broken:
        assert r.status == FAILED
        assert r.error.cell_index == 3  # the fourth cell of fixtures/broken.ipynb
        assert r.error.ename == "ValueError"
        assert r.error.evalue == f"deliberate failure in broken for {r.period}"
        assert r.error.source_line == "total = sum(numbers)"
        assert r.output == root / r.period / "notebooks" / "broken.failed.ipynb"
        assert r.output.exists()
        assert not (root / r.period / "notebooks" / "broken.ipynb").exists()
    folder = root / "2026-10" / "notebooks"
    assert sorted(p.name for p in folder.iterdir()) == ["alpha.ipynb", "beta.ipynb", "broken.failed.ipynb",
                                                         "gamma.ipynb"]


def test_the_failed_partial_notebook_keeps_the_traceback_for_diagnosis(run):
    root, _, _ = run
    nb = nbformat.read(str(root / "2026-09" / "notebooks" / "broken.failed.ipynb"), as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError"]
    ran = [c for c in nb.cells if c.cell_type == "code" and c.execution_count]
    assert "before the failure" in "".join(o.get("text", "") for c in ran for o in c.outputs)


def test_failure_report_and_table_name_the_failed_section_period_cell_and_exception(run):
    _, results, screen = run
    report = failure_report(results)
    assert report.startswith("2 of 8 section run(s) failed")
    assert "broken 2026-09 (failed): cell 3 (In [5]) `total = sum(numbers)`: ValueError: deliberate failure" in report
    assert "broken.failed.ipynb" in report
    console = Console(file=io.StringIO(), width=120)
    console.print(results_table(results))
    table = console.file.getvalue()
    assert "gamma" in table and "2026-10" in table and "failed" in table
    assert "8/8" in screen  # the progress bar finished


def test_nothing_fails_means_an_empty_report(tmp_path):
    assert failure_report([]) == ""
