"""The public API: determinism, what is written, the manifest and README, several authorities, bad arguments."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from onapage.contract import load_contract
from onapage.demo import generate_demo, generate_many

CONTRACT = load_contract()
EXPECTED_FILES = {f"{ds.key}.csv" for ds in CONTRACT.datasets.values()} | {"DEMO_README.md", "manifest.json"}


def contents(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_writes_byte_identical_files(small, small_again):
    assert contents(small.out_dir) == contents(small_again.out_dir)


def test_the_same_seed_writes_a_byte_identical_workbook(tiny_workbook, tmp_path):
    again = generate_demo(tmp_path, seed=tiny_workbook.seed, scale=tiny_workbook.scale, workbook=True)
    assert (again.out_dir / "annex_a.xlsx").read_bytes() == (tiny_workbook.out_dir / "annex_a.xlsx").read_bytes()


def test_a_different_seed_writes_different_data(tmp_path):
    first, second = generate_many(tmp_path, 2, seed=11, scale=0.05)
    assert [s.out_dir.name for s in (first, second)] == ["authority_01", "authority_02"]
    assert (first.seed, second.seed) == (11, 12)
    a, b = contents(first.out_dir), contents(second.out_dir)
    assert set(a) == set(b) == EXPECTED_FILES
    differing = [name for name in a if a[name] != b[name]]
    assert len(differing) >= len(a) - 1  # every data file differs (the README may not)


def test_every_list_and_extract_is_written_with_its_row_count(small):
    assert {p.name for p in small.out_dir.iterdir()} == EXPECTED_FILES
    for name, rows in small.rows.items():
        lines = (small.out_dir / name).read_text(encoding="utf-8").count("\n")
        assert lines == rows + 1, name


def test_manifest_records_the_run(small):
    manifest = json.loads((small.out_dir / "manifest.json").read_text())
    assert manifest["synthetic"] is True
    assert (manifest["seed"], manifest["scale"], manifest["end"], manifest["months"]) == (2026, 0.2, "2026-10-31", 43)
    assert manifest["window_start"] == "2023-04-01"
    assert manifest["row_counts"] == small.rows
    assert small.window_start == date(2023, 4, 1)


def test_readme_says_the_data_are_synthetic(small):
    text = (small.out_dir / "DEMO_README.md").read_text()
    assert "synthetic" in text.lower() and "fictional" in text.lower() and "no record describes a\nreal child" in text


def test_the_window_follows_end_and_months(tmp_path):
    summary = generate_demo(tmp_path, seed=3, scale=0.05, end=date(2025, 3, 31), months=12)
    assert summary.window_start == date(2024, 4, 1)
    referrals = (tmp_path / "list_3.csv").read_text().splitlines()[1:]
    dates = sorted(line.split(",")[5] for line in referrals)
    assert dates[0] >= "2024-04-01" and dates[-1] <= "2025-03-31"


def test_scale_multiplies_the_volumes(small, tmp_path):
    smaller = generate_demo(tmp_path, seed=small.seed, scale=small.scale / 2)
    ratio = smaller.rows["list_1.csv"] / small.rows["list_1.csv"]
    assert 0.45 < ratio < 0.55


def test_identifiers_and_labels_are_synthetic(small):
    ids = set()
    for key in ("list_1", "list_8", "list_9"):
        lines = (small.out_dir / f"{key}.csv").read_text().splitlines()[1:]
        ids |= {line.split(",")[0] for line in lines}
    assert all(re.fullmatch(r"NB\d{6,}", i) for i in ids)
    workers = {line.split(",")[-1] for line in (small.out_dir / "list_3.csv").read_text().splitlines()[1:]}
    assert all(w == "" or re.fullmatch(r"Worker \d+", w) for w in workers)
    advisers = {line.split(",")[9] for line in (small.out_dir / "list_9.csv").read_text().splitlines()[1:]}
    assert all(re.fullmatch(r"Personal Adviser \d+", a) for a in advisers)


@pytest.mark.parametrize("kwargs", [{"scale": 0}, {"scale": -1}, {"months": 0}])
def test_bad_arguments_are_refused(tmp_path, kwargs):
    with pytest.raises(ValueError):
        generate_demo(tmp_path, **kwargs)
