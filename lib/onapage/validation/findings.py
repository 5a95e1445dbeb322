"""A finding is one problem in the inputs, located precisely enough for an analyst to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem: where it is (file, sheet, spreadsheet row, column heading) and what was expected.

    `row` is the row number the analyst sees in Excel (the heading row is 1), or None when the
    finding is about a whole file or column. `value` is never a personal identifier: checks on
    ID or date-of-birth columns report the row, not the value.
    """

    severity: Severity
    dataset: str
    file: str
    message: str
    expected: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    rule: str = ""  # the gate rule that found it ("" for problems reading the files)
    rows: int = 0  # how many records it concerns (a summary finding stands for many)
    caveat: str = ""  # for a warning that touches figures: the note shown beside them

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        found = f" (found {self.value!r})" if self.value not in (None, "") else ""
        expected = f"; expected {self.expected}" if self.expected else ""
        return f"{self.severity.upper()}: {self.location()}: {self.message}{found}{expected}"

    def as_row(self) -> dict:
        return asdict(self)

    @property
    def touches_figures(self) -> bool:
        return bool(self.caveat) and not self.is_error


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
