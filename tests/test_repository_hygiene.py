"""Children's data is personal data: nothing generated or executed is committed."""

import json
import subprocess

import pytest

from onapage.config import PROJECT_ROOT


def code_cells_with_outputs(notebook: dict) -> int:
    return sum(
        1
        for c in notebook.get("cells", [])
        if c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count"))
    )


def tracked_files() -> list[str]:
    result = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    return result.stdout.splitlines()


def test_the_output_check_spots_a_notebook_with_outputs():
    executed = {"cells": [{"cell_type": "code", "execution_count": 1, "outputs": [{"text": "NB000123"}], "source": ""}]}
    template = {"cells": [{"cell_type": "code", "execution_count": None, "outputs": [], "source": ""}]}
    assert code_cells_with_outputs(executed) == 1
    assert code_cells_with_outputs(template) == 0


def test_committed_notebook_templates_have_no_outputs():
    notebooks = [f for f in tracked_files() if f.endswith(".ipynb")]
    leaky = {f: n for f in notebooks if (n := code_cells_with_outputs(json.loads((PROJECT_ROOT / f).read_text())))}
    assert leaky == {}, f"strip outputs before committing: {leaky}"


@pytest.mark.parametrize(
    "path",
    [
        "outputs/demo/store.duckdb",
        "data/demo/list_1.csv",
        "data/real/annex_a.xlsx",
        "notebooks/front_door.executed.ipynb",
    ],
)
def test_generated_and_input_data_are_ignored_by_git(path):
    result = subprocess.run(["git", "check-ignore", "-q", path], cwd=PROJECT_ROOT, check=False)
    assert result.returncode == 0, f"{path} is not git-ignored"


def test_no_input_data_or_outputs_are_tracked():
    allowed = ("README.md", ".gitkeep")
    leaked = [f for f in tracked_files() if f.startswith(("data/", "outputs/")) and not f.endswith(allowed)]
    assert leaked == []
