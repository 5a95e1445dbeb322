"""The analyst's round trip in a real JupyterLab, driven in Chromium: `onapage lab` on a month, a section
notebook opened (trusted, not marked unsaved, no news prompt), words typed into a commentary cell and saved
(the commentary file has them at once), the section run again while JupyterLab is open (the notebook stays
trusted and keeps the words), the booklet rebuilt (it shows them)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from onapage.config import DEFAULT_PARAMS, load_settings
from onapage.periods import Period

PERIOD = Period(2026, 10)
SECTION = "child_protection"
TOKEN = "lab-browser-test"
WORDS = "Typed in JupyterLab: plans fell by a tenth after the October review."


def _browser_problem() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make setup installs it)"
    from onapage.booklet.pdf import chromium_executable

    return None if chromium_executable() else "no Chromium at /usr/bin/chromium or on PATH (apt-get install chromium)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """A small demo month with its store loaded and indicators computed, the child protection page executed,
    and a Jupyter data folder of its own (the trust database the runner and JupyterLab share)."""
    problem = _browser_problem()
    if problem:
        pytest.skip(problem)
    from onapage.demo import generate_demo
    from onapage.run import Run

    folder = tmp_path_factory.mktemp("lab_browser")
    generate_demo(folder / "inputs", seed=7, scale=0.2)
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(input_dir=str(folder / "inputs"), store=str(folder / "demo.duckdb"), output_dir=str(folder / "outputs"))
    params = folder / "demo.yml"
    params.write_text(yaml.safe_dump(raw))
    env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "JUPYTER_CONFIG_DIR": str(folder / "jupyter-config"),
           "JUPYTER_DATA_DIR": str(folder / "jupyter-data"), "JUPYTER_RUNTIME_DIR": str(folder / "jupyter-runtime")}
    run = Run(load_settings(params), params, [PERIOD])
    run.load(*run.validate())
    run.compute()
    with pytest.MonkeyPatch.context() as mp:  # signed in the trust database the server will read
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
            mp.setenv(name, env[name])
        results = Run(load_settings(params), params, [PERIOD], only=[SECTION]).execute(workers=1)
    assert [r.ok for r in results] == [True]
    # the other pages as they would be before this month's run (their templates): enough for the booklet to
    # be rebuilt around the page under test, without executing all twenty here
    for section in run.sections():
        executed = run.layout.period(PERIOD).notebook(section)
        if not executed.exists():
            executed.write_bytes(run.notebooks_dir.template(section).read_bytes())
    return folder, params, env


def onapage(env, *args) -> str:
    done = subprocess.run([sys.executable, "-m", "onapage.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def lab(month):
    folder, params, env = month
    port = _free_port()
    log = open(folder / "lab.log", "w")  # noqa: SIM115 - open for the server's life
    server = subprocess.Popen([sys.executable, "-m", "onapage.cli", "lab", "--params", str(params), "--period",
                               str(PERIOD), "--no-browser", "--port", str(port)], env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(folder / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield base
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    from onapage.booklet.pdf import chromium_executable

    # Test code here runs synchronously, so no event loop can be running in this thread; one that says it is
    # was left marked by an earlier in-process notebook execution (nest-asyncio), and would make Playwright's
    # sync API refuse to start.
    asyncio.events._set_running_loop(None)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=["--no-sandbox", "--disable-gpu"])
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield pg
        browser.close()


def open_notebook(page, lab: str) -> None:
    page.goto(f"{lab}/lab/tree/{SECTION}.ipynb?token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel .jp-OutputArea-output", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus, .jp-Toolbar-kernelStatus",
                           state="attached", timeout=30_000)
    time.sleep(1.5)  # the kernel connects; any change to the notebook would show by now


def commentary_cell(page):
    return page.locator(".jp-MarkdownCell").filter(has_text="Commentary").filter(
        has_not_text="Service analysis").last


def type_commentary(page, words: str) -> None:
    cell = commentary_cell(page)
    cell.scroll_into_view_if_needed()
    cell.dblclick()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("## Commentary")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(words)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+s")


def test_the_analysts_round_trip_in_jupyterlab(month, lab, page):
    folder, params, env = month
    outputs = folder / "outputs" / str(PERIOD)
    open_notebook(page, lab)
    shot = folder / "lab-opened.png"
    page.screenshot(path=str(shot))
    panel = page.locator(".jp-NotebookPanel")
    assert page.locator(".jp-mod-dirty").count() == 0, "the notebook opened already marked unsaved"
    assert panel.locator("svg").count() > 0, "charts are not shown (notebook untrusted?)"
    assert page.get_by_text("Would you like to get notified about official Jupyter news?").count() == 0

    type_commentary(page, "A first go.")
    md = outputs / "commentary" / f"{SECTION}.md"
    deadline = time.monotonic() + 20
    while "A first go." not in md.read_text("utf-8") and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "A first go." in md.read_text("utf-8"), "saving did not write the commentary file"
    page.wait_for_selector(".jp-mod-dirty", state="detached", timeout=10_000)

    # the text file edited too: the notebook's words win, the file's are kept, and JupyterLab says so
    from onapage import commentary as cm

    blocks = cm.read_file(md)
    blocks["commentary"] = cm.Block("## Commentary\n\nWritten in the text file.")
    cm.write_file(md, blocks)
    type_commentary(page, WORDS)
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=20_000)
    page.screenshot(path=str(folder / "lab-conflict.png"))
    assert "nothing is lost" in dialog.inner_text() and "conflict-" in dialog.inner_text()
    kept = list(md.parent.glob(f"{SECTION}.md.conflict-*"))
    assert len(kept) == 1 and "Written in the text file." in kept[0].read_text("utf-8")
    assert WORDS in md.read_text("utf-8")
    dialog.get_by_role("button", name="Close").click()
    # saving again (the toolbar's button: the dialog took the keyboard's focus) clears the unsaved mark
    page.locator(".jp-NotebookPanel-toolbar [data-command='docmanager:save']").click()
    page.locator(".jp-Dialog").get_by_role("button", name="Overwrite").click()  # "changed on disk": the same words
    page.wait_for_selector(".jp-mod-dirty", state="detached", timeout=10_000)
    assert page.locator(".jp-Dialog").count() == 0

    said = onapage(env, "run", "--params", str(params), "--period", str(PERIOD), "--sections", SECTION)
    assert "Rebuilding the booklet" in said
    assert WORDS in (outputs / "booklet.html").read_text("utf-8")

    open_notebook(page, lab)  # JupyterLab open all along: the re-run notebook is still trusted and unchanged
    page.screenshot(path=str(folder / "lab-after-rerun.png"))
    assert page.locator(".jp-mod-dirty").count() == 0
    assert page.locator(".jp-NotebookPanel svg").count() > 0
    assert commentary_cell(page).filter(has_text=WORDS).count() == 1

    onapage(env, "build", "--params", str(params), "--period", str(PERIOD), "--renderer", "builtin", "--no-pdf")
    assert WORDS in (outputs / "booklet.html").read_text("utf-8")
    if os.environ.get("ONAPAGE_KEEP_SCREENSHOTS"):
        Path(os.environ["ONAPAGE_KEEP_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        for png in folder.glob("lab-*.png"):
            (Path(os.environ["ONAPAGE_KEEP_SCREENSHOTS"]) / png.name).write_bytes(png.read_bytes())
