"""Annex A as authorities fill it in: the Ofsted template (every edition), workbooks as they arrive,
case-management CSV exports and the Standard Safeguarding Dataset scripts' output.

Every workbook here is built by hand in the test; no real data is committed.
"""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from onapage.contract import load_contract
from onapage.inputs import read_inputs
from onapage.inputs.layout import describe_layout, template_match

CONTRACT = load_contract()
TEMPLATE = CONTRACT.template
EDITIONS = list(TEMPLATE.editions)
LISTS = list(TEMPLATE.headings)


# --- building template rows -------------------------------------------------------------------


def _codes_for(column) -> list[str]:
    """Five codes of the column's list that the template offers (cycled if fewer)."""
    offered = list(TEMPLATE.dropdowns.get(column.codes, {})) or list(CONTRACT.codes[column.codes])
    return [offered[i % len(offered)] for i in range(5)]


def template_rows(key: str, edition: str) -> tuple[list[str], list[list], dict[str, list]]:
    """Headings, five rows as the template's drop-downs and formulas fill them, and the values each
    column must read as."""
    headings = TEMPLATE.edition_headings(edition)[key]
    ds = CONTRACT.dataset(key)
    cells, expected = {}, {}
    for name in headings:
        column = ds.columns[name]
        if column.type == "code":
            codes = _codes_for(column)
            cells[name] = [TEMPLATE.dropdown(column.codes, c) or c for c in codes]
            expected[name] = codes
        elif column.type == "yn":
            cells[name] = ["a) Yes", "b) No", "a) Yes", "c) Unknown", "b) No"]
            expected[name] = ["Y", "N", "Y", None, "N"]
        elif column.type == "date":
            days = [datetime(2026, 4, 1 + i) for i in range(5)]
            cells[name] = days
            expected[name] = days
        elif column.round_down:  # the template's age formula
            cells[name] = [17.21, 0.99, 4.5, 12.0, 16.999]
            expected[name] = [17, 0, 4, 12, 16]
        elif column.type == "int":
            cells[name] = [0, 1, 2, 3, 4]
            expected[name] = [0, 1, 2, 3, 4]
        else:
            cells[name] = [f"{name[:3].upper()}{i:04d}" for i in range(5)]
            expected[name] = cells[name]
    rows = [[cells[name][i] for name in headings] for i in range(5)]
    return list(headings.values()), rows, expected


def save_workbook(path, sheets: dict[str, list[list]], *, hidden=(), merged=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell in sheet["A"] + sheet["B"]:  # the template shows dates as dd/mm/yyyy
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy"
        if title in hidden:
            sheet.sheet_state = "hidden"
        if merged and title in merged:
            sheet.merge_cells(merged[title])
    book.save(path)
    return path


def errors(inputs):
    return [str(f) for f in inputs.findings if f.is_error]


def read_back(frame: pd.DataFrame, name: str) -> list:
    return [None if pd.isna(v) else (v.to_pydatetime() if hasattr(v, "to_pydatetime") else v) for v in frame[name]]


# --- the template, every list and edition --------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_template_workbook_of_every_edition_reads_every_list_without_errors(tmp_path, edition):
    sheets, wanted = {}, {}
    for key in LISTS:
        headings, rows, expected = template_rows(key, edition)
        sheets[CONTRACT.dataset(key).sheet] = [headings, *rows]
        wanted[key] = expected
    inputs = read_inputs(save_workbook(tmp_path / "Annex A.xlsx", sheets).parent)
    assert errors(inputs) == []
    assert not [f for f in inputs.findings if "ignored" in f.message], "every template column is known"
    for key, expected in wanted.items():
        for name, values in expected.items():
            assert read_back(inputs.frames[key], name) == values, f"{key}.{name}"


@pytest.mark.parametrize(
    ("edition", "described"),
    [
        ("2020", "2020 edition"),
        ("2023", "2023-2025 editions"),
        ("2025", "2023-2025 editions"),
        ("2026", "2026 edition"),
    ],
)
def test_validate_names_the_edition_the_headings_follow(tmp_path, edition, described):
    sheets = {CONTRACT.dataset(k).sheet: [template_rows(k, edition)[0], *template_rows(k, edition)[1]] for k in LISTS}
    inputs = read_inputs(save_workbook(tmp_path / "annex.xlsx", sheets).parent)
    match = template_match(inputs.sources)
    assert match.is_template and match.matched == match.compared
    assert f"Ofsted Annex A template, {described}" in describe_layout(inputs)


def test_onapages_own_headings_are_not_taken_for_the_template(tmp_path):
    ds = CONTRACT.dataset("list_8")
    row = [None] * len(ds.columns)
    sheet = [[c.heading for c in ds.column_list()], row]
    inputs = read_inputs(save_workbook(tmp_path / "own.xlsx", {"List 8": sheet}).parent)
    assert "not in the Ofsted template's layout" in describe_layout(inputs)


# --- drop-down values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code_list", "written", "code"),
    [
        ("yes_no_unknown", "a) Yes", "Y"),
        ("yes_no_unknown", "b) No", "N"),
        ("legal_status", "C2: FCO", "C2"),
        ("legal_status", "FCO", "C2"),  # a description alone
        ("placement_type", "f) U6: Foster placement - not FFA", "U6"),
        ("placement_type", "Foster placement - not FFA", "U6"),
        ("placement_type", "x) T1: Temporary placement - hospital", "T0"),  # the older code for a temporary move
        ("referral_source", "q) 6: Police", "6"),
        ("referral_source", "p1) 5D: LA services", "5D"),
        ("care_leaver_accommodation", "U: Independent living", "U"),
        ("care_leaver_activity", "F3: Full time in training or employment", "F5"),  # F3 became F4 and F5
        ("gender", "c) Not stated/recorded", "Unknown"),
        ("gender", "d) Neither", "Indeterminate"),
        ("ethnicity", "t) NOBT", "NOBT"),
        ("placement_provider", "b) PR1 - Own provision", "PR1"),
        ("abuse_category", "e) Multiple/not recommended", "Multiple"),
        ("reason_ceased", "e) E4A: Returned home to live with parents or relatives - part of planning", "E4A"),
        ("primary_need", "N3 - Parental disability or illness", "N3"),
        ("care_leaver_eligibility", "d) Eligible child", "Eligible"),
        ("cin_case_status", "b) Child Protection plan", "Child protection plan"),
    ],
)
def test_template_drop_down_values_map_to_their_codes(code_list, written, code):
    from onapage.inputs.values import code_list as lookup

    assert lookup(code_list).parse(written) == code


def test_every_drop_down_value_in_the_contract_reads_back_as_its_code():
    from onapage.inputs.values import code_list as lookup

    for name, values in TEMPLATE.dropdowns.items():
        for code, texts in values.items():
            for text in texts:
                assert lookup(name).parse(text) == code, (name, text)


def test_words_shared_by_several_codes_are_not_guessed():
    from onapage.inputs.values import Unreadable
    from onapage.inputs.values import code_list as lookup

    with pytest.raises(Unreadable, match="not one of the allowed codes"):
        lookup("referral_source").parse("Individual")


def test_an_unknown_drop_down_value_is_an_error_naming_sheet_row_column_and_value(tmp_path):
    headings, rows, _ = template_rows("list_8", "2026")
    rows[2][headings.index("Placement Type")] = "f) U9: Foster placement - imaginary"
    inputs = read_inputs(save_workbook(tmp_path / "a.xlsx", {"List 8": [headings, *rows]}).parent)
    from onapage.validation import validate

    found = [f for f in validate(inputs) if f.is_error]
    assert len(found) == 1
    assert (found[0].sheet, found[0].row, found[0].column) == ("List 8", 4, "Placement Type")
    assert found[0].value == "f) U9: Foster placement - imaginary"


# --- headings as they drift ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "heading", "column"),
    [
        ("list_3", "Referral NFA??", "referral_nfa"),  # doubled punctuation
        ("list_8", "Child\u2019s Legal Status", "legal_status"),  # a curly apostrophe
        ("list_8", "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))", "uasc"),
        (
            "list_8",
            "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the last 12 months",
            "missing_episodes_12m",
        ),
        ("list_1", "Date of\nContact", "contact_date"),  # a line break inside the heading cell
        (
            "list_8",
            "Second or subsequent period of being a Looked After Child within the last 12 months",
            "second_period_12m",
        ),
        (
            "list_8",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y / N)",
            "second_period_12m",
        ),
        ("list_4", "Does the child have a disability?", "disability"),
        ("list_7", "Sex", "gender"),
        ("list_8", "LoookedAfterStartDate", "cla_start"),  # the SSD script's spelling
    ],
)
def test_heading_variants_match_their_column(folder, key, heading, column):
    ds = CONTRACT.dataset(key)
    headings = [heading if c.name == column else c.heading for c in ds.column_list()]
    folder.csv(f"{key}.csv", headings, [])
    inputs = read_inputs(folder.path)
    assert inputs.sources[key].headings[column] == heading


# --- workbooks as they arrive ------------------------------------------------------------------------


def test_a_workbook_as_it_arrives(tmp_path):
    """Title and instruction rows over a merged title cell, a guidance sheet, a hidden lookup sheet and a
    hidden stale copy of a list, a suffixed sheet name, blank rows mid-list, columns in another order,
    dates as date cells and as text."""
    headings, rows, expected = template_rows("list_1", "2026")
    order = [6, 5, 0, 1, 2, 3, 4]  # source first, then date, then the common columns
    rows[1][5] = "02/04/2026"  # a date typed as text
    shuffled = [[r[i] for i in order] for r in rows]
    list_1 = [
        ["Annex A - List 1: Contacts"],
        ["Please provide all contacts in the six months before the inspection"],
        [],
        [headings[i] for i in order],
        shuffled[0],
        [],
        shuffled[1],
        shuffled[2],
        [None] * 7,
        *shuffled[3:],
    ]
    path = save_workbook(
        tmp_path / "Annex_A_2026.xlsx",
        {
            "Guidance": [["How to fill in this template"], ["List 1", "Contacts"]],
            "List 1 - Contacts": list_1,
            "List 1": [["Child Unique ID"], ["STALE"]],
            "Lookups": [["a) Male"], ["b) Female"]],
        },
        hidden={"List 1", "Lookups"},
        merged={"List 1 - Contacts": "A1:G1"},
    )
    inputs = read_inputs(path.parent)
    assert errors(inputs) == []
    assert inputs.sources["list_1"].sheet == "List 1 - Contacts"
    assert inputs.sources["list_1"].header_row == 4
    frame = inputs.frames["list_1"]
    assert list(frame.index) == [5, 7, 8, 10, 11]  # spreadsheet rows, blank ones skipped
    assert read_back(frame, "contact_source") == expected["contact_source"]
    assert read_back(frame, "contact_date") == expected["contact_date"]


def test_a_list_only_in_a_hidden_sheet_is_still_read(tmp_path):
    headings, rows, _ = template_rows("list_3", "2024")
    path = save_workbook(tmp_path / "a.xlsx", {"Notes": [["read me"]], "List 3": [headings, *rows]}, hidden={"List 3"})
    inputs = read_inputs(path.parent)
    assert len(inputs.frames["list_3"]) == 5
    assert any("hidden" in f.message and f.sheet == "List 3" for f in inputs.findings)


# --- CSV exports ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("AnnexA_List1_Contacts_202610.csv", "list_1"),
        ("AnnexA_List10_Adoption_202610.csv", "list_10"),
        ("202610 Annex A list_7.csv", "list_7"),
        ("List 9 - Care leavers.csv", "list_9"),
    ],
)
def test_case_management_exports_are_found_by_the_list_in_their_name(folder, name, key):
    headings, rows, expected = template_rows(key, "2025")
    text_rows = [[v.strftime("%d/%m/%Y") if isinstance(v, datetime) else v for v in row] for row in rows]
    folder.csv(name, headings, text_rows)
    inputs = read_inputs(folder.path)
    assert errors(inputs) == []
    assert inputs.sources[key].file == name
    for column, values in expected.items():
        assert read_back(inputs.frames[key], column) == values, column


def test_the_standard_safeguarding_dataset_scripts_output_reads_as_list_8(folder):
    header = [
        "ChildUniqueID", "Gender", "Ethnicity", "DateOfBirth", "Age", "UASC", "HasDisability",
        "LoookedAfterStartDate", "ChildCategoryOfNeed", "SubsequentLACEpisodeLast12Months",
        "MostRecentLegalStatusStart", "LegalStatus", "LatestStatutoryReviewDate", "LastSocialWorkVisitDate",
        "PermanencePlan", "LastIROVisitDate", "LastHealthAssessmentDate", "LastDentalCheckDate",
        "PlacementsLast12Months", "CeasedLookedAfterDate", "ReasonCeasedLookedAfter",
        "MostRecentPlacementStartDate", "PlacementType", "PlacementProvider", "PlacementPostcode", "PlacementURN",
        "EpisodesChildMissingFromPlacement", "EpisodesChildAbsentFromPlacement",
        "ChildOfferedReturnInterviewAfterLastMFH", "ChildAcceptedReturnInterviewAfterLastMFH",
        "AllocatedTeam", "AllocatedWorker",
    ]  # fmt: skip
    row = [
        "C1", "b) Female", "t) NOBT", "01/02/2010", "16", "b) No", "c) Unknown", "03/03/2025", "N1", "b) No",
        "03/03/2025", "C2", "2026-09-01 00:00:00.000", "2026-10-01 00:00:00.000", "", "", "2026-05-01 00:00:00.000",
        "", "1", "", "", "03/03/2025", "U6", "PR1", "", "", "0", "0", "", "", "Team A", "W1",
    ]  # fmt: skip
    folder.csv("AA_8_children_in_care.csv", header, [row])
    inputs = read_inputs(folder.path)
    assert errors(inputs) == []
    frame = inputs.frames["list_8"]
    assert frame.iloc[0]["cla_start"] == pd.Timestamp(2025, 3, 3)
    assert frame.iloc[0]["last_sw_visit"] == pd.Timestamp(2026, 10, 1)
    assert (frame.iloc[0]["gender"], frame.iloc[0]["ethnicity"], frame.iloc[0]["placement_type"]) == (
        "Female",
        "NOBT",
        "U6",
    )
    assert frame.iloc[0]["disability"] == "Unknown"


# --- ages ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "years"),
    [("17.21", 17), ("17.999", 17), ("0.4", 0), ("12", 12), ("#VALUE!", None), ("-0.25", None), ("", None)],
)
def test_ages_are_whole_years_and_formula_failures_are_blank(written, years):
    from onapage.inputs.values import parse_whole_years

    assert parse_whole_years(written) == years


@pytest.mark.parametrize(
    ("key", "heading", "column"),
    [
        ("list_8", "Date of Last IRO Visit to the Child", "last_iro_contact"),
        ("list_7", "Number of Previous Child Protection Plan", "previous_cp_plans"),
        ("list_3", "No. of Referrals in Last 12 Months", "referrals_last_12m"),
    ],
)
def test_a_heading_close_to_a_known_one_is_read_as_it_with_a_warning(folder, key, heading, column):
    ds = CONTRACT.dataset(key)
    headings = [heading if c.name == column else c.heading for c in ds.column_list()]
    folder.csv(f"{key}.csv", headings, [])
    inputs = read_inputs(folder.path)
    assert inputs.sources[key].headings[column] == heading
    assert any("closest the contract knows" in f.message and f.column == heading for f in inputs.findings)


def test_headings_that_are_merely_alike_stay_unknown(folder):
    ds = CONTRACT.dataset("list_1")
    folder.csv("list_1.csv", [c.heading for c in ds.column_list()] + ["Date of Contract"], [])
    inputs = read_inputs(folder.path)
    assert "Date of Contract" not in inputs.sources["list_1"].headings.values()


def test_the_zero_date_database_extracts_write_is_no_date_and_is_reported(folder):
    header = ["AdopterID", "Gender", "Ethnicity", "HasDisability", "AdoptedByCarer", "EnquiryDate", "Stage1StartDate",
              "MatchedDate"]  # fmt: skip
    rows = [["A1", "F", "WBRI", "b) No", "N", "01/01/1900", "01/01/1900", "03/03/2025"],
            ["A2", "M", "WBRI", "b) No", "N", "01/01/1900", "", "04/03/2025"]]  # fmt: skip
    folder.csv("AA_11_adopters.csv", header, rows)
    inputs = read_inputs(folder.path)
    frame = inputs.frames["list_11"]
    assert frame["stage_1_started"].isna().all() and frame["matched"].notna().all()
    assert inputs.placeholders["list_11"]["stage_1_started"] == {"": 1}
    assert inputs.no_dates["list_11"] == {"enquiry_received": {"01/01/1900": 2}, "stage_1_started": {"01/01/1900": 1}}
    from onapage.validation import validate

    [warned] = [f for f in validate(inputs) if f.rule == "placeholder_text"]  # one for the file
    assert warned.severity == "warning" and warned.rows == 3 and not warned.caveat
    assert "'01/01/1900' (3)" in warned.message and "'Stage1StartDate' (1)" in warned.message


# --- List 9 before the 2023 edition ----------------------------------------------------------------

ADDED_IN_2023 = ["uasc", "personal_adviser", "pathway_plan_review", "latest_contact"]


def test_the_2020_edition_prints_list_9_without_the_four_columns_2023_added():
    assert TEMPLATE.added == {"2023": {"list_9": tuple(ADDED_IN_2023)}}
    before, after = TEMPLATE.edition_headings("2020")["list_9"], TEMPLATE.edition_headings("2023")["list_9"]
    assert [c for c in after if c not in before] == ADDED_IN_2023
    assert {c.name for c in CONTRACT.dataset("list_9").column_list() if c.since == "2023"} == set(ADDED_IN_2023)
    for key in LISTS:  # the other lists are the same in both
        if key != "list_9":
            assert TEMPLATE.edition_headings("2020")[key] == TEMPLATE.edition_headings("2023")[key]


def _read_list_9_of_2020(folder, workbook: bool):
    headings, rows, expected = template_rows("list_9", "2020")
    if workbook:
        save_workbook(folder.path / "Annex A 2021.xlsx", {"List 9": [headings, *rows]})
    else:
        folder.csv("list_9.csv", headings, [[v.strftime("%d/%m/%Y") if isinstance(v, datetime) else v for v in r]
                                            for r in rows])  # fmt: skip
    return read_inputs(folder.path), expected


@pytest.mark.parametrize("workbook", [False, True], ids=["csv", "workbook"])
def test_a_list_9_of_the_2020_edition_is_read_with_its_missing_columns_blank(folder, workbook):
    from onapage.periods import Period
    from onapage.validation import validate

    inputs, expected = _read_list_9_of_2020(folder, workbook)
    assert errors(inputs) == []
    frame, source = inputs.frames["list_9"], inputs.sources["list_9"]
    for name in ADDED_IN_2023:
        assert frame[name].isna().all() and name not in source.headings
    assert set(source.headings) == set(expected) == set(CONTRACT.dataset("list_9").columns) - set(ADDED_IN_2023)
    for name, values in expected.items():
        assert read_back(frame, name) == values, name
    [warning] = [f for f in inputs.findings if "edition" in f.message]
    assert warning.severity == "warning" and not warning.caveat
    assert "laid out as the template's 2020 edition" in warning.message
    assert "'Latest Date of Contact'" in warning.message
    # every rule, the period rules with List 9's dated_by column absent among them, runs without an error
    findings = validate(inputs, period=Period(2026, 4))
    assert [str(f) for f in findings if f.is_error] == []
    assert "Ofsted Annex A template, 2020 edition" in describe_layout(inputs)


def test_a_2023_list_9_missing_one_of_its_columns_is_still_refused(folder):
    headings, rows, _ = template_rows("list_9", "2023")
    at = headings.index(TEMPLATE.headings["list_9"]["latest_contact"])
    folder.csv("list_9.csv", headings[:at] + headings[at + 1 :], [r[:at] + r[at + 1 :] for r in rows])
    inputs = read_inputs(folder.path)
    [error] = [f for f in inputs.findings if f.is_error]
    assert "required column 'Latest Date of Contact' not found" in error.message
    assert not [f for f in inputs.findings if "edition" in f.message]
