"""A warning that touches figures marks them: status 'caveat' in the results, a marker and a note on the page."""

from datetime import date

from onapage import store
from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.engine import compute
from onapage.inputs import read_inputs
from onapage.pages.tables import value_cell
from onapage.periods import Period
from onapage.validation import validate

LIST_7 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Child Protection Plan Start Date",
          "Child Protection Plan End Date"]  # fmt: skip


def _figures(folder, tmp_path, end_dates):
    rows = [[f"C{i}", "a) Male", "a) WBRI", "01/02/2015", "03/01/2019", end] for i, end in enumerate(end_dates)]
    folder.csv("list_7.csv", LIST_7, rows)
    inputs = read_inputs(folder.path)
    findings = validate(inputs, period=Period(2019, 2), as_of=date(2019, 3, 10))
    path = tmp_path / "store.duckdb"
    store.load_inputs(path, inputs, findings, period=Period(2019, 2))  # a list of plans alone: the month is given
    catalogue = load_catalogue()
    with store.connect(path, read_only=True) as con:
        long = compute(con, [Period(2019, 2)], lambda _: 50_000, [catalogue["cp_children_at_period_end"]])
    return long[long["basis"] == "snapshot"].iloc[0]


def test_n_a_in_an_end_date_marks_the_children_on_plans(folder, tmp_path):
    row = _figures(folder, tmp_path, ["N/A", "", "01/02/2019"])
    assert row["value"] == 2  # the plan with "N/A" is read as open, and the figure says it may not be
    assert row["status"] == "caveat"
    assert "placeholder" in row["message"] and "Child Protection Plan End Date" in row["message"]


def test_clean_inputs_leave_the_figures_ok(folder, tmp_path):
    row = _figures(folder, tmp_path, ["", "", "01/02/2019"])
    assert (row["value"], row["status"]) == (2, "ok")


def test_a_caveated_figure_is_shown_with_a_marker_and_its_note():
    notes: list[str] = []
    rec = {"indicator_id": "cp_children_at_period_end", "period": "2026-10", "basis": "snapshot",
           "status": "caveat", "value": 183.0, "message": "data quality: List 7: 5 placeholder(s) read as blank"}
    cell = value_cell(rec, "count", 0, notes)
    assert ">183<" in cell and "<sup" in cell and 'class="caveat"' in cell
    assert notes == ["data quality: List 7: 5 placeholder(s) read as blank"]


def test_the_scorecard_marks_a_caveated_figure_and_numbers_its_note():
    import pandas as pd

    from onapage.indicators.catalogue import load_catalogue
    from onapage.pages.scorecard import _figure

    ind = load_catalogue()["cp_children_at_period_end"]
    notes: list[str] = []
    row = pd.Series({"period": "2026-10", "value": 183.0, "status": "caveat",
                     "message": "data quality: List 7: 5 N/A read as blank"})
    assert 'class="num caveat"' in _figure(row, "value", "snapshot", ind, notes) and notes == [row["message"]]
    clean = pd.Series({"period": "2026-10", "value": 178.0, "status": "ok", "message": None})
    assert _figure(clean, "value", "snapshot", ind, notes) == (
        '<td class="num" data-indicator="cp_children_at_period_end" data-period="2026-10" data-basis="snapshot">'
        "178</td>")
