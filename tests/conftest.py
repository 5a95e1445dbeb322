"""Shared fixtures: the synthetic demo authority (generated and loaded once per session), hand-built inputs."""

from __future__ import annotations

import os

# The project's tests test the project: no authority's workspace (named by the shell's ONAPAGE_HOME) is in
# force, from before any test module reads the catalogue.
os.environ.pop("ONAPAGE_HOME", None)

import csv  # noqa: E402
from pathlib import Path

import openpyxl
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


# --- small input folders built by hand in each test's tmp_path (reader and validator tests) ---


class Folder:
    def __init__(self, path: Path):
        self.path = path

    def csv(self, name: str, header: list[str] | None, rows: list[list], encoding: str = "utf-8") -> Path:
        path = self.path / name
        with path.open("w", newline="", encoding=encoding) as handle:
            writer = csv.writer(handle)
            if header is not None:
                writer.writerow(header)
            writer.writerows(rows)
        return path

    def workbook(self, name: str, sheets: dict[str, list[list]], write_only: bool = False) -> Path:
        book = openpyxl.Workbook(write_only=write_only)
        if not write_only:
            book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = self.path / name
        book.save(path)
        return path


@pytest.fixture
def folder(tmp_path) -> Folder:
    return Folder(tmp_path)


@pytest.fixture(autouse=True)
def _the_project_alone():
    """The project's tests test the project: no authority's workspace is in force, whatever the shell's
    ONAPAGE_HOME or a test before left behind."""
    from onapage import workspace

    workspace.activate(None)
    workspace.name_settings(None)
    yield
    workspace.activate(None)
    workspace.name_settings(None)
