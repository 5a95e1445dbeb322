"""Parsing single values: dates, numbers, Y/N and codes, as real extracts spell them."""

from datetime import datetime, time

import pandas as pd
import pytest

from onapage.contract import Column
from onapage.inputs.values import (
    Unreadable,
    build_code_list,
    cell_text,
    code_list,
    parse_column,
    parse_datetime,
    parse_int,
    parse_number,
    parse_yn,
)

FEB_28 = datetime(2019, 2, 28)


@pytest.mark.parametrize(
    "raw",
    [
        "2019-02-28",
        "2019-02-28 00:00:00",
        "2019-02-28T00:00:00",
        "2019-02-28 00:00:00.000",
        "28/02/2019",
        " 28/02/2019 ",
        "28-02-2019",
        "28.02.2019",
        "28/02/19",
        "28 Feb 2019",
        "28 February 2019",
        "28-Feb-2019",
        "28-Feb-19",
        "43524",
        "43524.0",
        FEB_28,
    ],
)
def test_every_accepted_spelling_of_28_february_2019(raw):
    assert parse_datetime(raw) == FEB_28


def test_day_and_month_without_leading_zeros_are_read_day_first():
    assert parse_datetime("1/2/2019") == datetime(2019, 2, 1)
    assert parse_datetime("3/4/19") == datetime(2019, 4, 3)


def test_excel_serial_with_a_time_fraction_and_a_time_of_day():
    assert parse_datetime("43524.4375") == datetime(2019, 2, 28, 10, 30)
    assert parse_datetime("28/02/2019 10:30") == datetime(2019, 2, 28, 10, 30)
    assert parse_datetime("2019-02-28 10:30:15") == datetime(2019, 2, 28, 10, 30, 15)


def test_leap_day_exists_in_2020_but_not_2019():
    assert parse_datetime("29/02/2020") == datetime(2020, 2, 29)
    with pytest.raises(Unreadable, match="no day 29 in February 2019, which has 28 days"):
        parse_datetime("29/02/2019")


def test_us_month_first_date_is_rejected_with_a_hint():
    with pytest.raises(Unreadable, match="US month/day"):
        parse_datetime("02/28/2019")


@pytest.mark.parametrize("raw", ["", "-", "n/a", "N/A", "NULL", " null ", "#N/A"])
def test_blank_tokens_are_blank(raw):
    assert parse_datetime(raw) is None
    assert parse_int(raw) is None
    assert parse_yn(raw) is None
    assert code_list("gender").parse(raw) is None


@pytest.mark.parametrize("raw", ["yesterday", "2019-13-01", "31/04/2019", "12345", "0219-02-28", "28 Fab 2019"])
def test_unreadable_dates(raw):
    with pytest.raises(Unreadable):
        parse_datetime(raw)


def test_numbers():
    assert parse_int("3") == 3
    assert parse_int(" 3.0 ") == 3
    assert parse_int("1,234") == 1234
    assert parse_number("2.5") == 2.5
    with pytest.raises(Unreadable, match="whole number"):
        parse_int("2.5")
    with pytest.raises(Unreadable, match="not a number"):
        parse_int("three")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Y", "Y"), ("yes", "Y"), ("a) Yes", "Y"), ("TRUE", "Y"), ("1", "Y"), ("N", "N"), ("b) No", "N"), ("0", "N")],
)
def test_yes_no(raw, expected):
    assert parse_yn(raw) == expected


def test_yes_no_rejects_other_words():
    with pytest.raises(Unreadable):
        parse_yn("maybe")


@pytest.mark.parametrize(
    ("codes", "raw", "expected"),
    [
        ("gender", "a) Male", "Male"),
        ("gender", "b) Female", "Female"),
        ("gender", "b. Female", "Female"),
        ("gender", "f", "Female"),
        ("gender", "FEMALE", "Female"),
        ("ethnicity", "WBRI", "WBRI"),
        ("ethnicity", "wbri", "WBRI"),
        ("ethnicity", "WBRI - White British", "WBRI"),
        ("ethnicity", "White British", "WBRI"),
        ("ethnicity", "white   british", "WBRI"),
        ("ethnicity", "a) WBRI - White British", "WBRI"),
        ("primary_need", "N1 - Abuse or neglect", "N1"),
        ("primary_need", "N1 Abuse or neglect", "N1"),
        ("primary_need", "N1 (Abuse or neglect)", "N1"),
        ("primary_need", "Abuse or neglect", "N1"),
        ("primary_need", "Child\u2019s disability", "N2"),
        ("referral_source", "Individual - Self", "1C"),
        ("referral_source", "6 - Police", "6"),
        ("referral_source", "1A", "1A"),
        ("polarity", "n/a", "Monitor"),  # a code list may accept a token that elsewhere means blank
    ],
)
def test_codes_by_code_description_or_both(codes, raw, expected):
    assert code_list(codes).parse(raw) == expected


def test_unknown_code_is_unreadable_and_expected_lists_allowed_codes():
    with pytest.raises(Unreadable, match="not one of the allowed codes"):
        code_list("gender").parse("Other")
    assert "Male, Female, Unknown, Indeterminate" in code_list("gender").expected()
    ethnicity = code_list("ethnicity").expected(limit=5)
    assert ethnicity.startswith("one of WBRI, WIRI, WIRT, WOTH, WROM and 15 more")


def test_a_spelling_two_codes_accept_is_reported_not_guessed():
    codes = build_code_list("demo", {"A1": ("Closed after assessment",), "A2": ("closed after assessment",)})
    with pytest.raises(Unreadable, match="could mean any of A1, A2"):
        codes.parse("Closed after assessment")
    assert codes.parse("A1 - Closed after assessment") == "A1"


def test_workbook_cells_become_the_text_excel_shows():
    assert cell_text(3.0) == "3"
    assert cell_text(2.5) == "2.5"
    assert cell_text(12345) == "12345"
    assert cell_text(None) == ""
    assert cell_text(FEB_28) == FEB_28
    assert cell_text(time(10, 30)) == "10:30:00"


def test_column_parsing_matches_the_value_parser_for_every_spelling():
    raw = [
        "28/02/2019",
        "2019-02-28",
        "1/2/2019",
        "28/02/2019 10:30",
        "43524",
        "28 Feb 2019",
        "29/02/2019",
        "02/28/2019",
        "-",
        "",
        FEB_28,
        "31/12/0219",
        "2019-02-28 10:30:15",
    ]
    column = Column(name="d", heading="D", type="datetime")
    parsed = parse_column(pd.Series(raw * 300, dtype=object), column)
    for value, got in zip(raw, parsed.values[: len(raw)], strict=True):
        try:
            want = parse_datetime(value)
        except Unreadable:
            want = None
        assert (pd.isna(got) and want is None) or got == pd.Timestamp(want), value
    assert set(parsed.unreadable["value"]) == {"29/02/2019", "02/28/2019", "31/12/0219"}
    assert len(parsed.unreadable) == 3 * 300


def test_date_columns_drop_the_time_and_keep_their_type():
    column = Column(name="d", heading="D", type="date")
    parsed = parse_column(pd.Series(["28/02/2019 10:30", "43524.75", "-"], dtype=object), column)
    assert str(parsed.values.dtype) == "datetime64[us]"
    assert parsed.values.iloc[0] == pd.Timestamp("2019-02-28")
    assert parsed.values.iloc[1] == pd.Timestamp("2019-02-28")
    assert pd.isna(parsed.values.iloc[2])
    assert parsed.unreadable.empty
