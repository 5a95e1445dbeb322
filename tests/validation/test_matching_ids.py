"""Child IDs are matched by value: numbers of any length or with their leading zeros dropped match;
an error only where IDs really match no one; an extract is matched over the span the lists cover."""

import re

import pytest

from onapage.inputs import read_inputs
from onapage.validation import validate
from onapage.validation.rules.unmatched_ids import RULE

LIST_1 = ["Child Unique ID", "Date of Contact"]
LIST_3 = ["Child Unique ID", "Date of referral"]
LIST_7 = ["Child Unique ID", "Child Protection Plan Start Date"]
VISITS = ["Child ID", "Visit date"]
SIX = [f"{400000 + i}" for i in range(6)]  # children known to the authority before IDs grew a digit
SEVEN = [f"{1000000 + i}" for i in range(6)]


def findings(folder, inputs=None):
    """The rule's findings only (reading these short hand-built lists finds columns missing)."""
    found = validate(inputs or read_inputs(folder.path), rules=[RULE])
    return [f for f in found if f.rule == RULE.name]


def no_ids_in(message: str, ids) -> bool:
    return not any(re.search(rf"\b0*{i}\b", message) for i in ids)


@pytest.mark.parametrize("majority", ["six", "seven"])
def test_numeric_ids_of_six_and_seven_digits_match_whichever_length_most_lists_use(folder, majority):
    many, few = (SIX, SEVEN) if majority == "six" else (SEVEN, SIX)
    everyone = many + few[:2]
    folder.csv("list_1.csv", LIST_1, [[c, "01/02/2019"] for c in everyone])
    folder.csv("list_3.csv", LIST_3, [[c, "01/02/2019"] for c in few[:2] + many[:1]])  # mostly the other length
    folder.csv("list_7.csv", LIST_7, [[c, "01/02/2019"] for c in few[:2]])
    folder.csv("visits.csv", VISITS, [[c, "01/02/2019"] for c in few[:2] * 3 + many])
    assert findings(folder) == []


def test_a_list_that_lost_its_leading_zeros_is_warned_of_and_still_matches(folder):
    ids = SIX + SEVEN
    # The case system writes seven digits; List 1 went through Excel, which dropped the zeros.
    folder.workbook("annex_a.xlsx", {"List 1": [LIST_1, *[[int(c), "01/02/2019"] for c in ids]]})
    folder.csv("list_3.csv", LIST_3, [[f"{int(c):07d}", "01/02/2019"] for c in ids])
    folder.csv("visits.csv", VISITS, [[f"{int(c):07d}", "01/02/2019"] for c in ids])
    inputs = read_inputs(folder.path)
    assert inputs.frames["list_1"]["child_id"].tolist() == inputs.frames["list_3"]["child_id"].tolist()
    [warning] = findings(folder, inputs)
    assert (warning.severity, warning.file, warning.sheet, warning.column, warning.rows) == (
        "warning",
        "annex_a.xlsx",
        "List 1",
        "Child Unique ID",
        6,
    )
    assert "6 child IDs" in warning.message and "List 3 (Referrals)" in warning.message
    assert "matched by number" in warning.message
    assert no_ids_in(warning.message, ids)


def test_an_extract_without_the_zeros_is_warned_of_too(folder):
    folder.csv("list_1.csv", LIST_1, [[f"{int(c):07d}", "01/02/2019"] for c in SIX + SEVEN])
    folder.csv("visits.csv", VISITS, [[c, "01/02/2019"] for c in SIX[:4] + SEVEN])
    [warning] = findings(folder)
    assert (warning.severity, warning.dataset, warning.column, warning.rows) == ("warning", "visits", "Child ID", 4)
    assert "List 1 (Contacts) writes them with" in warning.message


def test_a_list_whose_ids_match_no_one_in_the_other_lists_is_an_error(folder):
    folder.csv("list_1.csv", LIST_1, [[f"NB{c}", "01/02/2019"] for c in SEVEN])
    folder.csv("list_3.csv", LIST_3, [[f"NB{c}", "01/02/2019"] for c in SEVEN])
    folder.csv("list_7.csv", LIST_7, [[f"{c}", "01/02/2019"] for c in SEVEN[:4]])  # the prefix dropped
    [error] = findings(folder)
    assert (error.severity, error.dataset, error.column, error.rows) == ("error", "list_7", "Child Unique ID", 4)
    assert "4 of 4 child IDs match no child in the other lists" in error.message
    assert no_ids_in(error.message, SEVEN)


def test_visits_over_three_years_are_matched_only_from_the_lists_first_month(folder):
    folder.csv("list_1.csv", LIST_1, [[c, "14/09/2018"] for c in SEVEN])
    folder.csv("list_3.csv", LIST_3, [[c, "02/03/2019"] for c in SEVEN[:3]])
    old = [[f"{2000000 + i}", f"15/{1 + i % 12:02d}/{2016 + i // 12}"] for i in range(32)]  # Jan 2016 - Aug 2018
    recent = [[c, "01/09/2018"] for c in SEVEN] + [[c, "20/02/2019"] for c in SEVEN]
    folder.csv("visits.csv", VISITS, old + recent)
    assert findings(folder) == []

    # Two unknown children within the span: a warning counting only the rows the lists cover. The contacts
    # start on 14 September, too late in the month to cover it: the lists' span starts on 1 October.
    folder.csv("visits.csv", VISITS, old + recent + [["2999998", "03/10/2018"], ["2999999", "03/10/2018"]])
    [warning] = findings(folder)
    assert warning.severity == "warning" and warning.rows == 2
    assert "2 of 8 child IDs (25%) in rows dated from 01/10/2018" in warning.message


def test_an_extract_whose_children_are_not_in_the_lists_is_still_an_error(folder):
    folder.csv("list_1.csv", LIST_1, [[c, "14/09/2018"] for c in SEVEN])
    unknown = [[f"{2000000 + i}", "20/02/2019"] for i in range(8)]
    folder.csv("visits.csv", VISITS, [*unknown, [SEVEN[0], "20/02/2019"]])
    [error] = findings(folder)
    assert (error.severity, error.dataset, error.rows) == ("error", "visits", 8)
    assert "8 of 9 child IDs (89%) match no child" in error.message
