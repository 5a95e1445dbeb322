"""Clean files follow the contract exactly; messy files and workbooks hold the same records, presented differently."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from demo_reading import clean_csv, messy_csv, workbook_list, workbook_sheets

from onapage.contract import load_contract

CONTRACT = load_contract()
LISTS = [ds.key for ds in CONTRACT.annex_a]
EXTRACTS = [ds.key for ds in CONTRACT.extracts]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


@pytest.mark.parametrize("key", LISTS + EXTRACTS)
def test_clean_files_have_the_contract_headings_and_values(small, key):
    ds = CONTRACT.dataset(key)
    frame = clean_csv(small.out_dir, key)
    assert list(frame.columns) == [c.heading for c in ds.column_list()]
    assert len(frame) > 0, f"{key} is empty"
    for column in ds.column_list():
        values = frame[column.heading]
        filled = values[values != ""]
        if not column.nullable:
            assert len(filled) == len(values), f"{key}.{column.name} has blanks"
        if column.type == "date":
            assert filled.str.match(ISO_DATE).all(), f"{key}.{column.name}: not ISO dates"
        elif column.type == "datetime":
            assert filled.str.match(ISO_DATETIME).all(), f"{key}.{column.name}: not 'YYYY-MM-DD HH:MM'"
        elif column.type == "yn":
            assert set(filled) <= {"Y", "N"}, f"{key}.{column.name}: {set(filled) - {'Y', 'N'}}"
        elif column.type == "code":
            allowed = set(CONTRACT.codes[column.codes])
            assert set(filled) <= allowed, f"{key}.{column.name}: {sorted(set(filled) - allowed)[:5]}"
        elif column.type == "int":
            assert filled.str.fullmatch(r"-?\d+").all(), f"{key}.{column.name}: not whole numbers"


@pytest.mark.parametrize("key", LISTS + EXTRACTS)
def test_messy_csv_is_the_same_records_presented_differently(small, small_messy, key):
    clean = clean_csv(small.out_dir, key)
    raw = pd.read_csv(small_messy.out_dir / f"{key}.csv", dtype=str, keep_default_na=False)
    assert len(raw) == len(clean)
    pd.testing.assert_frame_equal(messy_csv(small_messy.out_dir, key), clean)


def test_messy_files_really_are_messy(small, small_messy):
    heading_changes = value_changes = 0
    for key in LISTS + EXTRACTS:
        clean = clean_csv(small.out_dir, key)
        raw = pd.read_csv(small_messy.out_dir / f"{key}.csv", dtype=str, keep_default_na=False)
        heading_changes += sum(a != b for a, b in zip(raw.columns, clean.columns, strict=True))
        value_changes += int((raw.to_numpy() != clean.to_numpy()).sum())
    assert heading_changes >= 20
    assert value_changes >= 10_000
    text = (small_messy.out_dir / "list_1.csv").read_text()
    assert re.search(r"\b[a-z]\) \w", text), "no letter-prefixed codes"
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", text), "no dd/mm/yyyy dates"
    assert (
        ",-" in (small_messy.out_dir / "list_8.csv").read_text()
        or ",-" in (small_messy.out_dir / "list_4.csv").read_text()
    )


def test_messy_mode_does_not_change_the_row_counts(small, small_messy):
    assert small_messy.rows == small.rows


def test_workbook_holds_the_eleven_lists_and_the_extracts_stay_csv(tiny, tiny_workbook):
    folder = tiny_workbook.out_dir
    sheets = workbook_sheets(folder / "annex_a.xlsx")
    assert list(sheets) == [f"List {i}" for i in range(1, 12)]
    assert not list(folder.glob("list_*.csv"))
    for key in EXTRACTS:
        assert (folder / f"{key}.csv").read_bytes() == (tiny.out_dir / f"{key}.csv").read_bytes()
    for key in LISTS:
        pd.testing.assert_frame_equal(workbook_list(sheets, key), clean_csv(tiny.out_dir, key))


def test_messy_workbook_mixes_date_cells_serials_and_text(tiny, tiny_messy_workbook):
    sheets = workbook_sheets(tiny_messy_workbook.out_dir / "annex_a.xlsx")
    kinds = set()
    for _, rows in sheets.values():
        for row in rows:
            for value in row:
                if hasattr(value, "year"):
                    kinds.add("date cell")
                elif isinstance(value, int) and 20_000 < value < 60_000:
                    kinds.add("serial")
                elif isinstance(value, str) and re.fullmatch(r"\d{2}/\d{2}/\d{4}", value):
                    kinds.add("dd/mm/yyyy")
    assert kinds == {"date cell", "serial", "dd/mm/yyyy"}
    for key in LISTS:
        pd.testing.assert_frame_equal(workbook_list(sheets, key), clean_csv(tiny.out_dir, key))
