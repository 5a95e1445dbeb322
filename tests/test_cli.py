"""The command line: every command documented, errors clear, exports complete."""

import csv

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from onapage.cli import main


def _commands(group: click.Group, prefix=""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


@pytest.mark.parametrize(("name", "command"), list(_commands(main)), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_and_option_is_documented(name, command):
    assert command.help and len(command.help.split()) >= 5, f"`onapage {name}` needs a docstring"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"`onapage {name} {param.opts[0]}` needs help text"


def test_help_explains_the_month():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "demo-data" in result.output and "validate" in result.output


def test_bad_period_is_refused_with_the_expected_form():
    result = CliRunner().invoke(main, ["validate", "--period", "Oct-2026"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output


def test_validate_reports_located_errors_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "list_1.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Contact", "Contact Source"])
        w.writerow(["C1", "a) Male", "WBRI", "01/02/2015", "31/02/2026", "6"])
    result = CliRunner().invoke(main, ["validate", "--input", str(folder), "--period", "2026-02"])
    assert result.exit_code == 1
    assert "list_1.csv" in result.output and "row 2" in result.output and "Date of Contact" in result.output


def test_missing_input_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--input", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "input folder not found" in result.output


def test_indicators_export_to_excel_has_every_column_and_is_marked_synthetic(
    demo_authority, demo_params_file, tmp_path
):
    params = demo_params_file
    out = tmp_path / "ind.xlsx"
    result = CliRunner().invoke(main, ["indicators", "--params", str(params), "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_excel(out)
    for column in (
        "id",
        "title",
        "section",
        "unit",
        "value",
        "numerator",
        "denominator",
        "target",
        "rag",
        "direction",
        "variance",
        "benchmark_england",
        "benchmark_sn_mean",
    ):
        assert column in table.columns
    assert (table["data"] == "SYNTHETIC DEMO DATA").all()
    cp = table.set_index("id").loc["cp_rate_per_10k"]
    assert cp["value"] == pytest.approx(10_000 * cp["numerator"] / cp["denominator"])


def test_run_sections_names_the_sections_a_rebuild_still_lacks(tmp_path):
    """`run --sections` rebuilds the booklet only when every other section has a notebook; else it names them."""
    import yaml

    from onapage.cli import _not_yet_run
    from onapage.config import DEFAULT_PARAMS, load_settings
    from onapage.periods import Period
    from onapage.run import Run

    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw["output_dir"] = str(tmp_path / "outputs")
    (tmp_path / "p.yml").write_text(yaml.safe_dump(raw))
    run = Run(load_settings(tmp_path / "p.yml"), tmp_path / "p.yml", [Period(2026, 10)], only=["child_protection"])
    every = Run(run.settings, run.params_file, run.periods).sections()
    folder = run.layout.period(Period(2026, 10))
    folder.notebooks.mkdir(parents=True)
    for section in every:
        if section not in ("cover", "uasc"):
            folder.notebook(section).write_text("{}")
    assert _not_yet_run(run) == ["cover", "uasc"]
    folder.notebook("cover").write_text("{}")
    folder.notebook("uasc").write_text("{}")
    assert _not_yet_run(run) == []


def test_run_refuses_a_month_for_the_quarterly_report():
    result = CliRunner().invoke(main, ["run", "--product", "quarterly", "--period", "2026-10"])
    assert result.exit_code == 2
    assert "made for a quarter (as --period 2026-Q2); found 2026-10" in result.output


def test_period_help_states_the_quarter_convention():
    result = CliRunner().invoke(main, ["run", "--help"])
    assert "2026-Q4 is January-March 2027" in " ".join(result.output.split())
    assert "--product" in result.output


def test_a_command_on_the_demo_settings_says_so_first_and_another_authority_s_does_not(tmp_path):
    import yaml

    from onapage.config import DEFAULT_PARAMS

    demo = CliRunner().invoke(main, ["history"])
    assert demo.output.splitlines()[0].startswith("Using the demo settings (demo.yml)")
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(store=str(tmp_path / "store.duckdb"), authority={**raw["authority"], "synthetic": False})
    own = tmp_path / "anytown.yml"
    own.write_text(yaml.safe_dump(raw))
    theirs = CliRunner().invoke(main, ["history", "--params", str(own)])
    assert "demo settings" not in theirs.output
