"""The input contract is well formed and its published reference is current."""

import pytest

from onapage.config import PROJECT_ROOT
from onapage.contract import load_contract, normalise_heading
from onapage.contract.reference import contract_markdown


def test_all_eleven_annex_a_lists_and_every_extract_are_defined():
    contract = load_contract()
    assert [d.key for d in contract.annex_a] == [f"list_{n}" for n in range(1, 12)]
    assert {d.key for d in contract.extracts} == {
        "mash_contacts",
        "strategy_attendance",
        "visits",
        "placements",
        "missing_episodes",
        "early_years",
        "families_programme",
        "youth_offending",
        "workforce",
        "audits",
        "improvement_plan",
        "complaints",
        "budget",
        "risks",
        "commissioning_priorities",
        "subject_access_requests",
    }


def test_table_names_are_unique_and_snake_case():
    tables = [d.table for d in load_contract().datasets.values()]
    assert len(tables) == len(set(tables))
    assert all(t == t.lower() and " " not in t for t in tables)


@pytest.mark.parametrize("dataset", load_contract().datasets.values(), ids=lambda d: d.key)
def test_no_two_columns_of_a_dataset_share_a_heading_spelling(dataset):
    seen = {}
    for col in dataset.column_list():
        for heading in col.headings():
            key = normalise_heading(heading)
            assert seen.setdefault(key, col.name) == col.name, (
                f"{heading!r} would match both {seen[key]} and {col.name}"
            )


def test_child_identifiers_and_dates_of_birth_are_marked_personal():
    for dataset in load_contract().datasets.values():
        for name in ("child_id", "date_of_birth"):
            if name in dataset.columns:
                assert dataset.columns[name].personal, f"{dataset.key}.{name}"


def test_heading_normalisation_ignores_case_spacing_and_punctuation():
    assert (
        normalise_heading("Child Unique ID")
        == normalise_heading("ChildUniqueID")
        == normalise_heading(" child_unique-id ")
    )
    assert normalise_heading("Referral NFA?") == "referralnfa"


def test_published_reference_is_current():
    committed = (PROJECT_ROOT / "docs" / "input_contract.md").read_text(encoding="utf-8")
    assert committed == contract_markdown(), "run `make docs` to regenerate docs/input_contract.md"


@pytest.mark.parametrize("name", sorted(load_contract().codes))
def test_no_spelling_is_shared_by_two_codes_of_a_list(name):
    seen = {}
    for code, alternatives in load_contract().codes[name].items():
        for spelling in (code, *alternatives):
            key = " ".join(spelling.lower().split())
            assert seen.setdefault(key, code) == code, f"{name}: {spelling!r} would mean both {seen[key]} and {code}"


def test_descriptions_with_commas_stay_whole():
    reasons = load_contract().codes["cin_closure_reason"]
    assert reasons["RC8"][0] == "Case closed after assessment, no further action"
    assert "RC8 - Case closed after assessment, no further action" in reasons["RC8"]
