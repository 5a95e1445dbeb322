"""Simulate the whole synthetic authority: every child's history, before any list is cut from it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from . import activity, adoption, care, care_leavers, early_help, extracts, front_door, journeys, recording
from .dates import NAT, age_on, col, maximum, minimum, month_ends
from .draw import chance
from .people import Register
from .run import DemoRun
from .teams import Staffing


@dataclass
class World:
    run: DemoRun
    calendar: object
    children: pd.DataFrame  # key -> dob, gender, ethnicity, disabled, uasc, unborn
    contacts: pd.DataFrame
    journeys: pd.DataFrame  # one row per referral
    episodes: pd.DataFrame  # care episodes
    placements: pd.DataFrame
    leavers: pd.DataFrame
    adoption_children: pd.DataFrame
    adopter_families: pd.DataFrame
    early_help: pd.DataFrame
    visits: pd.DataFrame
    missing: pd.DataFrame
    youth_orders: pd.DataFrame
    caseloads: pd.DataFrame
    staffing: Staffing
    leaver_history: care_leavers.LeaverHistory  # the care leavers as at each month end of the window
    simulated: DemoRun | None = None  # set on a view as at an earlier date: the run the world was simulated for

    @property
    def simulated_run(self) -> DemoRun:
        """The run the world was simulated for (its end and window are the full extract's)."""
        return self.simulated or self.run

    def full(self) -> World:
        """The world as the full extract at the simulated run's end cuts it."""
        return replace(self, run=self.simulated_run, simulated=None)

    def as_at(self, end: date, months: int, leavers: pd.DataFrame | None = None) -> World:
        """The world as an extract taken on `end` (a month end, or the simulated run's end) cuts it, its lists of
        events covering `months` months: the view's run ends on `end`, so nothing later is known, and its care
        leavers are those as at `end`."""
        run = replace(self.simulated_run, end=end, months=months)
        if run.end_day > self.simulated_run.end_day or run.window_start < self.simulated_run.window_start:
            raise ValueError(f"an extract on {end} of {months} months reaches outside the simulated history")
        leavers = self.leaver_history.at(end) if leavers is None else leavers
        return replace(self, run=run, simulated=self.simulated_run, leavers=leavers)


def simulate(run: DemoRun) -> World:
    """Contacts and referral journeys first (they decide who the children are), then care, then the rest."""
    calendar = run.calendar()
    register = Register()
    staffing = Staffing(run)
    contacts = front_door.draw_contacts(run, calendar)
    j = _journeys(run, calendar, contacts, register, staffing)
    episodes, placements = _care(run, j, register, staffing)
    leavers = _care_leavers(run, episodes, register.frame(), staffing)
    leaver_contacts = (
        activity.care_leaver_contacts(run, leavers, leavers["team"].iloc[0])
        if len(leavers)
        else pd.DataFrame({"episode": [], "child": [], "visit_date": np.array([], "datetime64[D]"), "seen_alone": []})
    )
    leaver_history = care_leavers.history(
        run, episodes, register.frame(), leavers, leaver_contacts, staffing, run.window_start,
        run.window_start - activity.HISTORY_BEFORE_WINDOW,
    )
    adopted, families = adoption.match_children(
        run, adoption.adoption_children(episodes), adoption.adopter_families(run)
    )

    referrals = j[["contact_no", "referral_date", "child"]]
    contacts = contacts.assign(
        child=front_door.assign_contact_children(run, contacts, referrals, register.frame(), register)
    )
    eh = early_help.early_help_assessments(run, calendar, contacts, register, run.teams["early_help"])
    orders = extracts.youth_orders(run, _teenagers(j, register.frame()), register)
    children = _with_ids(register.frame(), contacts, j, episodes, eh, orders)
    recording.record_events(run, contacts, j, eh)
    return World(
        run=run,
        calendar=calendar,
        children=children,
        contacts=contacts,
        journeys=j,
        episodes=episodes,
        placements=placements,
        leavers=leavers,
        adoption_children=adopted,
        adopter_families=families,
        early_help=eh,
        visits=_visits(run, calendar, j, episodes, leaver_contacts, leaver_history, staffing, children),
        missing=activity.missing_episodes(run, _spells_at_risk(j, episodes, children)),
        youth_orders=orders,
        caseloads=_caseloads(run, calendar, contacts, j, episodes, leavers, eh, staffing),
        staffing=staffing,
        leaver_history=leaver_history,
    )


def _journeys(run: DemoRun, calendar, contacts: pd.DataFrame, register: Register, staffing: Staffing) -> pd.DataFrame:
    j = journeys.draw_journeys(run, calendar, front_door.referrals_from_contacts(contacts))
    j = journeys.assign_children(run, j, register)
    j = journeys.cut_at_adulthood(j, register.frame())
    _allocate_journeys(run, staffing, j, register.frame())
    return j


def _care(run: DemoRun, j: pd.DataFrame, register: Register, staffing: Staffing) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Care episodes from the journeys, from before the simulated history, and returns to care; their placements."""
    entries = care.entries_from_journeys(j)
    entries = pd.concat([entries, care.legacy_entries(run, entries, register.frame(), register)], ignore_index=True)
    episodes = care.build_episodes(run, entries, register.frame())
    returns = care.re_entries(run, episodes, register.frame())
    episodes = pd.concat([episodes, care.build_episodes(run, returns, register.frame(), stream="care-returns")])
    episodes = episodes.sort_values(["start", "child"], kind="stable").reset_index(drop=True)
    _allocate_care(run, staffing, episodes, register.frame())
    return episodes, care.build_placements(run, episodes, register.frame())


def _care_leavers(run: DemoRun, episodes: pd.DataFrame, children: pd.DataFrame, staffing: Staffing) -> pd.DataFrame:
    """Care leavers with the leaving care team; all have a personal adviser, about half a social worker too."""
    rng = run.rng("leaver-allocation")
    leavers = care_leavers.care_leavers(run, episodes, children)
    team = np.full(len(leavers), staffing.named("care_leavers", ""), dtype=object)
    leavers["team"] = team
    leavers["worker"] = np.where(chance(rng, 0.55, len(leavers)), staffing.workers(rng, team), None)
    leavers["personal_adviser"] = staffing.workers(rng, team, label="Personal Adviser")
    return leavers


def _with_ids(children: pd.DataFrame, *tables) -> pd.DataFrame:
    """Public IDs ("NB000001") in order of each child's first appearance in any record."""
    parts = [pd.DataFrame({"child": children.index.to_numpy(), "when": col(children, "dob")})]
    for table, column in zip(tables, ("contact_date", "referral_date", "start", "start", "order_start"), strict=True):
        parts.append(pd.DataFrame({"child": table["child"].to_numpy(), "when": col(table, column)}))
    first = pd.concat(parts, ignore_index=True).groupby("child")["when"].min().reindex(children.index)
    order = np.lexsort((children.index.to_numpy(), col(first.to_frame(), "when")))
    width = max(6, len(str(len(children))))
    ids = np.empty(len(children), dtype=object)
    ids[order] = [f"NB{i:0{width}d}" for i in range(1, len(children) + 1)]
    return children.assign(child_id=ids)


def _allocate_journeys(run: DemoRun, staffing: Staffing, j: pd.DataFrame, children: pd.DataFrame) -> None:
    """Front-door teams for referrals, assessments and S47s; intervention teams for CIN and CP plans."""
    rng = run.rng("allocation-journeys")
    n = len(j)
    front = staffing.choose(rng, "front_door", n)
    assessing = staffing.choose(rng, "front_door", n, exclude=(staffing.teams["front_door"][0],))
    j["referral_team"] = np.where(j["nfa"], staffing.teams["front_door"][0], front)
    j["referral_worker"] = np.where(chance(rng, 0.9, n), staffing.workers(rng, j["referral_team"].to_numpy()), None)
    known = ~j["new_child"].to_numpy() & chance(rng, 0.5, n)
    j["assessment_team"] = np.where(known, staffing.choose(rng, "intervention", n), assessing)
    j["assessment_worker"] = staffing.workers(rng, j["assessment_team"].to_numpy())
    disabled = children["disabled"].to_numpy()[j["child"].to_numpy()]
    cwd = staffing.named("intervention", "Disab")
    plan_team = np.where(disabled & chance(rng, 0.75, n), cwd, staffing.choose(rng, "intervention", n, exclude=(cwd,)))
    j["plan_team"] = plan_team
    j["plan_worker"] = staffing.workers(rng, plan_team)


def _allocate_care(run: DemoRun, staffing: Staffing, e: pd.DataFrame, children: pd.DataFrame) -> None:
    """UASC team for unaccompanied children; intervention teams early on, care teams after; some 17s leaving care."""
    rng = run.rng("allocation-care")
    n = len(e)
    snapshot = minimum(col(e, "end"), run.end_day)
    in_care = (snapshot - col(e, "start")).astype("int64")
    age = age_on(col(children, "dob")[e["child"].to_numpy()], snapshot)
    uasc_team = staffing.named("children_in_care", "UASC")
    team = np.where(
        in_care < 90,
        staffing.choose(rng, "intervention", n),
        staffing.choose(rng, "children_in_care", n, exclude=(uasc_team,)),
    )
    team = np.where((age >= 17) & chance(rng, 0.35, n), staffing.named("care_leavers", ""), team)
    e["team"] = np.where(e["uasc"].to_numpy(), uasc_team, team)
    e["worker"] = staffing.workers(rng, e["team"].to_numpy())


def _visits(
    run: DemoRun, calendar, j: pd.DataFrame, episodes: pd.DataFrame, leaver_contacts: pd.DataFrame,
    leaver_history: care_leavers.LeaverHistory, staffing: Staffing, children: pd.DataFrame
) -> pd.DataFrame:
    """Statutory visits on CIN and CP plans and in care; visits to care leavers, those of `end` and those who
    were care leavers earlier in the window (the contacts with them that were visits)."""
    dob = col(children, "dob")
    born = ~children["unborn"].to_numpy()
    parts = []
    for kind, start, stop in (("CIN", "cin_start", "cin_end"), ("CP", "cp_start", "cp_end")):
        rows = ~np.isnat(col(j, start)) & born[j["child"].to_numpy()]
        frame = j[rows]
        v = activity.visits(
            run,
            calendar,
            kind,
            frame["child"].to_numpy(),
            col(frame, start),
            col(frame, stop),
            frame["plan_team"].to_numpy(),
            dob[frame["child"].to_numpy()],
        )
        v["journey"] = frame.index.to_numpy()[v["episode"].to_numpy()]
        parts.append(v)
    v = activity.visits(
        run,
        calendar,
        "CLA",
        episodes["child"].to_numpy(),
        col(episodes, "start"),
        col(episodes, "end"),
        episodes["team"].to_numpy(),
        dob[episodes["child"].to_numpy()],
    )
    v["care_episode"] = v["episode"]
    parts.append(v)
    former_contacts = leaver_history.former_contacts.assign(
        visit_type="Care leaver", team=staffing.named("care_leavers", "")
    )
    latest_leavers = leaver_contacts.assign(leaver=leaver_contacts["episode"])
    contacts = pd.concat([latest_leavers, former_contacts], ignore_index=True)
    parts.append(care_leavers.visits_among(run, leaver_history, contacts))
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["visit_date", "child", "visit_type"], kind="stable").reset_index(drop=True)


def _spells_at_risk(j: pd.DataFrame, episodes: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    """Periods in which a child could go missing and be recorded: in care, or on a CIN or CP plan."""
    dob = col(children, "dob")
    parts = [
        pd.DataFrame(
            {
                "child": episodes["child"],
                "start": col(episodes, "start"),
                "stop": col(episodes, "end"),
                "looked_after": True,
            }
        )
    ]
    for start, stop in (("cin_start", "cin_end"), ("cp_start", "cp_end")):
        rows = ~np.isnat(col(j, start))
        parts.append(
            pd.DataFrame(
                {
                    "child": j["child"][rows],
                    "start": col(j, start)[rows],
                    "stop": col(j, stop)[rows],
                    "looked_after": False,
                }
            )
        )
    spells = pd.concat(parts, ignore_index=True)
    spells["dob"] = dob[spells["child"].to_numpy()]
    born = ~children["unborn"].to_numpy()[spells["child"].to_numpy()]
    return spells[born].reset_index(drop=True)


def _teenagers(j: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    kids = pd.DataFrame({"child": j["child"].unique()})
    kids["dob"] = col(children, "dob")[kids["child"].to_numpy()]
    return kids[~children["unborn"].to_numpy()[kids["child"].to_numpy()]].reset_index(drop=True)


# A contact stays with the MASH for working days after its decision while checks, feedback to the referrer and
# the handover are done: the MASH's caseload is its contacts in progress. (Counted in calendar days, a month
# ending on a weekend or bank holiday would find the MASH all but empty.)
MASH_HOLDS_CONTACT_WORKING_DAYS = 3


def _caseloads(
    run: DemoRun, calendar, contacts: pd.DataFrame, j: pd.DataFrame, episodes: pd.DataFrame, leavers: pd.DataFrame,
    eh: pd.DataFrame, staffing: Staffing
) -> pd.DataFrame:
    """Cases open per team at each month end: contacts in the MASH, assessments, CIN and CP plans, care, care
    leavers, early help."""
    ends = month_ends(run.window_start, run.end_day)
    team, start, stop = [], [], []

    def add(t, s, e):
        team.append(np.asarray(t, dtype=object))
        start.append(np.asarray(s, dtype="datetime64[D]"))
        stop.append(np.asarray(e, dtype="datetime64[D]"))

    received = contacts["received"].to_numpy().astype("datetime64[D]")
    decided = contacts["decided"].to_numpy().astype("datetime64[D]")
    held_until = calendar.add(decided, MASH_HOLDS_CONTACT_WORKING_DAYS)
    add(np.full(len(contacts), staffing.named("front_door", "MASH"), dtype=object), received, held_until)
    assessed = ~np.isnat(col(j, "assess_start"))
    add(j["assessment_team"][assessed], col(j, "assess_start")[assessed], col(j, "assess_end")[assessed])
    # A child on a CIN or CP plan is one case for the plan team, whichever plan it is.
    plan_start = minimum(col(j, "cp_start"), col(j, "cin_start"))
    plan_stop = maximum(col(j, "cp_end"), col(j, "cin_end"))
    planned = ~np.isnat(plan_start)
    add(j["plan_team"][planned], plan_start[planned], plan_stop[planned])
    add(episodes["team"], col(episodes, "start"), col(episodes, "end"))
    add(leavers["team"], col(leavers, "left_care"), np.full(len(leavers), NAT))
    eh_team = eh["organisation"].where(eh["organisation"].isin(staffing.teams["early_help"]), None)
    has_team = eh_team.notna().to_numpy()
    add(eh_team[has_team], col(eh, "start")[has_team], col(eh, "end")[has_team])
    stop_all = np.concatenate(stop)
    return extracts.caseloads(
        ends, np.concatenate(team), np.concatenate(start), np.where(stop_all > run.end_day, NAT, stop_all)
    )
