"""The synthetic demo authority, generated and loaded once per test session, for end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from onapage.config import DEFAULT_PARAMS, Settings, load_settings


def demo_settings_file(folder: Path, inputs: Path) -> Path:
    """A copy of the demo settings whose inputs, store and outputs live in `folder`."""
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(input_dir=str(inputs), store=str(folder / "demo.duckdb"), output_dir=str(folder / "outputs"))
    path = folder / "params.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.fixture(scope="session")
def demo_params_file(tmp_path_factory) -> Path:
    """Settings for the full-size demo authority (seed 2026), generated into a temporary folder."""
    from onapage.demo import generate_demo

    folder = tmp_path_factory.mktemp("demo_authority")
    generate_demo(folder / "inputs", seed=2026)
    return demo_settings_file(folder, folder / "inputs")


@pytest.fixture(scope="session")
def demo_authority(demo_params_file) -> Settings:
    """The demo authority's settings, its inputs validated and loaded into its store."""
    from onapage import pipeline

    settings = load_settings(demo_params_file)
    inputs, findings = pipeline.read_and_validate(settings.input_dir, settings.default_period)
    pipeline.load(settings, inputs, findings)
    return settings
