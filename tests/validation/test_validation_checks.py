"""The checks on read inputs: each problem located by file, sheet, row and column."""

from datetime import date

import pandas as pd
import pytest

from onapage.inputs import InputSet, read_inputs
from onapage.periods import Period
from onapage.validation import Finding, has_errors, summarise, validate

LIST_1 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
]
LIST_7 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "DOB",
    "Disability",
    "CP Plan Start Date",
    "Initial Category of Abuse",
    "Latest Category of Abuse",
    "Date of the Last Statutory Visit",
    "Was the Child Seen Alone?",
    "Date of latest review conference",
    "CP Plan End Date",
    "EPO or police protection in last six months",
    "Number of Previous Child Protection Plans",
]
AS_OF = date(2019, 3, 10)


def contact(child="C1", dob="01/02/2015", when="28/02/2019", **changes):
    row = {
        "Child Unique ID": child,
        "Gender": "a) Male",
        "Ethnicity": "WBRI",
        "Date of Birth": dob,
        "Age of Child (Years)": "4",
        "Date of Contact": when,
        "Contact Source": "6",
    }
    row.update(changes)
    return [row[h] for h in LIST_1]


def plan(child="C1", start="03/01/2019", end="", review="", dob="01/02/2015", visit="20/02/2019"):
    return [child, "b", "WBRI", dob, "N", start, "NEG", "NEG", visit, "Y", review, end, "N", "0"]


def check(folder, period=None, as_of=AS_OF):
    return [
        f for f in validate(read_inputs(folder.path), period=period, as_of=as_of) if "not supplied" not in f.message
    ]


def at(findings, **fields):
    return [f for f in findings if all(getattr(f, k) == v for k, v in fields.items())]


# --- unreadable values --------------------------------------------------------------------------


def test_invalid_leap_day_is_reported_with_row_column_value_and_format(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="29/02/2020"), contact(when="29/02/2019")])
    findings = check(folder, as_of=date(2020, 6, 1))
    [finding] = findings
    assert (finding.severity, finding.file, finding.row, finding.column, finding.value) == (
        "error",
        "list_1.csv",
        3,
        "Date of Contact",
        "29/02/2019",
    )
    assert "February 2019" in finding.message and "dd/mm/yyyy" in finding.expected


def test_a_us_date_among_uk_dates_is_rejected(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="02/28/2019"), contact(when="27/02/2019")])
    [finding] = check(folder)
    assert finding.row == 2 and "US month/day" in finding.message


def test_a_column_written_month_first_throughout_is_read_so_and_said(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="02/28/2019"), contact(when="02/03/2019")])
    inputs = read_inputs(folder.path)
    assert list(inputs.frames["list_1"]["contact_date"]) == [pd.Timestamp(2019, 2, 28), pd.Timestamp(2019, 2, 3)]
    [finding] = [f for f in check(folder) if f.rule == "date_order_in_file" and f.column == "Date of Contact"]
    assert finding.severity == "warning" and finding.column == "Date of Contact" and "02/28/2019" in finding.message


def test_unknown_code_reports_the_allowed_codes(folder):
    folder.csv("list_1.csv", LIST_1, [contact(Ethnicity="Martian")])
    [finding] = check(folder)
    assert finding.column == "Ethnicity" and finding.value == "Martian"
    assert finding.expected.startswith("one of WBRI, WIRI") and "more" in finding.expected


def test_heading_is_reported_as_it_appears_in_the_file(folder):
    header = [h if h != "Date of Contact" else "contact date" for h in LIST_1]
    folder.csv("list_1.csv", header, [contact(when="yesterday")])
    [finding] = check(folder)
    assert finding.column == "contact date"


def test_unreadable_personal_value_is_never_echoed(folder):
    folder.csv("list_1.csv", LIST_1, [contact(dob="3rd of May, 2015")])
    [finding] = check(folder)
    assert finding.column == "Date of Birth" and finding.row == 2
    assert finding.value is None and "May" not in str(finding)


def test_many_bad_values_are_summarised_after_twenty_rows(folder):
    folder.csv("list_1.csv", LIST_1, [contact(child=f"C{i}", when="soon") for i in range(50)])
    findings = check(folder)
    assert len(findings) == 21
    assert [f.row for f in findings[:20]] == list(range(2, 22))
    summary = findings[20]
    assert summary.row is None and "30 more rows" in summary.message and "50 in all" in summary.message
    assert "'soon' (50 rows)" in summary.message


# --- blanks -------------------------------------------------------------------------------------


def test_blank_in_a_required_value_is_an_error_but_an_unreadable_one_is_reported_once(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="-"), contact(when="never"), contact(child=" ")])
    findings = check(folder)
    assert [(f.row, f.column) for f in findings] == [
        (3, "Date of Contact"),
        (4, "Child Unique ID"),
        (2, "Date of Contact"),
    ]
    assert "unreadable" in findings[0].message
    assert "blank" in findings[1].message and "blank" in findings[2].message


def test_missing_required_column_does_not_also_report_every_row_blank(folder):
    folder.csv("list_1.csv", [h for h in LIST_1 if h != "Date of Contact"], [contact()[:5] + ["6"]])
    findings = check(folder)
    assert len(findings) == 1 and findings[0].column == "Date of Contact" and "not found" in findings[0].message


# --- dates --------------------------------------------------------------------------------------


def test_dates_in_the_wrong_order(folder):
    folder.csv("list_7.csv", LIST_7, [plan(), plan(child="C2", start="10/01/2019", end="09/01/2019")])
    [finding] = check(folder)
    assert (finding.row, finding.column, finding.value) == (3, "CP Plan End Date", "09/01/2019")
    assert finding.message == "'CP Plan End Date' (09/01/2019) is before 'CP Plan Start Date' (10/01/2019)"


def test_same_day_is_not_the_wrong_order(folder):
    folder.csv("list_7.csv", LIST_7, [plan(start="10/01/2019", end="10/01/2019", review="10/01/2019")])
    assert check(folder) == []


def test_born_after_another_date_in_the_row(folder):
    folder.csv("list_7.csv", LIST_7, [plan(), plan(child="C2", dob="05/01/2019", start="03/01/2019")])
    [finding] = check(folder)
    assert (finding.row, finding.column, finding.value) == (3, "DOB", None)
    assert "'CP Plan Start Date'" in finding.message and "'Date of the Last Statutory Visit'" not in finding.message


def test_dates_after_as_of_are_in_the_future(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="10/03/2019"), contact(when="11/03/2019")])
    findings = check(folder, as_of=date(2019, 3, 10))
    assert [(f.row, f.column, f.value) for f in findings] == [(3, "Date of Contact", "11/03/2019")]
    assert "future" in findings[0].message
    assert check(folder, as_of=date(2019, 3, 11)) == []


def test_as_of_defaults_to_today(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="01/01/2099")])
    assert "future" in check(folder, as_of=None)[0].message


def test_future_date_of_birth_is_reported_without_the_value(folder):
    folder.csv("list_1.csv", LIST_1, [contact(dob="01/06/2019", when="01/02/2019")])
    findings = check(folder)
    assert {f.column for f in findings} == {"Date of Birth"}
    assert all(f.value is None and "2019" not in f.message.replace("10/03/2019", "") for f in findings)


# --- duplicates ---------------------------------------------------------------------------------


def test_duplicate_keys_give_row_numbers_but_never_the_child_id(folder):
    rows = [
        plan(child="SECRET-ID"),
        plan(child="OTHER"),
        plan(child="SECRET-ID"),
        plan(child="OTHER", start="04/01/2019"),
    ]
    folder.csv("list_7.csv", LIST_7, rows)
    [finding] = [f for f in check(folder) if f.rule == "duplicate_keys"]
    assert finding.row == 2 and "rows 2, 4 have the same" in finding.message
    assert finding.value is None
    assert "SECRET" not in str(finding) and "SECRET" not in repr(finding.as_row())


def test_duplicates_of_non_personal_keys_show_the_value(folder):
    header = ["Case ID", "Type", "Date received", "Date responded"]
    folder.csv("complaints.csv", header, [["K1", "FOI", "01/02/2019", ""], ["K1", "FOI", "02/02/2019", ""]])
    [finding] = check(folder)
    assert finding.value == "K1" and finding.column == "Case ID"


# --- coverage -----------------------------------------------------------------------------------


def test_list_ending_before_the_period_is_an_error(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="01/02/2018"), contact(when="31/01/2019")])
    [finding] = [f for f in check(folder, period=Period(2019, 2)) if f.rule == "period_coverage"]
    assert finding.severity == "error" and finding.column == "Date of Contact"
    assert "ends on 31/01/2019" in finding.message and "old extract" in finding.message


def test_list_9_and_extracts_ending_before_the_period_only_warn(folder):
    header = ["Child Unique ID", "Visit date", "Visit type", "Seen alone", "Team"]
    folder.csv("visits.csv", header, [["C1", "01/02/2018", "CIN", "Y", ""], ["C1", "31/01/2019", "CP", "N", ""]])
    [finding] = check(folder, period=Period(2019, 2))
    assert finding.severity == "warning" and "old extract" in finding.message


def test_list_starting_after_the_financial_year_warns_about_ytd_and_trend(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="01/05/2018"), contact(when="28/02/2019")])
    findings = check(folder, period=Period(2019, 2))
    assert [f.severity for f in findings] == ["warning", "warning"]
    assert "year to date needs the months before" in findings[0].message and "2018/19" in findings[0].message
    assert "13-month trend" in findings[1].message


def test_list_starting_inside_the_trend_window_but_before_the_year_warns_about_the_trend_only(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="01/03/2018"), contact(when="28/02/2019")])
    [finding] = check(folder, period=Period(2019, 2))
    assert "13-month trend" in finding.message and "01/02/2018" in finding.message


def test_list_covering_the_whole_window_is_fine(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="01/02/2018"), contact(when="28/02/2019")])
    assert check(folder, period=Period(2019, 2)) == []
    assert check(folder) == []  # no period: no coverage checks


# --- findings from reading, inputs built by hand, the report ------------------------------------


def test_reader_findings_come_first_and_missing_lists_are_warnings(folder):
    folder.csv("list_1.csv", LIST_1 + ["Extra"], [contact() + ["x"]])
    findings = validate(read_inputs(folder.path), as_of=AS_OF)
    assert not has_errors(findings)
    assert "'Extra'" in findings[0].message
    assert any(f.dataset == "list_7" and "not supplied" in f.message for f in findings)


def test_inputs_built_by_hand_are_checked_with_row_numbers_from_position():
    frame = pd.DataFrame(
        {
            "case_id": ["K1", "K2", "K2"],
            "enquiry_type": ["FOI"] * 3,
            "received": pd.to_datetime(["2019-02-01", "2019-02-03", "2019-02-04"]),
            "responded": [date(2019, 1, 1), None, None],  # plain dates, as a test might build them
            "upheld": [None] * 3,
        }
    )
    findings = validate(InputSet(frames={"complaints": frame}), as_of=AS_OF)
    assert [(f.file, f.row, f.column) for f in findings] == [
        ("complaints.csv", 2, "Date responded"),
        ("complaints.csv", 3, "Case ID"),
    ]


def test_workbook_findings_name_the_sheet(folder):
    folder.workbook("annex_a.xlsx", {"List 1 - Contacts": [LIST_1, contact(when="31/02/2019")]})
    [finding] = check(folder)
    assert (finding.file, finding.sheet, finding.row) == ("annex_a.xlsx", "List 1 - Contacts", 2)


def test_summary_groups_by_file_with_counts(folder):
    folder.csv("list_1.csv", LIST_1, [contact(when="31/02/2019"), contact(Gender="robot")])
    folder.csv("list_7.csv", LIST_7, [plan(), plan()])
    text = summarise(validate(read_inputs(folder.path), as_of=AS_OF))
    assert text.startswith("Input check: 3 errors and ")
    assert "\nlist_1.csv: 2 errors, 0 warnings\n" in text
    assert "\nlist_7.csv: 1 error, 1 warning\n" in text  # the key twice, and the whole row repeated
    assert "  ERROR   row 2, column 'Date of Contact': unreadable date" in text
    assert "; 25 lists or extracts not supplied." in text.splitlines()[0]
    assert text.index("list_1.csv: 2 errors") < text.index("\nNot supplied (pages using these will show n/a):")
    assert "\n  List 2 (Early Help Assessments) [list_2.csv]\n" in text


def test_summary_of_nothing():
    assert summarise([]) == "Input check: no problems found."


@pytest.mark.parametrize("severity", ["error", "warning"])
def test_summary_counts_single_findings(severity):
    text = summarise([Finding(severity, "list_1", "list_1.csv", "something", row=4, column="Gender")])
    assert f"list_1.csv: {1 if severity == 'error' else 0} error" in text
    assert "row 4, column 'Gender': something" in text


# --- unborn children ----------------------------------------------------------------------------


def test_expected_date_of_birth_within_a_pregnancy_is_a_warning_beyond_it_an_error(folder):
    folder.csv("list_7.csv", LIST_7, [
        plan(child="C1", dob="20/03/2019", start="03/01/2019", visit=""),  # unborn: plan before birth
        plan(child="C2", dob="20/03/2020", start="03/01/2019", visit=""),  # 442 days: cannot be right
    ])
    findings = check(folder, as_of=date(2019, 3, 10))
    birth = [f for f in findings if "is after" in f.message]
    assert [(f.row, f.severity) for f in birth] == [(3, "error"), (2, "warning")]
    assert "unborn" in birth[1].message
    # C2's date of birth is also more than a pregnancy into the future; C1's is not
    assert [(f.row, f.severity) for f in findings if "future" in f.message] == [(3, "error")]


def test_not_known_in_a_yes_no_column_is_a_blank(folder):
    row = plan()
    row[LIST_7.index("Was the Child Seen Alone?")] = "Not known"
    folder.csv("list_7.csv", LIST_7, [row])
    inputs = read_inputs(folder.path)
    assert pd.isna(inputs.frames["list_7"]["seen_alone"].iloc[0])
    [finding] = check(folder)
    assert (finding.rule, finding.severity) == ("placeholder_text", "warning")
    assert finding.column == "Was the Child Seen Alone?"
    assert "'Not known' (1 rows) read as no answer" in finding.message and finding.caveat


def test_snapshot_lists_are_not_checked_for_coverage(folder):
    header = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "UASC or formerly UASC (Y/N)",
              "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch", "Latest Date of Contact",
              "Type of Accommodation", "Suitability of Accommodation", "Activity Status"]
    folder.csv("list_9.csv", header, [["L1", "a", "WBRI", "01/01/2000", "N", "Former relevant", "01/02/2019",
                                      "YES", "01/03/2019", "U", "Suitable", "F1"]])
    assert check(folder, period=Period(2019, 3)) == []
