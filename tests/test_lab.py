"""`onapage lab`: JupyterLab on the month's executed notebooks, started for real and asked what it serves."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from onapage.cli import LAB_OFFLINE, LAB_SAVE_HOOK, lab_command, main, trust_notebooks
from onapage.config import DEFAULT_PARAMS


@pytest.fixture
def params(tmp_path) -> Path:
    """The demo settings with outputs in a temporary folder holding October 2026's notebooks folder."""
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw["output_dir"] = str(tmp_path / "outputs")
    path = tmp_path / "params.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_command_serves_the_months_notebooks_folder_with_this_python(tmp_path, monkeypatch):
    folder = tmp_path / "2026-10" / "notebooks"
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert lab_command(folder) == [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", *LAB_OFFLINE,
                                   LAB_SAVE_HOOK]
    assert lab_command(folder, browser=False, port=8890)[7:] == [
        "--no-browser", "--ServerApp.port=8890", "--ServerApp.port_retries=0"]
    assert lab_command(folder, settings_dir=tmp_path / "s")[7:] == [f"--LabApp.app_settings_dir={tmp_path / 's'}"]
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert lab_command(folder)[7:] == ["--allow-root"]


def test_the_offline_options_name_real_settings():
    from jupyterlab.handlers.announcements import NeverCheckForUpdate  # noqa: F401 (the class named exists)
    from jupyterlab.labapp import LabApp

    app = LabApp()
    app.parse_command_line([*LAB_OFFLINE, LAB_SAVE_HOOK])
    assert app.news_url is None and app.check_for_updates_class.__name__ == "NeverCheckForUpdate"
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

    from onapage.labhook import post_save

    # the server's own contents manager, configured as the server configures it, runs the hook
    assert AsyncLargeFileManager(config=app.config).post_save_hook is post_save


def test_the_lab_settings_turn_off_the_news_prompt(tmp_path):
    import json

    from onapage.cli import lab_settings_dir

    folder = lab_settings_dir(tmp_path / "outputs")
    overrides = json.loads((folder / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    schema = Path(sys.prefix) / "share/jupyter/lab/schemas/@jupyterlab/apputils-extension/notification.json"
    if schema.exists():  # the setting named is JupyterLab's own
        assert "fetchNews" in json.loads(schema.read_text())["properties"]


def test_the_months_notebooks_are_trusted_so_lab_shows_their_styles(tmp_path):
    import nbformat
    from nbformat.sign import NotebookNotary
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("a", "b"):
        cell = new_code_cell("page.headline()", outputs=[new_output("display_data", {"text/html": "<style></style>"})])
        nbformat.write(new_notebook(cells=[cell]), str(folder / f"{name}.ipynb"))
    notary = NotebookNotary(db_file=str(tmp_path / "signatures.db"), secret=b"test-secret")
    nb = nbformat.read(str(folder / "a.ipynb"), as_version=4)
    assert not notary.check_signature(nb)
    assert trust_notebooks(folder, notary) == 2
    assert notary.check_signature(nbformat.read(str(folder / "a.ipynb"), as_version=4))
    assert notary.check_signature(nbformat.read(str(folder / "b.ipynb"), as_version=4))


def test_a_month_not_yet_run_is_a_clear_error(params):
    result = CliRunner().invoke(main, ["lab", "--params", str(params), "--period", "2026-10"])
    assert result.exit_code == 1
    # the settings were named with --params (not found by themselves), so the hint names them too
    assert "no executed notebooks; run `onapage run --period 2026-10 --params " in result.output


def test_lab_starts_and_serves_the_executed_notebooks(params, tmp_path):
    notebooks = tmp_path / "outputs" / "2026-10" / "notebooks"
    notebooks.mkdir(parents=True)
    (notebooks / "child_protection.ipynb").write_text(json.dumps(
        {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    port = free_port()
    env = {**os.environ, "JUPYTER_TOKEN": "lab-test", "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data")}
    command = [sys.executable, "-m", "onapage.cli", "lab", "--params", str(params), "--period", "2026-10",
               "--no-browser", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        listing = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token=lab-test", timeout=2) as r:
                    listing = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        assert listing is not None, f"JupyterLab did not answer:\n{server.stdout.read() if server.poll() else ''}"
        assert [item["name"] for item in listing["content"]] == ["child_protection.ipynb"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=lab-test", timeout=5) as r:
            assert r.status == 200 and "JupyterLab" in r.read().decode()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
        server.wait(timeout=20)


def test_a_signed_notebook_gets_the_installed_kernels_name_so_lab_opens_it_unchanged(tmp_path):
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from nbformat.sign import NotebookNotary
    from nbformat.v4 import new_code_cell, new_notebook

    from onapage.trust import sign_notebook

    path = tmp_path / "a.ipynb"
    injected = new_code_cell("period = 1", metadata={"tags": ["injected-parameters"]})
    nb = new_notebook(cells=[new_code_cell("1"), injected], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, str(path))
    notary = NotebookNotary(db_file=str(tmp_path / "signatures.db"), secret=b"test-secret")
    assert sign_notebook(path, notary)
    written = nbformat.read(str(path), as_version=4)
    assert written.metadata.kernelspec.display_name == KernelSpecManager().get_kernel_spec("python3").display_name
    assert notary.check_signature(written)
    assert [c.metadata.get("jupyter", {}).get("source_hidden", False) for c in written.cells] == [False, True]
    assert not sign_notebook(tmp_path / "missing.ipynb", notary)


def test_the_runner_signs_every_notebook_it_writes(tmp_path, monkeypatch):
    """The runner's own record of each result signs the notebook (with a stand-in for execution)."""
    import nbformat
    from nbformat.v4 import new_notebook

    from onapage import runner

    signed = []
    monkeypatch.setattr(runner, "sign_notebook", lambda path: signed.append(Path(path).name))

    def fake_execute_all(tasks, workers, record, show):
        for i, task in enumerate(tasks):
            nbformat.write(new_notebook(), str(task.output))
            record(i, runner.SectionResult(task.parameters["section"], task.parameters["period"], runner.OK, 0.1,
                                           task.output))

    monkeypatch.setattr(runner, "_execute_all", fake_execute_all)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("a", "b"):
        nbformat.write(new_notebook(), str(notebooks / f"{name}.ipynb"))
    from onapage.periods import Period

    results = runner.run_sections(["a", "b"], [Period(2026, 10)], notebooks_dir=notebooks,
                                  output_root=tmp_path / "outputs")
    assert [r.ok for r in results] == [True, True] and signed == ["a.ipynb", "b.ipynb"]


def test_commentary_status_lists_every_block_and_what_is_left(params, tmp_path):
    from onapage import commentary as cm

    folder = tmp_path / "outputs" / "2026-10" / "commentary"
    cm.write_file(folder / "child_protection.md", {
        "commentary": cm.Block("## Commentary\n\nCP plans fell.", cm.SIGNED_OFF, "A. Manager", "2026-11-03"),
        "service-analysis": cm.Block("## Service analysis\n\n_Analyst: why?_"),
    })
    result = CliRunner().invoke(main, ["commentary", "status", "--params", str(params), "--period", "2026-10",
                                       "--sections", "child_protection,front_door"])
    assert result.exit_code == 0, result.output
    assert "signed-off" in result.output and "A. Manager" in result.output
    assert "Still to write: child_protection, front_door" in result.output
    assert "Not yet signed off: child_protection, front_door" in result.output


def test_sign_refuses_a_section_the_booklet_does_not_have(params, tmp_path):
    for bad in ("../../x", "no_such_section"):
        result = CliRunner().invoke(main, ["commentary", "sign", "--params", str(params), "--period", "2026-10",
                                           "--section", bad, "--status", "signed-off", "--by", "A. Manager"])
        assert result.exit_code == 2 and "is not a section of the booklet" in result.output
    assert not list(tmp_path.rglob("x.md"))
