from datetime import date
from pathlib import Path

import pytest
import yaml

from onapage.config import DEFAULT_PARAMS, PROJECT_ROOT, ConfigError, load_settings


def _write(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    change(raw)
    path = tmp_path / "params" / "authority.yml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(raw))
    return path


def test_demo_settings_load_with_paths_under_the_project():
    s = load_settings()
    assert s.authority.synthetic is True
    assert s.input_dir == PROJECT_ROOT / "data" / "demo" / "2026-10"
    assert str(s.default_period) == "2026-10"


def test_unknown_key_is_named_with_the_file(tmp_path):
    path = _write(tmp_path, lambda raw: raw["authority"].update(la_cod=302))
    with pytest.raises(ConfigError, match=r"authority\.yml: authority\.la_cod: Extra inputs"):
        load_settings(path)


def test_missing_key_and_bad_values_are_reported(tmp_path):
    path = _write(tmp_path, lambda raw: (raw.pop("population_0_17"), raw["colours"].update(primary="blue")))
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert "population_0_17: Field required" in str(err.value)
    assert "colours.primary" in str(err.value) and "'blue'" in str(err.value)


def test_bad_default_period_is_explained(tmp_path):
    path = _write(tmp_path, lambda raw: raw.update(default_period="Oct 2026"))
    with pytest.raises(ConfigError, match="YYYY-MM"):
        load_settings(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.yml")


def test_relative_paths_resolve_next_to_a_params_folder_outside_the_project(tmp_path):
    s = load_settings(_write(tmp_path, lambda raw: None))
    assert s.input_dir == tmp_path / "data" / "demo" / "2026-10"


def test_rates_use_the_previous_calendar_years_population():
    s = load_settings()
    pops = s.population_0_17
    assert s.population_for(date(2024, 2, 29)) == pops[2023]
    assert s.population_for(date(2030, 1, 31)) == pops[max(pops)]  # beyond the estimates: latest
    assert s.population_for(date(2010, 1, 31)) == pops[min(pops)]  # before them: earliest


def test_the_project_folder_is_the_checkout_or_the_copy_inside_the_installed_package(tmp_path):
    from onapage.config import find_project_root

    project = tmp_path / "checkout"
    (project / "params").mkdir(parents=True)
    (project / "params" / "booklet.yml").write_text("products: {}")
    # a checkout: the folder two above the package holds params/
    assert find_project_root(project / "lib" / "onapage" / "config.py") == project
    # an installed package carries its own copy of params/ and notebooks/
    installed = tmp_path / "venv" / "lib" / "site-packages" / "onapage" / "config.py"
    assert find_project_root(installed) == installed.parent / "_project"


# ---------------------------------------------------------------- region and teams


def test_an_unknown_region_is_refused_with_the_regions_the_dfe_data_holds(tmp_path):
    path = _write(tmp_path, lambda raw: raw["authority"].update(region="Eastern"))
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    message = str(err.value)
    assert "authority.yml: authority.region" in message and "'Eastern'" in message
    # as the DfE files spell them, read from the benchmark table
    for region in ("East Midlands", "East of England", "London", "North East", "Yorkshire and The Humber"):
        assert region in message


def test_a_region_spelt_in_another_case_is_refused_with_the_dfe_spelling(tmp_path):
    path = _write(tmp_path, lambda raw: raw["authority"].update(region="east of england"))
    with pytest.raises(ConfigError, match="did you mean 'East of England'"):
        load_settings(path)


def test_without_a_region_the_la_codes_own_region_is_used(tmp_path):
    s = load_settings(_write(tmp_path, lambda raw: raw["authority"].pop("region")))
    assert s.authority.region is None


def test_a_region_other_than_the_la_codes_own_wins_with_a_warning(tmp_path, caplog):
    path = _write(tmp_path, lambda raw: raw["authority"].update(la_code=302, region="North East"))
    with caplog.at_level("WARNING", logger="onapage.config"):
        s = load_settings(path)
    assert s.authority.region == "North East"
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= 30]
    assert len(warnings) == 1
    assert "authority.yml" in warnings[0] and "North East" in warnings[0] and "London" in warnings[0]
    assert "Barnet" in warnings[0]
    caplog.clear()
    (tmp_path / "own").mkdir()
    with caplog.at_level("WARNING", logger="onapage.config"):  # its own region: nothing to say
        load_settings(_write(tmp_path / "own", lambda raw: raw["authority"].update(la_code=302, region="London")))
    assert [r for r in caplog.records if r.levelno >= 30] == []


def test_a_team_listed_twice_is_refused(tmp_path):
    path = _write(tmp_path, lambda raw: raw["teams"]["early_help"].append("MASH"))
    with pytest.raises(ConfigError, match=r"authority\.yml: teams: .*'MASH' is listed in both"):
        load_settings(path)
