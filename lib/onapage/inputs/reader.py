"""Read the input folder: find each list and extract, match its headings, type its values.

Problems never raise: each becomes a `Finding` in `InputSet.findings`, and a dataset that
cannot be read is left out of `InputSet.frames` (pages using it show n/a).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from onapage.contract import Column, Dataset, load_contract, loose_heading, normalise_heading
from onapage.inputs.files import (
    WORKBOOK_SUFFIXES,
    Candidate,
    ReadProblem,
    column_letter,
    dataset_title,
    expected_file_names,
    extract_for,
    is_hidden,
    list_for,
    open_workbook,
    read_csv_cells,
    read_sheet_cells,
    sha256,
)
from onapage.inputs.model import NOT_SUPPLIED, FileConventions, InputSet, Source
from onapage.inputs.values import (
    Conventions,
    date_order,
    decimal_comma_evidence,
    empty_column,
    parse_column,
    parse_text,
    zero_padded,
)
from onapage.validation.findings import Finding

HEADER_SEARCH_ROWS = 25  # the heading row may sit below title, instruction and guidance rows


def read_inputs(input_dir: Path) -> InputSet:
    """Read every Annex A list and supplementary extract found in `input_dir`."""
    input_dir = Path(input_dir)
    result = InputSet()
    if not input_dir.is_dir():
        result.findings.append(
            Finding(
                "error",
                "",
                input_dir.name or str(input_dir),
                "the input folder does not exist",
                expected=f"a folder holding {expected_file_names()}",
            )
        )
        return result

    candidates, workbooks = _locate(input_dir, result.findings)
    hashes: dict[Path, str] = {}  # a workbook is hashed once for all its sheets
    contract = load_contract()
    for key, dataset in contract.datasets.items():
        found = _prefer_visible(candidates.get(key, []))
        if not found:
            result.findings.append(_not_supplied(dataset, workbooks))
            continue
        if len(found) > 1:
            result.findings.append(
                Finding(
                    "error",
                    key,
                    found[0].path.name,
                    f"{dataset_title(dataset)} is supplied more than once: in "
                    + " and in ".join(c.where for c in found)
                    + "; neither is used until only one is left",
                    expected="each list or extract in one place only",
                )
            )
            continue
        _load(found[0], dataset, workbooks, hashes, result)
    for workbook in workbooks.values():
        if workbook is not None:
            workbook.close()
    return result


# --- finding the files ------------------------------------------------------------------------


def _locate(input_dir: Path, findings: list[Finding]) -> tuple[dict[str, list[Candidate]], dict]:
    candidates: dict[str, list[Candidate]] = {}
    workbooks: dict[Path, object] = {}
    for path in sorted(input_dir.iterdir()):
        name = path.name
        if not path.is_file() or name.startswith((".", "~$")):
            continue
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES or suffix == ".xls":
            try:
                workbook = open_workbook(path)
            except ReadProblem as problem:
                findings.append(Finding("error", "", name, str(problem), expected="an Excel workbook (.xlsx)"))
                workbooks[path] = None
                continue
            workbooks[path] = workbook
            used = False
            for sheet in workbook.sheetnames:
                if key := list_for(sheet):
                    candidates.setdefault(key, []).append(Candidate(key, path, sheet, is_hidden(workbook, sheet)))
                    used = True
            if not used:
                findings.append(
                    Finding(
                        "warning",
                        "",
                        name,
                        "no sheet of this workbook is an Annex A list, so it is ignored",
                        expected="sheets named 'List 1' ... 'List 11'",
                        value=", ".join(workbook.sheetnames),
                    )
                )
        elif suffix == ".csv":
            key = list_for(path.stem) or extract_for(path.stem)
            if key:
                candidates.setdefault(key, []).append(Candidate(key, path))
            else:
                findings.append(
                    Finding(
                        "warning",
                        "",
                        name,
                        "this file name is not one onapage knows, so the file is ignored",
                        expected=expected_file_names(),
                    )
                )
    return candidates, workbooks


def _prefer_visible(found: list[Candidate]) -> list[Candidate]:
    """A hidden sheet (an old copy, a lookup) gives way to a visible one holding the same list."""
    visible = [c for c in found if not c.hidden]
    return visible or found


def _not_supplied(dataset: Dataset, workbooks: dict) -> Finding:
    readable = [p for p, w in workbooks.items() if w is not None]
    if dataset.kind == "annex_a" and readable:
        file, sheet = readable[0].name, dataset.sheet
    else:
        file, sheet = f"{dataset.key}.csv", None
    return Finding(
        "warning",
        dataset.key,
        file,
        f"{dataset_title(dataset)} {NOT_SUPPLIED}",
        sheet=sheet,
    )


# --- one dataset ------------------------------------------------------------------------------


@dataclass
class _Match:
    column: Column
    position: int
    heading: str
    rank: int  # 0: the printed heading, 1: the column name, 2: an alias, 3: a loose match, 4: a similar one


class _HeadingIndex:
    """Every accepted spelling of a dataset's headings, exact first, then loosely folded.

    Ranks: 0 the printed heading, 1 the column name, 2 an alias, 3 a loose match (filler words
    such as "Is this a" and "(Y/N)" ignored).
    """

    def __init__(self, dataset: Dataset):
        self.exact: dict[str, tuple[Column, int]] = {}
        self.loose: dict[str, tuple[Column, int]] = {}
        for column in dataset.columns.values():
            spellings = [(column.heading, 0), (column.name, 1)] + [(a, 2) for a in column.aliases]
            for spelling, rank in spellings:
                for index, key, rank_here in (
                    (self.exact, normalise_heading(spelling), rank),
                    (self.loose, loose_heading(spelling), 3),
                ):
                    if key and (key not in index or rank_here < index[key][1]):
                        index[key] = (column, rank_here)

    def find(self, heading: str) -> tuple[Column, int] | None:
        if not heading:
            return None
        return self.exact.get(normalise_heading(heading)) or self.loose.get(loose_heading(heading))


def _header_row(cells: pd.DataFrame, index: _HeadingIndex) -> int | None:
    """The spreadsheet row (among the first few) whose cells match the most contract headings."""
    best_row, best_count = None, 0
    for row in cells.index[:HEADER_SEARCH_ROWS]:
        found = (index.find(parse_text(v) or "") for v in cells.loc[row])
        names = {match[0].name for match in found if match}
        if len(names) > best_count:
            best_row, best_count = row, len(names)
    return best_row


def _load(candidate: Candidate, dataset: Dataset, workbooks: dict, hashes: dict, result: InputSet) -> None:
    file, sheet = candidate.path.name, candidate.sheet

    def finding(severity, message, **fields) -> Finding:
        return Finding(severity, dataset.key, file, message, sheet=sheet, **fields)

    try:
        cells = read_csv_cells(candidate.path) if sheet is None else read_sheet_cells(workbooks[candidate.path], sheet)
    except ReadProblem as problem:
        result.findings.append(finding("error", str(problem), expected=f"{dataset_title(dataset)} as a table"))
        return

    if candidate.hidden:
        result.findings.append(finding("warning", "the sheet is hidden in Excel; it is read all the same"))
    index = _HeadingIndex(dataset)
    header_row = _header_row(cells, index)
    if header_row is None:
        examples = ", ".join(repr(c.heading) for c in dataset.column_list()[:4])
        result.findings.append(
            finding(
                "error",
                f"no heading row found: none of the first {HEADER_SEARCH_ROWS} rows has the headings "
                f"of {dataset_title(dataset)}",
                expected=f"a heading row with columns such as {examples}",
            )
        )
        return

    headings = [parse_text(v) or "" for v in cells.loc[header_row]]
    data = cells.loc[header_row + 1 :]
    data.index.name = "row"

    matches: dict[str, _Match] = {}
    unknown: list[str] = []
    similar = _similar_headings(headings, index, dataset)
    for position, heading in enumerate(headings):
        found = index.find(heading) or similar.get(position)
        if found is None:
            has_data = _has_values(data[position])
            if heading or has_data:
                unknown.append(repr(heading) if heading else f"(no heading, column {column_letter(position)})")
            continue
        if position in similar:
            result.findings.append(
                finding(
                    "warning",
                    f"heading {heading!r} is read as {found[0].heading!r}, the closest the contract knows",
                    column=heading,
                    expected=f"{found[0].heading!r} as the template prints it",
                )
            )
        column, rank = found
        match = _Match(column, position, heading, rank)
        previous = matches.get(column.name)
        if previous is None:
            matches[column.name] = match
            continue
        kept, dropped = (match, previous) if rank < previous.rank else (previous, match)
        matches[column.name] = kept
        result.findings.append(
            finding(
                "warning",
                f"two columns are {column.heading!r}: using {kept.heading!r} "
                f"(column {column_letter(kept.position)}) and ignoring {dropped.heading!r} "
                f"(column {column_letter(dropped.position)})",
                column=dropped.heading,
            )
        )
    if unknown:
        result.findings.append(
            finding(
                "warning",
                f"{len(unknown)} column(s) not in the contract for {dataset_title(dataset)} are "
                "ignored: " + ", ".join(unknown),
            )
        )

    absent: set[str] = set()  # columns a later template edition added, blank in a list of an earlier one
    if earlier := _earlier_edition(dataset, matches):
        columns, message = earlier
        absent = {c.name for c in columns}
        result.findings.append(finding("warning", message, expected="those columns, for the figures that use them"))
    missing = [c for c in dataset.column_list() if c.required and c.name not in matches and c.name not in absent]
    unmatched = [h for h in headings if index.find(h) is None]
    for column in missing:  # reported; the column is loaded as blank so that other checks still run
        result.findings.append(_missing_column(finding, column, unmatched))

    found = {name: data[m.position] for name, m in matches.items()}
    conventions = _conventions(dataset, found)
    frame: dict[str, pd.Series] = {}
    unreadable: dict[str, pd.DataFrame] = {}
    placeholders: dict[str, dict[str, int]] = {}
    no_dates: dict[str, dict[str, int]] = {}
    leading_zeros: dict[str, pd.Index] = {}
    for column in dataset.column_list():
        if column.name not in found:
            frame[column.name] = empty_column(column, data.index)
            continue
        if column.type == "id" and len(padded := _zero_padded_rows(found[column.name])):
            leading_zeros[column.name] = padded
        how = Conventions(bool(conventions.decimal_comma), column.name in conventions.month_first)
        parsed = parse_column(found[column.name], column, how)
        frame[column.name] = parsed.values
        if len(parsed.unreadable):
            unreadable[column.name] = parsed.unreadable
        if parsed.placeholders:
            placeholders[column.name] = parsed.placeholders
        if parsed.no_dates:
            no_dates[column.name] = parsed.no_dates
    if candidate.path not in hashes:
        hashes[candidate.path] = sha256(candidate.path)
    result.frames[dataset.key] = pd.DataFrame(frame, index=data.index)
    result.unreadable[dataset.key] = unreadable
    result.placeholders[dataset.key] = placeholders
    result.no_dates[dataset.key] = no_dates
    result.conventions[dataset.key] = conventions
    if leading_zeros:
        result.leading_zeros[dataset.key] = leading_zeros
    result.sources[dataset.key] = Source(
        path=candidate.path,
        sheet=sheet,
        sha256=hashes[candidate.path],
        rows=len(data),
        header_row=int(header_row),
        headings={name: m.heading for name, m in matches.items()},
    )


def _zero_padded_rows(raw: pd.Series) -> pd.Index:
    """The rows whose ID is a number written with leading zeros (judged on the distinct values)."""
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object))
    padded = np.fromiter((zero_padded(v) for v in uniques), dtype=bool, count=len(uniques))
    if not padded.any():
        return raw.index[:0]
    return raw.index[np.isin(codes, np.flatnonzero(padded))]


def _conventions(dataset: Dataset, found: dict[str, pd.Series]) -> FileConventions:
    """The file's decimal mark (from all its numbers) and date order (per column; a column with no
    evidence of its own follows the file's other date columns)."""
    numbers = [c for c in dataset.column_list() if c.type in ("int", "number") and c.name in found]
    comma = decimal_comma_evidence(v for c in numbers for v in pd.unique(found[c.name].to_numpy(dtype=object)))
    orders = {}
    for column in dataset.date_columns():
        values = pd.unique(found[column.name].to_numpy(dtype=object)) if column.name in found else ()
        if order := date_order(values, column.month_start):
            orders[column.name] = order
    month_first = {name: evidence for name, (order, evidence) in orders.items() if order == "mdy"}
    day_first = {name: evidence for name, (order, evidence) in orders.items() if order == "dmy"}
    if month_first and not day_first:  # the file writes month first: so do its columns without evidence
        shown = next(iter(month_first.values()))
        for column in dataset.date_columns():
            month_first.setdefault(column.name, f"as the file's other dates ({shown})")
    return FileConventions(comma, month_first, day_first)


SIMILAR = 0.85  # how alike (0-1, filler words aside) an unknown heading must be to a known one


def _similar_headings(headings: list[str], index: _HeadingIndex, dataset: Dataset) -> dict[int, tuple[Column, int]]:
    """Headings no spelling matches but one known heading closely resembles ("Date of Last IRO Visit to
    the Child" for "Date of Last IRO Visit / Contact to the Child"), paired one to one, best first."""
    taken = {found[0].name for h in headings if (found := index.find(h))}
    open_columns = [c for c in dataset.column_list() if c.name not in taken]
    pairs = []
    for position, heading in enumerate(headings):
        key = loose_heading(heading)
        if not key or index.find(heading):
            continue
        for column in open_columns:
            score = max(difflib.SequenceMatcher(None, key, loose_heading(h)).ratio() for h in column.headings())
            if score >= SIMILAR:
                pairs.append((score, position, column))
    out: dict[int, tuple[Column, int]] = {}
    for _, position, column in sorted(pairs, key=lambda p: -p[0]):
        if position not in out and column.name not in {c.name for c, _ in out.values()}:
            out[position] = (column, 4)
    return out


def _has_values(cells: pd.Series) -> bool:
    """Whether any cell holds something other than spaces (judged on the distinct values)."""
    _, uniques = pd.factorize(cells.to_numpy(dtype=object))
    return any(not isinstance(v, str) or v.strip() for v in uniques)


def _earlier_edition(dataset: Dataset, matches: dict) -> tuple[list[Column], str] | None:
    """A list in the layout of a template edition before one that added columns to it (List 9 as the
    2020 edition prints it, without the four columns the 2023 edition added): the file has none of the
    columns an edition added (their `since`). Those columns are read as blank, not refused, with one
    warning; figures reading them are n/a. Returns the columns and the warning's text, or None."""
    template = load_contract().template
    added: dict[str, list[Column]] = {}
    for column in dataset.column_list():
        if column.since:
            added.setdefault(column.since, []).append(column)
    absent = {since: columns for since, columns in added.items() if not any(c.name in matches for c in columns)}
    if not absent:
        return None
    since = min(absent, key=list(template.editions).index)  # the list is laid out as an edition before this
    columns = [c for group in absent.values() for c in group]
    before = template.earlier_than(since)
    layout = f"the template's {before[0]} edition" if len(before) == 1 else f"a template edition before {since}"
    which = f"the {since} edition" if len(absent) == 1 else f"editions from {since}"
    message = (
        f"{dataset_title(dataset)} is laid out as {layout}: it has none of the {len(columns)} columns {which} "
        f"added ({', '.join(repr(c.heading) for c in columns)}), which are read as blank; figures using them show n/a"
    )
    return columns, message


def _missing_column(finding, column: Column, unmatched: list[str]) -> Finding:
    targets = {normalise_heading(h) for h in column.headings()}
    scores = []
    for heading in unmatched:
        folded = normalise_heading(heading)
        if folded:
            score = max(difflib.SequenceMatcher(None, folded, t).ratio() for t in targets)
            if score >= 0.6:
                scores.append((score, heading))
    close = [h for _, h in sorted(scores, reverse=True)[:3]]
    hint = f"; the closest headings in the file are {', '.join(map(repr, close))}" if close else ""
    also = f" (or {', '.join(map(repr, column.aliases))})" if column.aliases else ""
    return finding(
        "error",
        f"required column {column.heading!r} not found{hint}",
        column=column.heading,
        expected=f"a column headed {column.heading!r}{also}",
    )
