"""The demo in the Ofsted template's form is the CSV demo presented differently: same records, same figures."""

import numpy as np
import pandas as pd

from onapage import store
from onapage.config import load_settings
from onapage.contract import load_contract
from onapage.indicators.engine import compute
from onapage.inputs import read_inputs
from onapage.inputs.layout import describe_layout
from onapage.periods import Period
from onapage.validation import validate

OCTOBER = Period(2026, 10)


def test_the_template_workbook_has_the_templates_sheets_headings_and_values(small_template):
    from demo_reading import workbook_sheets

    template = load_contract().template
    sheets = workbook_sheets(small_template.out_dir / "annex_a.xlsx")
    assert list(sheets) == [f"List {n}" for n in range(1, 12)]
    latest = template.edition_headings(template.latest)
    assert sheets["List 8"][0] == list(latest["list_8"].values())
    assert sheets["List 7"][0][1] == "Sex"
    placement_types = {row[sheets["List 8"][0].index("Placement Type")] for row in sheets["List 8"][1]}
    assert "f) U6: Foster placement - not FFA" in placement_types
    ages = [row[4] for row in sheets["List 1"][1] if isinstance(row[4], float)]
    assert ages and any(not a.is_integer() for a in ages)  # the template's formula shows part years


def test_the_template_form_reads_back_to_the_same_records_without_a_finding(small, small_template):
    clean, template = read_inputs(small.out_dir), read_inputs(small_template.out_dir)
    assert [str(f) for f in validate(template, period=OCTOBER) if f not in validate(clean, period=OCTOBER)] == []
    assert "Ofsted Annex A template" in describe_layout(template)
    for key, frame in clean.frames.items():
        pd.testing.assert_frame_equal(
            template.frames[key].reset_index(drop=True), frame.reset_index(drop=True), obj=key
        )


def _figures(folder, store_path):
    inputs = read_inputs(folder)
    store.load_inputs(store_path, inputs, validate(inputs))
    settings = load_settings()
    with store.connect(store_path, read_only=True) as con:
        long = compute(con, OCTOBER.trend(3), settings.population_for)
    order = long.astype(str).sort_values(list(long.columns)).index  # one order for both, whatever the engine's
    return long.loc[order].reset_index(drop=True)


def test_the_template_form_gives_the_same_indicators_to_the_last_digit(small, small_template, tmp_path):
    from_csv = _figures(small.out_dir, tmp_path / "csv.duckdb")
    from_template = _figures(small_template.out_dir, tmp_path / "template.duckdb")
    assert len(from_csv) > 1000 and (from_csv["status"] == "ok").mean() > 0.9
    pd.testing.assert_frame_equal(from_template, from_csv, check_exact=True)
    assert np.isfinite(from_csv["value"].dropna()).all()
