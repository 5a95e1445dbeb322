"""Rules every catalogue entry keeps, checked over the whole catalogue."""

import pytest

from onapage import store
from onapage.contract import load_contract
from onapage.indicators.catalogue import SECTIONS, load_catalogue
from onapage.indicators.engine import compute_indicator, windows_frame
from onapage.periods import Period

CATALOGUE = list(load_catalogue().values())
IDS = [i.id for i in CATALOGUE]


def test_catalogue_is_not_empty_and_ids_are_unique():
    assert len(IDS) == len(set(IDS)) > 0


@pytest.mark.parametrize("ind", CATALOGUE, ids=IDS)
def test_entry_is_documented_tested_and_sourced(ind):
    assert ind.section in SECTIONS
    assert len(ind.definition) > 20
    assert ind.tests, "every indicator needs at least one hand-built case"
    assert set(ind.sources) <= set(load_contract().datasets)
    if ind.benchmark:
        from onapage.benchmarks import measure_ids

        assert ind.benchmark in measure_ids()


@pytest.fixture(scope="module")
def empty_store():
    con = store.in_memory()
    for ds in load_contract().datasets.values():  # mark all supplied, with no rows
        con.execute("insert into _loads values (?, ?, null, 'x', 0, now())", [ds.key, ds.key])
    yield con
    con.close()


@pytest.mark.parametrize("ind", CATALOGUE, ids=IDS)
def test_query_runs_on_the_empty_schema_and_answers_every_window(ind, empty_store):
    windows = windows_frame([Period(2019, 3), Period(2019, 4)], lambda _: 10_000)
    result = compute_indicator(empty_store, ind, windows, {d for d in load_contract().datasets})
    assert (result["status"] == "ok").all(), result["message"].dropna().unique()
    if not ind.breakdown:
        got = sorted(zip(result["period"], result["basis"], strict=True))
        want = sorted((p, b) for p in ("2019-03", "2019-04") for b in ind.bases)
        assert got == want, "a query must return exactly one row per period and basis"


def test_missing_source_gives_not_computable_naming_the_list():
    ind = load_catalogue()["cp_children_at_period_end"]
    con = store.in_memory()
    windows = windows_frame([Period(2019, 3)], lambda _: 10_000)
    result = compute_indicator(con, ind, windows, supplied=set())
    assert (result["status"] == "not_computable").all()
    assert "List 7 (Child Protection)" in result["message"].iloc[0]
