"""Reading EES CSVs as published: suppression codes, thousands separators, time periods, layouts.

Fixtures are small hand-written files in the EES tidy layout."""

import math
from datetime import date

import pandas as pd
import pytest

from onapage.benchmarks.dfe import (
    extract_measure,
    parse_time_period,
    read_ees_csv,
    split_value,
    split_values,
)

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "old_la_code,new_la_code,la_name,category,referral_count,rereferral_percent"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize("code", ["c", "u", "z", "x", "k", "low"])
def test_each_suppression_code_gives_nan_and_keeps_the_code(code):
    value, kept = split_value(code)
    assert math.isnan(value)
    assert kept == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,183,016", 12183016.0),
        ("1,234.5", 1234.5),
        (" 632830 ", 632830.0),
        ("22.6", 22.6),
        ("0", 0.0),
        ("45%", 45.0),
        ("-3.5", -3.5),
    ],
)
def test_numbers_with_separators_spaces_and_percent_signs(text, expected):
    value, code = split_value(text)
    assert value == expected
    assert code == ""


def test_a_blank_cell_is_nan_with_no_code_and_other_text_is_kept():
    assert math.isnan(split_value("")[0]) and split_value("")[1] == ""
    value, code = split_value("C")
    assert math.isnan(value) and code == "c"
    values, codes = split_values(pd.Series(["5", "n/a", None]))
    assert values.iloc[0] == 5 and math.isnan(values.iloc[1]) and math.isnan(values.iloc[2])
    assert codes.tolist() == ["", "n/a", ""]


# ---------------------------------------------------------------- time periods


@pytest.mark.parametrize(
    ("value", "identifier", "period", "year", "label", "end"),
    [
        ("2025", "Reporting year", None, 2025, "2024/25", date(2025, 3, 31)),  # assumed: year to 31 March
        ("202425", "Financial year", None, 2025, "2024/25", date(2025, 3, 31)),
        ("202425", None, None, 2025, "2024/25", date(2025, 3, 31)),
        ("2024/25", None, None, 2025, "2024/25", date(2025, 3, 31)),
        ("2024-25", None, None, 2025, "2024/25", date(2025, 3, 31)),
        ("199900", "Financial year", None, 2000, "1999/00", date(2000, 3, 31)),
        ("2025", "Reporting year", "as_at_30_september", 2025, "2025", date(2025, 9, 30)),
        ("2024", "Reporting year", "mid_year", 2024, "2024", date(2024, 6, 30)),
        ("2024", "Calendar year", None, 2024, "2024", date(2024, 12, 31)),
        ("202324", "Academic year", None, 2024, "2023/24", date(2024, 8, 31)),
        ("2025.0", "Reporting year", None, 2025, "2024/25", date(2025, 3, 31)),
    ],
)
def test_time_periods(value, identifier, period, year, label, end):
    tp = parse_time_period(value, identifier, period)
    assert (tp.year, tp.label, tp.end) == (year, label, end)


@pytest.mark.parametrize("value", ["202426", "20245", "2024Q1", "", "FY2025"])
def test_malformed_time_periods_are_refused(value):
    with pytest.raises(ValueError, match="time_period"):
        parse_time_period(value)


def test_a_two_part_year_cannot_be_a_census_date():
    with pytest.raises(ValueError, match="two-part"):
        parse_time_period("202425", period="as_at_30_september")


# ---------------------------------------------------------------- whole files


def test_reads_a_file_as_published(tmp_path):
    path = write(
        tmp_path,
        "c1.csv",
        "\ufeff" + HEADER + "\n"
        '2025,Reporting year,National,E92000001,England,"","",,"","",Referrals and Re-referrals,"632,830",22.6\n'
        "2025,Reporting year,Regional,E92000001,England,E12000007,London,,,,Referrals and Re-referrals,105790,19.4\n"
        "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,302,E09000003,Barnet,"
        "Referrals and Re-referrals,2751,14.8\n"
        "2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,201,E09000001,City of London,"
        "Referrals and Re-referrals,c,c\n",
    )
    df = read_ees_csv(path)
    assert df.columns[0] == "time_period"  # the byte-order mark is gone
    assert df["geography_level"].tolist() == ["england", "region", "la", "la"]
    assert df["area_code"].tolist() == ["E92000001", "London", "302", "201"]
    assert df["rereferral_percent"].tolist() == ["22.6", "19.4", "14.8", "c"]  # text, as published

    tidy = extract_measure(df, "referral_count", {"category": "Referrals and Re-referrals"})
    assert tidy["value"].tolist()[:3] == [632830.0, 105790.0, 2751.0]
    assert math.isnan(tidy["value"].iloc[3])
    assert tidy["suppression"].tolist() == ["", "", "", "c"]
    assert tidy["area_name"].tolist() == ["England", "London", "Barnet", "City of London"]
    assert tidy["year_label"].unique().tolist() == ["2024/25"]
    assert tidy["period_end"].iloc[0] == date(2025, 3, 31)


def test_tolerates_the_layout_differences_between_files(tmp_path):
    # la_name before new_la_code (as in the CLA files), a trailing comma (as in the 2021 SN file),
    # odd case in the level, stray spaces, a code that went through a spreadsheet, no country columns.
    path = write(
        tmp_path,
        "cla.csv",
        "Time_Period,time_identifier,Geographic_Level,region_code,region_name,old_la_code,la_name,new_la_code,"
        "Population_Type,children_count,rate_per_10000,footnote,\n"
        "2025,Reporting year,LOCAL AUTHORITY,E13000002,Outer London,302.0, Barnet ,E09000003,"
        " Children looked after on 31 March each year ,343,37,\u2013,\n"
        '2025,Reporting year,national,,,,,,Children looked after on 31 March each year,"81,770",67,,\n',
        encoding="cp1252",
    )
    df = read_ees_csv(path)
    assert "country_code" in df.columns and (df["country_code"] == "").all()
    assert df["footnote"].tolist() == ["\u2013", ""]  # an en dash saved by Excel in cp1252
    assert not any(str(c).startswith("Unnamed") for c in df.columns)
    assert df["area_code"].tolist() == ["302", "E92000001"]
    tidy = extract_measure(df, "RATE_PER_10000", {"population_type": "Children looked after on 31 March each year"})
    assert tidy["value"].tolist() == [37.0, 67.0]
    counts = extract_measure(df, "children_count", {"Population_Type": "children looked after on 31 march each year"})
    assert counts["value"].tolist() == [343.0, 81770.0]
    assert counts["area_name"].tolist() == ["Barnet", "England"]


def test_a_filter_value_the_file_lacks_is_reported_with_what_it_has(tmp_path):
    path = write(
        tmp_path,
        "c1.csv",
        HEADER + "\n2025,Reporting year,National,E92000001,England,,,,,,Referrals and Re-referrals,632830,22.6\n",
    )
    df = read_ees_csv(path)
    with pytest.raises(ValueError, match="Referrals and Re-referrals"):
        extract_measure(df, "referral_count", {"category": "Referrals"})
    with pytest.raises(KeyError, match="no column 'referrals'"):
        extract_measure(df, "referrals")


def test_a_file_without_time_period_is_refused(tmp_path):
    path = write(tmp_path, "x.csv", "geographic_level,value\nNational,1\n")
    with pytest.raises(ValueError, match="time_period"):
        read_ees_csv(path)


def test_six_digit_periods_in_a_file(tmp_path):
    path = write(
        tmp_path,
        "fy.csv",
        "time_period,time_identifier,geographic_level,country_code,country_name,spend\n"
        '202324,Financial year,National,E92000001,England,"1,000"\n'
        '202425,Financial year,National,E92000001,England,"1,100"\n',
    )
    tidy = extract_measure(read_ees_csv(path), "spend")
    assert tidy[["year", "year_label"]].values.tolist() == [[2024, "2023/24"], [2025, "2024/25"]]
    assert tidy["value"].tolist() == [1000.0, 1100.0]
