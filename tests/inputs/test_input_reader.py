"""Reading an input folder: finding files and sheets, matching drifting headings, typing values."""

import hashlib
from datetime import datetime

import pandas as pd
import pytest

from onapage.contract import load_contract
from onapage.inputs import InputSet, Source, read_inputs
from onapage.inputs.files import extract_for, list_for

LIST_1 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
]
ROW = ["C1", "a) Male", "WBRI - White British", "01/02/2015", "4", "28/02/2019", "6 - Police"]


def errors(inputs: InputSet):
    return [f for f in inputs.findings if f.is_error]


def only(findings, **fields):
    hits = [f for f in findings if all(getattr(f, k) == v for k, v in fields.items())]
    assert len(hits) == 1, f"expected one finding with {fields}, got {hits}"
    return hits[0]


# --- headings -----------------------------------------------------------------------------------


def test_drifting_headings_match_and_columns_are_the_contract_names_in_order(folder):
    header = [" child_unique_id ", "GENDER", "Ethnic Origin", "d.o.b.", "Date  of  CONTACT", "Source of Contact"]
    folder.csv("list_1.csv", header, [["C1", "a) Male", "White British", "01/02/2015", "28/02/2019", "6"]])
    inputs = read_inputs(folder.path)
    frame = inputs.frames["list_1"]
    assert list(frame.columns) == list(load_contract().dataset("list_1").columns)
    row = frame.loc[2]
    assert pd.isna(row.pop("age_years"))
    assert row.to_dict() == {
        "child_id": "C1",
        "gender": "Male",
        "ethnicity": "WBRI",
        "date_of_birth": pd.Timestamp("2015-02-01"),
        "contact_date": pd.Timestamp("2019-02-28"),
        "contact_source": "6",
    }
    assert errors(inputs) == []
    assert inputs.sources["list_1"].headings["date_of_birth"] == "d.o.b."


def test_types_of_the_clean_frame(folder):
    folder.csv("list_1.csv", LIST_1, [ROW])
    dtypes = read_inputs(folder.path).frames["list_1"].dtypes.astype(str).to_dict()
    assert dtypes == {
        "child_id": "string",
        "gender": "string",
        "ethnicity": "string",
        "date_of_birth": "datetime64[us]",
        "age_years": "Int64",
        "contact_date": "datetime64[us]",
        "contact_source": "string",
    }


def test_optional_column_absent_is_added_blank_and_extra_column_dropped_with_warning(folder):
    header = [h for h in LIST_1 if h != "Age of Child (Years)"] + ["Social Worker Notes"]
    folder.csv("list_1.csv", header, [[v for i, v in enumerate(ROW) if i != 4] + ["private"]])
    inputs = read_inputs(folder.path)
    frame = inputs.frames["list_1"]
    assert "age_years" in frame and frame["age_years"].isna().all() and str(frame["age_years"].dtype) == "Int64"
    assert "Social Worker Notes" not in frame
    warning = only(inputs.findings, dataset="list_1", severity="warning")
    assert "'Social Worker Notes'" in warning.message


def test_unnamed_columns_are_reported_only_when_they_hold_values(folder):
    folder.csv("list_1.csv", [*LIST_1, "", ""], [[*ROW, "", "stray"], [*ROW, " ", ""]])
    inputs = read_inputs(folder.path)
    warning = only(inputs.findings, dataset="list_1")
    assert warning.message.endswith("are ignored: (no heading, column I)")


def test_missing_required_column_is_reported_with_file_column_and_close_candidates(folder):
    header = [h if h != "Date of Contact" else "Date of first contact" for h in LIST_1]
    folder.csv("list_1.csv", header, [ROW])
    inputs = read_inputs(folder.path)
    finding = only(errors(inputs), dataset="list_1")
    assert finding.file == "list_1.csv"
    assert finding.sheet is None
    assert finding.column == "Date of Contact"
    assert "'Date of first contact'" in finding.message


def test_missing_required_column_in_a_workbook_names_the_sheet(folder):
    header = [h for h in LIST_1 if h != "Gender"]
    folder.workbook("annex_a.xlsx", {"List 1 - Contacts": [header, [v for v in ROW if v != "a) Male"]]})
    finding = only(errors(read_inputs(folder.path)), dataset="list_1")
    assert (finding.file, finding.sheet, finding.column) == ("annex_a.xlsx", "List 1 - Contacts", "Gender")


def test_heading_row_below_title_rows_and_blank_rows_keep_spreadsheet_row_numbers(folder):
    folder.csv(
        "list_1.csv", None, [["Annex A List 1"], [], LIST_1, ROW, [""] * 7, ["C2", *ROW[1:5], "29/02/2019", "6"]]
    )
    inputs = read_inputs(folder.path)
    assert inputs.sources["list_1"].header_row == 3
    assert list(inputs.frames["list_1"].index) == [4, 6]
    assert list(inputs.unreadable["list_1"]["contact_date"].index) == [6]


# --- values -------------------------------------------------------------------------------------


def test_prefixes_and_dash_blanks(folder):
    rows = [
        ["C1", "a) Male", "-", "-", "-", "28/02/2019", "a) Police"],
        ["C2", "b) Female", "n/a", "NULL", "", "1/3/2019", "-"],
    ]
    folder.csv("list_1.csv", LIST_1, rows)
    frame = read_inputs(folder.path).frames["list_1"]
    assert frame["gender"].tolist() == ["Male", "Female"]
    assert frame["ethnicity"].isna().all() and frame["date_of_birth"].isna().all() and frame["age_years"].isna().all()
    assert frame["contact_source"].tolist() == ["6", pd.NA]
    assert frame["contact_date"].tolist() == [pd.Timestamp("2019-02-28"), pd.Timestamp("2019-03-01")]


def test_unreadable_values_are_kept_for_the_validator(folder):
    folder.csv("list_1.csv", LIST_1, [ROW, ["C2", "x) Robot", "WBRI", "01/02/2015", "four", "02/28/2019", "6"]])
    inputs = read_inputs(folder.path)
    bad = inputs.unreadable["list_1"]
    assert set(bad) == {"gender", "age_years", "contact_date"}
    assert bad["contact_date"].loc[3, "value"] == "02/28/2019"
    assert pd.isna(inputs.frames["list_1"].loc[3, "contact_date"])


def test_utf8_bom_and_cp1252_files(folder):
    (folder.path / "list_1.csv").write_bytes(
        ("\ufeff" + ",".join(LIST_1) + "\n" + ",".join(ROW) + "\n").encode("utf-8")
    )
    header = ["Child Unique ID", "Visit date", "Visit type", "Seen alone", "Team"]
    folder.csv("visits.csv", header, [["C1", "28/02/2019", "CIN", "Y", "Café Team £"]], encoding="cp1252")
    inputs = read_inputs(folder.path)
    assert errors(inputs) == []
    assert inputs.frames["list_1"]["child_id"].tolist() == ["C1"]
    assert inputs.frames["visits"]["team"].tolist() == ["Café Team £"]


def test_source_records_path_hash_and_rows(folder):
    path = folder.csv("list_1.csv", LIST_1, [ROW, ROW])
    source = read_inputs(folder.path).sources["list_1"]
    assert source == Source(
        path=path,
        sheet=None,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        rows=2,
        header_row=1,
        headings=source.headings,
    )
    assert source.file == "list_1.csv"


# --- finding the files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("list_1", "list_1"),
        ("List 1", "list_1"),
        ("list1", "list_1"),
        ("list 1 contacts", "list_1"),
        ("List 1 - Contacts", "list_1"),
        ("list_1_2019-02", "list_1"),
        ("Annex A List 7", "list_7"),
        ("List_10", "list_10"),
        ("list10", "list_10"),
        ("list 11 adopters", "list_11"),
        ("Child Protection", "list_7"),
        ("list_12", None),
        ("list_1201902", None),
        ("visits", None),
    ],
)
def test_list_names(name, key):
    assert list_for(name) == key


@pytest.mark.parametrize(
    ("stem", "key"),
    [
        ("MASH contacts", "mash_contacts"),
        ("mash_contacts", "mash_contacts"),
        ("Visits", "visits"),
        ("visits_2019-02", "visits"),
        ("visits old", None),
        ("list_1", None),
    ],
)
def test_extract_names(stem, key):
    assert extract_for(stem) == key


def test_list_1_and_list_10_files_are_told_apart(folder):
    folder.csv("list_1.csv", LIST_1, [ROW])
    header_10 = [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "DOB",
        "Disability",
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
    ]
    folder.csv("List_10.csv", header_10, [["C9", "b", "WBRI", "01/01/2016", "N", "01/06/2017"] + [""] * 7])
    inputs = read_inputs(folder.path)
    assert errors(inputs) == []
    assert inputs.frames["list_1"]["child_id"].tolist() == ["C1"]
    assert inputs.frames["list_10"]["child_id"].tolist() == ["C9"]
    assert inputs.sources["list_10"].file == "List_10.csv"


def test_extract_found_by_normalised_stem(folder):
    header = [
        "Contact ID",
        "Child Unique ID",
        "Date and time received",
        "Date and time of decision",
        "Contact outcome",
        "Initial BRAG rating",
        "Final BRAG rating",
    ]
    folder.csv("MASH contacts.csv", header, [["K1", "C1", "28/02/2019 09:15", "28/02/2019 15:40", "nfa", "a", "g"]])
    frame = read_inputs(folder.path).frames["mash_contacts"]
    assert frame.iloc[0]["contact_received"] == pd.Timestamp("2019-02-28 09:15")
    assert frame.iloc[0]["outcome"] == "NFA / information and advice"
    assert frame.iloc[0]["initial_brag"] == "Amber"


def test_missing_datasets_are_absent_with_a_warning(folder):
    folder.csv("list_1.csv", LIST_1, [ROW])
    inputs = read_inputs(folder.path)
    assert set(inputs.frames) == {"list_1"}
    warning = only(inputs.findings, dataset="list_7")
    assert warning.severity == "warning" and "not supplied: pages using it will show n/a" in warning.message
    assert len([f for f in inputs.findings if "not supplied" in f.message]) == len(load_contract().datasets) - 1


def test_unrecognised_csv_is_ignored_with_a_warning(folder):
    folder.csv("notes.csv", ["a"], [["b"]])
    finding = only(read_inputs(folder.path).findings, file="notes.csv")
    assert finding.severity == "warning" and "ignored" in finding.message


def test_same_list_in_workbook_and_csv_is_an_error_and_neither_is_used(folder):
    folder.csv("list_1.csv", LIST_1, [ROW])
    folder.workbook("annex_a.xlsx", {"List 1": [LIST_1, ROW]})
    inputs = read_inputs(folder.path)
    finding = only(errors(inputs), dataset="list_1")
    assert "annex_a.xlsx, sheet 'List 1'" in finding.message and "list_1.csv" in finding.message
    assert "list_1" not in inputs.frames


# --- workbooks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("write_only", [False, True], ids=["shared-strings", "inline-strings"])
def test_workbook_and_csv_give_identical_frames(folder, tmp_path_factory, write_only):
    header_7 = [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Disability",
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        "Team",
    ]
    as_text = [
        [
            "C1",
            "a) Male",
            "WBRI",
            "01/02/2015",
            "N",
            "03/01/2019",
            "NEG",
            "Neglect",
            "20/02/2019",
            "Y",
            "-",
            "",
            "N",
            "0",
            "Team A",
        ],
        [
            "00123",
            "b) Female",
            "APKN - Pakistani",
            "28/02/2016",
            "-",
            "28/02/2019",
            "EMO",
            "PHY",
            "",
            "No",
            "",
            "01/03/2019",
            "a) Yes",
            "2",
            "-",
        ],
    ]
    as_cells = [
        [
            "C1",
            "a) Male",
            "WBRI",
            datetime(2015, 2, 1),
            "N",
            datetime(2019, 1, 3),
            "NEG",
            "Neglect",
            datetime(2019, 2, 20),
            "Y",
            "-",
            None,
            "N",
            0,
            "Team A",
        ],
        [
            "00123",
            "b) Female",
            "APKN - Pakistani",
            datetime(2016, 2, 28),
            "-",
            43524,
            "EMO",
            "PHY",
            None,
            "No",
            None,
            "01/03/2019",
            "a) Yes",
            2.0,
            "-",
        ],
    ]
    csv_dir = tmp_path_factory.mktemp("csv")
    (csv_dir / "list_7.csv").write_text("\n".join(",".join(r) for r in [header_7, *as_text]) + "\n", encoding="utf-8")
    folder.workbook("inputs.xlsx", {"list7": [header_7, *as_cells]}, write_only=write_only)
    from_csv, from_book = read_inputs(csv_dir), read_inputs(folder.path)
    assert [f for f in from_book.findings if f.dataset == "list_7"] == []
    pd.testing.assert_frame_equal(from_csv.frames["list_7"], from_book.frames["list_7"])
    frame = from_book.frames["list_7"]
    assert frame.loc[2, "date_of_birth"] == pd.Timestamp("2015-02-01")  # a genuine date cell
    assert frame.loc[3, "cpp_start"] == pd.Timestamp("2019-02-28")  # a bare serial number
    assert frame.loc[3, "child_id"] == "123"  # a numeric ID is read as its number, leading zeros aside
    assert from_book.leading_zeros["list_7"]["child_id"].tolist() == [3]
    assert from_book.sources["list_7"].sheet == "list7"


def test_workbook_sheets_found_tolerantly_and_other_sheets_ignored(folder):
    folder.workbook("annex_a.xlsx", {"Contents": [["x"]], "list1": [LIST_1, ROW], "List 10 - Adoption": [["x"]]})
    inputs = read_inputs(folder.path)
    assert "list_1" in inputs.frames
    assert only(errors(inputs), dataset="list_10").sheet == "List 10 - Adoption"


# --- corrupt files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("list_1.csv", b"\x00\x01\x02\xff\xfe garbage \x00" * 50, "binary"),
        ("list_1.csv", b"", "empty"),
        ("list_1.csv", b"   \n\n", "empty"),
        ("list_1.csv", b"C1,a) Male,WBRI,01/02/2015\nC2,b,WBRI,01/02/2016\n", "no heading row"),
        ("list_1.csv", b"PK\x03\x04 pretending", "Excel workbook"),
        ("annex_a.xlsx", b"this is not a workbook", "not a readable Excel workbook"),
        ("annex_a.xlsx", b"PK\x03\x04 truncated zip", "not a readable Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0 old excel", ".xls"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0" + bytes(200), "password-protected"),
    ],
)
def test_corrupt_files_give_a_finding_not_an_exception(folder, name, content, words):
    (folder.path / name).write_bytes(content)
    inputs = read_inputs(folder.path)
    finding = only(errors(inputs), file=name)
    assert words in finding.message
    assert inputs.frames == {}


def test_missing_input_folder_is_a_finding(tmp_path):
    inputs = read_inputs(tmp_path / "nowhere")
    assert inputs.frames == {} and errors(inputs)[0].message == "the input folder does not exist"
