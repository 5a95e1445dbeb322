"""Dates that extracts write for "no date": 31/12/9999 (an open end, also with a time or as an Excel date
cell) and 01/01/1900 are read as blank, counted, and reported once per file without marking the figures."""

from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from onapage.contract import Column
from onapage.inputs import read_inputs
from onapage.inputs.values import Conventions, Unreadable, parse_column, parse_datetime
from onapage.validation import validate

END = Column(name="end", heading="End", type="date")
LIST_7 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Disability", "Child Protection Plan Start Date",
          "Initial Category of Abuse", "Latest Category of Abuse", "Date of the Last Statutory Visit",
          "Was the Child Seen Alone?", "Date of latest review conference", "Child Protection Plan End Date",
          "EPO or police protection in last six months", "Number of Previous Child Protection Plans"]  # fmt: skip


def test_the_open_end_date_is_a_date_and_other_far_dates_stay_typing_slips():
    assert parse_datetime("31/12/9999") == datetime(9999, 12, 31)
    assert parse_datetime("9999-12-31 23:59:59") == datetime(9999, 12, 31, 23, 59, 59)
    assert parse_datetime(datetime(9999, 12, 31)) == datetime(9999, 12, 31)
    for slip in ("30/12/9999", "2109-01-01", datetime(9999, 1, 1)):
        with pytest.raises(Unreadable, match="not plausible"):
            parse_datetime(slip)


@pytest.mark.parametrize("column", [END, Column(name="end", heading="End", type="datetime")])
def test_no_date_dates_in_every_spelling_are_blank_and_counted(column):
    raw = ["31/12/9999", "9999-12-31", "9999-12-31 00:00:00", datetime(9999, 12, 31), "31/12/9999", "01/01/1900",
           "28/02/2019", ""]  # fmt: skip
    parsed = parse_column(pd.Series(raw, dtype=object), column)
    assert parsed.values.isna().tolist() == [True] * 6 + [False, True]
    assert parsed.unreadable.empty
    assert parsed.no_dates == {"31/12/9999": 3, "9999-12-31": 1, "9999-12-31 00:00:00": 1, "01/01/1900": 1}
    assert parsed.placeholders == {"": 1}


def test_no_date_in_a_long_column_and_in_a_month_first_file():
    days = [d.strftime("%d/%m/%Y") for d in pd.date_range("2018-01-13", periods=400)]
    parsed = parse_column(pd.Series(["31/12/9999"] * 500 + days, dtype=object), END)
    assert parsed.values.isna().sum() == 500 and parsed.unreadable.empty
    assert parsed.no_dates == {"31/12/9999": 500}
    us = parse_column(pd.Series(["12/31/9999", "02/28/2019"], dtype=object), END, Conventions(month_first=True))
    assert us.values.isna().tolist() == [True, False] and us.no_dates == {"12/31/9999": 1}


def _plans(end_dates) -> list[list]:
    plan = ["a) Male", "WBRI", "01/02/2015", "N", "03/01/2019", "NEG", "NEG", "20/02/2019", "Y", ""]
    return [[f"C{i}", *plan, end, "N", "0"] for i, end in enumerate(end_dates)]


def _check(inputs):
    findings = validate(inputs, as_of=date(2019, 3, 10))
    assert [f for f in findings if f.is_error] == []
    assert not [f for f in findings if f.rule == "unreadable_values"]
    assert not [f for f in findings if f.touches_figures], "blank is what the date means: no figure is in doubt"
    return [f for f in findings if f.rule == "placeholder_text"]


def test_a_csv_with_open_end_dates_is_read_with_one_warning(folder):
    ends = ["31/12/9999"] * 30 + ["9999-12-31 00:00:00"] * 5 + ["01/01/1900", "", "01/02/2019"]
    folder.csv("list_7.csv", LIST_7, _plans(ends))
    inputs = read_inputs(folder.path)
    assert inputs.frames["list_7"]["cpp_end"].notna().sum() == 1
    assert inputs.no_dates["list_7"] == {"cpp_end": {"31/12/9999": 30, "9999-12-31 00:00:00": 5, "01/01/1900": 1}}
    [warning] = _check(inputs)
    assert (warning.severity, warning.column, warning.rows) == ("warning", "Child Protection Plan End Date", 36)
    assert "36 cell(s)" in warning.message and "'31/12/9999' (30)" in warning.message
    assert "'9999-12-31 00:00:00' (5)" in warning.message and "'01/01/1900' (1)" in warning.message


def test_a_workbook_date_cell_of_31_december_9999_is_no_date(folder):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "List 7"
    sheet.append(LIST_7)
    for row in _plans([datetime(9999, 12, 31), datetime(9999, 12, 31, 23, 59, 59), datetime(2019, 2, 1)]):
        sheet.append(row)
    for cell in sheet["L"][1:]:
        cell.number_format = "dd/mm/yyyy"
    book.save(folder.path / "Annex A.xlsx")
    inputs = read_inputs(folder.path)
    assert inputs.frames["list_7"]["cpp_end"].isna().tolist() == [True, True, False]
    [warning] = _check(inputs)
    assert warning.rows == 2 and "'31/12/9999' (1)" in warning.message and warning.sheet == "List 7"
