"""No command prints a traceback on bad input: a corpus of broken inputs, settings and targets, run
through every command that reads them, each ending with a failing exit code and a clear message."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from onapage.cli import main
from onapage.config import DEFAULT_PARAMS

LIST_1 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Contact", "Contact Source"]
LIST_7 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Child Protection Plan Start Date",
          "Child Protection Plan End Date", "Number of Previous Child Protection Plans"]  # fmt: skip


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _contacts(n: int, when: str = "15/10/2026") -> list[list[str]]:
    return [[f"C{i}", "a) Male", "WBRI", "01/02/2015", when, "6"] for i in range(n)]


def _daily_contacts(first: str, last: str) -> list[list[str]]:
    days = pd.date_range(first, last)
    return [[f"C{i}", "a) Male", "WBRI", "01/02/2015", d.strftime("%d/%m/%Y"), "6"] for i, d in enumerate(days)]


def _plans(count: str) -> list[list[str]]:
    return [["C1", "b", "WBRI", "01/02/2015", "03/01/2026", "", count]]


# Each writes a broken input folder; None leaves the folder missing.
INPUTS = {
    "missing folder": None,
    "empty list": lambda d: (d / "list_1.csv").write_text(""),
    "binary list": lambda d: (d / "list_1.csv").write_bytes(b"\x00\x01\x02garbage\xff" * 50),
    "workbook that is not one": lambda d: (d / "annex_a.xlsx").write_text("not a workbook"),
    "list supplied twice": lambda d: _csv(d / "list_1.csv", LIST_1, _contacts(30) * 2),
    "negative count": lambda d: _csv(d / "list_7.csv", LIST_7, _plans("-3")),
    "number beyond floats": lambda d: _csv(d / "list_7.csv", LIST_7, _plans("1e400")),
    "integer beyond 64 bits": lambda d: _csv(d / "list_7.csv", LIST_7, _plans("123456789012345678901234567890")),
    "integer beyond the store's": lambda d: _csv(d / "list_7.csv", LIST_7, _plans("3000000000")),
    "list cut short": lambda d: _csv(d / "list_1.csv", LIST_1, _daily_contacts("2025-04-01", "2026-10-05")),
}

# Each edits the settings (a dict) or the targets file; the value written replaces the file.
SETTINGS = {
    "settings not YAML": "authority: [unclosed",
    "settings a list": "- one\n- two\n",
    "settings unknown key": {"colour_scheme": "blue"},
    "settings bad period": {"default_period": "0000-01"},
    "targets file missing": {"targets_file": "nowhere/targets.yml"},
}
TARGETS = {
    "targets not YAML": "cp_reviews_in_time_pct: {target: [",
    "targets a list": "- 95\n- 90\n",
    "target a word": "cp_reviews_in_time_pct: {target: ninety-five, tolerance: 5}\n",
    "target not a number": "cp_reviews_in_time_pct: {target: .nan, tolerance: 5}\n",
    "negative tolerance": "cp_reviews_in_time_pct: {target: 95, tolerance: -5}\n",
}

COMMANDS = [["validate"], ["load"], ["run", "--sections", "front_door"], ["indicators"], ["build"]]


def _settings(tmp_path: Path, inputs: Path, **changes) -> Path:
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(
        input_dir=str(inputs), store=str(tmp_path / "store.duckdb"), output_dir=str(tmp_path / "out"), **changes
    )
    path = tmp_path / "params.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


def _invoke(command: list[str], params: Path):
    return CliRunner().invoke(main, [*command, "--params", str(params), "--period", "2026-10"])


def _assert_clear_failure(result):
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    errors = [line for line in result.output.splitlines() if line.startswith("Error:") or "ERROR" in line]
    assert errors, result.output
    assert all(len(line) < 600 for line in errors)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("case", list(INPUTS), ids=str)
def test_broken_inputs_end_in_a_clear_error(tmp_path, command, case):
    inputs = tmp_path / "inputs"
    if INPUTS[case] is not None:
        inputs.mkdir()
        INPUTS[case](inputs)
    result = _invoke(command, _settings(tmp_path, inputs))
    if command[0] in ("indicators", "build"):  # these read the store, which bad inputs never reached
        assert result.exit_code != 0 and "Traceback" not in result.output
        return
    _assert_clear_failure(result)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("case", list(SETTINGS) + list(TARGETS), ids=str)
def test_broken_settings_and_targets_name_the_file_and_key(tmp_path, command, case):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    if case in TARGETS:
        targets = tmp_path / "targets.yml"
        targets.write_text(TARGETS[case])
        params = _settings(tmp_path, inputs, targets_file=str(targets))
        named = "targets.yml"
    elif isinstance(SETTINGS[case], dict):
        params = _settings(tmp_path, inputs, **SETTINGS[case])
        named = "params.yml"
    else:
        params = tmp_path / "params.yml"
        params.write_text(SETTINGS[case])
        named = "params.yml"
    result = _invoke(command, params)
    _assert_clear_failure(result)
    [line] = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert named in line or "targets" in line


def test_a_period_after_the_data_is_refused_with_the_span_it_covers(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _csv(inputs / "list_1.csv", LIST_1, _contacts(3, "01/04/2025") + _contacts(3, "30/10/2026"))
    result = CliRunner().invoke(
        main, ["validate", "--params", str(_settings(tmp_path, inputs)), "--period", "2027-05"]
    )
    assert result.exit_code == 1
    assert "no records for May 2027" in result.output and "01/04/2025 to 30/10/2026" in result.output
