"""A small demo month, executed and built once per test session, and a headless Chromium to read it with.

`demo_month`: the synthetic demo authority at scale 0.3, validated, loaded, computed, and every section
notebook executed by the runner as `onapage run` executes them, in a session folder.
`built`: the booklet (HTML + PDF) built from it. `browser`: Playwright driving Debian's Chromium; the
browser tests skip (saying why) when Playwright or Chromium is missing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from booklet_support import (
    CHROMIUM_ARGS,
    Visit,
    browser_problem,
    fake_booklet_yml,
    fake_executed_notebook,
    open_booklet,
)

from onapage.config import DEFAULT_PARAMS, PROJECT_ROOT, Settings, load_settings
from onapage.periods import Period

NOTEBOOKS = PROJECT_ROOT / "notebooks"
PERIOD = Period(2026, 10)
SCALE = 0.3


@dataclass
class DemoMonth:
    folder: Path
    params_file: Path
    settings: Settings
    period: Period
    sections: list[str]
    execute_seconds: float

    @property
    def notebooks(self) -> Path:
        return self.settings.output_dir / str(self.period) / "notebooks"

    @property
    def inputs(self) -> Path:
        return self.settings.input_dir


def _execute(settings: Settings, params_file: Path, period: Period) -> None:
    """Execute every section as `onapage run` does: commentary put back in, data comments drafted."""
    from onapage.run import Run

    results = Run(settings, params_file, [period]).execute(workers=2)
    failed = [f"{r.section}: {r.error.describe() if r.error else r.status}" for r in results if not r.ok]
    if failed:
        pytest.fail("section notebooks failed for the demo month:\n" + "\n".join(failed))


@pytest.fixture(scope="session")
def demo_month(tmp_path_factory) -> DemoMonth:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    from onapage.demo import generate_demo
    from onapage.run import Run

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.skip("no python3 Jupyter kernel: `.venv/bin/python -m ipykernel install --sys-prefix --name python3`")
    folder = tmp_path_factory.mktemp("booklet_demo")
    generate_demo(folder / "inputs", seed=2026, scale=SCALE)
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(input_dir=str(folder / "inputs"), store=str(folder / "demo.duckdb"), output_dir=str(folder / "outputs"))
    params_file = folder / "params" / "demo.yml"
    params_file.parent.mkdir()
    params_file.write_text(yaml.safe_dump(raw))
    settings = load_settings(params_file)
    run = Run(settings, params_file, [PERIOD])
    run.load(*run.validate())
    run.compute()
    sections = run.sections()
    started = time.perf_counter()
    _execute(settings, params_file, PERIOD)
    return DemoMonth(folder, params_file, settings, PERIOD, sections, time.perf_counter() - started)


@pytest.fixture(scope="session")
def built(demo_month):
    """The demo month's booklet, HTML and PDF (the PDF needs Playwright and Chromium)."""
    from onapage.booklet import build_booklet

    pdf = browser_problem() is None
    return build_booklet(demo_month.settings, demo_month.period, renderer="builtin", pdf=pdf)


# --------------------------------------------------------------------------- the browser

@pytest.fixture(scope="session")
def browser():
    problem = browser_problem()
    if problem:
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    from onapage.booklet.pdf import chromium_executable

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def visit(browser, built):
    opened: list[Visit] = []

    def _open(**kw) -> Visit:
        v = open_booklet(browser, built.html, **kw)
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.page.context.close()


# --------------------------------------------------------------------------- small fake notebooks

@pytest.fixture()
def fake_month(tmp_path):
    """Settings and three fake executed notebooks for 2026-10 under tmp_path (no store, no kernels)."""
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(input_dir=str(tmp_path / "inputs"), store=str(tmp_path / "store.duckdb"),
               output_dir=str(tmp_path / "outputs"))
    params = tmp_path / "params" / "test.yml"
    params.parent.mkdir()
    params.write_text(yaml.safe_dump(raw))
    settings = load_settings(params)
    sections = ["cover", "scorecard", "child_protection"]
    nbdir = settings.output_dir / "2026-10" / "notebooks"
    fake_executed_notebook(nbdir / "cover.ipynb", "cover", title="Cover",
                           commentary="### Early help\n\n_Director: commentary on early help._")
    fake_executed_notebook(nbdir / "scorecard.ipynb", "scorecard", title="Scorecard",
                           commentary="## Commentary\n\nReferrals rose because of the schools' return.")
    fake_executed_notebook(nbdir / "child_protection.ipynb", "child_protection", title="Child protection")
    booklet = fake_booklet_yml(tmp_path / "params" / "booklet.yml", sections)
    return settings, Period(2026, 10), sections, booklet
