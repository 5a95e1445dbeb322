"""Reading IDs: an ID written only in digits is a number, so lists that write it differently still match."""

import pandas as pd
import pytest

from onapage.contract import load_contract
from onapage.inputs import read_inputs
from onapage.inputs.values import parse_column, parse_id, zero_padded

LIST_1 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Contact", "Contact Source"]
LIST_3 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of referral", "Referral Source"]
CHILD_ID = load_contract().dataset("list_1").columns["child_id"]


def contact(child: str) -> list[str]:
    return [child, "a) Male", "WBRI", "01/02/2015", "28/02/2019", "6"]


def referral(child: str) -> list[str]:
    return [child, "b) Female", "WBRI", "01/02/2015", "01/03/2019", "6"]


@pytest.mark.parametrize("raw", ["12345", "0012345", "12345.0", "12345.000", " 12345 ", " 0012345.0 ", "\t12345\n"])
def test_a_numeric_id_is_its_number_however_it_is_written(raw):
    assert parse_id(raw) == "12345"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NB000123", "NB000123"),  # an ID with letters is kept as written
        (" NB000123 ", "NB000123"),
        ("nb000123", "nb000123"),  # another case is another ID (the gate reports it)
        ("12345.5", "12345.5"),  # not a whole number: not read as one
        ("12-345", "12-345"),
        ("0", "0"),
        ("000", "0"),
        ("98765432109876543210", "98765432109876543210"),  # longer than any float keeps exactly
        ("", None),
        ("N/A", None),
    ],
)
def test_other_ids_are_kept_as_written(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "padded"),
    [("0012345", True), (" 012345.0 ", True), ("12345", False), ("0", False), ("NB000123", False), ("0A12", False)],
)
def test_an_id_written_with_leading_zeros_is_recognised(raw, padded):
    assert zero_padded(raw) is padded


def test_an_id_column_reads_numbers_as_numbers_and_keeps_the_rest():
    raw = pd.Series(["0012345", "12345", "12345.0", " 12345 ", "NB000123", "", "1234567"], index=range(2, 9))
    parsed = parse_column(raw, CHILD_ID)
    assert parsed.values.tolist() == ["12345", "12345", "12345", "12345", "NB000123", pd.NA, "1234567"]
    assert str(parsed.values.dtype) == "string"
    assert parsed.unreadable.empty


def test_lists_written_with_and_without_leading_zeros_join(folder):
    # List 1 as the case system writes it, List 3 after a round trip through Excel.
    folder.csv("list_1.csv", LIST_1, [contact(c) for c in ("0012345", "0123456", "1234567")])
    folder.csv("list_3.csv", LIST_3, [referral(c) for c in ("12345", "123456", "1234567")])
    inputs = read_inputs(folder.path)
    contacts, referrals = inputs.frames["list_1"], inputs.frames["list_3"]
    assert contacts["child_id"].tolist() == referrals["child_id"].tolist() == ["12345", "123456", "1234567"]
    joined = contacts.merge(referrals, on="child_id")
    assert len(joined) == 3
    assert list(inputs.leading_zeros) == ["list_1"]
    assert inputs.leading_zeros["list_1"]["child_id"].tolist() == [2, 3]  # the rows, never the IDs


def test_a_workbook_and_its_csv_read_the_same_ids(folder):
    # A number cell (as Excel stores an ID it took for a number), a decimal cell and text with spaces.
    folder.workbook("annex_a.xlsx", {"List 1": [LIST_1, contact(12345), contact(123456.0), contact(" 0012345 ")]})
    folder.csv("list_3.csv", LIST_3, [referral(c) for c in ("12345", "123456.0", "12345")])
    inputs = read_inputs(folder.path)
    assert inputs.frames["list_1"]["child_id"].tolist() == ["12345", "123456", "12345"]
    assert inputs.frames["list_1"]["child_id"].tolist() == inputs.frames["list_3"]["child_id"].tolist()
    assert inputs.leading_zeros["list_1"]["child_id"].tolist() == [4]
    assert "list_3" not in inputs.leading_zeros
