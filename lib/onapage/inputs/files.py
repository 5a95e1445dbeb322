"""Finding the input files, and reading a CSV file or a workbook sheet into raw cells.

Raw cells are kept as text (CSV: exactly as written; workbook: see `values.cell_text`) or,
for genuine Excel date cells, as datetimes. Nothing is typed here: `reader` matches the
headings and `values` parses each column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from onapage.contract import Dataset, load_contract, normalise_heading
from onapage.inputs.values import cell_text
from onapage.inputs.xlsx import Workbook as XlsxWorkbook
from onapage.inputs.xlsx import XlsxFormatError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# "List 1", "List 1 - Contacts", "AnnexA_List1_Contacts_202610", "202610 Annex A list_1".
_LIST = re.compile(r"(?:^|[^a-z])list[\s_-]*(\d{1,2})(?!\d)", re.IGNORECASE)
# The Standard Safeguarding Dataset's scripts name their lists "AA_1_contacts" ... "AA_11_adopters".
_SSD_LIST = re.compile(r"^aa[\s_-]*(\d{1,2})(?!\d)", re.IGNORECASE)
# Sheets that explain or feed the template rather than hold a list, whatever list they name.
_NOT_A_LIST = re.compile(
    r"guidance|instruction|look[ -]?up|drop[ -]?down|validation|read ?me|notes|definitions",
    re.IGNORECASE,
)


class ReadProblem(Exception):
    """A file (or sheet) that cannot be read at all; the message says why, for an analyst."""


# --- which dataset a file or sheet holds -------------------------------------------------------


def list_for(name: str) -> str | None:
    """The Annex A list a sheet name or CSV file stem holds: 'List 1 - Contacts' -> 'list_1'.

    'list_1' and 'list_10' are told apart (the number must not run on into more digits), and a
    name that is just the list's title ('Child Protection') is recognised too.
    """
    lists = {d.key: d for d in load_contract().annex_a}
    if _NOT_A_LIST.search(name):
        return None
    if match := _LIST.search(name) or _SSD_LIST.match(name):
        key = f"list_{int(match.group(1))}"
        return key if key in lists else None
    folded = normalise_heading(name)
    for key, dataset in lists.items():
        if folded == normalise_heading(dataset.title):
            return key
    return None


def extract_for(stem: str) -> str | None:
    """The supplementary extract a CSV file stem holds: 'MASH contacts' -> 'mash_contacts'.

    The key may be followed by digits only (a date stamp: 'visits_2019-02').
    """
    folded = normalise_heading(stem)
    for dataset in load_contract().extracts:
        key = normalise_heading(dataset.key)
        if folded in (key, normalise_heading(dataset.title)):
            return dataset.key
        if folded.startswith(key) and folded[len(key) :].isdigit():
            return dataset.key
    return None


def expected_file_names() -> str:
    return "list_1.csv ... list_11.csv, an Excel workbook with sheets 'List 1' ... 'List 11', or " + ", ".join(
        f"{d.key}.csv" for d in load_contract().extracts
    )


@dataclass(frozen=True)
class Candidate:
    """One place a dataset was found: a CSV file, or a sheet of a workbook."""

    key: str
    path: Path
    sheet: str | None = None
    hidden: bool = False

    @property
    def where(self) -> str:
        return f"{self.path.name}, sheet {self.sheet!r}" if self.sheet else self.path.name


# --- reading ----------------------------------------------------------------------------------


def is_hidden(workbook, sheet: str) -> bool:
    """Whether Excel hides the sheet (the template hides its lookup sheets)."""
    if isinstance(workbook, XlsxWorkbook):
        return sheet in workbook.hidden
    return getattr(workbook[sheet], "sheet_state", "visible") != "visible"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise ReadProblem("this is not a text CSV file: it contains binary data")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", "\t", ";", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _frame(rows: list[tuple[int, list]], width: int) -> pd.DataFrame:
    """Raw cells as an object frame indexed by spreadsheet row number (first row = 1).

    `rows` holds (row number, cells); rows whose cells are all empty are dropped.
    """
    kept = [(n, row) for n, row in rows if any(not isinstance(v, str) or v.strip() for v in row)]
    array = np.empty((len(kept), width), dtype=object)
    array[:] = ""
    for i, (_, row) in enumerate(kept):
        array[i, : len(row)] = row
    return pd.DataFrame(array, index=pd.Index([n for n, _ in kept], dtype=int), dtype=object)


def read_csv_cells(path: Path) -> pd.DataFrame:
    """The cells of a CSV file as text, indexed by row number (one row per record, as Excel shows it)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadProblem(f"the file cannot be opened ({error.strerror or error})") from None
    if not data.strip():
        raise ReadProblem("the file is empty")
    if data.startswith(b"PK\x03\x04"):
        raise ReadProblem("this is an Excel workbook (or another zipped file) named .csv: save it as CSV")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadProblem("this is an old-format Excel file (.xls) named .csv: save it as CSV")
    text = _decode(data)
    delimiter = _delimiter(text)
    try:  # fast path: the C parser, for files whose rows are no longer than their first row
        frame = pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            sep=delimiter,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        frame = None
    if frame is not None:
        frame.index = pd.RangeIndex(1, len(frame) + 1)
        frame.columns = range(frame.shape[1])
        filled = np.zeros(len(frame), dtype=bool)
        for position in frame.columns:  # judged on each column's distinct values, then mapped back
            codes, uniques = pd.factorize(frame[position].to_numpy(dtype=object))
            blank = np.fromiter((not u.strip() for u in uniques), dtype=bool, count=len(uniques))
            filled |= ~blank[codes]
        return frame.loc[filled].astype(object)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ReadProblem(f"the file cannot be read as CSV ({error})") from None
    width = max((len(r) for r in rows), default=0)
    if not width:
        raise ReadProblem("the file has no rows")
    return _frame(list(enumerate(rows, start=1)), width)


def open_workbook(path: Path):
    """An open workbook (the fast reader's, or openpyxl's for files it does not understand)."""
    if path.suffix.lower() == ".xls":
        raise ReadProblem("this is an old-format Excel file (.xls): save it as .xlsx")
    try:
        return XlsxWorkbook(path)
    except XlsxFormatError:
        pass
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile.BadZipFile, KeyError, InvalidFileException, ...
        if _starts_with(path, b"\xd0\xcf\x11\xe0"):
            reason = "it is password-protected, or an old .xls file renamed: remove the password or save as .xlsx"
        elif not zipfile.is_zipfile(path):
            reason = "it is not a zipped .xlsx file"
        else:
            reason = f"{type(error).__name__}: {error}"
        raise ReadProblem(f"this is not a readable Excel workbook ({reason})") from None


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def _openpyxl_rows(workbook, sheet: str) -> list[tuple[int, list]]:
    worksheet = workbook[sheet]
    if hasattr(worksheet, "reset_dimensions"):  # read-only sheets may carry a wrong size
        worksheet.reset_dimensions()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [
            (number, [cell_text(v) for v in row])
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1)
        ]


def read_sheet_cells(workbook, sheet: str) -> pd.DataFrame:
    """The cells of one sheet: text, or datetimes for date cells, indexed by row number."""
    try:
        if isinstance(workbook, XlsxWorkbook):
            try:
                rows = workbook.rows(sheet)
            except Exception:  # a structure the fast reader does not know: let openpyxl read it
                import openpyxl

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fallback = openpyxl.load_workbook(workbook.path, read_only=True, data_only=True)
                try:
                    rows = _openpyxl_rows(fallback, sheet)
                finally:
                    fallback.close()
        else:
            rows = _openpyxl_rows(workbook, sheet)
    except Exception as error:
        raise ReadProblem(f"the sheet cannot be read ({type(error).__name__}: {error})") from None
    width = max((len(r) for _, r in rows), default=0)
    if not width:
        raise ReadProblem("the sheet is empty")
    return _frame(rows, width)


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def dataset_title(dataset: Dataset) -> str:
    if dataset.kind == "annex_a":
        return f"{dataset.sheet or dataset.key} ({dataset.title})"
    return dataset.title
