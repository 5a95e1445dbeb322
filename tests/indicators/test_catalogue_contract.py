"""Rules every catalogue entry keeps, checked over the whole catalogue."""

import pytest

from onapage import store
from onapage.indicators import rules
from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.engine import compute_indicator, windows_frame
from onapage.indicators.rules import entry_problems
from onapage.periods import Period

CATALOGUE = list(load_catalogue().values())
IDS = [i.id for i in CATALOGUE]


def test_catalogue_is_not_empty_and_ids_are_unique():
    assert len(IDS) == len(set(IDS)) > 0


@pytest.mark.parametrize("ind", CATALOGUE, ids=IDS)
def test_entry_is_documented_tested_and_sourced(ind):
    assert entry_problems(ind) == []


@pytest.fixture(scope="module")
def empty_store():
    con = rules.empty_store()
    yield con
    con.close()


@pytest.mark.parametrize("ind", CATALOGUE, ids=IDS)
def test_query_runs_on_the_empty_schema_and_answers_every_window(ind, empty_store):
    assert rules.query_problems(ind, empty_store) == []


def test_the_rules_name_what_an_entry_lacks():
    ind = load_catalogue()["cp_children_at_period_end"]
    lacking = ind.model_copy(update={"definition": "Children on plans", "tests": (), "sources": ("list_7", "list_99"),
                                     "benchmark": "no_such_measure"})
    problems = " | ".join(entry_problems(lacking))
    assert "definition says too little" in problems and "no hand-built case" in problems
    assert "['list_99']" in problems and "'no_such_measure'" in problems


def test_a_query_answering_a_window_twice_is_named(empty_store):
    ind = load_catalogue()["cp_children_at_period_end"]
    twice = "select period, basis, 1 as value from windows union all select period, basis, 2 from windows"
    from onapage.indicators import catalogue

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(catalogue.Indicator, "sql", lambda self: twice)
        assert "one row per period and basis" in " ".join(rules.query_problems(ind, empty_store))


def test_missing_source_gives_not_computable_naming_the_list():
    ind = load_catalogue()["cp_children_at_period_end"]
    con = store.in_memory()
    windows = windows_frame([Period(2019, 3)], lambda _: 10_000)
    result = compute_indicator(con, ind, windows, supplied=set())
    assert (result["status"] == "not_computable").all()
    assert "List 7 (Child Protection)" in result["message"].iloc[0]
