"""Read DfE Explore Education Statistics (EES) CSVs exactly as the Department publishes them.

EES tidy layout: ``time_period``, ``time_identifier``, ``geographic_level`` (National /
Regional / Local authority), ``country_code``/``country_name``, ``region_code``/``region_name``,
``old_la_code``, ``new_la_code``, ``la_name``, then filter columns (``category``,
``care_leaver_age``...) and measure columns. Everything is read as text; a measure becomes a
float ``value`` and a ``suppression`` code when it is a symbol rather than a number.

Small layout differences tolerated (all seen in the published files or in older releases):

* a byte-order mark on the first column name; a file saved from Excel in cp1252;
* columns in a different order (``old_la_code, la_name, new_la_code`` vs ``old_la_code, new_la_code, la_name``);
* optional geography columns missing (added empty); column names in a different case or with
  spaces; a trailing empty column from a trailing comma;
* quoted empty strings (``""``) and stray spaces around values (``"Close "``);
* ``geographic_level`` in another case (``Local Authority``);
* numbers with thousands separators (``"12,183,016"``), a trailing ``%``, or an ``old_la_code``
  that went through a spreadsheet as ``302.0``.

Time periods (``parse_time_period``): a 6-digit ``202425`` is the financial/academic year
2024/25 and its ``year`` is the later year, 2025; a 4-digit ``2025`` is the year labelled by
the year in which it ends. The date a year ends depends on the collection, which the file does
not say for "Reporting year"; the caller passes ``period`` (``measures.yml`` sets it per
measure) and otherwise ``time_identifier`` decides:

* ``year_to_31_march`` - CIN census, SSDA903 (children looked after), care leavers:
  2025 / 202425 -> label "2024/25", ends 31 March 2025. **Assumed when nothing says otherwise**
  ("Reporting year" and "Financial year"), because it is the convention of the children's
  social care collections these files come from.
* ``as_at_30_september`` - children's social work workforce census: 2025 -> "2025", 30 September 2025.
* ``mid_year`` - ONS mid-year population estimates: 2024 -> "2024", 30 June 2024.
* ``calendar_year`` -> 31 December; ``academic_year`` -> "2024/25", 31 August 2025.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "GEOGRAPHY_COLUMNS",
    "PERIODS",
    "SUPPRESSION_CODES",
    "TimePeriod",
    "extract_measure",
    "parse_time_period",
    "read_ees_csv",
    "split_value",
    "split_values",
]

SUPPRESSION_CODES: dict[str, str] = {
    "c": "confidential (small numbers suppressed)",
    "u": "low reliability",
    "z": "not applicable",
    "x": "not available",
    "k": "rounds to zero but is not zero",
    # Older or workforce files use these for the same ideas:
    "low": "rounds to zero but is not zero",
    "~": "rounds to zero but is not zero",
    ":": "not available",
}

GEOGRAPHY_COLUMNS = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
]

# Older releases sometimes spell the geography columns differently.
_COLUMN_ALIASES = {
    "la_code": "old_la_code",
    "la_code_old": "old_la_code",
    "la_code_new": "new_la_code",
    "la": "la_name",
    "year": "time_period",
}

_LEVELS = {
    "national": "england",
    "regional": "region",
    "local authority": "la",
    "local_authority": "la",
}

ENGLAND_CODE = "E92000001"
LONDON_SUB_REGIONS = {"E13000001": "Inner London", "E13000002": "Outer London"}

PERIODS = ("year_to_31_march", "as_at_30_september", "mid_year", "calendar_year", "academic_year")
_PERIOD_BY_IDENTIFIER = {
    "financial year": "year_to_31_march",
    "reporting year": "year_to_31_march",
    "academic year": "academic_year",
    "calendar year": "calendar_year",
}
_YEAR_END = {
    "year_to_31_march": (3, 31),
    "as_at_30_september": (9, 30),
    "mid_year": (6, 30),
    "calendar_year": (12, 31),
    "academic_year": (8, 31),
}
_SPLIT_YEAR_PERIODS = {"year_to_31_march", "academic_year"}


@dataclass(frozen=True)
class TimePeriod:
    year: int  # the later year of a financial/academic year (2025 for 2024/25)
    label: str  # "2024/25" or "2025"
    end: date  # the day the year ends, or the snapshot date


_SIX = re.compile(r"^(\d{4})(\d{2})$")
_SPLIT = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")
_FOUR = re.compile(r"^(\d{4})$")


def parse_time_period(value, time_identifier: str | None = None, period: str | None = None) -> TimePeriod:
    """'2025' or '202425' (or '2024/25', '2024-25') -> year, label and year-end date."""
    text = str(value).strip()
    if text.endswith(".0"):  # an integer that went through a float
        text = text[:-2]
    split = False
    if m := _SIX.match(text):
        first, second = int(m.group(1)), int(m.group(2))
        split = True
    elif m := _SPLIT.match(text):
        first, second = int(m.group(1)), int(m.group(2)) % 100
        split = True
    elif m := _FOUR.match(text):
        year = int(m.group(1))
    else:
        raise ValueError(f"time_period {value!r} is not a year (2025) or a two-part year (202425)")
    if split:
        if (first + 1) % 100 != second:
            raise ValueError(f"time_period {value!r}: {second:02d} does not follow {first}")
        year = first + 1

    if period is None:
        identifier = (time_identifier or "").strip().lower()
        period = _PERIOD_BY_IDENTIFIER.get(identifier, "year_to_31_march")
    if period not in _YEAR_END:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    month, day = _YEAR_END[period]
    if period in _SPLIT_YEAR_PERIODS:
        label = f"{year - 1}/{year % 100:02d}"
    else:
        if split:
            raise ValueError(f"time_period {value!r} is a two-part year but the period is {period}")
        label = str(year)
    return TimePeriod(year=year, label=label, end=date(year, month, day))


def split_value(text) -> tuple[float, str]:
    """One published cell -> (number or NaN, suppression code or '')."""
    values, codes = split_values(pd.Series([text], dtype="object"))
    return float(values.iloc[0]), str(codes.iloc[0])


def split_values(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Published cells -> (float values, suppression codes).

    Numbers may carry thousands separators, spaces or a trailing '%'. A symbol (c, u, z, x, k,
    low...) gives NaN and the symbol, lower-cased, as its code. A blank cell gives NaN and ''.
    Any other text is kept as its code too, so nothing is silently lost.
    """
    text = series.astype("object").where(series.notna(), "").astype(str).str.strip()
    cleaned = text.str.replace(",", "", regex=False).str.replace(" ", "", regex=False).str.rstrip("%")
    values = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce").astype("float64")
    codes = np.where(values.isna() & (text != ""), text.str.lower(), "")
    return values, pd.Series(codes, index=series.index, dtype="object")


def _read_text(path: Path) -> pd.DataFrame:
    options = dict(dtype=str, keep_default_na=False, na_filter=False, skipinitialspace=False)
    try:
        return pd.read_csv(path, encoding="utf-8-sig", **options)
    except UnicodeDecodeError:
        return pd.read_csv(path, encoding="cp1252", **options)


def _clean_code(series: pd.Series) -> pd.Series:
    return series.str.replace(r"\.0$", "", regex=True)


def read_ees_csv(path: str | Path) -> pd.DataFrame:
    """An EES CSV as published, all text, with the layout differences evened out.

    Geography columns get their standard lower-case names (every one of ``GEOGRAPHY_COLUMNS``
    is present, empty when the file lacks it); other columns keep their names, stripped. Two
    columns are added: ``geography_level`` ('england', 'region', 'la' or the level as
    published, lower-cased, for anything else) and ``area_code``: the old LA code for an
    authority ('302', or '314 / 318' where the workforce census publishes two jointly), the
    region name for a region, 'E92000001' for England.
    """
    path = Path(path)
    df = _read_text(path)
    renames = {}
    for column in df.columns:
        name = str(column).replace("\ufeff", "").strip()
        lower = name.lower().replace(" ", "_")
        lower = _COLUMN_ALIASES.get(lower, lower)
        renames[column] = lower if lower in GEOGRAPHY_COLUMNS else name
    df = df.rename(columns=renames)
    # A trailing comma makes an unnamed empty column.
    empty_unnamed = [c for c in df.columns if (c == "" or str(c).startswith("Unnamed:")) and (df[c] == "").all()]
    df = df.drop(columns=empty_unnamed)
    if df.columns.duplicated().any():
        dupes = sorted(set(df.columns[df.columns.duplicated()]))
        raise ValueError(f"{path.name}: repeated column names {dupes}")
    for column in df.columns:
        df[column] = df[column].str.strip()
    for column in GEOGRAPHY_COLUMNS:
        if column not in df.columns:
            if column == "time_period":
                raise ValueError(f"{path.name}: no time_period column - is this an EES tidy CSV?")
            if column == "geographic_level":
                raise ValueError(f"{path.name}: no geographic_level column - is this an EES tidy CSV?")
            df[column] = ""
    df["old_la_code"] = _clean_code(df["old_la_code"])
    level = df["geographic_level"].str.lower().str.strip()
    df["geography_level"] = level.map(_LEVELS).fillna(level)
    df["area_code"] = np.select(
        [df["geography_level"] == "la", df["geography_level"] == "region", df["geography_level"] == "england"],
        [df["old_la_code"], df["region_name"], ENGLAND_CODE],
        default="",
    )
    df.attrs["source"] = path.name
    return df


def find_column(df: pd.DataFrame, name: str) -> str:
    """The column called `name`, ignoring case and spaces/underscores; a helpful error if none."""
    if name in df.columns:
        return name

    def key(s: str) -> str:
        return re.sub(r"[\s_]+", "_", str(s).strip().lower())

    matches = [c for c in df.columns if key(c) == key(name)]
    if len(matches) == 1:
        return matches[0]
    source = df.attrs.get("source", "the file")
    raise KeyError(f"{source} has no column {name!r}; its columns are: {', '.join(map(str, df.columns))}")


def extract_measure(
    df: pd.DataFrame,
    value_column: str,
    filters: dict[str, str] | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """One measure from a file read by `read_ees_csv`, as a tidy table.

    Rows are kept where each filter column equals its value (whitespace and case ignored);
    every filter must match at least one row, otherwise the error lists what the file has.
    Returns columns: year, year_label, period_end, geography_level, area_code, area_name,
    region_code, region_name, value, suppression, new_la_code.
    """
    source = df.attrs.get("source", "the file")
    mask = pd.Series(True, index=df.index)
    for column, wanted in (filters or {}).items():
        actual = find_column(df, column)
        hit = df[actual].str.strip().str.casefold() == str(wanted).strip().casefold()
        if not hit.any():
            have = sorted(df[actual].unique())
            raise ValueError(f"{source}: no rows with {actual} = {wanted!r}; the file has: {have}")
        mask &= hit
    rows = df[mask]
    column = find_column(rows, value_column)
    values, codes = split_values(rows[column])

    periods = {
        (tp, ti): parse_time_period(tp, ti, period)
        for tp, ti in rows[["time_period", "time_identifier"]].drop_duplicates().itertuples(index=False)
    }
    keys = list(zip(rows["time_period"], rows["time_identifier"], strict=True))
    region_name = rows["region_name"]
    out = pd.DataFrame(
        {
            "year": [periods[k].year for k in keys],
            "year_label": [periods[k].label for k in keys],
            "period_end": [periods[k].end for k in keys],
            "geography_level": rows["geography_level"].to_numpy(),
            "area_code": rows["area_code"].to_numpy(),
            "area_name": np.select(
                [rows["geography_level"] == "la", rows["geography_level"] == "region"],
                [rows["la_name"], region_name],
                default=np.where(rows["country_name"] != "", rows["country_name"], "England"),
            ),
            "region_code": rows["region_code"].to_numpy(),
            "region_name": region_name.to_numpy(),
            "value": values.to_numpy(),
            "suppression": codes.to_numpy(),
            "new_la_code": rows["new_la_code"].to_numpy(),
        },
        index=rows.index,
    )
    return out.reset_index(drop=True)
