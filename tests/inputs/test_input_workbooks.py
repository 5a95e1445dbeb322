"""The fast .xlsx cell reader agrees with openpyxl, whatever wrote the workbook."""

import re
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest

from onapage.inputs.files import _openpyxl_rows
from onapage.inputs.xlsx import Workbook

ROWS = [
    ["Child Unique ID", "Team & Unit", "Date of Contact", "Count", "Rate", "Flag", "Time", "Note"],
    ["C1", "A <north>", datetime(2019, 2, 28), 3, 2.5, True, time(10, 30), "café"],
    ["C2", None, date(2019, 3, 1), 43524, 0.1, False, None, "  padded  "],
    [],
    [None, None, datetime(2019, 2, 28, 10, 30), -1, 1e-7, None, None, "last"],
]


def by_row(rows):
    """Row number -> cells without trailing blanks, for rows holding a value."""
    out = {}
    for number, cells in rows:
        cells = list(cells)
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            out[number] = cells
    return out


def openpyxl_cells(path, sheet):
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return by_row(_openpyxl_rows(book, sheet))
    finally:
        book.close()


def write_openpyxl(path, write_only):
    book = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    sheet = book.create_sheet("List 1")
    for row in ROWS:
        sheet.append(row)
    book.save(path)


@pytest.mark.parametrize("write_only", [False, True], ids=["shared-strings", "inline-strings"])
def test_fast_reader_agrees_with_openpyxl(tmp_path, write_only):
    path = tmp_path / "book.xlsx"
    write_openpyxl(path, write_only)
    fast = by_row(Workbook(path).rows("List 1"))
    assert fast == openpyxl_cells(path, "List 1")
    assert fast[2][2] == datetime(2019, 2, 28) and fast[2][1] == "A <north>" and fast[2][3] == "3"
    assert fast[3][3] == "43524"  # a plain number stays a number: the column type decides


def test_fast_reader_agrees_with_openpyxl_on_an_xlsxwriter_workbook(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("List 7")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if isinstance(value, (date, datetime)):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, time):
                sheet.write_datetime(
                    r, c, datetime.combine(date(1899, 12, 31), value), book.add_format({"num_format": "hh:mm"})
                )
            elif value is not None:
                sheet.write(r, c, value)
    sheet.write_formula(6, 0, "=1+1", None, 2)
    book.close()
    fast = by_row(Workbook(path).rows("List 7"))
    assert fast == openpyxl_cells(path, "List 7")
    assert fast[7] == ["2"]


def _rewrite_sheet(path, out, change):
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)


def test_unusual_cell_layouts_take_the_general_path_and_agree(tmp_path):
    path, odd = tmp_path / "book.xlsx", tmp_path / "odd.xlsx"
    write_openpyxl(path, write_only=False)

    def prefix_everything(xml):  # namespace prefixes and attributes in another order
        xml = xml.replace(
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        )
        xml = re.sub(
            r"<(/?)(worksheet|sheetData|row|c|v|is|t|sheetPr|dimension|sheetViews|sheetView|selection|"
            r"sheetFormatPr|pageMargins|outlinePr|pageSetUpPr|cols|col)\b",
            r"<\1x:\2",
            xml,
        )
        return re.sub(r'<x:c r="([A-Z]+\d+)"( s="\d+")?( t="\w+")?', r'<x:c\3\2 r="\1"', xml)

    _rewrite_sheet(path, odd, prefix_everything)
    book = Workbook(odd)
    assert book._plain_rows(book._text(book._sheets["List 1"])) is None  # really the general path
    assert by_row(book.rows("List 1")) == by_row(Workbook(path).rows("List 1"))


def test_1904_date_system(tmp_path):
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active.title = "List 1"
    book.active.append(["Date of Contact"])
    book.active.append([datetime(2019, 2, 28)])
    book.save(path)
    assert by_row(Workbook(path).rows("List 1"))[2] == [datetime(2019, 2, 28)]
