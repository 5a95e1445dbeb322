"""The lists describe one set of children: their journeys agree across lists and extracts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from demo_figures import read, working_days

from onapage.contract import load_contract
from onapage.demo.dates import WorkCalendar

CONTRACT = load_contract()
WINDOW_START = pd.Timestamp("2023-04-01")
END = pd.Timestamp("2026-10-31")
SETTLED = WINDOW_START + pd.Timedelta(days=60)  # rows whose earlier steps are certainly inside the window


@pytest.fixture(scope="module")
def data(small):
    return {ds.key: read(small.out_dir, ds.key) for ds in CONTRACT.datasets.values()}


def test_every_cp_plan_starts_at_an_icpc_that_decided_on_a_plan(data):
    plans = data["list_7"]
    plans = plans[plans["cpp_start"] >= SETTLED]
    icpcs = data["list_5"][data["list_5"]["icpc_resulted_in_plan"] == "Y"][["child_id", "icpc_date"]]
    matched = plans.merge(icpcs, left_on=["child_id", "cpp_start"], right_on=["child_id", "icpc_date"], how="left")
    assert len(plans) > 20
    assert matched["icpc_date"].notna().all(), matched[matched["icpc_date"].isna()][["child_id", "cpp_start"]].head()


def test_icpcs_follow_their_strategy_discussion_and_plans_only_come_from_icpcs(data):
    l5 = data["list_5"]
    held = l5.dropna(subset=["icpc_date"])
    assert len(held) > 20
    assert (held["icpc_date"] > held["strategy_discussion_date"]).all()
    assert (l5.loc[l5["icpc_date"].isna(), "icpc_resulted_in_plan"].isna()).all()
    assert (held["icpc_not_required"] == "N").all()
    in_time = working_days(held["strategy_discussion_date"], held["icpc_date"]) <= 15
    assert 0.7 < in_time.mean() < 0.97


@pytest.mark.parametrize(("key", "dated_by"), [("list_4", "assessment_start"), ("list_5", "strategy_discussion_date")])
def test_assessed_and_s47_children_were_referred_first(data, key, dated_by):
    rows = data[key][data[key][dated_by] >= SETTLED]
    referrals = data["list_3"][["child_id", "referral_date"]]
    merged = rows[["child_id", dated_by]].reset_index().merge(referrals, on="child_id", how="left")
    before = merged[merged["referral_date"] <= merged[dated_by]].groupby("index").size()
    missing = rows.index.difference(before.index)
    assert len(rows) > 20 and len(missing) == 0, rows.loc[missing[:5], ["child_id", dated_by]]


def test_referrals_come_from_contacts_decided_as_referrals(data):
    mash = data["mash_contacts"]
    decided = mash[mash["outcome"] == "Referral to social care"].assign(day=lambda f: f["decision_made"].dt.normalize())
    referrals = data["list_3"]
    referrals = referrals[referrals["referral_date"] >= SETTLED]
    merged = referrals.merge(decided, left_on=["child_id", "referral_date"], right_on=["child_id", "day"], how="left")
    assert merged["contact_id"].notna().all()
    assert len(mash) == len(data["list_1"])
    conversion = (mash["outcome"] == "Referral to social care").mean()
    assert 0.18 < conversion < 0.26


def _in_year_before(rows: pd.DataFrame, on: str, events: pd.DataFrame, event_day: str) -> pd.Series:
    """How many of the same child's events fall in the year up to and including each row's date."""
    other = events[["child_id", event_day]].rename(columns={event_day: "event"})
    pairs = rows[["child_id", on]].reset_index().merge(other, on="child_id")
    since = pairs[on] - pd.DateOffset(years=1)
    inside = pairs[(pairs["event"] <= pairs[on]) & (pairs["event"] > since)]
    return inside.groupby("index").size().reindex(rows.index, fill_value=0)


def test_counts_of_the_last_12_months_agree_with_the_lists(data):
    a_year_in = WINDOW_START + pd.DateOffset(years=1)
    l3 = data["list_3"]
    l3 = l3[
        (l3["referral_date"] >= a_year_in) & ~((l3["referral_date"].dt.month == 2) & (l3["referral_date"].dt.day == 29))
    ]
    assert (l3["referrals_last_12m"] == _in_year_before(l3, "referral_date", data["list_3"], "referral_date")).all()
    assert (l3["referrals_last_12m"] > 1).any()
    l5 = data["list_5"]
    late = l5[l5["strategy_discussion_date"] >= a_year_in + pd.DateOffset(months=1)]
    s47 = _in_year_before(late, "strategy_discussion_date", l5, "strategy_discussion_date")
    assert (late["s47_last_12m"] == s47).all()
    late = late.assign(on=late["icpc_date"].fillna(late["strategy_discussion_date"]))
    icpcs = _in_year_before(late, "on", l5.dropna(subset=["icpc_date"]), "icpc_date")
    assert (late["icpc_last_12m"] == icpcs).all() and (icpcs > 0).any()


def test_dates_of_birth_precede_every_event_and_ages_agree(data):
    for key, frame in data.items():
        ds = CONTRACT.dataset(key)
        if "date_of_birth" not in ds.columns:
            continue
        born = frame.dropna(subset=["date_of_birth"])
        for column in ds.date_columns():
            if column.name == "date_of_birth":
                continue
            later = born[column.name].dropna()
            assert (later >= born.loc[later.index, "date_of_birth"]).all(), f"{key}.{column.name} before birth"
        on = born[ds.dated_by] if key != "list_9" else pd.Series(END, index=born.index)
        dob = born["date_of_birth"]
        age = (
            on.dt.year
            - dob.dt.year
            - ((on.dt.month < dob.dt.month) | ((on.dt.month == dob.dt.month) & (on.dt.day < dob.dt.day)))
        )
        assert (born["age_years"].astype(int) == age).all(), f"{key}: ages do not match dates of birth"


def test_a_child_is_the_same_child_in_every_list(data):
    people = pd.concat(
        [data[k][["child_id", "gender", "ethnicity", "date_of_birth"]] for k in [f"list_{i}" for i in range(1, 11)]]
    )
    distinct = people.drop_duplicates().groupby("child_id").size()
    assert (distinct == 1).all(), distinct[distinct > 1].head()


def test_unborn_children_have_no_date_of_birth_yet(data):
    unborn = data["list_3"][data["list_3"]["date_of_birth"].isna()]
    assert len(unborn) > 0
    assert (unborn["gender"] == "Unknown").all() and unborn["age_years"].isna().all()
    assert (unborn["referral_date"] > END - pd.Timedelta(days=280)).all()


def test_placement_history_covers_every_care_episode(data):
    episodes, history = data["list_8"], data["placements"]
    first = episodes.merge(
        history, left_on=["child_id", "cla_start"], right_on=["child_id", "placement_start"], how="left"
    )
    assert first["placement_type_y"].notna().all(), "an episode's first placement is missing from the history"
    latest = episodes.merge(history, on=["child_id", "placement_start"], how="left", suffixes=("", "_history"))
    assert (latest["placement_type"] == latest["placement_type_history"]).all()
    assert (latest["placement_location"] == latest["placement_location_history"]).all()


def test_placement_counts_match_the_history_for_children_in_care_now(data):
    now = data["list_8"][data["list_8"]["cla_end"].isna()]
    history = data["placements"]
    year_ago = END - pd.Timedelta(days=365)
    touching = history[
        (history["placement_start"] <= END) & (history["placement_end"].isna() | (history["placement_end"] >= year_ago))
    ]
    counted = touching.groupby("child_id").size()
    assert (
        now.set_index("child_id")["placements_last_12m"]
        == counted.reindex(now["child_id"]).fillna(0).astype(int).to_numpy()
    ).all()


def test_latest_visits_in_the_lists_are_in_the_visits_history(data):
    visits = data["visits"]
    for key, column, kind in (
        ("list_7", "last_statutory_visit", "CP"),
        ("list_6", "last_seen", "CIN"),
        ("list_8", "last_sw_visit", "CLA"),
    ):
        rows = data[key].dropna(subset=[column])
        rows = rows[rows[column] >= WINDOW_START]
        found = rows.merge(
            visits[visits["visit_type"] == kind],
            left_on=["child_id", column],
            right_on=["child_id", "visit_date"],
            how="left",
        )
        assert len(rows) > 10 and found["visit_date"].notna().all(), key


def test_a_care_leavers_latest_contact_is_a_visit_or_a_call_after_the_last_visit(data):
    visits = data["visits"]
    last_visit = visits[visits["visit_type"] == "Care leaver"].groupby("child_id")["visit_date"].max()
    leavers = data["list_9"].dropna(subset=["latest_contact"])
    leavers = leavers[leavers["latest_contact"] >= WINDOW_START]
    visited = last_visit.reindex(leavers["child_id"]).to_numpy()
    contact = leavers["latest_contact"].to_numpy()
    assert len(leavers) > 10
    assert not (visited > contact).any()
    assert 0.6 < (visited == contact).mean() < 0.95  # calls and messages between visits


def test_care_leavers_are_former_children_in_care_aged_18_to_24(data):
    leavers = data["list_9"]
    assert leavers["age_years"].between(18, 24).all()
    in_care = data["list_8"]
    both = leavers.merge(in_care, on="child_id", suffixes=("", "_cla"))
    assert len(both) > 10, "care leavers who left care in the window should appear in list 8"
    assert (both["cla_end"].notna()).all(), "a care leaver cannot still be looked after"
    aged_out = in_care[(in_care["cla_end"].notna()) & in_care["reason_ceased"].isin(["E17", "E5", "E6", "E8"])]
    turned_18 = aged_out[(aged_out["cla_end"] - aged_out["date_of_birth"]).dt.days.between(18 * 365, 18 * 366)]
    assert len(turned_18) > 5 and turned_18["child_id"].isin(leavers["child_id"]).mean() > 0.5


def test_episodes_and_plans_overlap_the_window_and_cross_financial_years(data):
    for key, start, end in (
        ("list_6", "cin_start", "cin_closed"),
        ("list_7", "cpp_start", "cpp_end"),
        ("list_8", "cla_start", "cla_end"),
    ):
        frame = data[key]
        assert (frame[start] <= END).all() and (frame[end].isna() | (frame[end] >= WINDOW_START)).all(), key
        assert (frame[start] < WINDOW_START).any(), f"{key}: no episode carried into the window"
        crossing = frame[(frame[start] <= "2024-03-31") & (frame[end].isna() | (frame[end] > "2024-03-31"))]
        assert len(crossing) > 0, f"{key}: nothing open across 31 March"


def test_strategy_attendance_has_four_agencies_per_discussion(data):
    attendance, discussions = data["strategy_attendance"], data["list_5"]
    assert len(attendance) == 4 * len(discussions)
    assert set(attendance["agency"]) == {"Social care", "Police", "Health", "Education"}
    assert not ((attendance["attended"] == "Y") & (attendance["invited"] == "N")).any()


def test_missing_counts_in_list_8_match_the_missing_extract(data):
    now = data["list_8"][data["list_8"]["cla_end"].isna()]
    m = data["missing_episodes"]
    m = m[
        (m["looked_after"] == "Y")
        & (m["missing_type"] == "Missing")
        & (m["episode_start"].dt.normalize() > END - pd.Timedelta(days=365))
    ]
    counted = m.groupby("child_id").size().reindex(now["child_id"]).fillna(0).astype(int).to_numpy()
    assert (now["missing_episodes_12m"].astype(int).to_numpy() == counted).all()
    assert counted.sum() > 0


def test_adopted_children_are_matched_to_adopter_families(data):
    children, adopters = data["list_10"], data["list_11"]
    matched = children.dropna(subset=["family_id"])
    assert len(matched) > 0
    assert matched["family_id"].isin(adopters["family_id"]).all()
    pairs = matched.merge(adopters.drop_duplicates("family_id"), on="family_id", suffixes=("", "_family"))
    assert (pairs["matched"] == pairs["matched_family"]).all()


def test_uasc_are_mostly_older_boys(data):
    cla = data["list_8"]
    uasc = cla[cla["uasc"] == "Y"]
    assert len(uasc) > 10
    assert (uasc["gender"] == "Male").mean() > 0.8
    age_now = (END - uasc["date_of_birth"]).dt.days / 365.25
    assert (age_now[uasc["cla_end"].isna()] >= 13).all()


def test_rows_are_unique_where_the_contract_says(data):
    for key, frame in data.items():
        for unique in CONTRACT.dataset(key).unique:
            assert not frame.duplicated(list(unique)).any(), f"{key}: {unique}"


def test_contacts_dip_in_august_and_peak_in_the_autumn(data):
    contacts = data["list_1"]["contact_date"]
    by_month = contacts.groupby(contacts.dt.month).size() / contacts.groupby(contacts.dt.month).apply(
        lambda d: d.dt.year.nunique()
    )
    assert by_month[8] < 0.9 * by_month.mean()
    assert by_month[10] > by_month.mean() and by_month[8] < by_month[9]
    late_december = contacts[(contacts.dt.month == 12) & (contacts.dt.day >= 22)]
    early_december = contacts[(contacts.dt.month == 12) & (contacts.dt.day.between(1, 10))]
    assert len(late_december) < 0.8 * len(early_december)


def test_working_days_skip_weekends_and_bank_holidays():
    calendar = WorkCalendar(2024, 2025)
    christmas_eve = np.datetime64("2024-12-24")
    assert calendar.count(christmas_eve, np.datetime64("2025-01-02"))[()] == 4  # 24, 27, 30, 31 December
    assert calendar.add(christmas_eve, 1)[()] == np.datetime64("2024-12-27")
    assert calendar.add(np.datetime64("2025-04-18"), 0)[()] == np.datetime64(
        "2025-04-22"
    )  # Good Friday rolls past Easter Monday
    assert calendar.count(christmas_eve, christmas_eve)[()] == 0


def test_assessments_are_mostly_within_45_working_days(data):
    done = data["list_4"].dropna(subset=["assessment_authorised"])
    took = working_days(done["assessment_start"], done["assessment_authorised"])
    assert 0.75 < np.mean(took <= 45) < 0.95
    assert (took >= 0).all()


def test_health_assessments_fall_within_the_period_of_care(data):
    """A child's latest health assessment is the initial one or a later review: never before care began."""
    cla = data["list_8"]
    assessed = cla[cla["last_health_assessment"].notna()]
    assert len(assessed) > 0.5 * len(cla)
    early = assessed[assessed["last_health_assessment"] < assessed["cla_start"]]
    assert early.empty, f"{len(early)} children with a health assessment dated before their care began"
    assert (assessed["last_health_assessment"] <= END).all()
