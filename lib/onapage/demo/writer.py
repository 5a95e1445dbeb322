"""Write the lists and extracts: one CSV per dataset, or the Annex A lists as one workbook.

Clean output is what the contract describes exactly: the heading text, canonical codes, ISO dates,
Y/N, blanks empty. Messy output (see `messy.py`) writes the same values the way real extracts look.
Both are byte-for-byte reproducible (see `xlsx.py` for the workbook).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from onapage.contract import Column, Dataset, load_contract

from .messy import Messifier
from .template_form import TemplateForm
from .xlsx import write_xlsx

WORKBOOK_NAME = "annex_a.xlsx"


class ContractMismatch(ValueError):
    """The generator produced a value or column the contract does not allow (a bug in the generator)."""


def check(frame: pd.DataFrame, ds: Dataset) -> None:
    if list(frame.columns) != list(ds.columns):
        raise ContractMismatch(f"{ds.key}: columns {list(frame.columns)} != contract {list(ds.columns)}")
    codes = load_contract().codes
    for column in ds.columns.values():
        values = frame[column.name].to_numpy(dtype=object)
        filled = values[pd.notna(values)]
        if column.type == "code":
            bad = set(filled) - set(codes[column.codes])
        elif column.type == "yn":
            bad = set(filled) - {"Y", "N"}
        else:
            bad = set()
        if bad:
            raise ContractMismatch(f"{ds.key}.{column.name}: values outside the contract: {sorted(map(str, bad))[:5]}")
        if not column.nullable and len(filled) < len(values):
            raise ContractMismatch(f"{ds.key}.{column.name}: blank values in a column that must be filled")
    for key in ds.unique:
        if frame.duplicated(list(key)).any():
            raise ContractMismatch(f"{ds.key}: duplicate rows for the unique key {list(key)}")
    for earlier, later in ds.order:
        a, b = frame[earlier], frame[later]
        if ((a > b) & a.notna() & b.notna()).any():
            raise ContractMismatch(f"{ds.key}: {later} before {earlier}")


def typed_cells(values: pd.Series | np.ndarray, column: Column) -> list:
    """Python values per cell: date/datetime objects, int, float, str, or None for blank."""
    arr = np.asarray(values)
    if column.type in ("date", "datetime"):
        unit = "D" if column.type == "date" else "m"
        return list(arr.astype(f"datetime64[{unit}]").astype(object))  # NaT becomes None
    out = []
    for v in arr.astype(object):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            out.append(None)
        elif column.type == "int":
            out.append(int(v))
        elif column.type == "number":
            out.append(float(v))
        else:
            out.append(str(v))
    return out


def clean_text(cell, column: Column) -> str:
    if cell is None:
        return ""
    if column.type == "date":
        return cell.isoformat()
    if column.type == "datetime":
        return cell.strftime("%Y-%m-%d %H:%M")
    if column.type == "number":
        return np.format_float_positional(cell, trim="-")
    return str(cell)


def write_csv(path: Path, frame: pd.DataFrame, ds: Dataset, messifier: Messifier | None) -> None:
    if messifier is None:
        write_clean_texts(path, clean_texts(frame, ds))
        return
    columns = ds.column_list()
    cells = [typed_cells(frame[c.name], c) for c in columns]
    headings = messifier.headings(ds)
    texts = [messifier.cells(col, c, excel=False) for col, c in zip(cells, columns, strict=True)]
    out = pd.DataFrame(dict(zip(range(len(headings)), texts, strict=True)))
    out.columns = headings
    path.write_text(out.to_csv(index=False, lineterminator="\r\n"), encoding="utf-8", newline="")  # as Excel saves CSV


def clean_texts(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """The clean CSV's cells as text, one column per contract column (named by its heading, in order)."""
    columns = ds.column_list()
    texts = [[clean_text(v, c) for v in typed_cells(frame[c.name], c)] for c in columns]
    out = pd.DataFrame(dict(zip(range(len(columns)), texts, strict=True)))
    out.columns = [c.heading for c in columns]
    return out


def write_clean_texts(path: Path, texts: pd.DataFrame) -> None:
    path.write_text(texts.to_csv(index=False, lineterminator="\n"), encoding="utf-8", newline="")


def write_workbook(
    path: Path, lists: dict[str, pd.DataFrame], presenter: Messifier | TemplateForm | None, when: dt.date
) -> None:
    """The lists as one workbook: clean (contract headings, codes, ISO dates), messy or in the template's form."""
    contract = load_contract()
    sheets = []
    for key, frame in lists.items():
        ds = contract.dataset(key)
        columns = presenter.columns(ds) if presenter else ds.column_list()
        cells = [typed_cells(frame[c.name], c) for c in columns]
        if presenter is None:
            sheets.append((ds.sheet, [c.heading for c in columns], cells))
        else:
            shown = [presenter.cells(v, c, excel=True) for v, c in zip(cells, columns, strict=True)]
            sheets.append((ds.sheet, presenter.headings(ds), shown))
    write_xlsx(
        path, sheets, when=when, title="Annex A lists (synthetic demo)", date_style="dmy" if presenter else "iso"
    )


def write_all(
    out_dir: Path,
    lists: dict[str, pd.DataFrame],
    extracts: dict[str, pd.DataFrame],
    *,
    workbook: bool,
    messifier: Messifier | None,
    when: dt.date,
    template: TemplateForm | None = None,
) -> dict[str, int]:
    """Write every dataset; returns rows per file name."""
    contract = load_contract()
    rows: dict[str, int] = {}
    for key, frame in {**lists, **extracts}.items():
        check(frame, contract.dataset(key))
    if workbook or template:
        write_workbook(out_dir / WORKBOOK_NAME, lists, template or messifier, when)
        rows.update({f"{WORKBOOK_NAME}:{contract.dataset(k).sheet}": len(f) for k, f in lists.items()})
    else:
        for key, frame in lists.items():
            write_csv(out_dir / f"{key}.csv", frame, contract.dataset(key), messifier)
            rows[f"{key}.csv"] = len(frame)
    for key, frame in extracts.items():
        write_csv(out_dir / f"{key}.csv", frame, contract.dataset(key), messifier)
        rows[f"{key}.csv"] = len(frame)
    return rows
