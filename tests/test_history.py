"""The store's history: monthly extracts with six-month windows merged in order, worked out by hand.

Three extracts, each cut as an authority would have archived it:

    A, taken for June 2026:    contacts 05/01, 10/02, 15/03, 30/06      window 01/01/2026 to 30/06/2026
    B, taken for July 2026:    contacts 10/02, 15/03, 20/03, 28/07      window 01/03/2026 to 31/07/2026
                               (20/03 was recorded late: March revised from 2 to 3 contacts)
    C, taken for August 2026:  contacts 02/03, 15/08                    window 01/03/2026 to 31/08/2026
                               (the March contacts of B were corrected to one, on 02/03)

B's earliest contact is on the 10th, so its window starts with the next whole month, March; its February
contact, the same child's on the same day as A's, replaces A's (a record held again replaces the history's).

So the history holds 05/01 (A's), 10/02 (B's: C's window starts 01/03), 02/03 and 15/08 (C's), and covers
1 January to 31 August 2026.

Child protection plans (List 7 holds those open at the extract's end or closed in its window):
    A: X 01/06/2025 to 15/02/2026, Y from 01/11/2025, Z from 01/04/2026
    B: Y to 10/05/2026, Z, W from 01/07/2026           (X closed before B's window: not in B, kept from A)
    C: Y to 10/05/2026, Z, W to 20/08/2026
Open on 30/04/2026: Y and Z (2). Open on 31/08/2026: Z (1).
"""

from datetime import date
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from onapage import store
from onapage.contract import load_contract
from onapage.indicators.catalogue import indicator
from onapage.indicators.engine import compute
from onapage.pages.data_quality import revisions_table
from onapage.periods import Period
from onapage.store import history, revisions


def _frame(key: str, rows: list[dict]) -> pd.DataFrame:
    cols = [c.name for c in load_contract().dataset(key).column_list()]
    frame = pd.DataFrame(rows, columns=cols)
    for c in load_contract().dataset(key).date_columns():
        frame[c.name] = pd.to_datetime(frame[c.name])
    return frame


def _extract(name: str, contacts: list[str], plans: list[dict]):
    # a child per contact day, the same in every extract
    frames = {"list_1": _frame("list_1", [{"child_id": f"C{d}", "contact_date": d} for d in contacts]),
              "list_7": _frame("list_7", plans)}
    headings = {k: {c.name: c.heading for c in load_contract().dataset(k).column_list()} for k in frames}
    sources = {k: SimpleNamespace(path=f"/in/{name}/{k}.csv", sheet=None, sha256=f"{name}-{k}", headings=headings[k])
               for k in frames}
    return SimpleNamespace(frames=frames, sources=sources)


A = _extract("A", ["2026-01-05", "2026-02-10", "2026-03-15", "2026-06-30"], [
    {"child_id": "X", "cpp_start": "2025-06-01", "cpp_end": "2026-02-15"},
    {"child_id": "Y", "cpp_start": "2025-11-01"},
    {"child_id": "Z", "cpp_start": "2026-04-01"},
])
B = _extract("B", ["2026-02-10", "2026-03-15", "2026-03-20", "2026-07-28"], [
    {"child_id": "Y", "cpp_start": "2025-11-01", "cpp_end": "2026-05-10"},
    {"child_id": "Z", "cpp_start": "2026-04-01"},
    {"child_id": "W", "cpp_start": "2026-07-01"},
])
C = _extract("C", ["2026-03-02", "2026-08-15"], [
    {"child_id": "Y", "cpp_start": "2025-11-01", "cpp_end": "2026-05-10"},
    {"child_id": "Z", "cpp_start": "2026-04-01"},
    {"child_id": "W", "cpp_start": "2026-07-01", "cpp_end": "2026-08-20"},
])


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "store.duckdb"
    reports = [store.load_inputs(db, extract) for extract in (A, B, C)]
    return db, reports


def _figures(db, periods, ids):
    with store.connect(db, read_only=True) as con:
        return compute(con, [Period.parse(p) for p in periods], lambda _: 10_000, [indicator(i) for i in ids])


def test_each_extract_window_is_read_from_its_lists():
    assert history.extract_window(A.frames) == history.Window(date(2026, 1, 1), date(2026, 6, 30))
    assert history.extract_window(B.frames) == history.Window(date(2026, 3, 1), date(2026, 7, 31))
    assert history.extract_window(C.frames) == history.Window(date(2026, 3, 1), date(2026, 8, 31))


def test_three_overlapping_windows_give_the_history_worked_out_by_hand(loaded):
    db, reports = loaded
    with duckdb.connect(str(db)) as con:
        contacts = [r[0] for r in con.execute("select contact_date from list_1_contacts order by 1").fetchall()]
        plans = con.execute("select child_id, cpp_end from list_7_child_protection order by 1").fetchall()
        windows = con.execute("select dataset, window_start, window_end, rows from _extracts "
                              "where dataset = 'list_1' order by loaded_at").fetchall()
    assert contacts == [date(2026, 1, 5), date(2026, 2, 10), date(2026, 3, 2), date(2026, 8, 15)]
    assert plans == [("W", date(2026, 8, 20)), ("X", date(2026, 2, 15)), ("Y", date(2026, 5, 10)), ("Z", None)]
    assert windows == [("list_1", date(2026, 1, 1), date(2026, 6, 30), 4),
                       ("list_1", date(2026, 3, 1), date(2026, 7, 31), 4),
                       ("list_1", date(2026, 3, 1), date(2026, 8, 31), 2)]
    assert reports[1].kept == {"list_1": 1, "list_7": 1}  # A's January contact; X, closed before B's window


def test_figures_from_the_history(loaded):
    db, _ = loaded
    long = _figures(db, ["2026-04", "2026-08", "2026-01"], ["cp_children_at_period_end", "fd_contacts_received"])
    got = {(r.indicator_id, r.period, r.basis): r.value for r in long.itertuples() if r.status == "ok"}
    assert got[("cp_children_at_period_end", "2026-04", "snapshot")] == 2
    assert got[("cp_children_at_period_end", "2026-08", "snapshot")] == 1
    assert got[("fd_contacts_received", "2026-01", "month")] == 1
    assert got[("fd_contacts_received", "2026-08", "month")] == 1
    # April to August 2026: the 02/03 contact is before April, so only 15/08
    assert got[("fd_contacts_received", "2026-08", "ytd")] == 1


def test_a_figure_is_na_where_the_history_does_not_reach(loaded):
    db, _ = loaded
    long = _figures(db, ["2026-09", "2025-12", "2026-02"], ["fd_contacts_received", "cp_children_at_period_end"])
    rows = {(r.indicator_id, r.period, r.basis): r for r in long.itertuples()}
    after = rows[("fd_contacts_received", "2026-09", "month")]
    assert after.status == "not_computable" and pd.isna(after.value)
    assert after.message == ("List 1 (Contacts) is loaded up to 31 August 2026; September 2026 needs it to "
                             "30 September 2026")
    before = rows[("cp_children_at_period_end", "2025-12", "snapshot")]
    assert before.status == "not_computable"
    assert before.message == "List 7 (Child Protection) is loaded from January 2026, after 31 December 2025"
    # February 2026's year to date runs from April 2025, before the history starts
    ytd = rows[("fd_contacts_received", "2026-02", "ytd")]
    assert ytd.status == "not_computable" and "needs April 2025" in ytd.message
    assert rows[("fd_contacts_received", "2026-02", "month")].status == "ok"


def _referrals(month: pd.Period):
    """A six-month extract for `month`: one referral on the 1st of each month of its window and one on the
    month's last day."""
    days = [*pd.date_range((month - 5).start_time, month.end_time, freq="MS"), month.end_time.normalize()]
    frames = {"list_3": _frame("list_3", [{"child_id": f"R{d:%Y%m%d}", "referral_date": d} for d in days])}
    headings = {c.name: c.heading for c in load_contract().dataset("list_3").column_list()}
    return SimpleNamespace(frames=frames, sources={"list_3": SimpleNamespace(
        path=f"/in/{month}/list_3.csv", sheet=None, sha256=str(month), headings=headings)})


def test_a_12_month_measure_is_na_until_12_months_are_covered(tmp_path):
    """Six-month extracts from June 2026 to December 2026: the history covers January 2026 onwards, so the
    12 months to November need December 2025 and are n/a; the 12 months to December are the first covered.
    They hold the referral on each month's 1st (12: January's from June's extract, February's from July's, ...,
    none lost between extracts) and December's last-day one: each earlier last-day referral is absent from the
    next extract, whose window covers that day, so it is replaced away (13)."""
    db = tmp_path / "store.duckdb"
    for month in pd.period_range("2026-06", "2026-12", freq="M"):
        store.load_inputs(db, _referrals(month))
    long = _figures(db, ["2026-11", "2026-12"], ["fd_referral_rate_12m_per_10k"]).set_index("period")
    assert long.loc["2026-11", "status"] == "not_computable"
    assert long.loc["2026-11", "message"] == ("List 3 (Referrals) is loaded from January 2026; the 12 months to "
                                              "November 2026 need December 2025")
    assert long.loc["2026-12", "status"] == "ok"
    assert long.loc["2026-12", "numerator"] == 13
    assert long.loc["2026-12", "value"] == pytest.approx(13.0)  # per 10,000 of a population of 10,000


def test_an_older_extract_after_a_newer_one_is_refused_and_changes_nothing(loaded):
    db, _ = loaded
    older = _extract("older", ["2026-01-02", "2026-05-31"], [{"child_id": "Y", "cpp_start": "2025-11-01"}])
    with pytest.raises(history.OutOfOrder, match="already holds extracts up to 31/08/2026"):
        store.load_inputs(db, older)
    assert store.table_counts(db)["list_1_contacts"] == 4


def test_a_list_with_headings_only_keeps_its_history_and_its_figures_say_so(loaded):
    db, _ = loaded
    empty = _extract("D", ["2026-04-01", "2026-09-30"], [])
    report = store.load_inputs(db, empty)
    assert report.empty == ["list_7"]
    long = _figures(db, ["2026-09", "2026-08"], ["cp_children_at_period_end"]).set_index("period")
    assert long.loc["2026-09", "status"] == "not_computable"
    assert "loaded up to 31 August 2026" in long.loc["2026-09", "message"]
    assert long.loc["2026-08", "value"] == 1  # from C, still in the history


def _recorded(db, periods):
    """The figures computed from the store now, recorded as first shown where they were not before."""
    with store.connect(db, read_only=True) as con:
        long = compute(con, [Period.parse(p) for p in periods], lambda _: 10_000, [indicator("fd_contacts_received")])
        end = history.latest_end(con)
        shown = revisions.first_shown(con)
    store.record_snapshots(db, long.iloc[:0], long, end)
    return revisions.mark_revisions(long, shown, end, {"fd_contacts_received": 0})


def test_a_revision_keeps_the_figure_first_shown_and_marks_the_new_one(tmp_path):
    """March 2026 had 1 contact in June's extract (A); July's (B) holds a contact recorded late: 2."""
    db = tmp_path / "store.duckdb"
    store.load_inputs(db, A)
    first = _recorded(db, ["2026-03"])
    assert revisions.revisions(first).empty  # nothing shown before
    again = _recorded(db, ["2026-03"])  # the same extract computed again: no revision
    assert revisions.revisions(again).empty
    store.load_inputs(db, B)
    later = _recorded(db, ["2026-03"])
    march = later[(later["period"] == "2026-03") & (later["basis"] == "month")].iloc[0]
    assert (march["value"], march["revised_from"], march["status"]) == (2, 1, "caveat")
    assert march["message"] == "revised from 1 (first shown from the extract to 30/06/2026)"
    listed = revisions.revisions(later)
    assert listed[["indicator_id", "period", "basis", "revised_from", "value"]].values.tolist() == [
        ["fd_contacts_received", "2026-03", "month", 1, 2]]
    with store.connect(db, read_only=True) as con:
        kept = revisions.first_shown(con).set_index(["period", "basis"])
    assert kept.loc[("2026-03", "month"), "value"] == 1  # the earlier figure is kept, not overwritten
    table = revisions_table(later, Period(2026, 7)).html
    assert ('<th scope="row">Contacts received</th><td class="num">1</td><td>Mar-26, month</td>'
            '<td class="num">1</td><td class="num">2</td>') in table
    assert "Revised figures: none" in revisions_table(first, Period(2026, 6)).html


def test_a_measure_reading_a_column_an_older_edition_lacks_is_na_with_the_reason(tmp_path):
    """List 9 as the Annex A template printed it before 2023: no UASC, personal adviser, pathway plan review or
    latest contact. Contact within 2 months reads the latest contact: n/a; in touch does not: computed."""
    lacking = {"uasc", "personal_adviser", "pathway_plan_review", "latest_contact"}
    frame = _frame("list_9", [{"child_id": "L1", "date_of_birth": "2006-05-01", "in_touch": "YES"},
                              {"child_id": "L2", "date_of_birth": "2006-07-01", "in_touch": "NO"}])
    contacts = _frame("list_1", [{"child_id": "C1", "contact_date": "2026-05-01"},
                                 {"child_id": "C2", "contact_date": "2026-10-30"}])
    headings = {k: {c.name: c.heading for c in load_contract().dataset(k).column_list() if c.name not in lacking}
                for k in ("list_1", "list_9")}
    extract = SimpleNamespace(frames={"list_1": contacts, "list_9": frame}, sources={
        k: SimpleNamespace(path=f"/in/{k}.csv", sheet=None, sha256=k, headings=headings[k]) for k in headings})
    db = tmp_path / "store.duckdb"
    store.load_inputs(db, extract)
    long = _figures(db, ["2026-10"], ["cl_contact_2_months_pct", "cl_in_touch_pct"]).set_index("indicator_id")
    assert long.loc["cl_contact_2_months_pct", "status"] == "not_computable"
    assert long.loc["cl_contact_2_months_pct", "message"] == (
        "List 9 (Leaving Care Services) was loaded without 'Latest Date of Contact': a column of the Annex A "
        "template since its 2023 edition")
    assert long.loc["cl_in_touch_pct", "status"] == "ok"
