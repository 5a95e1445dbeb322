"""Checks on the inputs once read: every problem becomes a located `Finding`.

The checks, in the order they run for each list or extract:

1. unreadable values (dates, numbers, Y/N, codes not in the code list);
2. blanks in columns that must be filled (`nullable: false`);
3. dates in the wrong order (each contract `order` pair);
4. a date of birth after another date in the same row;
5. dates in the future (after `as_of`);
6. duplicate keys (each contract `unique` key);
7. coverage of the reporting period (when `period` is given).

Personal columns (child IDs, dates of birth) are never echoed: their findings give the row,
never the value. A check that finds many problems in one column reports the first
`ROWS_PER_CHECK` rows one by one and then one summary finding with the count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from onapage.contract import Column, Dataset, load_contract
from onapage.inputs.model import NOT_SUPPLIED
from onapage.inputs.values import expected_for
from onapage.periods import Period
from onapage.validation.findings import Finding, Severity

if TYPE_CHECKING:
    from onapage.inputs.model import InputSet, Source

ROWS_PER_CHECK = 20  # individual findings per check and column before one summary finding
COVERAGE_ERROR_LISTS = range(1, 9)  # lists 1-8 must reach the period; others only warn

_TYPE_WORDS = {
    "date": "date",
    "datetime": "date and time",
    "int": "whole number",
    "number": "number",
    "yn": "Y/N value",
    "code": "code",
}


def validate(inputs: InputSet, *, period: Period | None = None, as_of: date | None = None) -> list[Finding]:
    """All findings for a run: those from reading the inputs, then the checks on each dataset."""
    as_of = as_of or date.today()
    contract = load_contract()
    findings = list(inputs.findings)
    for key, frame in inputs.frames.items():
        table = _Table(contract.dataset(key), frame, inputs.sources.get(key))
        findings += _unreadable(table, inputs.unreadable.get(key, {}))
        findings += _blanks(table, inputs.unreadable.get(key, {}))
        findings += _order(table)
        findings += _birth(table)
        findings += _future(table, as_of)
        findings += _duplicates(table)
        findings += _coverage(table, period)
    return findings


# --- context ----------------------------------------------------------------------------------


@dataclass
class _Table:
    dataset: Dataset
    frame: pd.DataFrame
    source: Source | None

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
        return Finding(severity, self.dataset.key, self.file, message, sheet=self.sheet, **fields)


def _capped(total: int, individual: Iterable[Finding], summary) -> list[Finding]:
    """The first ROWS_PER_CHECK of `total` findings, then `summary(total, shown)` as one finding.

    `individual` is lazy: findings past the cap are never built.
    """
    out = list(islice(individual, ROWS_PER_CHECK))
    if total > ROWS_PER_CHECK:
        out.append(summary(total, ROWS_PER_CHECK))
    return out


def _day(value) -> str:
    stamp = pd.Timestamp(value)
    return stamp.strftime("%d/%m/%Y") if stamp == stamp.normalize() else stamp.strftime("%d/%m/%Y %H:%M")


def _rows_text(rows: list[int], limit: int = 10) -> str:
    text = ", ".join(str(r) for r in rows[:limit])
    return text + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


# --- 1. unreadable values ---------------------------------------------------------------------


def _unreadable(table: _Table, unreadable: dict[str, pd.DataFrame]) -> list[Finding]:
    out = []
    for name, bad in unreadable.items():
        column = table.dataset.columns[name]
        heading, expected = table.heading(column), expected_for(column)
        word = _TYPE_WORDS.get(column.type, "value")
        individual = (
            table.finding(
                "error",
                f"unreadable {word}: {reason}",
                row=int(row),
                column=heading,
                value=None if column.personal else value,
                expected=expected,
            )
            for row, value, reason in zip(bad.index, bad["value"], bad["reason"], strict=True)
        )

        def summary(total, shown, bad=bad, column=column, heading=heading, expected=expected, word=word):
            common = ""
            if not column.personal:
                top = Counter(bad["value"]).most_common(5)
                common = "; the most frequent are " + ", ".join(f"{v!r} ({n} rows)" for v, n in top)
            return table.finding(
                "error",
                f"{total - shown} more rows have an unreadable {word} in this column ({total} in all){common}",
                column=heading,
                expected=expected,
            )

        out += _capped(len(bad), individual, summary)
    return out


# --- 2. blanks where a value is required -------------------------------------------------------


def _blanks(table: _Table, unreadable: dict[str, pd.DataFrame]) -> list[Finding]:
    out = []
    rows = table.rows()
    for column in table.dataset.column_list():
        if column.nullable or not table.present(column):
            continue
        blank = table.frame[column.name].isna().to_numpy().copy()
        bad = unreadable.get(column.name)
        if bad is not None and len(bad):
            blank &= ~np.isin(rows, np.asarray(bad.index, dtype=int))
        if not blank.any():
            continue
        heading = table.heading(column)
        individual = (
            table.finding(
                "error",
                "blank, but every row needs a value in this column",
                row=int(r),
                column=heading,
                expected="a value" if column.type in ("id", "text") else expected_for(column),
            )
            for r in rows[blank]
        )
        out += _capped(
            int(blank.sum()),
            individual,
            lambda total, shown, heading=heading: table.finding(
                "error", f"{total - shown} more rows are blank in this column ({total} in all)", column=heading
            ),
        )
    return out


# --- 3. dates in the wrong order --------------------------------------------------------------


def _order(table: _Table) -> list[Finding]:
    out = []
    rows = table.rows()
    for earlier_name, later_name in table.dataset.order:
        earlier, later = table.dataset.columns[earlier_name], table.dataset.columns[later_name]
        if not (table.present(earlier) and table.present(later)):
            continue
        first, second = table.dates(earlier), table.dates(later)
        reversed_ = (second < first).fillna(False).to_numpy(dtype=bool)
        if not reversed_.any():
            continue
        h_earlier, h_later = table.heading(earlier), table.heading(later)
        individual = (
            table.finding(
                "error",
                f"{h_later!r} ({_day(b)}) is before {h_earlier!r} ({_day(a)})",
                row=int(r),
                column=h_later,
                value=None if later.personal else _day(b),
                expected=f"a date on or after {h_earlier!r}",
            )
            for r, a, b in zip(rows[reversed_], first[reversed_], second[reversed_], strict=True)
        )
        out += _capped(
            int(reversed_.sum()),
            individual,
            lambda total, shown, h_earlier=h_earlier, h_later=h_later: table.finding(
                "error",
                f"{total - shown} more rows have {h_later!r} before {h_earlier!r} ({total} in all)",
                column=h_later,
            ),
        )
    return out


# --- 4. born after the event ------------------------------------------------------------------


def _birth(table: _Table) -> list[Finding]:
    columns = table.dataset.columns
    birth = columns.get("date_of_birth")
    if birth is None or not table.present(birth):
        return []
    dob = table.dates(birth)
    others = [c for c in table.dataset.date_columns() if c.name != birth.name and table.present(c)]
    if not others:
        return []
    after = pd.DataFrame(
        {c.name: (dob > table.dates(c).dt.normalize()).fillna(False).to_numpy(dtype=bool) for c in others}
    )
    offending = after.any(axis=1).to_numpy()
    if not offending.any():
        return []
    # An unborn child's record carries the expected date of birth: within a pregnancy of the
    # event it is a warning to check, further than that it cannot be right.
    earliest = pd.concat([table.dates(c).dt.normalize() for c in others], axis=1).min(axis=1)
    unborn = ((dob - earliest).dt.days <= UNBORN_DAYS).fillna(False).to_numpy(dtype=bool)
    return _birth_findings(table, birth, others, after, offending & ~unborn, "error") + _birth_findings(
        table, birth, others, after, offending & unborn, "warning"
    )


UNBORN_DAYS = 280


def _birth_findings(table: _Table, birth: Column, others: list[Column], after: pd.DataFrame, rows_mask: np.ndarray,
                    severity: Severity) -> list[Finding]:
    if not rows_mask.any():
        return []
    heading = table.heading(birth)
    names = {c.name: table.heading(c) for c in others}
    note = " (an unborn child's expected date of birth?)" if severity == "warning" else ""
    expected = ("a date of birth on or before every other date in the row" if severity == "error"
                else f"an expected date of birth no more than {UNBORN_DAYS} days after the event")
    individual = (
        table.finding(
            severity,
            f"{heading!r} is after " + ", ".join(repr(names[n]) for n in after.columns[flags]) + note,
            row=int(r),
            column=heading,
            expected=expected,
        )
        for r, flags in zip(table.rows()[rows_mask], after.to_numpy()[rows_mask], strict=True)
    )
    return _capped(
        int(rows_mask.sum()),
        individual,
        lambda total, shown: table.finding(
            severity,
            f"{total - shown} more rows have {heading!r} after another date in the row ({total} in all){note}",
            column=heading,
        ),
    )


# --- 5. dates in the future -------------------------------------------------------------------


def _future(table: _Table, as_of: date) -> list[Finding]:
    out = []
    rows = table.rows()
    limit = pd.Timestamp(as_of)
    for column in table.dataset.date_columns():
        if not table.present(column):
            continue
        values = table.dates(column)
        latest = limit + pd.Timedelta(days=UNBORN_DAYS) if column.name == "date_of_birth" else limit
        future = (values.dt.normalize() > latest).fillna(False).to_numpy(dtype=bool)
        if not future.any():
            continue
        heading = table.heading(column)
        individual = (
            table.finding(
                "error",
                f"this date is in the future (after {as_of:%d/%m/%Y})",
                row=int(r),
                column=heading,
                value=None if column.personal else _day(v),
                expected=f"a date on or before {as_of:%d/%m/%Y}",
            )
            for r, v in zip(rows[future], values[future], strict=True)
        )
        out += _capped(
            int(future.sum()),
            individual,
            lambda total, shown, heading=heading: table.finding(
                "error",
                f"{total - shown} more rows have a date in the future in this column ({total} in all)",
                column=heading,
            ),
        )
    return out


# --- 6. duplicate keys ------------------------------------------------------------------------


def _duplicates(table: _Table) -> list[Finding]:
    out = []
    rows = table.rows()
    for key in table.dataset.unique:
        columns = [table.dataset.columns[n] for n in key]
        if not all(table.present(c) for c in columns):
            continue
        sub = table.frame[list(key)].reset_index(drop=True)
        complete = sub.notna().all(axis=1)
        duplicated = sub.duplicated(keep=False) & complete
        if not duplicated.any():
            continue
        duplicate_positions = np.flatnonzero(duplicated.to_numpy())
        groups = sub.iloc[duplicate_positions].groupby(list(key), sort=False, dropna=False).indices
        headings = [table.heading(c) for c in columns]
        what = " and ".join(repr(h) for h in headings)
        personal = any(c.personal for c in columns)

        def individual(
            groups=groups, duplicate_positions=duplicate_positions, headings=headings, what=what, personal=personal
        ):
            for values, positions in groups.items():  # in order of first appearance
                group_rows = sorted(int(rows[duplicate_positions[p]]) for p in positions)
                values = values if isinstance(values, tuple) else (values,)
                shown = (
                    None if personal else "; ".join(_day(v) if isinstance(v, pd.Timestamp) else str(v) for v in values)
                )
                yield table.finding(
                    "error",
                    f"rows {_rows_text(group_rows)} have the same {what}",
                    row=group_rows[0],
                    column=headings[0],
                    value=shown,
                    expected=f"each {what} once only",
                )

        out += _capped(
            len(groups),
            individual(),
            lambda total, shown, what=what, headings=headings: table.finding(
                "error",
                f"{total - shown} more sets of rows share the same {what} ({total} sets in all)",
                column=headings[0],
            ),
        )
    return out


# --- 7. coverage of the period ----------------------------------------------------------------


def _list_number(dataset: Dataset) -> int | None:
    if dataset.kind != "annex_a":
        return None
    return int(dataset.key.rsplit("_", 1)[1])


def _coverage(table: _Table, period: Period | None) -> list[Finding]:
    dataset = table.dataset
    if len(table.frame) == 0:
        return [table.finding("warning", "the file has headings but no rows: pages using it will show zeros or n/a")]
    if period is None or dataset.coverage != "flow":
        return []  # snapshots and termly returns are not expected to span the year
    dated_by = dataset.columns[dataset.dated_by]
    values = table.dates(dated_by).dropna() if dated_by.name in table.frame else pd.Series(dtype="datetime64[us]")
    if not table.present(dated_by) or values.empty:
        return []
    first, last = values.min().normalize(), values.max().normalize()
    heading = table.heading(dated_by)
    noun = "list" if dataset.kind == "annex_a" else "extract"
    number = _list_number(dataset)
    out = []
    if last < pd.Timestamp(period.start):
        severity = "error" if number in COVERAGE_ERROR_LISTS else "warning"
        out.append(
            table.finding(
                severity,
                f"the {noun} ends on {_day(last)} (latest {heading!r}), before the period {period.label} starts: "
                "is this an old extract?",
                column=heading,
                expected=f"records up to {period.end:%d/%m/%Y}",
            )
        )
    fy_start = period.financial_year_start
    if first > pd.Timestamp(fy_start):
        out.append(
            table.finding(
                "warning",
                f"the {noun} starts on {_day(first)} (earliest {heading!r}), after the financial year "
                f"{period.financial_year_label} starts on {fy_start:%d/%m/%Y}: year-to-date figures will be incomplete",
                column=heading,
                expected=f"records from {fy_start:%d/%m/%Y}",
            )
        )
    trend_start = period.shift(-12).start
    if first > pd.Timestamp(trend_start):
        out.append(
            table.finding(
                "warning",
                f"the {noun} starts on {_day(first)} (earliest {heading!r}), after {trend_start:%d/%m/%Y}: "
                "the 13-month trend will be incomplete",
                column=heading,
                expected=f"records from {trend_start:%d/%m/%Y}",
            )
        )
    return out


# --- report -----------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _line(finding: Finding) -> str:
    where = []
    if finding.row is not None:
        where.append(f"row {finding.row}")
    if finding.column:
        where.append(f"column {finding.column!r}")
    found = f" (found {finding.value!r})" if finding.value not in (None, "") else ""
    expected = f"; expected {finding.expected}" if finding.expected else ""
    place = f"{', '.join(where)}: " if where else ""
    return f"  {finding.severity.upper():7} {place}{finding.message}{found}{expected}"


def summarise(findings: list[Finding]) -> str:
    """A readable report of the findings, grouped by file (and sheet), files with errors first.

    Lists and extracts that were not supplied are listed together at the end.
    """
    if not findings:
        return "Input check: no problems found."
    errors = sum(f.is_error for f in findings)
    missing = [f for f in findings if f.message.endswith(NOT_SUPPLIED) and not f.is_error]
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in findings:
        if finding not in missing:
            groups.setdefault((finding.file, finding.sheet), []).append(finding)
    lines = [
        f"Input check: {_plural(errors, 'error')} and {_plural(len(findings) - errors, 'warning')}"
        + (f" in {_plural(len(groups), 'file')}" if groups else "")
        + (f"; {len(missing)} lists or extracts not supplied" if missing else "")
        + "."
    ]
    ordered = sorted(groups.items(), key=lambda item: not any(f.is_error for f in item[1]))
    for (file, sheet), group in ordered:
        n_errors = sum(f.is_error for f in group)
        title = f"{file}, sheet {sheet!r}" if sheet else file
        lines += ["", f"{title}: {_plural(n_errors, 'error')}, {_plural(len(group) - n_errors, 'warning')}"]
        lines += [_line(f) for f in sorted(group, key=lambda f: not f.is_error)]
    if missing:
        lines += ["", "Not supplied (pages using these will show n/a):"]
        lines += [
            f"  {f.message.removesuffix(NOT_SUPPLIED).strip()} [{f.file}"
            + (f", sheet {f.sheet!r}]" if f.sheet else "]")
            for f in missing
        ]
    return "\n".join(lines)
