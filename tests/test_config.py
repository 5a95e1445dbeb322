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


def test_the_project_folder_is_found_from_anywhere(tmp_path):
    from onapage.config import find_project_root

    project = tmp_path / "authority"
    (project / "params").mkdir(parents=True)
    (project / "params" / "booklet.yml").write_text("products: {}")
    installed = tmp_path / "venv" / "lib" / "site-packages" / "onapage" / "config.py"
    # a checkout: the folder two above the package holds params/
    assert find_project_root(project / "lib" / "onapage" / "config.py", env={}) == project
    # an installed package run from the analysts' folder
    assert find_project_root(installed, cwd=project, env={}) == project
    # or told where it is
    assert find_project_root(installed, cwd=tmp_path, env={"ONAPAGE_HOME": str(project)}) == project
