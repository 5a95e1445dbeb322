"""An authority's workspace: made by `onapage init`, found without --params, its own indicators and pages
joining the project's, never changing what the project's own tests see."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from onapage import workspace
from onapage.cli import main
from onapage.config import PROJECT_ROOT, ConfigError, load_booklet, load_settings
from onapage.indicators.catalogue import CatalogueError, load_catalogue, sections
from onapage.registry import product_pages, product_sections
from onapage.scaffold import NewAuthority, init_workspace

OWN_ENTRY = """\
indicators:
  - id: own_cp_open_1_year_plus
    title: Children on a plan for a year or more
    unit: count
    kind: snapshot
    polarity: smaller_is_better
    sources: [list_7]
    definition: Children on a plan at the period end whose plan had lasted a year or more by then.
    tests:
      - name: a_year_to_the_day_counts_a_plan_ended_on_the_last_day_does_not
        period: 2019-02
        given:
          list_7:
            - {child_id: A, cpp_start: 2018-02-28}
            - {child_id: B, cpp_start: 2018-03-01}
            - {child_id: C, cpp_start: 2017-01-01, cpp_end: 2019-02-28}
        expect: {value: EXPECTED}
"""
OWN_QUERY = """\
select w.period, w.basis,
       count(distinct cp.child_id) filter (where cp.cpp_start + interval 1 year <= w.window_end) as value
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
group by w.period, w.basis
"""


def make_workspace(folder: Path, expected: int = 1) -> workspace.Workspace:
    """A workspace for LA 919 with one indicator of its own (child A alone counts: `expected` 1 is right)."""
    init_workspace(folder, NewAuthority("Anytown Council", 919, folder / "extracts"), today=date(2026, 11, 5))
    (folder / "indicators" / "child_protection").mkdir(parents=True)
    (folder / "indicators" / "child_protection.yml").write_text(OWN_ENTRY.replace("EXPECTED", str(expected)))
    (folder / "indicators" / "child_protection" / "own_cp_open_1_year_plus.sql").write_text(OWN_QUERY)
    return workspace.Workspace(folder.resolve())


# ------------------------------------------------------------------------------------------- init


def test_init_writes_a_workspace_whose_settings_come_from_the_dfe_data_for_the_la(tmp_path):
    written = init_workspace(tmp_path / "ws", NewAuthority("Anytown Borough Council", 919, tmp_path / "in"),
                             today=date(2026, 1, 10))
    names = {p.relative_to(tmp_path / "ws").as_posix() for p in written}
    assert {"settings.yml", "targets.yml", "booklet.yml", "indicators/README.md", "notebooks/README.md",
            ".gitignore"} <= names
    settings = load_settings(tmp_path / "ws" / "settings.yml")
    assert settings.authority.name == "Anytown Borough Council" and settings.authority.short_name == "Anytown"
    assert settings.authority.la_code == 919 and not settings.authority.synthetic
    assert str(settings.default_period) == "2025-12"  # the last whole month
    assert settings.input_dir == (tmp_path / "in").resolve()
    assert settings.store.parent == (tmp_path / "ws" / "outputs").resolve()  # relative to the workspace
    assert settings.targets_file == (tmp_path / "ws" / "targets.yml").resolve()
    # Hertfordshire's ONS 0-17 estimates, as the DfE's file has them (mid-2024: 277,480)
    assert settings.population_0_17[2024] == 277_480 and len(settings.population_0_17) == 4
    # the booklet is the project's products, to edit
    assert load_booklet(tmp_path / "ws" / "booklet.yml") == load_booklet(PROJECT_ROOT / "params" / "booklet.yml")
    assert "/outputs/*" in (tmp_path / "ws" / ".gitignore").read_text()
    # extracts dropped inside the workspace stay out of git too
    init_workspace(tmp_path / "ws2", NewAuthority("Anytown Council", 919, tmp_path / "ws2" / "extracts",
                                                  default_period="2026-09"))
    assert "/extracts/" in (tmp_path / "ws2" / ".gitignore").read_text()
    assert str(load_settings(tmp_path / "ws2" / "settings.yml").default_period) == "2026-09"


def test_init_writes_the_project_default_targets_for_the_authority_to_own(tmp_path):
    from onapage.indicators.targets import load_targets

    init_workspace(tmp_path, NewAuthority("Anytown Council", 919, tmp_path / "in"))
    own = yaml.safe_load((tmp_path / "targets.yml").read_text())
    assert own and load_targets(tmp_path / "targets.yml") == load_targets()
    assert own["cp_second_subsequent_ever"] == {"target": 16, "tolerance": 3}


def test_init_changes_nothing_in_a_folder_that_already_holds_a_workspace_or_for_an_unknown_la(tmp_path):
    (tmp_path / "booklet.yml").write_text("mine")
    with pytest.raises(ConfigError, match="already holds booklet.yml"):
        init_workspace(tmp_path, NewAuthority("Anytown Council", 919, tmp_path / "in"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booklet.yml"]
    assert (tmp_path / "booklet.yml").read_text() == "mine"
    with pytest.raises(ConfigError, match="LA code 998 is not in the DfE's data"):
        init_workspace(tmp_path / "new", NewAuthority("Nowhere Council", 998, tmp_path / "in"))
    assert not (tmp_path / "new").exists()


def test_the_init_command_says_what_it_made_and_what_to_run_next(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws"), "--name", "Anytown Council", "--la-code", "919",
                                       "--input", str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    assert "settings.yml" in result.output and "onapage run" in result.output
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws"), "--name", "Anytown Council", "--la-code", "919",
                                       "--input", str(tmp_path / "in")])
    assert result.exit_code == 1 and "already holds settings.yml" in result.output


# ------------------------------------------------------------------------------------------- finding it


def test_the_workspace_is_found_from_any_folder_inside_it_or_from_onapage_home(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    inner = tmp_path / "ws" / "notebooks"
    assert workspace.find(cwd=inner, env={}) == ws
    assert workspace.find(cwd=tmp_path, env={}) is None
    assert workspace.find(cwd=tmp_path, env={"ONAPAGE_HOME": str(tmp_path / "ws")}) == ws
    with pytest.raises(workspace.WorkspaceError, match="no settings.yml there"):
        workspace.find(cwd=tmp_path, env={"ONAPAGE_HOME": str(tmp_path)})


def test_in_a_workspace_commands_need_no_params_and_say_nothing_of_the_demo(tmp_path, monkeypatch):
    make_workspace(tmp_path / "ws")
    monkeypatch.chdir(tmp_path / "ws" / "indicators")
    result = CliRunner().invoke(main, ["history"])
    assert "demo" not in result.output.splitlines()[0].lower()
    assert "anytown.duckdb" in result.output  # the workspace's store, not the demo's


def test_outside_a_workspace_the_demo_says_so_on_the_first_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ONAPAGE_HOME", raising=False)
    result = CliRunner().invoke(main, ["history"])
    said = " ".join(result.output.split())
    assert said.startswith("Using the demo settings (demo.yml): Northbridge") and "(onapage init DIR)" in said


def test_a_printed_hint_names_the_settings_when_the_command_was_given_them(tmp_path, monkeypatch):
    make_workspace(tmp_path / "ws")
    monkeypatch.chdir(tmp_path)  # outside the workspace: --params is needed, and the hint keeps it
    settings = tmp_path / "ws" / "settings.yml"
    result = CliRunner().invoke(main, ["publish", "--period", "2026-09", "--to", str(tmp_path / "pub"),
                                       "--params", str(settings)])
    assert result.exit_code != 0
    assert f"`onapage build --period 2026-09 --params {settings.resolve()}`" in result.output.replace("\n", "")
    monkeypatch.chdir(tmp_path / "ws")  # inside it the hint works as it is, with no --params
    result = CliRunner().invoke(main, ["publish", "--period", "2026-09", "--to", str(tmp_path / "pub")])
    assert "`onapage build --period 2026-09`" in result.output.replace("\n", "")


# ------------------------------------------------------------------------------------------- its own parts


def test_the_workspace_indicators_join_the_catalogue_only_while_it_is_in_force(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    stock = set(load_catalogue())
    with workspace.using(ws):
        joined = load_catalogue()
        assert set(joined) == stock | {"own_cp_open_1_year_plus"}
        own = joined["own_cp_open_1_year_plus"]
        assert own.own_to_workspace and own.section == "child_protection"
        assert "interval 1 year" in own.sql()
    assert set(load_catalogue()) == stock


def test_an_id_the_catalogue_already_has_is_refused_naming_the_file(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    entry = ws.indicators_dir / "child_protection.yml"
    entry.write_text(entry.read_text().replace("own_cp_open_1_year_plus", "cp_children_at_period_end"))
    with workspace.using(ws), pytest.raises(CatalogueError) as err:
        load_catalogue()
    assert str(entry) in str(err.value) and "'cp_children_at_period_end' is already the catalogue's" in str(err.value)


def test_an_entry_without_its_query_or_a_new_section_without_a_title_is_refused(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    (ws.indicators_dir / "child_protection" / "own_cp_open_1_year_plus.sql").unlink()
    with workspace.using(ws), pytest.raises(CatalogueError, match="own_cp_open_1_year_plus.sql is missing"):
        load_catalogue()
    (ws.indicators_dir / "child_protection.yml").unlink()
    (ws.indicators_dir / "kinship.yml").write_text("indicators: []\n")
    with workspace.using(ws), pytest.raises(CatalogueError, match="needs a `title:` for its new section"):
        load_catalogue()
    (ws.indicators_dir / "kinship.yml").write_text("title: Kinship care\nindicators: []\n")
    with workspace.using(ws):
        assert sections()["kinship"] == "Kinship care"
    assert "kinship" not in sections()


def test_a_workspace_page_overrides_the_project_page_and_its_booklet_file_is_the_one_in_force(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    (ws.notebooks_dir / "adoption.ipynb").write_text((PROJECT_ROOT / "notebooks" / "adoption.ipynb").read_text())
    booklet = ws.root / "booklet.yml"
    booklet.write_text(booklet.read_text().replace("      - youth_offending\n", ""))
    with workspace.using(ws):
        pages = product_pages()
        assert pages.template("adoption") == ws.notebooks_dir / "adoption.ipynb"
        assert pages.template("uasc") == PROJECT_ROOT / "notebooks" / "uasc.ipynb"
        names = [s.name for s in product_sections()]
        assert "youth_offending" not in names and "adoption" in names
    assert "youth_offending" in [s.name for s in product_sections()]


# ------------------------------------------------------------------------------------------- onapage check


def test_check_passes_a_workspace_whose_cases_hold_and_fails_one_whose_case_does_not(tmp_path, monkeypatch):
    ws = make_workspace(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "ok      indicator own_cp_open_1_year_plus (1 case)" in result.output
    assert "checks passed" in result.output
    entry = ws.indicators_dir / "child_protection.yml"
    entry.write_text(entry.read_text().replace("{value: 1}", "{value: 2}"))  # B is a day short: 1 is right
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "FAILED indicator own_cp_open_1_year_plus" in out
    assert "a_year_to_the_day_counts_a_plan_ended_on_the_last_day_does_not" in out and "expected 2.0, got 1" in out


def test_check_names_a_section_the_booklet_file_gives_no_page(tmp_path, monkeypatch):
    ws = make_workspace(tmp_path / "ws")
    booklet = ws.root / "booklet.yml"
    booklet.write_text(booklet.read_text().replace("      - adoption\n", "      - adoption\n      - kinship\n", 1))
    (ws.indicators_dir / "kinship.yml").write_text("title: Kinship care\nindicators: []\n")
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "section 'kinship' has no page" in " ".join(result.output.split())


# ------------------------------------------------------------------------------------------- targets


def test_targets_may_live_in_several_files_the_settings_name_and_later_files_win(tmp_path):
    make_workspace(tmp_path / "ws")
    (tmp_path / "ws" / "extra.yml").write_text("cp_second_subsequent_ever: {target: 12, tolerance: 1}\n")
    settings_file = tmp_path / "ws" / "settings.yml"
    settings_file.write_text(settings_file.read_text().replace("targets_file: targets.yml",
                                                               "targets_file: [targets.yml, extra.yml]"))
    from onapage.indicators.targets import load_targets

    settings = load_settings(settings_file)
    assert load_targets(settings.targets_file)["cp_second_subsequent_ever"].target == 12
    (tmp_path / "ws" / "extra.yml").write_text("cp_no_such_thing: {target: 1}\n")
    result = CliRunner().invoke(main, ["validate", "--params", str(settings_file)])
    assert result.exit_code == 1 and "extra.yml: cp_no_such_thing: no indicator has this id" in result.output


# ------------------------------------------------------------------------------------------- the project's tests


def test_the_projects_own_tests_see_the_project_whatever_workspace_the_shell_names(tmp_path):
    """A workspace that drops a section and adds an indicator, named by ONAPAGE_HOME and the working folder,
    changes nothing the project's tests count."""
    ws = make_workspace(tmp_path / "ws")
    booklet = ws.root / "booklet.yml"
    booklet.write_text(booklet.read_text().replace("      - youth_offending\n", ""))
    env = {**os.environ, "ONAPAGE_HOME": str(ws.root)}
    tests = [f"{PROJECT_ROOT}/tests/test_registry.py", f"{PROJECT_ROOT}/tests/indicators/test_catalogue_contract.py"]
    pytest_in_ws = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--rootdir={PROJECT_ROOT}", *tests]
    collected = subprocess.run([*pytest_in_ws, "--collect-only", "-q"], cwd=ws.root, env=env, capture_output=True,
                               text=True, timeout=300)
    assert "test_entry_is_documented_tested_and_sourced[cp_children_at_period_end]" in collected.stdout
    assert "own_cp_open_1_year_plus" not in collected.stdout
    done = subprocess.run([*pytest_in_ws, "-q", "-k", "monthly_booklet_has_every_part or catalogue_is_not_empty"],
                          cwd=ws.root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout[-3000:]


# ------------------------------------------------------------------------------------------- end to end

def test_another_authoritys_workspace_builds_its_booklet_with_no_params_and_the_project_untouched(tmp_path):
    """The whole path an adopting authority takes: init, its own indicator charted on an overridden page,
    a section dropped, the month run and checked from inside the workspace, nothing written to the project."""
    from onapage.demo import generate_demo

    generate_demo(tmp_path / "extracts", seed=11, scale=0.3, end=date(2026, 9, 30), months=24)
    ws = make_workspace(tmp_path / "ws")
    settings = ws.settings_file
    settings.write_text(settings.read_text().replace("extracts\"", f"{tmp_path / 'extracts'}\"")
                        .replace("default_period: 2026-10", "default_period: 2026-09")
                        .replace("  la_code: 919", "  la_code: 919\n  synthetic: true"))
    booklet = ws.root / "booklet.yml"
    booklet.write_text(booklet.read_text().replace("      - youth_offending\n", ""))
    # its own chart, with its data comments beneath, in place of the rate's (the page keeps to two pages)
    page = (PROJECT_ROOT / "notebooks" / "child_protection.ipynb").read_text()
    assert 'page.trend(\\"cp_rate_per_10k\\"' in page
    page = page.replace('page.trend(\\"cp_rate_per_10k\\"', 'page.trend(\\"own_cp_open_1_year_plus\\"')
    (ws.notebooks_dir / "child_protection.ipynb").write_text(page)
    project_before = _project_state()

    onapage = str(Path(sys.executable).parent / "onapage")
    env = {k: v for k, v in os.environ.items() if k != "ONAPAGE_HOME"}
    ran = subprocess.run([onapage, "run"], cwd=ws.root, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-3000:]
    said = " ".join(ran.stderr.split())
    assert "demo settings" not in said and "lost its commentary cell" not in said
    html = (ws.root / "outputs" / "2026-09" / "booklet.html").read_text()
    assert "Anytown Council" in html and 'data-indicator="own_cp_open_1_year_plus"' in html
    assert "Children on a plan for a year or more" in html
    assert 'id="part-youth_offending"' not in html and 'id="part-child_protection"' in html
    checked = subprocess.run([onapage, "check"], cwd=ws.root, env=env, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert _project_state() == project_before


def _project_state() -> list[str]:
    """What git sees of the project's folder, ignored files included (outputs/, data/), bar Python's caches."""
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True).stdout
    return [line for line in status.splitlines() if "__pycache__" not in line]
