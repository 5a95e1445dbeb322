from datetime import date
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from onapage import store
from onapage.contract import load_contract


def _inputs(frames: dict[str, pd.DataFrame], hashes: dict[str, str]):
    sources = {k: SimpleNamespace(path=f"/in/{k}.csv", sheet=None, sha256=hashes[k]) for k in frames}
    return SimpleNamespace(frames=frames, sources=sources)


def cp_frame(rows: list[dict]) -> pd.DataFrame:
    cols = [c.name for c in load_contract().dataset("list_7").column_list()]
    return pd.DataFrame(rows, columns=cols)


PLANS = [
    {"child_id": "A", "cpp_start": pd.Timestamp("2018-05-01"), "latest_category": "Neglect", "previous_cp_plans": 0},
    {"child_id": "B", "cpp_start": pd.Timestamp("2018-03-01"), "cpp_end": pd.Timestamp("2019-02-28")},
]


def test_empty_store_has_every_contract_table_typed_and_documented():
    con = store.in_memory(documented=True)
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert {d.table for d in load_contract().datasets.values()} <= tables
    col_type = con.execute(
        "select data_type, comment from duckdb_columns() "
        "where table_name='list_7_child_protection' and column_name='cpp_start'"
    ).fetchall()[0]
    assert col_type == ("DATE", "Child Protection Plan Start Date")
    personal = con.execute(
        "select comment from duckdb_columns() where table_name='list_7_child_protection' and column_name='child_id'"
    ).fetchall()[0][0]
    assert "[personal data]" in personal


def test_load_casts_to_contract_types_and_records_the_source(tmp_path):
    db = tmp_path / "store.duckdb"
    report = store.load_inputs(db, _inputs({"list_7": cp_frame(PLANS)}, {"list_7": "h1"}))
    assert report.loaded == {"list_7": 2}
    with duckdb.connect(str(db)) as con:
        rows = con.execute(
            "select child_id, cpp_start, cpp_end, previous_cp_plans from list_7_child_protection order by 1"
        ).fetchall()
        assert rows == [("A", date(2018, 5, 1), None, 0), ("B", date(2018, 3, 1), date(2019, 2, 28), None)]
        assert con.execute("select source_file, sha256, rows from _loads").fetchall() == [("list_7.csv", "h1", 2)]


def test_unchanged_inputs_are_skipped_and_changed_ones_replace_not_append(tmp_path):
    db = tmp_path / "store.duckdb"
    store.load_inputs(db, _inputs({"list_7": cp_frame(PLANS)}, {"list_7": "h1"}))
    again = store.load_inputs(db, _inputs({"list_7": cp_frame(PLANS)}, {"list_7": "h1"}))
    assert again.skipped == ["list_7"] and again.loaded == {}
    changed = store.load_inputs(db, _inputs({"list_7": cp_frame(PLANS[:1])}, {"list_7": "h2"}))
    assert changed.loaded == {"list_7": 1}
    assert store.table_counts(db)["list_7_child_protection"] == 1


def test_a_failure_midway_leaves_the_store_exactly_as_it_was(tmp_path):
    db = tmp_path / "store.duckdb"
    store.load_inputs(db, _inputs({"list_7": cp_frame(PLANS)}, {"list_7": "h1"}))
    good_contacts = pd.DataFrame({"child_id": ["A"], "contact_date": [pd.Timestamp("2019-01-02")]})
    bad_plans = cp_frame([{"child_id": "C", "cpp_start": "not a date"}])
    cols = [c.name for c in load_contract().dataset("list_1").column_list()]
    frames = {"list_1": good_contacts.reindex(columns=cols), "list_7": bad_plans}
    with pytest.raises(duckdb.Error):
        store.load_inputs(db, _inputs(frames, {"list_1": "c1", "list_7": "h2"}))
    counts = store.table_counts(db)
    assert counts["list_7_child_protection"] == 2 and counts["list_1_contacts"] == 0
    with duckdb.connect(str(db)) as con:
        assert con.execute("select dataset, sha256 from _loads").fetchall() == [("list_7", "h1")]


def test_a_dataset_no_longer_supplied_is_emptied_not_left_stale(tmp_path):
    db = tmp_path / "store.duckdb"
    store.load_inputs(db, _inputs({"list_7": cp_frame(PLANS)}, {"list_7": "h1"}))
    store.load_inputs(db, _inputs({}, {}))
    assert store.table_counts(db)["list_7_child_protection"] == 0


def test_reading_a_store_that_does_not_exist_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="onapage load"):
        store.connect(tmp_path / "none.duckdb", read_only=True)


def test_a_store_from_an_earlier_version_still_has_every_macro_and_view_when_read(tmp_path):
    path = tmp_path / "old.duckdb"
    with store.connect(path) as con:  # then made as an earlier version made it: without the shared definitions
        con.execute("drop view audits_graded")
        con.execute("drop macro looked_after_on")
    with store.connect(path, read_only=True) as con:
        assert con.execute("select count(*) from audits_graded").fetchone() == (0,)
        on, none = "date '2026-10-31'", "cast(null as date)"
        assert con.execute(f"select looked_after_on(date '2026-01-01', {none}, 'C2', date '2010-05-01', {on}), "
                           f"looked_after_on(date '2026-01-01', {on}, 'C2', {none}, {on}), "
                           f"looked_after_on(date '2026-01-01', {none}, 'V3', {none}, {on}), "
                           f"looked_after_on(date '2026-01-01', {none}, 'C2', date '2008-10-31', {on})").fetchone() \
            == (True, False, False, False)  # in care; left that day; a short break; 18 that day
