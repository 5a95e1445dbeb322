"""bench: one run timing the runner, sequential papermill and the kernel+import floor, on fixture notebooks."""

import json
from pathlib import Path

import pytest

from onapage.bench import BenchReport, bench, floor_timing, imported_modules
from onapage.periods import Period

FIXTURES = Path(__file__).parent / "fixtures"


prepared_roots: list[Path] = []


def preparer_for(root: Path):
    """The runner's prepare_input hook, noting the output root it was made for (as `onapage run`'s would)."""
    from onapage.commentary import Preparer

    prepared_roots.append(root)
    return Preparer(FIXTURES, root)


@pytest.fixture(scope="module")
def bench_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def report(bench_root) -> BenchReport:
    return bench(["alpha", "beta"], Period(2026, 10), notebooks_dir=FIXTURES, output_root=bench_root, workers=2,
                 import_statement="import json", compare_fresh=False, preparer_for=preparer_for)


def test_the_runner_is_timed_with_the_preparation_onapage_run_does(report, bench_root):
    assert prepared_roots == [bench_root / "bench" / "parallel"]
    assert (bench_root / "bench" / "parallel" / "2026-10" / ".inputs" / "alpha.ipynb").exists()


def test_every_measure_is_positive_and_the_ratios_follow(report):
    assert report.parallel_seconds > 0 and report.sequential_seconds > 0 and report.floor_seconds > 0
    assert report.parallel_vs_sequential == pytest.approx(report.parallel_seconds / report.sequential_seconds,
                                                          rel=1e-2)
    assert report.parallel_vs_floor > 0
    assert [s.section for s in report.per_section] == ["alpha", "beta"]
    assert all(s.status == "ok" and s.parallel > 0 and s.sequential > 0 for s in report.per_section)
    assert all(f.start > 0 and f.import_ >= 0 and f.error is None for f in report.floor)
    assert report.failures == []


def test_the_report_says_where_the_time_goes_in_markdown_and_json(report, tmp_path):
    text = report.to_markdown()
    for needle in ("parallel / sequential", "parallel / floor", "## Where the time goes", "kernel start",
                   "| alpha | ok |", "Target one month (2 sections) under 30 s"):
        assert needle in text
    data = json.loads(report.to_json())
    assert data["ratios"]["parallel_vs_sequential"] > 0
    assert set(data["floor_means"]) == {"start", "import", "shutdown"}
    assert data["targets"]["month"]["target"] == 30.0


def test_the_floor_reports_a_failing_import():
    timing = floor_timing("x", "import no_such_module_here")
    assert timing.start > 0 and "ModuleNotFoundError" in timing.error


def test_imported_modules():
    assert imported_modules("import onapage.pages") == ["onapage.pages"]
    assert imported_modules("from onapage.pages import open_page") == ["onapage.pages"]
    assert imported_modules("import pandas as pd, altair") == ["pandas", "altair"]
