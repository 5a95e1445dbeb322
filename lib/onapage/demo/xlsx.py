"""A small, fast, reproducible .xlsx writer: text, numbers and genuine date cells, one sheet per list.

openpyxl writes about 20,000 cells a second without lxml, too slow for a million-cell demo workbook;
this writes the same SpreadsheetML directly (shared strings, one date style), and its bytes depend only
on the cells, so the same seed gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
DATE_FORMATS = {"iso": ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"), "dmy": ("dd/mm/yyyy", "dd/mm/yyyy hh:mm")}

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OOXML = "http://schemas.openxmlformats.org"
MAIN_NS = f"{OOXML}/spreadsheetml/2006/main"
DOC_RELS = f"{OOXML}/officeDocument/2006/relationships"
SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CORE = (
    XML_HEAD + f'<cp:coreProperties xmlns:cp="{OOXML}/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>onapage demo generator</dc:creator>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
)


def _content_types(n_sheets: int) -> str:
    parts = {
        "/xl/workbook.xml": f"{SHEETML}.sheet.main+xml",
        "/xl/styles.xml": f"{SHEETML}.styles+xml",
        "/xl/sharedStrings.xml": f"{SHEETML}.sharedStrings+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    } | {f"/xl/worksheets/sheet{i}.xml": f"{SHEETML}.worksheet+xml" for i in range(1, n_sheets + 1)}
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in parts.items())
    return (
        XML_HEAD + f'<Types xmlns="{OOXML}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )


def _relationships(rels: list[tuple[str, str, str]]) -> str:
    """A .rels part from (id, type URL, target) triples."""
    body = "".join(f'<Relationship Id="{i}" Type="{kind}" Target="{target}"/>' for i, kind, target in rels)
    return XML_HEAD + f'<Relationships xmlns="{OOXML}/package/2006/relationships">{body}</Relationships>'


def _workbook(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    return XML_HEAD + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_RELS}"><sheets>{sheets}</sheets></workbook>'


_STYLES = (
    XML_HEAD
    + f"""<styleSheet xmlns="{MAIN_NS}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="{{date}}"/>\
<numFmt numFmtId="165" formatCode="{{datetime}}"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
)
_SHEET_HEAD = XML_HEAD + f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:{{last}}"/><sheetData>'
_SHEET_TAIL = "</sheetData></worksheet>"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def serial(value: dt.date) -> float | int:
    """Excel's day number for a date (with the time of day as a fraction for a datetime)."""
    if isinstance(value, dt.datetime):
        delta = value - EXCEL_EPOCH
        return round(delta.days + delta.seconds / 86400, 6)
    return (value - EXCEL_EPOCH.date()).days


class SharedStrings:
    """Text is stored once per workbook and cells point at it, as Excel does (and readers parse it fastest)."""

    def __init__(self):
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        preserve = ' xml:space="preserve"'  # keep leading/trailing spaces (drifted headings have them)
        items = "".join(f"<si><t{preserve if t != t.strip() else ''}>{escape(t)}</t></si>" for t in self.index)
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" count="{len(self.index)}" uniqueCount="{len(self.index)}">{items}</sst>'
        )


def _cell(ref: str, value, strings: SharedStrings, style: int = 0) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # attributes in Excel's order (r, s, t), which the fast reader expects
        bold = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{bold} t="s"><v>{strings(value)}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="2"><v>{serial(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="1"><v>{serial(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(header: list[str], columns: list[list], strings: SharedStrings) -> str:
    """A worksheet from a header row and column-wise cell values (None is an empty cell)."""
    letters = [column_letter(i) for i in range(len(header))]
    n_rows = len(columns[0]) if columns else 0
    head = _SHEET_HEAD.format(last=f"{letters[-1] if letters else 'A'}{n_rows + 1}")  # readers size the sheet from this
    parts = [
        head,
        '<row r="1">',
        *(_cell(f"{L}1", h, strings, style=3) for L, h in zip(letters, header, strict=True)),
        "</row>",
    ]
    rendered = [
        [_cell(f"{L}{r + 2}", v, strings) for r, v in enumerate(values)]
        for L, values in zip(letters, columns, strict=True)
    ]
    for r in range(n_rows):
        parts.append(f'<row r="{r + 2}">')
        parts.extend(col[r] for col in rendered)
        parts.append("</row>")
    parts.append(_SHEET_TAIL)
    return "".join(parts)


def write_xlsx(
    path: Path, sheets: list[tuple[str, list[str], list[list]]], *, when: dt.date, title: str, date_style: str = "iso"
) -> None:
    """Write sheets [(name, header, columns)] to a workbook whose bytes depend only on its content."""
    date_fmt, datetime_fmt = DATE_FORMATS[date_style]
    stamp = f"{when.isoformat()}T00:00:00Z"
    names = [name for name, _, _ in sheets]
    sheet_rels = [(f"rId{i}", f"{DOC_RELS}/worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(sheets) + 1)]
    files = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _relationships(
            [
                ("rId1", f"{DOC_RELS}/officeDocument", "xl/workbook.xml"),
                ("rId2", f"{OOXML}/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ]
        ),
        "docProps/core.xml": _CORE.format(title=escape(title), stamp=stamp),
        "xl/workbook.xml": _workbook(names),
        "xl/_rels/workbook.xml.rels": _relationships(
            [
                *sheet_rels,
                ("rIdStyles", f"{DOC_RELS}/styles", "styles.xml"),
                ("rIdStrings", f"{DOC_RELS}/sharedStrings", "sharedStrings.xml"),
            ]
        ),
        "xl/styles.xml": _STYLES.format(date=date_fmt, datetime=datetime_fmt),
    }
    strings = SharedStrings()
    for i, (_, header, columns) in enumerate(sheets):
        files[f"xl/worksheets/sheet{i + 1}.xml"] = sheet_xml(header, columns, strings)
    files["xl/sharedStrings.xml"] = strings.xml()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
