"""Gate rules' findings in full (severity, place, words, rows counted, caveat), worked out by hand, with the
near misses each side of every threshold: the rules' own cases check only the severity and place."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from onapage.periods import Period
from onapage.validation.gate import _write_csv, all_rules, validate


def found(rule_name: str, given: dict[str, list[dict[str, str]]], period: str | None = None,
          as_of: date = date(2019, 3, 10), allow_partial: bool = False, value: bool = False) -> list[tuple]:
    """The findings of one rule on hand-built lists, as (severity, column, row, message, expected, rows, caveat),
    and the value shown when `value`."""
    from onapage.inputs import read_inputs

    rule = next(r for r in all_rules() if r.name == rule_name)
    with tempfile.TemporaryDirectory() as folder:
        for key, rows in given.items():
            _write_csv(Path(folder) / f"{key}.csv", rows)
        inputs = read_inputs(Path(folder))
    findings = validate(inputs, period=Period.parse(period) if period else None, as_of=as_of,
                        allow_partial=allow_partial, rules=[rule])
    return [(f.severity, f.column, f.row, f.message, f.expected, f.rows, f.caveat, *([f.value] if value else []))
            for f in findings if f.rule == rule_name]


# --- duplicate_rows: more than max(10, 0.5% of the list) repeated rows is an error, fewer a warning -------------


def _contacts(n: int, repeat: int) -> list[dict[str, str]]:
    rows = [{"Child Unique ID": f"C{i}", "Date of Contact": "01/02/2019"} for i in range(n)]
    return rows + rows[:repeat]


WARN_EXPECTED = "each record once, unless two records are genuinely identical"


def _warning(copies: int, rows: str) -> tuple:
    return ("warning", None, None, f"{copies} rows repeat earlier rows exactly (rows {rows}); each is counted",
            WARN_EXPECTED, copies, f"List 1: {copies} repeated rows counted")


def _error(copies: int, share: str, rows: str) -> tuple:
    return ("error", None, None, f"{copies} rows repeat earlier rows exactly ({share} of the list; rows {rows}): the "
            "same records supplied twice?", "each record once", copies, "")


@pytest.mark.parametrize(("contacts", "copies", "expect"), [
    # 11 contacts then the first 10 again: copies are data rows 12-21, spreadsheet rows 13-22 (heading row 1)
    (11, 10, _warning(10, "13, 14, 15, 16, 17 and 5 more")),
    # the first 11 again: 11 copies of 22 rows (50.0%), more than 10
    (11, 11, _error(11, "50.0%", "13, 14, 15, 16, 17 and 6 more")),
    # on a long list the bar is 0.5%: 12 copies of 2,402 rows (0.5% is 12.01) warn ...
    (2390, 12, _warning(12, "2392, 2393, 2394, 2395, 2396 and 7 more")),
    # ... 13 copies of 2,403 rows (0.5% is 12.015; 13/2,403 = 0.54%) are an error
    (2390, 13, _error(13, "0.5%", "2392, 2393, 2394, 2395, 2396 and 8 more")),
])
def test_repeats_warn_up_to_ten_or_half_a_percent_and_are_an_error_beyond(contacts, copies, expect):
    assert found("duplicate_rows", {"list_1": _contacts(contacts, copies)}) == [expect]


def test_rows_alike_only_through_unreadable_dates_are_not_repeats():
    # two rows for C1 whose dates cannot be read (both missing once read) are different records ...
    unreadable = [{"Child Unique ID": "C1", "Date of Contact": "banana"},
                  {"Child Unique ID": "C1", "Date of Contact": "31/13/2019"}]
    assert found("duplicate_rows", {"list_1": unreadable}) == []
    # ... while the same readable row twice is one repeat (spreadsheet row 3); the caveat names the sheet, List 1
    twice = [{"Child Unique ID": "C1", "Date of Contact": "01/02/2019"}] * 2
    assert found("duplicate_rows", {"list_1": twice}) == [_warning(1, "3")]


# --- placeholder_text: words read as blank warn with a caveat; dates standing for no date warn once per file ------


def _plans(*ends: str) -> list[dict[str, str]]:
    return [{"Child Unique ID": f"C{i}", "Child Protection Plan Start Date": "03/01/2019",
             "Child Protection Plan End Date": end} for i, end in enumerate(ends)]


END = "Child Protection Plan End Date"
OPEN = "no date: the event has not happened (a plan with no end date is still open)"


def test_words_for_no_end_date_are_listed_most_first():
    assert found("placeholder_text", {"list_7": _plans("null", "N/A", "N/A", "", "01/02/2019")}) == [
        ("warning", END, None, f"'N/A' (2 rows), 'null' (1 rows) read as {OPEN}", "a value, or the cell left empty",
         3, f"List 7: 3 placeholder(s) in {END!r} read as blank")]


def test_a_dash_warns_only_beside_empty_cells():
    assert found("placeholder_text", {"list_7": _plans("-", "", "01/02/2019")}) == [
        ("warning", END, None, f"'-' (1 rows) read as {OPEN}", "a value, or the cell left empty", 1,
         f"List 7: 1 placeholder(s) in {END!r} read as blank")]
    assert found("placeholder_text", {"list_7": _plans("-", "--", "01/02/2019")}) == []


def test_dates_for_no_date_one_warning_per_file_without_a_caveat():
    given = {"list_7": _plans("31/12/9999", "9999-12-31 00:00:00", "31/12/9999", "01/02/2019")}
    assert found("placeholder_text", given) == [
        ("warning", END, None, "3 cell(s) hold a date written for no date, '31/12/9999' (2), '9999-12-31 00:00:00' "
         f"(1): read as blank (not happened yet, or still open), in {END!r} (3)", "a date, or the cell left empty",
         3, "")]


def test_dates_for_no_date_in_two_columns_name_both_and_no_single_column():
    def adopter(n, stage_1, left):
        return {"Adopter ID": f"A{n}", "Date enquiry received": "03/01/2019", "Date Stage 1 started": stage_1,
                "Date of leaving adoption process": left}

    given = {"list_11": [adopter(1, "01/01/1900", "31/12/9999"), adopter(2, "01/01/1900", "31/12/9999"),
                         adopter(3, "05/01/2019", "31/12/9999")]}
    assert found("placeholder_text", given) == [
        ("warning", None, None, "5 cell(s) hold a date written for no date, '31/12/9999' (3), '01/01/1900' (2): "
         "read as blank (not happened yet, or still open), in 'Date Stage 1 started' (2), "
         "'Date of leaving adoption process' (3)", "a date, or the cell left empty", 5, "")]


# --- duplicate_keys: one error per set of rows sharing a key, never showing the child; 20 sets, then a summary -----

KEY = "'Child Unique ID' and 'Child Protection Plan Start Date'"


def _plan(child: str, start: str) -> dict[str, str]:
    return {"Child Unique ID": child, "Child Protection Plan Start Date": start}


def test_each_set_of_rows_with_one_key_is_one_error_in_order_of_first_appearance():
    given = {"list_7": [
        _plan("C1", "03/01/2019"), _plan("C2", "05/01/2019"), _plan("C1", "03/01/2019"),  # rows 2, 3, 4
        _plan("C3", "05/01/2019"), _plan("C1", "03/01/2019"), _plan("C2", "05/01/2019"),  # rows 5, 6, 7
        _plan("C1", "04/01/2019"),  # row 8: C1 a day later, a near miss
        _plan("C4", ""), _plan("C4", ""),  # rows 9, 10: no start day is no key
    ]}
    assert found("duplicate_keys", given, value=True) == [
        ("error", "Child Unique ID", 2, f"rows 2, 4, 6 have the same {KEY}", f"each {KEY} once only", 3, "", None),
        ("error", "Child Unique ID", 3, f"rows 3, 7 have the same {KEY}", f"each {KEY} once only", 2, "", None),
    ]


def test_after_twenty_sets_one_finding_counts_the_rest():
    # 22 children each with the same plan twice: sets 1-20 one by one, then "2 more" (rows 2-45 in pairs)
    given = {"list_7": [_plan(f"C{i}", "03/01/2019") for i in range(22) for _ in range(2)]}
    result = found("duplicate_keys", given)
    assert len(result) == 21
    assert result[19] == ("error", "Child Unique ID", 40, f"rows 40, 41 have the same {KEY}",
                          f"each {KEY} once only", 2, "")
    assert result[20] == ("error", "Child Unique ID", None,
                          f"2 more sets of rows share the same {KEY} (22 sets in all)", "", 2, "")
    # a near miss: 20 sets are all shown, with no summary
    assert len(found("duplicate_keys", {"list_7": given["list_7"][:40]})) == 20
