"""Cut the eleven Annex A lists from the simulated world, as an authority would extract them on `end`.

Each list holds what happened in the window: events dated in it (contacts, referrals, assessments and
strategy discussions started), or episodes open at any time in it (early help, CIN, CP, care), or people
current at `end` (care leavers). Nothing after `end` is known: later dates are blank, and an event recorded
after `end` (see `recording.py`) is left out. Snapshot columns (latest visit, review, placement) are as at
`end`, or as at the day the episode closed.

A world seen as at an earlier date (`World.as_at`) is cut the same way. Values drawn per record when a list
is cut (whether an open assessment has its visit recorded, an adopter's ID...) are drawn over the records
the full extract holds, so a record keeps them in every extract that holds it.

Ages are completed years on the date that places the row in the window (the list's `dated_by` column), and
at `end` for care leavers. Columns use the contract's names; values are canonical codes, Y/N, dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from onapage.contract import load_contract

from . import calibration as cal
from .activity import cla_checks, latest_visit
from .adoption import STEPS, last_activity, reversal_reasons
from .care import count_placements_in_year, legal_status_on
from .dates import NAT, add_months, age_on, col, days, minimum, on_or_before
from .draw import chance, pick
from .journeys import count_events
from .recording import known
from .world import World

PERMANENCE = {
    "adoption": "Adoption",
    "sgo": "Special guardianship order",
    "court_return": "Return to family",
    "short": "Return to family",
    "long_term": "Long-term fostering",
    "uasc": "Supported independence",
    "remand": None,
}


def yn(values) -> np.ndarray:
    """True/False as Y/N, anything else (None) stays blank."""
    v = np.asarray(values, dtype=object)
    return np.where(v == True, "Y", np.where(v == False, "N", None))  # noqa: E712 - object array may hold None


def in_window(world: World, d: np.ndarray) -> np.ndarray:
    return (d >= world.run.window_start) & (d <= world.run.end_day)


def open_in_window(world: World, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    return (start <= world.run.end_day) & (np.isnat(end) | (end >= world.run.window_start))


def per_record(world: World, rows_in, draw) -> np.ndarray:
    """A value per record of a table, `draw(n)` drawn over the n records the full extract holds
    (`rows_in(world.full())`, in table order), so a record keeps its value in every extract that holds it.
    Records outside those (which no extract holds) are left unset."""
    universe = rows_in(world.full())
    values = np.asarray(draw(int(universe.sum())))
    out = np.empty(len(universe), dtype=values.dtype)
    out[universe] = values
    return out


def person_columns(world: World, child: np.ndarray, on: np.ndarray, *, disability: bool = True) -> dict:
    """Child Unique ID, gender, ethnicity, date of birth, age (and disability) of each row's child."""
    c = world.children
    dob = col(c, "dob")[child]
    unborn = c["unborn"].to_numpy()[child]
    out = {
        "child_id": c["child_id"].to_numpy()[child],
        "gender": c["gender"].to_numpy()[child],
        "ethnicity": c["ethnicity"].to_numpy()[child],
        "date_of_birth": np.where(unborn, NAT, dob),
        "age_years": np.where(unborn, None, age_on(dob, on)).astype(object),
    }
    if disability:
        out["disability"] = yn(c["disabled"].to_numpy()[child])
    return out


def list_1(world: World) -> pd.DataFrame:
    k = world.contacts
    k = k[in_window(world, col(k, "contact_date")) & known(col(k, "recorded"), world.run.end_day)]
    day = col(k, "contact_date")
    frame = pd.DataFrame(
        {
            **person_columns(world, k["child"].to_numpy(), day, disability=False),
            "contact_date": day,
            "contact_source": k["source"].to_numpy(),
        }
    )
    return _distinct_contacts(frame)


def _distinct_contacts(frame: pd.DataFrame) -> pd.DataFrame:
    """List 1 has no contact ID, so two contacts about one child on one day from one source would be
    identical rows, which the data-quality gate warns of: the later one is recorded as from another
    agency ("8: Other") instead, as a handful of real duplicates are when an analyst checks them."""
    for _ in range(3):
        repeat = frame.duplicated(keep="first").to_numpy()
        if not repeat.any():
            break
        frame.loc[repeat, "contact_source"] = np.where(frame.loc[repeat, "contact_source"] == "8", "7", "8")
    return frame


def list_2(world: World) -> pd.DataFrame:
    e = world.early_help
    end = world.run.end_day
    e = e[open_in_window(world, col(e, "start"), on_or_before(col(e, "end"), end)) & known(col(e, "recorded"), end)]
    start = col(e, "start")
    return pd.DataFrame(
        {
            **person_columns(world, e["child"].to_numpy(), start, disability=False),
            "eh_assessment_start": start,
            "eh_assessment_completed": on_or_before(col(e, "end"), world.run.end_day),
            "eh_organisation": e["organisation"].to_numpy(),
        }
    )


def list_3(world: World) -> pd.DataFrame:
    j = world.journeys
    child, day = j["child"].to_numpy(), col(j, "referral_date")
    on_system = known(col(j, "referral_recorded"), world.run.end_day)
    # this referral and any in the year before (that are on the system)
    count = count_events(child, day, child[on_system], day[on_system], months=12)
    rows = in_window(world, col(j, "referral_date")) & on_system
    j = j[rows]
    day = col(j, "referral_date")
    return pd.DataFrame(
        {
            **person_columns(world, j["child"].to_numpy(), day, disability=False),
            "referral_date": day,
            "referral_source": j["source"].to_numpy(),
            "referral_nfa": yn(j["nfa"].to_numpy()),
            "referrals_last_12m": count[rows],
            "team": j["referral_team"].to_numpy(),
            "worker": j["referral_worker"].to_numpy(),
        }
    )


def list_4(world: World) -> pd.DataFrame:
    """Assessments started in the window, and those started before it still open in it (completed in it, or
    not yet), as the list holds every assessment of the window's months."""
    j = world.journeys
    start_all, recorded = col(j, "assess_start"), known(col(j, "assess_recorded"), world.run.end_day)
    started = in_window(world, start_all) & recorded
    still_open = ((start_all < world.run.window_start) & recorded
                  & open_in_window(world, start_all, on_or_before(col(j, "assess_end"), world.run.end_day)))
    rows = started | still_open
    # An assessment started in the window and still open often has no visit recorded yet (one from before the
    # window has had months for it).
    no_visit_yet = np.zeros(len(j), dtype=bool)
    no_visit_yet[started] = per_record(
        world,
        lambda w: in_window(w, col(w.journeys, "assess_start")),
        lambda n: chance(world.run.rng("list-4-seen"), 0.4, n),
    )[started]
    no_visit_yet = no_visit_yet[rows]
    j = j[rows]
    start = col(j, "assess_start")
    done = on_or_before(col(j, "assess_end"), world.run.end_day)
    open_ = np.isnat(done)
    not_yet = open_ & no_visit_yet
    seen = np.where(not_yet, None, j["child_seen"].to_numpy())
    return pd.DataFrame(
        {
            **person_columns(world, j["child"].to_numpy(), start),
            "assessment_start": start,
            "child_seen": yn(seen),
            "assessment_authorised": done,
            "requires_support": yn(np.where(open_, None, j["requires_support"].to_numpy())),
            "team": j["assessment_team"].to_numpy(),
            "worker": j["assessment_worker"].to_numpy(),
        }
    )


def strategy_discussions(world: World) -> pd.DataFrame:
    """The journeys with a strategy discussion in the window, with stable discussion IDs."""
    j = world.journeys
    has = ~np.isnat(col(j, "strategy_date"))
    all_sd = j[has].copy()
    all_sd["discussion_id"] = [f"SD{i:06d}" for i in range(1, len(all_sd) + 1)]
    child, day = all_sd["child"].to_numpy(), col(all_sd, "strategy_date")
    on_system = known(col(all_sd, "strategy_recorded"), world.run.end_day)
    all_sd["s47_12m"] = count_events(child, day, child[on_system], day[on_system], months=12)
    icpc_day = on_or_before(col(all_sd, "icpc_date"), world.run.end_day)
    held = ~np.isnat(icpc_day)
    # ICPCs in the year to this one's conference (or to the discussion, when no conference was held)
    all_sd["icpc_12m"] = count_events(child, np.where(held, icpc_day, day), child[held], icpc_day[held], months=12)
    return all_sd[in_window(world, col(all_sd, "strategy_date")) & on_system]


def list_5(world: World, sd: pd.DataFrame) -> pd.DataFrame:
    day = col(sd, "strategy_date")
    end = world.run.end_day
    icpc_day = on_or_before(col(sd, "icpc_date"), end)
    # whether a conference is needed is known once the enquiry concludes, before any conference is held: until
    # then the answer is blank, whichever it will be (known sooner for one than the other, the latest month's
    # share would lean towards it)
    decided = world.calendar.add(day, cal.S47_CONCLUDES_WORKING_DAYS) <= end
    not_required = np.where(decided, ~sd["icpc"].to_numpy().astype(bool), None)
    resulted = np.where(np.isnat(icpc_day), None, sd["plan"].to_numpy())
    return pd.DataFrame(
        {
            **person_columns(world, sd["child"].to_numpy(), day),
            "strategy_discussion_date": day,
            "icpc_not_required": yn(not_required),
            "icpc_date": icpc_day,
            "icpc_resulted_in_plan": yn(resulted),
            "s47_last_12m": sd["s47_12m"].to_numpy(),
            "icpc_last_12m": sd["icpc_12m"].to_numpy(),
            "team": sd["assessment_team"].to_numpy(),
            "worker": sd["assessment_worker"].to_numpy(),
        }
    )


def _visits_of(world: World, kind: str, key: str) -> pd.DataFrame:
    v = world.visits
    v = v[(v["visit_type"] == kind).to_numpy() & (col(v, "visit_date") <= world.run.end_day)]
    return v.assign(episode=lambda f: f[key].astype("int64"))


def _cin_rows(world: World) -> np.ndarray:
    j = world.journeys
    start, stop = col(j, "cin_start"), on_or_before(col(j, "cin_end"), world.run.end_day)
    return ~np.isnat(start) & open_in_window(world, start, stop)


def list_6(world: World) -> pd.DataFrame:
    j = world.journeys
    end = world.run.end_day
    start, stop = col(j, "cin_start"), on_or_before(col(j, "cin_end"), end)
    rows = _cin_rows(world)
    last, _ = latest_visit(_visits_of(world, "CIN", "journey"), len(j))
    disability_need = per_record(world, _cin_rows, lambda n: chance(world.run.rng("list-6-need"), 0.6, n))[rows]
    j = j[rows]
    start, stop, last = start[rows], stop[rows], last[rows]
    disabled = world.children["disabled"].to_numpy()[j["child"].to_numpy()]
    need = np.where(disabled & disability_need, "N2", j["cin_need"].to_numpy())
    closure = np.where(j["cin_to_care"].to_numpy() | j["cin_end_at_18"].to_numpy(), "RC7", j["cin_closure"].to_numpy())
    closure = np.where(j["cin_end_at_18"].to_numpy() & disabled, "RC6", closure)
    return pd.DataFrame(
        {
            **person_columns(world, j["child"].to_numpy(), start),
            "cin_start": start,
            "primary_need": need,
            "last_seen": last,
            "cin_closed": stop,
            "closure_reason": np.where(np.isnat(stop), None, closure),
            "case_status": np.where(np.isnat(stop), "Open", "Closed"),
            "team": j["plan_team"].to_numpy(),
            "worker": j["plan_worker"].to_numpy(),
        }
    )


def list_7(world: World) -> pd.DataFrame:
    j = world.journeys
    end = world.run.end_day
    start, stop = col(j, "cp_start"), on_or_before(col(j, "cp_end"), end)
    rows = ~np.isnat(start) & open_in_window(world, start, stop)
    last, alone = latest_visit(_visits_of(world, "CP", "journey"), len(j))
    planned = ~np.isnat(start)
    earlier = np.zeros(len(j), dtype="int64")
    child = j["child"].to_numpy()
    earlier[planned] = count_events(child[planned], start[planned], child[planned], start[planned], inclusive=False)
    # Plans before the simulated history began, known for the child from its first referral.
    prior = np.where(j["new_child"].to_numpy(), j["new_prior_cp_plans"].to_numpy(), 0)
    first_prior = pd.Series(prior).groupby(j["child"].to_numpy()).transform("max").to_numpy()
    j_rows = j[rows]
    start, stop = start[rows], stop[rows]
    review = _cp_latest_review(start, minimum(stop, end) if len(stop) else stop)
    return pd.DataFrame(
        {
            **person_columns(world, j_rows["child"].to_numpy(), start),
            "cpp_start": start,
            "initial_category": j_rows["cp_initial_category"].to_numpy(),
            "latest_category": j_rows["cp_latest_category"].to_numpy(),
            "last_statutory_visit": last[rows],
            "seen_alone": alone[rows],
            "latest_review": review,
            "cpp_end": stop,
            "epo_last_6m": yn(j_rows["cp_epo"].to_numpy() & (start > add_months(np.full(len(start), end), -6))),
            "previous_cp_plans": earlier[rows] + first_prior[rows],
            "team": j_rows["plan_team"].to_numpy(),
            "worker": j_rows["plan_worker"].to_numpy(),
        }
    )


def _cp_latest_review(start: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Review conferences three months after the ICPC, then six-monthly; a plan usually ends at one."""
    first = add_months(start, 3)
    cycles = np.maximum(((on - first).astype("int64") // 182), 0)
    latest = add_months(first, 6 * cycles)
    latest = np.where(latest > on, add_months(first, 6 * np.maximum(cycles - 1, 0)), latest)
    return np.where(on < first, NAT, latest)


def list_8(world: World) -> pd.DataFrame:
    e = world.episodes
    end = world.run.end_day
    start, stop = col(e, "start"), on_or_before(col(e, "end"), end)
    rows = open_in_window(world, start, stop)
    snapshot = minimum(stop, end)
    child = e["child"].to_numpy()
    dob = col(world.children, "dob")[child]
    status, since = legal_status_on(e, snapshot)
    checks = cla_checks(world.run, world.calendar, e, snapshot, dob)
    if world.simulated is not None:
        checks["last_dental_check"] = _dental_check_then(world, e, snapshot, dob)
    last_visit, _ = latest_visit(_visits_of(world, "CLA", "care_episode"), len(e))
    placement = _latest_placement(world, snapshot)
    missing = _missing_counts(world, child, snapshot)
    frame = pd.DataFrame(
        {
            **person_columns(world, child, start),
            "uasc": yn(e["uasc"].to_numpy()),
            "cla_start": start,
            "category_of_need": e["category_of_need"].to_numpy(),
            "second_period_12m": yn(_second_period(e)),
            "legal_status_start": since,
            "legal_status": status,
            "latest_review": checks["latest_review"].to_numpy(),
            "last_sw_visit": last_visit,
            "permanence_plan": e["route"].map(PERMANENCE).to_numpy(),
            "last_iro_contact": checks["last_iro_contact"].to_numpy(),
            "last_health_assessment": checks["last_health_assessment"].to_numpy(),
            "last_dental_check": checks["last_dental_check"].to_numpy(),
            "placements_last_12m": count_placements_in_year(world.placements, child, snapshot),
            "cla_end": stop,
            "reason_ceased": np.where(np.isnat(stop), None, e["reason"].to_numpy()),
            **placement,
            **missing,
            "team": e["team"].to_numpy(),
            "worker": e["worker"].to_numpy(),
        }
    )
    return frame[rows].reset_index(drop=True)


DENTAL_CHECK_EVERY = 365


def _dental_check_then(world: World, e: pd.DataFrame, snapshot: np.ndarray, dob: np.ndarray) -> np.ndarray:
    """The latest dental check as at an earlier snapshot: the one the full extract shows, or, where that came
    later, the yearly check before it; blank where none had been recorded by then."""
    full = world.simulated_run
    then_full = minimum(on_or_before(col(e, "end"), full.end_day), full.end_day)
    later = cla_checks(full, world.calendar, e, then_full, dob)["last_dental_check"].to_numpy().astype("datetime64[D]")
    ahead = ~np.isnat(later) & (later > snapshot)
    gap = np.where(ahead, (later - snapshot).astype("int64"), 0)
    check = later - days(-(-gap // DENTAL_CHECK_EVERY) * DENTAL_CHECK_EVERY)
    too_early = (check < col(e, "start") - np.timedelta64(200, "D")) | (check <= dob) | (
        (snapshot - dob).astype("int64") < 365
    )
    return np.where(np.isnat(later) | too_early, NAT, check)


def _second_period(e: pd.DataFrame) -> np.ndarray:
    """Another period of care for the same child ended within the 12 months before this one began."""
    order = e.sort_values(["child", "start"], kind="stable")
    prev_end = order.groupby("child")["end"].shift(1)
    gap = (order["start"] - prev_end).dt.days
    out = pd.Series((gap >= 0) & (gap <= 365), index=order.index)
    return out.reindex(e.index).fillna(False).to_numpy()


def _latest_placement(world: World, snapshot: np.ndarray) -> dict:
    p = world.placements
    p = p[col(p, "start") <= snapshot[p["episode"].to_numpy()]]
    last = p.sort_values(["episode", "start"], kind="stable").groupby("episode").tail(1).set_index("episode")
    idx = np.arange(len(world.episodes))

    def take(name, dated=False):
        values = last[name].reindex(idx)
        return values.to_numpy().astype("datetime64[D]") if dated else values.to_numpy(dtype=object)

    return {
        "placement_start": take("start", dated=True),
        "placement_type": take("type"),
        "placement_provider": take("provider"),
        "placement_postcode": take("postcode"),
        "placement_urn": take("urn"),
        "placement_location": take("location"),
        "placement_la": take("la"),
    }


def _missing_counts(world: World, child: np.ndarray, snapshot: np.ndarray) -> dict:
    """Missing and absent episodes in care in the 12 months to the snapshot, and the latest one's return interview."""
    m = world.missing[world.missing["looked_after"].to_numpy()]
    frame = pd.DataFrame({"row": np.arange(len(child)), "child": child, "on": snapshot}).merge(
        m[["child", "episode_start", "missing_type", "return_interview_offered", "return_interview_accepted"]],
        on="child",
    )
    when = frame["episode_start"].to_numpy().astype("datetime64[D]")
    on = col(frame, "on")
    frame = frame[(when <= on) & (when > on - np.timedelta64(365, "D"))]
    n = len(child)
    counts = frame.groupby(["row", "missing_type"]).size().unstack(fill_value=0)
    missing = counts.get("Missing", pd.Series(dtype=int)).reindex(np.arange(n), fill_value=0).to_numpy()
    absent = counts.get("Absent", pd.Series(dtype=int)).reindex(np.arange(n), fill_value=0).to_numpy()
    latest = (
        frame[frame["missing_type"] == "Missing"]
        .sort_values(["row", "episode_start"])
        .groupby("row")
        .tail(1)
        .set_index("row")
    )
    offered = latest["return_interview_offered"].reindex(np.arange(n)).to_numpy(dtype=object)
    accepted = latest["return_interview_accepted"].reindex(np.arange(n)).to_numpy(dtype=object)
    return {
        "missing_episodes_12m": missing,
        "absent_episodes_12m": absent,
        "return_interview_offered": yn(offered),
        "return_interview_accepted": yn(accepted),
    }


def list_9(world: World) -> pd.DataFrame:
    cl = world.leavers
    end = world.run.end_day
    return pd.DataFrame(
        {
            **person_columns(world, cl["child"].to_numpy(), np.full(len(cl), end)),
            "uasc": yn(cl["uasc"].to_numpy()),
            "team": cl["team"].to_numpy(),
            "worker": cl["worker"].to_numpy(),
            "personal_adviser": cl["personal_adviser"].to_numpy(),
            "eligibility": cl["eligibility"].to_numpy(),
            "pathway_plan_review": col(cl, "pathway_plan_review"),
            "in_touch": cl["in_touch"].to_numpy(),
            # a call or message as well as a visit; an earlier month's care leavers (World.as_at) come with
            # their latest contact as it was then
            "latest_contact": col(cl, "latest_contact"),
            "accommodation": cl["accommodation"].to_numpy(),
            "accommodation_suitable": cl["accommodation_suitable"].to_numpy(),
            "activity": cl["activity"].to_numpy(),
        }
    )


def _adoption_dates(world: World) -> dict[str, np.ndarray]:
    a = world.adoption_children
    return {name: on_or_before(col(a, name), world.run.end_day) for name in (*STEPS, "adopt_ffa")}


def _adoption_rows(world: World) -> np.ndarray:
    dated = _adoption_dates(world)
    latest = last_activity(pd.DataFrame(dated), list(STEPS))
    ongoing = np.isnat(dated["adopt_order"]) & np.isnat(dated["adopt_reversed"]) & ~np.isnat(dated["adopt_decision"])
    return ~np.isnat(dated["adopt_decision"]) & ((latest >= world.run.window_start) | ongoing)


def list_10(world: World) -> pd.DataFrame:
    a = world.adoption_children
    dated = _adoption_dates(world)
    rows = _adoption_rows(world)
    reasons = per_record(world, _adoption_rows, lambda n: reversal_reasons(world.run, n))[rows]
    a = a[rows]
    dated = {k: v[rows] for k, v in dated.items()}
    start = col(a, "start")
    reason = np.where(np.isnat(dated["adopt_reversed"]), None, reasons)
    family = np.where(np.isnat(dated["adopt_matched"]), None, a["family_id"].to_numpy())
    return pd.DataFrame(
        {
            **person_columns(world, a["child"].to_numpy(), start),
            "family_id": family,
            "entered_care": start,
            "adoption_decision": dated["adopt_decision"],
            "placement_order": dated["adopt_placement_order"],
            "matched": dated["adopt_matched"],
            "placed_for_adoption": dated["adopt_placed"],
            "adoption_order": dated["adopt_order"],
            "no_longer_adoption_decision": dated["adopt_reversed"],
            "no_longer_adoption_reason": reason,
            "ffa_placed": dated["adopt_ffa"],
        }
    )


ADOPTER_DATES = (
    "enquiry",
    "stage_1_started",
    "stage_1_ended",
    "stage_2_started",
    "stage_2_ended",
    "application_submitted",
    "application_approved",
    "matched",
    "placed",
    "adoption_order",
    "left_process",
)


def _adopter_dates(world: World) -> pd.DataFrame:
    f = world.adopter_families
    return pd.DataFrame({name: on_or_before(col(f, name), world.run.end_day) for name in ADOPTER_DATES})


def _adopter_family_rows(world: World) -> np.ndarray:
    dated = _adopter_dates(world)
    latest = last_activity(dated, list(ADOPTER_DATES))
    finished = ~np.isnat(dated["adoption_order"].to_numpy()) | ~np.isnat(dated["left_process"].to_numpy())
    return ~np.isnat(dated["enquiry"].to_numpy()) & ((latest >= world.run.window_start) | ~finished)


def _adopters(world: World) -> pd.DataFrame:
    """Each adopter of the families the full extract holds (their row in adopter_families), with the values
    drawn for them, so an adopter keeps them (and the ID) in every extract."""
    rng = world.run.rng("adopter-people")
    f = world.adopter_families
    families = np.flatnonzero(_adopter_family_rows(world.full()))
    family = np.repeat(families, f["adopters"].to_numpy()[families])
    n = len(family)
    gender = np.where(
        np.arange(n) % 2 == 0, pick(rng, {"Female": 0.8, "Male": 0.2}, n), pick(rng, {"Male": 0.85, "Female": 0.15}, n)
    )
    return pd.DataFrame(
        {
            "family": family,
            "gender": gender,
            "ethnicity": pick(rng, cal.ETHNICITY, n),
            "disability": yn(rng.random(n) < 0.03),
            "adopter_id": [f"AD{i:06d}" for i in range(1, n + 1)],
        }
    )


def list_11(world: World) -> pd.DataFrame:
    f = world.adopter_families
    people = _adopters(world)
    people = people[_adopter_family_rows(world)[people["family"].to_numpy()]]
    family = people["family"].to_numpy()
    d = _adopter_dates(world).iloc[family].reset_index(drop=True)
    placed = ~np.isnat(d["placed"].to_numpy())
    return pd.DataFrame(
        {
            "gender": people["gender"].to_numpy(),
            "ethnicity": people["ethnicity"].to_numpy(),
            "disability": people["disability"].to_numpy(),
            "adopter_id": people["adopter_id"].to_numpy(),
            "family_id": f["family_id"].to_numpy()[family],
            "fostering_for_adoption": yn(f["fostering_for_adoption"].to_numpy()[family]),
            "enquiry_received": d["enquiry"].to_numpy(),
            **{name: d[name].to_numpy() for name in ADOPTER_DATES[1:7]},
            "matched": d["matched"].to_numpy(),
            "placed": d["placed"].to_numpy(),
            "children_placed": np.where(placed, f["children_placed"].to_numpy()[family], None),
            "adoption_order": d["adoption_order"].to_numpy(),
            "left_process": d["left_process"].to_numpy(),
            "left_reason": np.where(np.isnat(d["left_process"].to_numpy()), None, f["left_reason"].to_numpy()[family]),
        }
    )


def annex_a(world: World) -> dict[str, pd.DataFrame]:
    sd = strategy_discussions(world)
    lists = {
        "list_1": list_1(world),
        "list_2": list_2(world),
        "list_3": list_3(world),
        "list_4": list_4(world),
        "list_5": list_5(world, sd),
        "list_6": list_6(world),
        "list_7": list_7(world),
        "list_8": list_8(world),
        "list_9": list_9(world),
        "list_10": list_10(world),
        "list_11": list_11(world),
    }
    return {key: _in_date_order(key, frame) for key, frame in lists.items()}


def _in_date_order(key: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in order of the column that dates them, as an extract usually comes."""
    by = load_contract().dataset(key).dated_by
    ident = "adopter_id" if key == "list_11" else "child_id"
    return frame.sort_values([by, ident], kind="stable", na_position="first").reset_index(drop=True)
