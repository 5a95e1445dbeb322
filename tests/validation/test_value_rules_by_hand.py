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


# --- born_before_events: a birth after another date of the row; up to 280 days after is an unborn child's ------


START, AUTHORISED = "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"
UNBORN = " (an unborn child's expected date of birth?)"
BORN_FIRST = "a date of birth on or before every other date in the row"
DUE = "an expected date of birth no more than 280 days after the event"


def _assessment(i: int, born: str, start: str, authorised: str = "") -> dict[str, str]:
    return {"Child Unique ID": f"C{i}", "Date of Birth": born, START: start, AUTHORISED: authorised}


def test_a_birth_on_the_day_is_fine_up_to_280_days_after_is_a_warning_and_281_an_error():
    rows = [_assessment(1, "01/02/2019", "01/02/2019", "01/02/2019"),  # born on the day: fine
            _assessment(2, "08/11/2019", "01/02/2019", "20/12/2019"),  # 280 days after the start only
            _assessment(3, "09/11/2019", "01/02/2019", "02/02/2019"),  # 281 days after, after both dates
            _assessment(4, "09/11/2019", "", "01/01/2020"),  # the start blank: before the other date
            _assessment(5, "10/02/2015", "01/02/2015")]  # an early row leaves the others' 280 days alone
    assert found("born_before_events", {"list_4": rows}) == [
        ("error", "Date of Birth", 4, f"'Date of Birth' is after '{START}', '{AUTHORISED}'", BORN_FIRST, 1, ""),
        ("warning", "Date of Birth", 3, f"'Date of Birth' is after '{START}'{UNBORN}", DUE, 1, ""),
        ("warning", "Date of Birth", 6, f"'Date of Birth' is after '{START}'{UNBORN}", DUE, 1, ""),
    ]


def test_after_twenty_rows_born_after_their_events_one_finding_counts_the_rest():
    errors = [_assessment(i, "01/01/2020", "01/02/2019") for i in range(21)]
    unborn = [_assessment(i, "01/03/2019", "01/02/2019") for i in range(21, 43)]
    got = found("born_before_events", {"list_4": errors + unborn})
    assert len(got) == 42
    assert got[20] == ("error", "Date of Birth", None,
                       "1 more rows have 'Date of Birth' after another date in the row (21 in all)", "", 1, "")
    assert got[41] == ("warning", "Date of Birth", None,
                       f"2 more rows have 'Date of Birth' after another date in the row{UNBORN} (22 in all)", "", 2, "")


# --- fte_adds_up: permanent, agency and vacant FTE add up to the establishment within 0.15 -------------------------


FTE_EXPECTED = "'Establishment FTE' equal to 'Permanent FTE', 'Agency FTE', 'Vacant FTE' added up (within 0.15)"


def _team(i: int, establishment: str, permanent: str, agency: str = "0", vacant: str = "0") -> dict[str, str]:
    return {"Month": "01/02/2019", "Service": "Duty", "Team": f"T{i}", "Post type": "Social worker",
            "Establishment FTE": establishment, "Permanent FTE": permanent, "Agency FTE": agency, "Vacant FTE": vacant}


def test_posts_within_015_of_the_establishment_add_up_and_016_out_do_not():
    rows = [_team(1, "0", "0", "0", "0.15"), _team(2, "0", "0", "0", "0.16"), _team(3, "10", "6", "2", ""),
            _team(4, "10", "6", "2", "1")]
    assert found("fte_adds_up", {"workforce": rows}, value=True) == [
        ("warning", "Establishment FTE", 3, "the posts add up to 0.16 FTE, not the establishment", FTE_EXPECTED, 1,
         "", "0"),
        ("warning", "Establishment FTE", 5, "the posts add up to 9 FTE, not the establishment", FTE_EXPECTED, 1,
         "", "10"),
    ]


def test_after_twenty_teams_that_do_not_add_up_one_finding_counts_the_rest():
    got = found("fte_adds_up", {"workforce": [_team(i, "10", "9") for i in range(21)]})
    assert got[20] == ("warning", "Establishment FTE", None,
                       "1 more rows have posts that do not add up to the establishment (21 in all)",
                       FTE_EXPECTED, 1, "")


# --- plan_measures_from_catalogue: figures given for a measure the catalogue computes, once per measure ----------


PLAN_EXPECTED = "blank: the catalogue computes this measure, with its own target (params/improvement_plan.yml)"


def _measure(plan_id: str, value: str = "", target: str = "") -> dict[str, str]:
    return {"Plan ID": plan_id, "Theme": "Care", "Measure": f"Measure {plan_id}", "Month": "01/02/2019",
            "Value": value, "Target": target, "Value at inspection": "300", "Polarity": "Monitor"}


def _computed(plan_id: str, indicator: str, row: int) -> tuple:
    return ("warning", "Value", row, f"plan measure {plan_id} is computed by the indicator catalogue ({indicator}), "
            "so this file's values and target for it are not used; only its value at inspection is read",
            PLAN_EXPECTED, 1, "", plan_id)


def test_figures_for_a_catalogue_measure_warn_once_and_its_value_at_inspection_alone_does_not():
    rows = [_measure("3b", "312", "320"), _measure("3b", "311", "320"), _measure("2a", "60", "80"),
            _measure("1a"), _measure("1b", target="5")]
    assert found("plan_measures_from_catalogue", {"improvement_plan": rows}, value=True) == [
        _computed("3b", "cla_children_at_period_end", 2), _computed("1b", "fd_rereferrals_12m_pct", 6)]


def test_after_twenty_catalogue_measures_one_finding_counts_the_rest(monkeypatch):
    from onapage.indicators import plan_links

    monkeypatch.setattr(plan_links, "plan_measures_from_catalogue",
                        lambda: [{"plan_id": f"m{i}", "indicator": f"ind_{i}"} for i in range(22)])
    got = found("plan_measures_from_catalogue", {"improvement_plan": [_measure(f"m{i}", "1") for i in range(22)]})
    assert got[19] == _computed("m19", "ind_19", 21)[:-1]
    assert got[20] == ("warning", "Value", None, "2 more rows give figures for measures the catalogue computes "
                       "(22 in all)", PLAN_EXPECTED, 2, "")


# --- required_values: a blank where every row needs a value; an unreadable value is not a blank too -------------


BLANK = "blank, but every row needs a value in this column"


def test_blank_ids_text_and_dates_are_errors_and_an_unreadable_date_is_not_also_blank():
    contacts = [{"Child Unique ID": "", "Date of Contact": "01/02/2019"},
                {"Child Unique ID": "C2", "Date of Contact": ""},
                {"Child Unique ID": "C3", "Date of Contact": "banana"}]
    assert found("required_values", {"list_1": contacts}) == [
        ("error", "Child Unique ID", 2, BLANK, "a value", 1, ""),
        ("error", "Date of Contact", 3, BLANK, DATE_EXPECTED, 1, "")]
    team = {**_team(1, "1", "1"), "Service": ""}
    assert found("required_values", {"workforce": [team]}) == [("error", "Service", 2, BLANK, "a value", 1, "")]


def test_after_twenty_blank_dates_one_finding_counts_the_rest():
    got = found("required_values", {"list_1": [{"Child Unique ID": f"C{i}", "Date of Contact": ""} for i in range(21)]})
    assert got[20] == ("error", "Date of Contact", None, "1 more rows are blank in this column (21 in all)", "", 1, "")


# --- numbers_in_order: a risk's residual score never above its inherent score -------------------------------------


def _scored(inherent: tuple[str, str], residual: tuple[str, str]) -> dict[str, str]:
    return {**_risk(*inherent), "Residual likelihood": residual[0], "Residual impact": residual[1]}


def _above(part: str, a: str, whole: str, b: str, row: int) -> tuple:
    return ("error", part, row, f"'{part}' ({a}) is more than '{whole}' ({b})", f"at most '{whole}'", 1, "", a)


def test_a_residual_score_equal_to_the_inherent_is_fine_and_one_above_is_an_error():
    rows = [_scored(("3", "4"), ("3", "4")), _scored(("3", "4"), ("4", "5")), _scored(("3", "2"), ("2", "3")),
            _scored(("", ""), ("4", "5"))]
    assert found("numbers_in_order", {"risks": rows}, value=True) == [
        _above("Residual likelihood", "4", "Inherent likelihood", "3", 3),
        _above("Residual impact", "5", "Inherent impact", "4", 3),
        _above("Residual impact", "3", "Inherent impact", "2", 4)]


def test_a_pair_with_a_column_missing_is_passed_over_and_the_next_still_checked():
    row = {k: v for k, v in _scored(("3", "4"), ("4", "5")).items() if k != "Inherent likelihood"}
    assert found("numbers_in_order", {"risks": [row]}, value=True) == [
        _above("Residual impact", "5", "Inherent impact", "4", 2)]


def test_after_twenty_residual_scores_above_one_finding_counts_the_rest():
    got = found("numbers_in_order", {"risks": [_scored(("3", "4"), ("3", "5"))] * 21})
    assert got[20] == ("error", "Residual impact", None,
                       "1 more rows have 'Residual impact' above 'Inherent impact' (21 in all)", "", 1, "")


# --- moderation_step: a grading moderated by two grades or more is a warning, by one is fine ---------------------


MODERATED = "a moderated grade within one grade of 'Grade'"


def _audit(i: int, grade: str, moderated: str) -> dict[str, str]:
    return {"Audit ID": f"A{i}", "Audit date": "04/02/2019", "Service area": "Front door", "Domain": "Assessment",
            "Grade": grade, "Moderated grade": moderated}


def test_moderation_by_one_grade_is_fine_and_by_two_or_three_a_warning():
    rows = [_audit(1, "Good", "Requires improvement"), _audit(2, "Good", "Inadequate"),
            _audit(3, "Inadequate", "Outstanding"), _audit(4, "Outstanding", "")]
    assert found("moderation_step", {"audits": rows}, value=True) == [
        ("warning", "Moderated grade", 3, "moderated from Good to Inadequate", MODERATED, 1, "", "Inadequate"),
        ("warning", "Moderated grade", 4, "moderated from Inadequate to Outstanding", MODERATED, 1, "", "Outstanding")]


def test_after_twenty_gradings_moved_two_grades_one_finding_counts_the_rest():
    got = found("moderation_step", {"audits": [_audit(i, "Good", "Inadequate") for i in range(21)]})
    assert got[20] == ("warning", "Moderated grade", None,
                       "1 more rows are moderated by two grades or more (21 in all)", MODERATED, 1, "")
