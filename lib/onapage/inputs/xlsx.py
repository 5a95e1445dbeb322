"""A small, fast reader for the cells of .xlsx worksheets.

openpyxl builds an object per cell and takes 15-25 seconds for a 60,000-row Annex A
workbook; the lists need only each cell's value, so this reader scans the sheet XML with
regular expressions (about ten times faster) and uses openpyxl's own rules to tell date
formats from number formats. Values come out as `values.cell_text` gives them for openpyxl
cells, so the two readers agree; `files.read_sheet_cells` falls back to openpyxl if this
reader meets a workbook it does not understand (`XlsxFormatError`).
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from onapage.inputs.values import cell_text


class XlsxFormatError(Exception):
    """The workbook uses a structure this reader does not handle."""


_P = r"(?:[\w.-]+:)?"  # an optional namespace prefix ("x:c")
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')
_SHEET = re.compile(rf"<{_P}sheet\b([^>]*)/?>")
_REL = re.compile(r"<(?:[\w.-]+:)?Relationship\b([^>]*)/?>")
_SI = re.compile(rf"<{_P}si\b[^>]*?(?:/>|>(.*?)</{_P}si>)", re.S)
_T = re.compile(rf"<{_P}t\b[^>]*?(?:/>|>(.*?)</{_P}t>)", re.S)
_RPH = re.compile(rf"<{_P}rPh\b.*?</{_P}rPh>", re.S)
_NUMFMT = re.compile(rf"<{_P}numFmt\b([^>]*)/?>")
_CELLXFS = re.compile(rf"<{_P}cellXfs\b[^>]*>(.*?)</{_P}cellXfs>", re.S)
_XF = re.compile(rf"<{_P}xf\b([^>]*?)(?:/>|>)")
_ROW = re.compile(rf"<{_P}row\b([^>]*?)(?:/>|>(.*?)</{_P}row>)", re.S)
_CELL = re.compile(rf"<{_P}c\b([^>]*?)(?:/>|>(.*?)</{_P}c>)", re.S)
_V = re.compile(rf"<{_P}v\b[^>]*>(.*?)</{_P}v>", re.S)
_IS = re.compile(rf"<{_P}is\b[^>]*>(.*?)</{_P}is>", re.S)
_REF = re.compile(r"([A-Z]+)(\d+)")
# The cell layout Excel, openpyxl and XlsxWriter all write: attributes r, s, t in that order,
# an optional formula, then a value or an inline string. Sheets with any other layout take
# the general path.
_PLAIN_CELL = re.compile(
    r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?\s*(?:/>|>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?'
    r'(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>|<is>(.*?)</is>)?</c>)',
    re.S,
)
_SIMPLE_T = re.compile(r'^<t(?: xml:space="preserve")?>([^<]*)</t>$')
_DATE1904 = re.compile(r"date1904\s*=\s*\"(1|true)\"", re.I)


def _attrs(text: str) -> dict[str, str]:
    return dict(_ATTR.findall(text))


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


class Workbook:
    """The sheets of one .xlsx file, read on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(path)
            names = set(self._zip.namelist())
        except (zipfile.BadZipFile, OSError) as error:
            raise XlsxFormatError(str(error)) from None
        if "xl/workbook.xml" not in names:
            raise XlsxFormatError("no xl/workbook.xml")
        self._names = names
        workbook = self._text("xl/workbook.xml")
        self._epoch = datetime(1904, 1, 1) if _DATE1904.search(workbook) else datetime(1899, 12, 30)
        rels = {}
        if "xl/_rels/workbook.xml.rels" in names:
            for attrs in map(_attrs, _REL.findall(self._text("xl/_rels/workbook.xml.rels"))):
                target = attrs.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                rels[attrs.get("Id")] = (target, attrs.get("Type", ""))
        self._sheets: dict[str, str | None] = {}
        self.hidden: set[str] = set()  # sheets hidden in Excel ("hidden" or "veryHidden")
        for attrs in map(_attrs, _SHEET.findall(workbook)):
            rel_id = next((v for k, v in attrs.items() if k.endswith(":id")), None)
            target, kind = rels.get(rel_id, (None, ""))
            name = _unescape(attrs.get("name", ""))
            self._sheets[name] = target if kind.endswith("/worksheet") else None
            if attrs.get("state", "visible") != "visible":
                self.hidden.add(name)
        self._shared: list[str] | None = None
        self._dates: list[bool] | None = None

    @property
    def sheetnames(self) -> list[str]:
        return list(self._sheets)

    def close(self) -> None:
        self._zip.close()

    def _text(self, name: str) -> str:
        return self._zip.read(name).decode("utf-8")

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = []
            if "xl/sharedStrings.xml" in self._names:
                for body in _SI.findall(self._text("xl/sharedStrings.xml")):
                    body = _RPH.sub("", body or "")
                    self._shared.append(_unescape("".join(t or "" for t in _T.findall(body))))
        return self._shared

    def _date_styles(self) -> list[bool]:
        """For each cell style index, whether its number format shows a date."""
        if self._dates is None:
            self._dates = []
            if "xl/styles.xml" in self._names:
                styles = self._text("xl/styles.xml")
                formats = dict(BUILTIN_FORMATS)
                for attrs in map(_attrs, _NUMFMT.findall(styles)):
                    formats[int(attrs.get("numFmtId", -1))] = _unescape(attrs.get("formatCode", ""))
                if match := _CELLXFS.search(styles):
                    for attrs in map(_attrs, _XF.findall(match.group(1))):
                        code = formats.get(int(attrs.get("numFmtId", 0)), "General")
                        self._dates.append(bool(code) and is_date_format(code))
        return self._dates

    def _number(self, text: str, style: int) -> object:
        number = float(text)
        dates = self._date_styles()
        if 0 <= style < len(dates) and dates[style]:
            if 0 <= number < 1:  # a time of day alone
                return cell_text((datetime(2000, 1, 1) + timedelta(days=number)).time())
            stamp = self._epoch + timedelta(days=number)
            return stamp.replace(microsecond=round(stamp.microsecond, -3) % 1_000_000)
        return cell_text(int(number) if number.is_integer() else number)

    def _value(self, kind: str, raw: str | None, inline: str | None, style: int) -> object:
        if kind == "inlineStr":
            if not inline:
                return ""
            if simple := _SIMPLE_T.match(inline):
                return _unescape(simple.group(1))
            return _unescape("".join(t or "" for t in _T.findall(_RPH.sub("", inline))))
        if raw is None:
            return ""
        if kind == "s":
            return self._shared_strings()[int(raw)]
        if kind in ("str", "e"):
            return _unescape(raw)
        if kind == "b":
            return "TRUE" if raw.strip() in ("1", "true") else "FALSE"
        if kind == "d":
            return datetime.fromisoformat(raw.strip().rstrip("Z"))
        return self._number(raw, style)

    def rows(self, sheet: str) -> list[tuple[int, list]]:
        """(spreadsheet row number, cell values) for each row of the sheet that holds a value."""
        if sheet not in self._sheets:
            raise KeyError(sheet)
        target = self._sheets[sheet]
        if target is None or target not in self._names:
            raise XlsxFormatError(f"sheet {sheet!r} is not a worksheet")
        xml = self._text(target)
        rows = self._plain_rows(xml)
        return rows if rows is not None else self._general_rows(xml)

    def _plain_rows(self, xml: str) -> list[tuple[int, list]] | None:
        """The common layout, in one pass over the sheet; None if any cell is laid out otherwise."""
        matches = _PLAIN_CELL.findall(xml)
        starts = xml.count("<c ") + xml.count("<c>") + xml.count(":c ") + xml.count(":c>")
        if len(matches) != starts:
            return None
        columns: dict[str, int] = {}
        numbers: dict[tuple[str, str], object] = {}
        shared = self._shared_strings()
        out: list[tuple[int, list]] = []
        current, cells = -1, []
        for letters, row, style, kind, raw, text, inline in matches:
            if kind == "s":
                value = shared[int(raw)]
            elif text:
                value = _unescape(text)
            elif kind in ("", "n") and raw:
                key = (raw, style)
                value = numbers.get(key)
                if value is None:
                    value = numbers[key] = self._number(raw, int(style or 0))
            else:
                value = self._value(kind or "n", raw or None, inline or None, int(style or 0))
            if value == "":
                continue
            number = int(row)
            if number != current:
                cells = []
                out.append((number, cells))
                current = number
            position = columns.get(letters)
            if position is None:
                position = columns[letters] = _column_index(letters)
            if position >= len(cells):
                cells.extend([""] * (position + 1 - len(cells)))
            cells[position] = value
        return out

    def _general_rows(self, xml: str) -> list[tuple[int, list]]:
        out: list[tuple[int, list]] = []
        previous_row = 0
        for row_attrs, body in _ROW.findall(xml):
            number_text = _attrs(row_attrs).get("r")
            number = int(number_text) if number_text else previous_row + 1
            previous_row = number
            cells: list = []
            position = -1
            for cell_attrs, content in _CELL.findall(body or ""):
                attrs = _attrs(cell_attrs)
                ref = attrs.get("r")
                position = _column_index(_REF.match(ref).group(1)) if ref else position + 1
                kind = attrs.get("t", "n")
                inline = _IS.search(content or "")
                found = _V.search(content or "")
                value = self._value(
                    kind,
                    found.group(1) if found else None,
                    inline.group(1) if inline else None,
                    int(attrs.get("s", 0)),
                )
                if value == "":
                    continue
                if position >= len(cells):
                    cells.extend([""] * (position + 1 - len(cells)))
                cells[position] = value
            out.append((number, cells))
        return out
