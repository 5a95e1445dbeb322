"""Read demo files back to the clean form, independently of the project's reader.

A messy file is only a presentation change if undoing the presentation (heading drift, letter prefixes,
descriptions, '-' blanks, date formats, Excel cells) gives back exactly the clean file's text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd

from onapage.contract import Column, Dataset, load_contract, normalise_heading

PREFIX = re.compile(r"^[a-z]{1,2}1?\) ")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def clean_csv(folder: Path, key: str) -> pd.DataFrame:
    """The clean CSV exactly as written, every cell as text."""
    return pd.read_csv(folder / f"{key}.csv", dtype=str, keep_default_na=False)


def column_for(heading: str, ds: Dataset) -> Column:
    wanted = normalise_heading(heading)
    matches = [c for c in ds.columns.values() if wanted in {normalise_heading(h) for h in c.headings()}]
    assert len(matches) == 1, f"{ds.key}: heading {heading!r} matches {[c.name for c in matches]}"
    return matches[0]


def to_clean_text(value, column: Column) -> str:
    """One cell, as the clean CSV would hold it."""
    if value is None or value == "-" or value == "":
        return ""
    if column.type in ("date", "datetime"):
        return _date_text(value, column.type == "datetime")
    if column.type == "code":
        return _code(str(value), column)
    if column.type == "yn":
        return {"yes": "Y", "no": "N"}.get(PREFIX.sub("", str(value)).lower(), str(value))
    if isinstance(value, float) and value.is_integer() and column.type == "int":
        return str(int(value))
    return str(value)


def _date_text(value, timed: bool) -> str:
    if isinstance(value, int | float):
        value = EXCEL_EPOCH + dt.timedelta(days=float(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d %H:%M") if timed else value.strftime("%Y-%m-%d")
    for fmt in ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M") if timed else ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).strftime("%Y-%m-%d %H:%M" if timed else "%Y-%m-%d")
        except ValueError:
            continue
    raise AssertionError(f"not a date: {value!r}")


@cache
def _code_lookup(codes: str) -> dict[str, str]:
    """Every accepted spelling of a code list, folded, to its canonical code."""
    code_list = load_contract().codes[codes]
    lookup = {normalise_heading(code): code for code in code_list}
    for code, alternatives in code_list.items():
        for alt in alternatives:
            lookup.setdefault(normalise_heading(alt), code)
    return lookup


def _code(text: str, column: Column) -> str:
    lookup = _code_lookup(column.codes)
    folded = normalise_heading(PREFIX.sub("", text))
    assert folded in lookup, f"{column.name}: {text!r} is not a code or description"
    return lookup[folded]


def undo_presentation(headings: list[str], rows: list[list], ds: Dataset) -> pd.DataFrame:
    columns = [column_for(h, ds) for h in headings]
    data = {c.heading: [to_clean_text(row[i], c) for row in rows] for i, c in enumerate(columns)}
    ordered = [c.heading for c in ds.column_list()]
    return pd.DataFrame(data)[ordered]


def messy_csv(folder: Path, key: str) -> pd.DataFrame:
    raw = pd.read_csv(folder / f"{key}.csv", dtype=str, keep_default_na=False)
    ds = load_contract().dataset(key)
    return undo_presentation(list(raw.columns), raw.to_numpy().tolist(), ds)


def workbook_sheets(path: Path) -> dict[str, tuple[list[str], list[list]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for ws in book.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        out[ws.title] = ([str(h) for h in rows[0]], rows[1:])
    book.close()
    return out


def workbook_list(sheets: dict, key: str) -> pd.DataFrame:
    ds = load_contract().dataset(key)
    headings, rows = sheets[ds.sheet]
    width = len(headings)
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    return undo_presentation(headings, rows, ds)
