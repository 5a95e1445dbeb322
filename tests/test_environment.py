"""environment.yml (conda) and pyproject.toml (pip) must describe the same environment."""

import re
import tomllib

import yaml

from onapage.config import PROJECT_ROOT

CONDA_NAMES = {"python-duckdb": "duckdb"}  # conda-forge spells some packages differently


def _split(spec: str) -> tuple[str, str]:
    name, version = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec.strip()).groups()
    return name.lower(), version.replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_split(s) for s in specs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        specs = [dep] if isinstance(dep, str) else [s for s in dep["pip"] if not s.startswith("-e")]
        for spec in specs:
            name, version = _split(spec)
            if name not in ("python", "pip"):
                out[CONDA_NAMES.get(name, name)] = version
    return out


def test_conda_and_pip_list_the_same_packages_and_versions():
    assert conda_requirements() == pip_requirements()


def test_conda_environment_installs_this_package_with_pip():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    assert "python=3.11" in env["dependencies"]


def test_quarto_cli_is_not_a_default_dependency():
    # Its PyPI package downloads a binary from GitHub at install time, which these machines cannot reach.
    assert "quarto-cli" not in pip_requirements()
