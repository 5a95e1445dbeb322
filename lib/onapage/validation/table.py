"""One read dataset as the gate's rules see it, and the small helpers rules share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from onapage.contract import Column, Dataset
from onapage.validation.findings import Finding, Severity

if TYPE_CHECKING:
    from onapage.inputs.model import Source

ROWS_PER_CHECK = 20  # individual findings per check and column before one summary finding

TYPE_WORDS = {
    "date": "date",
    "datetime": "date and time",
    "int": "whole number",
    "number": "number",
    "yn": "Y/N value",
    "code": "code",
}


@dataclass
class Table:
    """A dataset's typed frame with where it came from: the file, sheet, headings and row numbers."""

    dataset: Dataset
    frame: pd.DataFrame
    source: Source | None
    rule: str = ""

    @property
    def file(self) -> str:
        return self.source.file if self.source else f"{self.dataset.key}.csv"

    @property
    def sheet(self) -> str | None:
        return self.source.sheet if self.source else None

    def heading(self, column: Column) -> str:
        if self.source and column.name in self.source.headings:
            return self.source.headings[column.name]
        return column.heading

    def present(self, column: Column) -> bool:
        """Whether the file has this column (a column added as blank is not checked)."""
        if self.source is None or not self.source.headings:
            return column.name in self.frame.columns
        return column.name in self.source.headings

    def dates(self, column: Column) -> pd.Series:
        """A date column as datetime64 (frames built by hand may hold `date` objects or text)."""
        values = self.frame[column.name]
        if pd.api.types.is_datetime64_any_dtype(values):
            return values
        return pd.to_datetime(values, errors="coerce")

    def rows(self) -> np.ndarray:
        """Spreadsheet row number of each record (heading row = 1)."""
        if self.frame.index.name == "row":
            return np.asarray(self.frame.index, dtype=int)
        return np.arange(len(self.frame)) + (self.source.header_row if self.source else 1) + 1

    def finding(self, severity: Severity, message: str, **fields) -> Finding:
        fields.setdefault("rows", 1 if fields.get("row") is not None else 0)
        return Finding(severity, self.dataset.key, self.file, message, sheet=self.sheet, rule=self.rule, **fields)


def capped(total: int, individual: Iterable[Finding], summary) -> list[Finding]:
    """The first ROWS_PER_CHECK of `total` findings, then `summary(total, shown)` as one finding.

    `individual` is lazy: findings past the cap are never built.
    """
    out = list(islice(individual, ROWS_PER_CHECK))
    if total > ROWS_PER_CHECK:
        out.append(summary(total, ROWS_PER_CHECK))
    return out


def row_findings(
    table: Table, severity: Severity, items: Iterable[dict], total: int, *, column: str, rest: str, expected: str = ""
) -> list[Finding]:
    """A finding per flagged row (`items`: each finding's message, row and other fields), the first
    ROWS_PER_CHECK of `total`, then one saying how many more rows `rest` ("are blank in this column")."""
    individual = (table.finding(severity, column=column, **item) for item in items)
    return capped(
        total,
        individual,
        lambda total, shown: table.finding(
            severity,
            f"{total - shown} more rows {rest} ({total} in all)",
            column=column,
            expected=expected,
            rows=total - shown,
        ),
    )


def day(value) -> str:
    stamp = pd.Timestamp(value)
    return stamp.strftime("%d/%m/%Y") if stamp == stamp.normalize() else stamp.strftime("%d/%m/%Y %H:%M")


def rows_text(rows: list[int], limit: int = 10) -> str:
    text = ", ".join(str(r) for r in rows[:limit])
    return text + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
