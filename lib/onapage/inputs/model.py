"""What reading the input folder produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # imported for annotations only, so that onapage.validation can import this module
    from onapage.validation.findings import Finding

# The end of the message of the warning for a list or extract that is not in the input folder.
NOT_SUPPLIED = "not supplied: pages using it will show n/a"


@dataclass(frozen=True)
class Source:
    """Where one dataset came from.

    `headings` maps each contract column name to the heading as it appears in the file, only
    for columns the file has: a contract column not in it was not in the file, and its frame
    column is all blank (an optional column left out, or a column a later edition of the Annex A
    template added, `Column.since`: List 9 laid out as the 2020 edition has no `uasc`,
    `personal_adviser`, `pathway_plan_review` or `latest_contact`). A figure reading such a
    column cannot be computed, rather than counted from the blanks. `header_row` is the
    spreadsheet row holding the headings (1 unless the file has title rows above them).
    """

    path: Path
    sheet: str | None
    sha256: str
    rows: int
    header_row: int = 1
    headings: dict[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class FileConventions:
    """A file's decimal mark and date order, as judged from all its values, with the evidence."""

    decimal_comma: str | None = None  # a value showing it ("2,5"), or None for a decimal point
    month_first: dict[str, str] = field(default_factory=dict)  # date column -> evidence of US order
    day_first: dict[str, str] = field(default_factory=dict)  # date column -> evidence of UK order


@dataclass
class InputSet:
    """The inputs of one run, read and typed.

    `frames[key]` has exactly the contract's column names, in contract order, typed (dates as
    datetime64 at midnight, datetimes as datetime64, int as Int64, number as Float64, everything
    else as pandas "string"). Its index is the spreadsheet row number of each record (named
    "row"; heading row = 1, so the first record is row 2); fully blank rows are dropped.

    `unreadable[key][column]` holds the values that could not be read (index: row number;
    columns `value`, `reason`); they are missing in the frame and reported by the validator.
    """

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unreadable: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    # dataset -> column -> text read as no value ("N/A", "-") -> rows; "" counts empty cells
    placeholders: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # dataset -> column -> date meaning "no date" (01/01/1900, 31/12/9999), as written -> rows
    no_dates: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # dataset -> how its file writes numbers and dates, and the value that showed it
    conventions: dict[str, FileConventions] = field(default_factory=dict)
    # dataset -> ID column -> the rows whose ID is a number written with leading zeros ("0012345"),
    # read as the number ("12345"), so that lists with and without the zeros match
    leading_zeros: dict[str, dict[str, pd.Index]] = field(default_factory=dict)
