"""The demo in the template's 2020 edition: List 9 without the four columns the 2023 edition added, read
with a warning and no error, and named as that edition."""

from onapage.demo import generate_demo
from onapage.inputs import read_inputs
from onapage.inputs.layout import describe_layout

ADDED_IN_2023 = {"uasc", "personal_adviser", "pathway_plan_review", "latest_contact"}


def test_the_2020_edition_demo_writes_and_reads_list_9_without_the_2023_columns(tmp_path):
    from demo_reading import workbook_sheets

    generate_demo(tmp_path, seed=2026, scale=0.05, template_edition="2020")
    headings = workbook_sheets(tmp_path / "annex_a.xlsx")["List 9"][0]
    assert "Latest Date of Contact" not in headings and "Eligibility Category" in headings
    inputs = read_inputs(tmp_path)
    assert [str(f) for f in inputs.findings if f.is_error] == []
    assert not ADDED_IN_2023 & set(inputs.sources["list_9"].headings)
    assert inputs.frames["list_9"][sorted(ADDED_IN_2023)].isna().all().all()
    assert "Ofsted Annex A template, 2020 edition" in describe_layout(inputs)
