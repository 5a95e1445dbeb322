"""Parse raw cell values into typed columns, tolerating the mess real extracts contain.

Every parser works on the *unique* raw values of a column and maps the results back, so a
60,000-row list with a few thousand distinct dates costs a few thousand parses, not 60,000.

A raw value is a string (CSV cells, and most workbook cells after `cell_text`) or a
`datetime` (a genuine Excel date cell). Each column parses into:

- the typed values (`pd.Series`, one per row, blank or unreadable values as missing), and
- the unreadable values: a frame indexed like the input with columns `value` (as found) and
  `reason` (why it could not be read), for the validator to report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, partial

import numpy as np
import pandas as pd

from onapage.contract import Column, load_contract

STRING_DTYPE = pd.StringDtype()
DATETIME_DTYPE = "datetime64[us]"

# Values meaning "no value", compared case-insensitively after stripping.
BLANK_TOKENS = frozenset({"", "-", "--", "n/a", "null", "#n/a"})

# 1 January 1900 is what database extracts write for "no date" (SQL Server's zero date; the Standard
# Safeguarding Dataset's Annex A scripts fill List 11's stages with it), and 31 December 9999 (the latest
# date a database holds, with or without a time) what case-management systems write for "no end date" (an
# open plan, a placement still going on): both read as no date, and reported (`Parsed.no_dates`).
NULL_DATE = np.datetime64("1900-01-01", "D")
OPEN_END_DATE = np.datetime64("9999-12-31", "D")
NO_DATES = (NULL_DATE, OPEN_END_DATE)
# Dates outside these years are typing slips (0219, 2109), not children's services records; 31/12/9999 is
# the exception, being the open-end date above.
MIN_YEAR, MAX_YEAR = 1900, 2099
# Numbers in this range in a date column are Excel serial dates (1900 date system):
# 20000 = 03/10/1954, 80000 = 11/01/2119.
SERIAL_MIN, SERIAL_MAX = 20000, 80000
_EXCEL_EPOCH = datetime(1899, 12, 30)

DATE_FORMATS = "a date as dd/mm/yyyy, yyyy-mm-dd or 28 Feb 2019 (or an Excel date)"
DATETIME_FORMATS = "a date and time as dd/mm/yyyy hh:mm, yyyy-mm-dd hh:mm (or an Excel date)"

_PREFIX = re.compile(r"^(?:\(?[a-z0-9]{1,2}\)\s*|[a-z0-9]{1,2}\.\s+)", re.IGNORECASE)
_CODE_AND_DESCRIPTION = re.compile(r"^(.+?)\s+[-–—:]\s+(.+)$")
_CODE_BRACKETED = re.compile(r"^(.+?)\s*\((.+)\)$")
# The Ofsted template's drop-downs put the code before a colon: "C2: FCO", "U: Independent living".
_CODE_COLON = re.compile(r"^([^\s:]{1,8})\s*:\s*(.+)$")
_SPACES = re.compile(r"\s+")

_TIME = r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([ap]\.?m\.?)?)?Z?"
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + "$", re.IGNORECASE)
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME + "$", re.IGNORECASE)
_D_MON_Y = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[-\s]+([a-z]{3,9})\.?,?[-\s]+(\d{4}|\d{2})" + _TIME + "$", re.IGNORECASE
)
_YYYYMMDD = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime(2000, number, 1).strftime("%b").lower(),
        datetime(2000, number, 1).strftime("%B").lower(),
    )
} | {"sept": 9}


@dataclass(frozen=True)
class Parsed:
    """One column parsed: typed values and the values that could not be read."""

    values: pd.Series
    unreadable: pd.DataFrame  # index: as the input; columns: value, reason
    placeholders: dict[str, int] = field(default_factory=dict)  # text read as blank -> rows ("" = empty)
    no_dates: dict[str, int] = field(default_factory=dict)  # dates meaning "no date" (31/12/9999) -> rows


class Unreadable(ValueError):
    """A raw value that cannot be read as its column's type; the message says why."""


# --- text of a cell -------------------------------------------------------------------------


def cell_text(value: object) -> object:
    """A workbook cell as the reader keeps it: text, or a datetime for genuine date cells.

    Numbers become the text Excel would show without formatting (43524, 2.5), so that a
    workbook and the CSV saved from it parse identically.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def shown(value: object) -> str:
    """A raw value as an analyst would recognise it in a finding."""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != time() else value.strftime("%d/%m/%Y")
    return str(value)


def is_blank(text: str) -> bool:
    return text.strip().casefold() in BLANK_TOKENS


def fold(text: str) -> str:
    """Case- and whitespace-insensitive form used to compare code values."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return _SPACES.sub(" ", text).strip().casefold()


def strip_prefix(text: str) -> str:
    """'a) Male' -> 'Male', '1) Yes' -> 'Yes', 'b. Female' -> 'Female'."""
    return _PREFIX.sub("", text, count=1).strip()


# --- dates ----------------------------------------------------------------------------------


def _is_open_end(year: int, month: int, day: int) -> bool:
    return (year, month, day) == (9999, 12, 31)


def _make(year: int, month: int, day: int, clock: tuple) -> datetime:
    if not MIN_YEAR <= year <= MAX_YEAR and not _is_open_end(year, month, day):
        raise Unreadable(f"the year {year} is not plausible")
    if not 1 <= month <= 12:
        raise Unreadable(f"there is no month {month}")
    try:
        result = datetime(year, month, day)
    except ValueError:
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        month_name = datetime(2000, month, 1).strftime("%B")
        raise Unreadable(f"there is no day {day} in {month_name} {year}, which has {last} days") from None
    hour, minute, second, fraction, meridiem = clock
    if hour is None:
        return result
    hour, minute, second = int(hour), int(minute), int(second or 0)
    if meridiem:
        if not 1 <= hour <= 12:
            raise Unreadable(f"the time has hour {hour} with {meridiem}")
        hour = hour % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise Unreadable(f"the time {clock[0]}:{clock[1]} is not a time of day")
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return result.replace(hour=hour, minute=minute, second=second, microsecond=micro)


def _two_digit_year(text: str) -> int:
    year = int(text)
    if len(text) == 4:
        return year
    return 2000 + year if year <= 68 else 1900 + year  # as Python's %y and Excel's 29/30 pivot


def _from_serial(number: float) -> datetime:
    days = math.floor(number)
    seconds = round((number - days) * 86400)
    return _EXCEL_EPOCH + timedelta(days=days, seconds=seconds)


def parse_datetime(raw: object, month_first: bool = False) -> datetime | None:
    """A date or date-time from any accepted spelling; None for a blank; `Unreadable` otherwise.

    Day first (UK): 03/04/2019 is 3 April, unless the file writes its dates month first (US order,
    which `date_order` judges from the whole column or file, never from one cell). A date whose
    month would be over 12 is reported, with a hint when it looks like the other order. The dates
    meaning "no date" (01/01/1900, 31/12/9999) are returned as written: `parse_column` reads them as blank.
    """
    if isinstance(raw, datetime):
        if not MIN_YEAR <= raw.year <= MAX_YEAR and not _is_open_end(raw.year, raw.month, raw.day):
            raise Unreadable(f"the year {raw.year} is not plausible")
        return raw
    text = str(raw).strip()
    if text.casefold() in BLANK_TOKENS:
        return None
    if match := _ISO.match(text):
        year, month, day, *clock = match.groups()
        return _make(int(year), int(month), int(day), tuple(clock))
    if match := _DMY.match(text):
        day, _sep, month, year, *clock = match.groups()
        day, month = int(day), int(month)
        if month_first:
            day, month = month, day
        if month > 12 and day <= 12:
            order = "month first (mm/dd/yyyy), as the rest of the file" if month_first else "day first (dd/mm/yyyy)"
            other = "a day-first" if month_first else "a US month/day"
            raise Unreadable(f"there is no month {month}: dates are read {order}, and this looks like {other} date")
        return _make(_two_digit_year(year), month, day, tuple(clock))
    if match := _D_MON_Y.match(text):
        day, month_name, year, *clock = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise Unreadable(f"{month_name!r} is not a month")
        return _make(_two_digit_year(year), month, int(day), tuple(clock))
    if match := _YYYYMMDD.match(text):
        year, month, day = match.groups()
        return _make(int(year), int(month), int(day), (None,) * 5)
    if _NUMBER.match(text):
        number = float(text)
        if SERIAL_MIN <= number <= SERIAL_MAX:
            return _from_serial(number)
        raise Unreadable("a number, but not one Excel uses for a date in this century")
    raise Unreadable("not a date in a recognised format")


# --- numbers --------------------------------------------------------------------------------


# The largest whole number the store's INTEGER columns hold.
INT_LIMIT = 2**31 - 1


def parse_number(raw: object, decimal_comma: bool = False, grouping: bool = True) -> float | None:
    """A finite number. `decimal_comma`: the file writes 2,5 for two and a half (and 1.234,5 for
    thousands). Otherwise a comma groups thousands, accepted only where `grouping` says it cannot
    be a decimal comma (whole-number columns, or several groups as in 1,234,567)."""
    if isinstance(raw, datetime):
        raise Unreadable("a date, not a number")
    text = str(raw).strip()
    if text.casefold() in BLANK_TOKENS:
        return None
    if decimal_comma and "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _GROUPED.match(text):
        if not grouping and text.count(",") == 1 and "." not in text:
            raise Unreadable(
                "a comma here could group thousands or mark decimals (2,100 or 2.1), and the file does not say "
                "which: write the number without the comma"
            )
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise Unreadable("not a number")
    number = float(text)
    if not math.isfinite(number):
        raise Unreadable("not a finite number")
    return number


def parse_int(raw: object, decimal_comma: bool = False) -> int | None:
    number = parse_number(raw, decimal_comma)
    if number is None:
        return None
    if not number.is_integer():
        raise Unreadable("not a whole number")
    if abs(number) > INT_LIMIT:
        raise Unreadable(f"too large: a whole number here is at most {INT_LIMIT:,}")
    return int(number)


# Evidence of a file's decimal mark, judged on every number it holds, never on one cell.
_DECIMAL_COMMA = re.compile(r"^[+-]?(?:\d+,\d{1,2}|\d+,\d{4,}|\d{4,},\d+|\d{1,3}(?:\.\d{3})+,\d+)$")
_DECIMAL_POINT = re.compile(r"^[+-]?(?:\d*\.\d{1,2}|\d*\.\d{4,}|\d{1,3}(?:,\d{3})+\.\d+)$")


def decimal_comma_evidence(values) -> str | None:
    """A number written with a decimal comma ("2,5") in a file that writes no decimal point, or None."""
    commas, points = None, False
    for value in values:
        if not isinstance(value, str):
            continue
        text = value.strip()
        if commas is None and _DECIMAL_COMMA.match(text):
            commas = text
        elif _DECIMAL_POINT.match(text):
            points = True
    return None if points else commas


_DAY_MONTH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}(?:[T ].*)?$")


def date_order(values, month_start: bool = False) -> tuple[str, str] | None:
    """How a date column writes day and month, from its own values: ("dmy", evidence) when some
    date has a first part over 12, ("mdy", evidence) when some has a second part over 12 (US order),
    or, for a column of months (`month_start`) whose dates are all ambiguous, ("mdy", ...) if read
    month first they all fall on the 1st (10/01/2026 for October) and read day first they do not.
    None: no evidence."""
    firsts, seconds, dmy, mdy = set(), set(), None, None
    for value in values:
        if not isinstance(value, str) or not (match := _DAY_MONTH.match(value.strip())):
            continue
        first, second = int(match.group(1)), int(match.group(2))
        firsts.add(first)
        seconds.add(second)
        if first > 12 and dmy is None:
            dmy = value.strip()
        elif second > 12 and mdy is None:
            mdy = value.strip()
    if dmy and not mdy:
        return "dmy", dmy
    if mdy and not dmy:
        return "mdy", mdy
    if month_start and not dmy and len(firsts) > 1 and seconds == {1}:
        return "mdy", f"every date falls on the 1st when read month first ({len(firsts)} months)"
    return None


# What a spreadsheet formula shows when it cannot work (an age from a blank date of birth).
_FORMULA_ERRORS = frozenset({"#value!", "#num!", "#ref!", "#div/0!", "#name?", "#null!"})


def parse_whole_years(raw: object) -> int | None:
    """An age in completed years. The template works ages out with a formula: 17.21 is 17, and a
    formula that failed or gave a negative age (an unborn child) is a blank, never an error."""
    if isinstance(raw, str) and raw.strip().casefold() in _FORMULA_ERRORS:
        return None
    number = parse_number(raw)
    if number is None or number < 0:
        return None
    if not math.isfinite(number):
        raise Unreadable("not a finite number")
    return math.floor(number)


# --- text, Y/N and codes ----------------------------------------------------------------------


def parse_text(raw: object) -> str | None:
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    text = str(raw).strip()
    return None if text.casefold() in BLANK_TOKENS else text


# An identifier written only in digits (with, at most, the ".0" of a number Excel stored as decimal).
_NUMERIC_ID = re.compile(r"^([0-9]+)(?:\.0+)?$")


def parse_id(raw: object) -> str | None:
    """An identifier. One written only in digits is a number, compared by its value: ' 0012345 ',
    '12345' and '12345.0' are all '12345' (lists saved through Excel lose their leading zeros).
    Any other ID ('NB000123') is kept as written, without surrounding spaces."""
    text = parse_text(raw)
    if text is not None and (match := _NUMERIC_ID.match(text)):
        return match.group(1).lstrip("0") or "0"
    return text


def zero_padded(raw: object) -> bool:
    """Whether an ID is a number written with leading zeros ('0012345')."""
    match = _NUMERIC_ID.match(raw.strip()) if isinstance(raw, str) else None
    return bool(match) and len(match.group(1)) > 1 and match.group(1)[0] == "0"


_YN = {"y": "Y", "yes": "Y", "true": "Y", "1": "Y", "n": "N", "no": "N", "false": "N", "0": "N"}
YN_EXPECTED = "Y or N (Yes/No, True/False or 1/0 are accepted)"
# Real lists record "not known" in Y/N columns; it is a blank, not a third answer.
_YN_UNKNOWN = {"unknown", "notknown", "notrecorded"}


def parse_yn(raw: object) -> str | None:
    text = parse_text(raw)
    if text is None:
        return None
    for candidate in (text, strip_prefix(text)):
        if (found := _YN.get(fold(candidate))) is not None:
            return found
    if is_blank(strip_prefix(text)) or re.sub(r"[^a-z]", "", fold(strip_prefix(text))) in _YN_UNKNOWN:
        return None
    raise Unreadable("not Y or N")


@dataclass(frozen=True)
class CodeList:
    """A code list's lookup: every accepted spelling, folded, to its canonical code."""

    name: str
    codes: tuple[str, ...]
    lookup: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    canonical: dict[str, str]  # folded code -> code
    spellings: dict[str, frozenset[str]]  # code -> its folded alternative spellings

    def _find(self, text: str) -> str | None:
        key = fold(text)
        if key in self.ambiguous:
            raise Unreadable(f"{text!r} could mean any of {', '.join(self.ambiguous[key])}")
        return self.lookup.get(key)

    def parse(self, raw: object) -> str | None:
        text = parse_text(raw)
        if text is None:
            # A code list may itself accept a blank token ("n/a" = Monitor), so look it up first.
            text = str(raw).strip()
            return self._find(text) if text else None
        if (found := self._find(text)) is not None:
            return found
        bare = strip_prefix(text)
        if (found := self._find(bare)) is not None:
            return found
        if is_blank(bare):
            return None
        if match := _CODE_COLON.match(bare):  # "C2: FCO": the code decides, the words are the template's
            code, words = match.groups()
            if (found := self._find(code)) is not None or (found := self._find(words)) is not None:
                return found
        for pattern in (_CODE_AND_DESCRIPTION, _CODE_BRACKETED):  # "N1 - Abuse or neglect", "N1 (Abuse...)"
            if match := pattern.match(bare):
                for part in match.groups():
                    if (found := self._find(part)) is not None:
                        return found
        code, _, rest = bare.partition(" ")  # "N1 Abuse or neglect": only when the rest describes that code
        if (found := self.canonical.get(fold(code))) is not None and fold(rest) in self.spellings[found]:
            return found
        raise Unreadable("not one of the allowed codes")

    def expected(self, limit: int = 12) -> str:
        if len(self.codes) <= limit + 3:  # "and 1 more" helps nobody: show short lists whole
            limit = len(self.codes)
        shown_codes = ", ".join(self.codes[:limit])
        more = f" and {len(self.codes) - limit} more" if len(self.codes) > limit else ""
        return f"one of {shown_codes}{more} (code list {self.name!r}; a code's description is also accepted)"


def build_code_list(name: str, codes: dict[str, tuple[str, ...]]) -> CodeList:
    """The lookup for a code list: canonical code -> accepted alternative spellings.

    A spelling two codes both accept is ambiguous and reported, never guessed; a canonical
    code always means itself.
    """
    spellings: dict[str, set[str]] = {}
    for code, alternatives in codes.items():
        for spelling in (code, *alternatives):
            spellings.setdefault(fold(spelling), set()).add(code)
    canonical = {fold(code): code for code in codes}
    lookup, ambiguous = {}, {}
    for key, meanings in spellings.items():
        if key in canonical:
            lookup[key] = canonical[key]
        elif len(meanings) == 1:
            lookup[key] = next(iter(meanings))
        else:
            ambiguous[key] = tuple(sorted(meanings))
    by_code = {code: frozenset(map(fold, alts)) for code, alts in codes.items()}
    return CodeList(name, tuple(codes), lookup, ambiguous, canonical, by_code)


@cache
def code_list(name: str) -> CodeList:
    return build_code_list(name, load_contract().code_list(name))


# --- columns --------------------------------------------------------------------------------


def expected_for(column: Column) -> str:
    """What a value of this column should look like, for findings."""
    return {
        "date": DATE_FORMATS,
        "datetime": DATETIME_FORMATS,
        "int": "a whole number",
        "number": "a number",
        "yn": YN_EXPECTED,
        "code": code_list(column.codes).expected() if column.codes else "",
    }.get(column.type, "text")


@dataclass(frozen=True)
class Conventions:
    """How one file writes what the contract leaves open: its decimal mark and its date order."""

    decimal_comma: bool = False
    month_first: bool = False


def _parser(column: Column, conventions: Conventions = Conventions()) -> Callable[[object], object]:
    if column.type in ("date", "datetime"):
        return partial(parse_datetime, month_first=conventions.month_first)
    if column.type == "int":
        if column.round_down:
            return parse_whole_years
        return partial(parse_int, decimal_comma=conventions.decimal_comma)
    if column.type == "number":
        return partial(parse_number, decimal_comma=conventions.decimal_comma, grouping=False)
    if column.type == "id":
        return parse_id
    if column.type == "yn":
        return parse_yn
    if column.type == "code":
        return code_list(column.codes).parse
    return parse_text


# The spellings most extracts use, parsed in C by pandas before the general parser sees the rest.
_FAST_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)


_SAMPLE = 100


def _fast_datetimes(uniques: np.ndarray, month_first: bool = False) -> np.ndarray:
    """datetime64 for the unique values in a common format (NaT for the rest, left to the general parser).

    The formats are tried most frequent first (judged on a sample), so each value is usually
    parsed once.
    """
    stamps = np.full(len(uniques), np.datetime64("NaT"), dtype=DATETIME_DTYPE)
    is_text = np.fromiter((isinstance(v, str) for v in uniques), dtype=bool, count=len(uniques))
    if not is_text.any():
        return stamps
    positions = np.flatnonzero(is_text)
    texts = pd.Series(uniques[is_text], dtype=object).str.strip()
    known = tuple(f.replace("%d/%m", "%m/%d") for f in _FAST_FORMATS) if month_first else _FAST_FORMATS
    if len(texts) > _SAMPLE:
        sample = texts.iloc[:: len(texts) // _SAMPLE]
        hits = {fmt: pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum() for fmt in known}
        formats = [fmt for fmt in sorted(known, key=lambda f: -hits[f]) if hits[fmt]]
    else:
        formats = list(known)
    # A format not seen in the sample is left to the general parser, which reads every format.
    todo = np.ones(len(texts), dtype=bool)
    for fmt in formats:
        where = np.flatnonzero(todo)
        if not len(where):
            break
        parsed = pd.to_datetime(texts.iloc[where], format=fmt, errors="coerce")
        open_end = parsed.dt.year.eq(9999) & parsed.dt.month.eq(12) & parsed.dt.day.eq(31)
        good = (parsed.notna() & (parsed.dt.year.between(MIN_YEAR, MAX_YEAR) | open_end)).to_numpy()
        if good.any():
            stamps[positions[where[good]]] = parsed[good].to_numpy().astype(DATETIME_DTYPE)
            todo[where[good]] = False
    return stamps


def _typed(results: list, column: Column):
    """Typed array for the unique values (None = missing)."""
    if column.type in ("date", "datetime"):
        return pd.array(np.array(results, dtype=DATETIME_DTYPE))
    if column.type == "int":
        return pd.array(results, dtype="Int64")
    if column.type == "number":
        return pd.array(results, dtype="Float64")
    return pd.array(results, dtype=STRING_DTYPE)


def empty_column(column: Column, index: pd.Index) -> pd.Series:
    """An all-missing column of the right type (an optional column the file does not have)."""
    return pd.Series(_typed([None] * len(index), column), index=index, name=column.name)


def parse_column(raw: pd.Series, column: Column, conventions: Conventions = Conventions()) -> Parsed:
    """Parse one raw column (strings, or datetimes from workbook date cells) to its contract type."""
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=False)
    parse = _parser(column, conventions)
    reasons: dict[int, str] = {}
    no_date: set[int] = set()  # the unique values that are dates meaning "no date"
    if column.type in ("date", "datetime"):
        stamps = _fast_datetimes(uniques, conventions.month_first)
        for i in np.flatnonzero(np.isnat(stamps)):
            try:
                found = parse(uniques[i])
            except Unreadable as problem:
                reasons[int(i)] = str(problem)
                continue
            if found is not None:
                stamps[i] = np.datetime64(found, "us")
        sentinel = np.isin(stamps.astype("datetime64[D]"), NO_DATES)
        stamps[sentinel] = np.datetime64("NaT")  # read as no date
        no_date = set(np.flatnonzero(sentinel).tolist())
        typed = pd.array(stamps)
    else:
        results: list = [None] * len(uniques)
        for i, value in enumerate(uniques):
            try:
                results[i] = parse(value)
            except Unreadable as problem:
                reasons[i] = str(problem)
        typed = _typed(results, column)
    if column.type == "date":
        typed = typed.floor("D")
    values = pd.Series(typed.take(codes), index=raw.index, name=column.name)
    if reasons:
        bad_mask = np.isin(codes, list(reasons))
        bad_codes = codes[bad_mask]
        unreadable = pd.DataFrame(
            {
                "value": [shown(uniques[c]) for c in bad_codes],
                "reason": [reasons[c] for c in bad_codes],
            },
            index=raw.index[bad_mask],
        )
    else:
        unreadable = pd.DataFrame({"value": pd.Series(dtype=object), "reason": pd.Series(dtype=object)})
    placeholders, no_dates = _placeholders(codes, uniques, values, reasons, no_date)
    return Parsed(values, unreadable, placeholders, no_dates)


def _placeholders(
    codes: np.ndarray, uniques: np.ndarray, values: pd.Series, reasons: dict, no_date: set[int]
) -> tuple[dict[str, int], dict[str, int]]:
    """Text read as no value ("N/A", "-", "Unknown" in a Y/N column), with how many rows hold each
    ("" counts the cells that were empty); and apart, the dates meaning "no date" (01/01/1900,
    31/12/9999) as written, with how many rows hold each."""
    blank_at = values.isna().to_numpy()
    out: dict[str, int] = {}
    dates: dict[str, int] = {}
    counts = np.bincount(codes, minlength=len(uniques))
    _, first = np.unique(codes, return_index=True)  # the first row holding each distinct value
    for code, value in enumerate(uniques):
        if code in reasons or not blank_at[first[code]]:
            continue
        token = value.strip() if isinstance(value, str) else shown(value)
        found = dates if code in no_date else out
        found[token] = found.get(token, 0) + int(counts[code])
    return out, dates
