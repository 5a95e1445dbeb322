"""Findings on single values worked out by hand: numbers outside their column's bounds and values that cannot be
read as their column's type, each with the near miss beside it and the summary after the twentieth row."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from test_rule_findings_by_hand import found

from onapage.inputs import read_inputs
from onapage.periods import Period
from onapage.validation.gate import _write_csv, all_rules, validate

DATE_EXPECTED = "a date as dd/mm/yyyy, yyyy-mm-dd or 28 Feb 2019 (or an Excel date)"
CANNOT = "a number this column cannot hold"


# --- impossible_numbers: below the column's minimum (counts and FTEs: 0) or above its maximum ---------------------


def _risk(likelihood: str, impact: str = "3") -> dict[str, str]:
    return {"Risk ID": "R1", "Review date": "01/03/2019", "Risk title": "t", "Risk owner": "o",
            "Inherent likelihood": likelihood, "Inherent impact": impact,
            "Residual likelihood": "5", "Residual impact": "1"}


def test_scores_outside_one_to_five_are_impossible_and_the_bounds_themselves_are_not():
    rows = [_risk("6", "0"), _risk("5", "1"), _risk("", "")]
    assert found("impossible_numbers", {"risks": rows}, value=True) == [
        ("error", "Inherent likelihood", 2, CANNOT, "at most 5", 1, "", "6"),
        ("error", "Inherent impact", 2, CANNOT, "at least 1", 1, "", "0"),
    ]


def test_a_negative_fte_is_impossible_and_none_is_not():
    rows = [{"Month": "01/02/2019", "Service": "S", "Team": "T", "Post type": "Social worker",
             "Establishment FTE": fte, "Permanent FTE": "0", "Agency FTE": "0", "Vacant FTE": "0"}
            for fte in ("-0.5", "0")]
    assert found("impossible_numbers", {"workforce": rows}, value=True) == [
        ("error", "Establishment FTE", 2, CANNOT, "at least 0", 1, "", "-0.5")]


def test_after_twenty_impossible_rows_one_finding_counts_the_rest():
    got = found("impossible_numbers", {"risks": [_risk("3", "0")] * 22})
    assert len(got) == 21
    assert got[19] == ("error", "Inherent impact", 21, CANNOT, "at least 1", 1, "")
    assert got[20] == ("error", "Inherent impact", None, "2 more rows hold a number this column cannot (22 in all)",
                       "at least 1", 2, "")


# --- unreadable_values: one finding a row, then a summary naming the commonest values (never a personal one) ------


def _contacts() -> list[dict[str, str]]:
    dates = ["banana"] * 5 + ["apple"] * 4 + ["pear"] * 3 + ["fig"] * 3 + ["kiwi"] * 3 + ["plum"] * 2 + ["lime"] * 2
    return [{"Child Unique ID": f"C{i}", "Date of Contact": d, "Date of Birth": f"x{i}"} for i, d in enumerate(dates)]


def test_unreadable_dates_are_named_row_by_row_and_the_rest_summed_up_with_the_five_commonest():
    got = found("unreadable_values", {"list_1": _contacts()}, value=True)
    contact = [f for f in got if f[1] == "Date of Contact"]
    assert len(contact) == 21
    assert contact[0] == ("error", "Date of Contact", 2, "unreadable date: not a date in a recognised format",
                          DATE_EXPECTED, 1, "", "banana")
    assert contact[20] == ("error", "Date of Contact", None, "2 more rows have an unreadable date in this column "
                           "(22 in all); the most frequent are 'banana' (5 rows), 'apple' (4 rows), 'pear' (3 rows), "
                           "'fig' (3 rows), 'kiwi' (3 rows)", DATE_EXPECTED, 2, "", None)


def test_a_personal_columns_summary_names_no_values():
    got = [f for f in found("unreadable_values", {"list_1": _contacts()}, value=True) if f[1] == "Date of Birth"]
    assert got[0] == ("error", "Date of Birth", 2, "unreadable date: not a date in a recognised format",
                      DATE_EXPECTED, 1, "", None)
    assert got[20] == ("error", "Date of Birth", None, "2 more rows have an unreadable date in this column (22 in all)",
                       DATE_EXPECTED, 2, "", None)


def test_twenty_unreadable_values_need_no_summary():
    got = found("unreadable_values", {"list_1": _contacts()[:20]})
    assert [f[2] for f in got if f[1] == "Date of Contact"] == list(range(2, 22))


# --- period_in_data: a period after the lists' latest record or before their earliest is refused -----------------


def _period_findings(given: dict, period: str) -> list[tuple]:
    rule = next(r for r in all_rules() if r.name == "period_in_data")
    with tempfile.TemporaryDirectory() as folder:
        for key, rows in given.items():
            _write_csv(Path(folder) / f"{key}.csv", rows)
        inputs = read_inputs(Path(folder))
    findings = validate(inputs, period=Period.parse(period), as_of=date(2019, 12, 31), rules=[rule])
    return [(f.severity, f.dataset, f.file, f.sheet, f.row, f.column, f.message, f.expected)
            for f in findings if f.rule == "period_in_data"]


def _referrals(*days: str) -> dict:
    return {"list_3": [{"Child Unique ID": f"C{i}", "Referral Date": d} for i, d in enumerate(days)]}


def _refused(label: str, side: str, first: str, last: str, span: str) -> tuple:
    return ("error", "", "(all lists)", None, None, None, f"there are no records for {label}: it is {side} record "
            f"in the Annex A lists, which run from {first} to {last}", f"a period from {span}")


def test_the_month_of_the_first_and_last_records_are_covered_and_the_months_beyond_refused():
    # only List 3 supplied: the lists not given are passed over, not the end of the search
    given = _referrals("30/04/2017", "01/03/2019")
    assert _period_findings(given, "2017-04") == []
    assert _period_findings(given, "2019-03") == []
    assert _period_findings(given, "2019-04") == [
        _refused("April 2019", "after the latest", "30/04/2017", "01/03/2019", "2017-04 to 2019-03")]
    assert _period_findings(given, "2017-03") == [
        _refused("March 2017", "before the earliest", "30/04/2017", "01/03/2019", "2017-04 to 2019-03")]


def test_a_snapshot_lists_dates_do_not_widen_the_span():
    given = {**_referrals("30/04/2017", "01/03/2019"),
             "list_9": [{"Child Unique ID": "C1", "Latest Date of Contact": "15/06/2019"}]}
    assert _period_findings(given, "2019-05") == [
        _refused("May 2019", "after the latest", "30/04/2017", "01/03/2019", "2017-04 to 2019-03")]
