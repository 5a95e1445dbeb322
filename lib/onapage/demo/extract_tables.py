"""Cut the twelve supplementary extracts from the simulated world, in the contract's column names."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import extracts, quarterly
from .care import count_placements_in_year
from .dates import col, month_ends, on_or_before
from .journeys import count_events
from .lists import in_window, open_in_window, strategy_discussions, yn
from .world import World


def child_ids(world: World, child) -> np.ndarray:
    return world.children["child_id"].to_numpy()[np.asarray(child, dtype="int64")]


def mash_contacts(world: World) -> pd.DataFrame:
    k = world.contacts[in_window(world, col(world.contacts, "contact_date"))]
    return pd.DataFrame(
        {
            "contact_id": [f"CT{n:07d}" for n in k["contact_no"]],
            "child_id": child_ids(world, k["child"]),
            "contact_received": k["received"].to_numpy(),
            "decision_made": k["decided"].to_numpy(),
            "outcome": k["outcome"].to_numpy(),
            "initial_brag": k["initial_brag"].to_numpy(),
            "final_brag": k["final_brag"].to_numpy(),
        }
    )


def strategy_attendance(world: World) -> pd.DataFrame:
    a = extracts.strategy_attendance(world.run, strategy_discussions(world))
    return pd.DataFrame(
        {
            "discussion_id": a["discussion_id"],
            "child_id": child_ids(world, a["child"]),
            "discussion_date": col(a, "discussion_date"),
            "agency": a["agency"],
            "invited": yn(a["invited"].to_numpy()),
            "attended": yn(a["attended"].to_numpy()),
        }
    )


def visits(world: World) -> pd.DataFrame:
    v = world.visits
    return pd.DataFrame(
        {
            "child_id": child_ids(world, v["child"]),
            "visit_date": col(v, "visit_date"),
            "visit_type": v["visit_type"].to_numpy(),
            "seen_alone": yn(v["seen_alone"].to_numpy()),
            "team": v["team"].to_numpy(),
        }
    )


def placements(world: World) -> pd.DataFrame:
    """Every placement of the care episodes in list 8, up to `end`."""
    e = world.episodes
    listed = open_in_window(world, col(e, "start"), on_or_before(col(e, "end"), world.run.end_day))
    p = world.placements
    p = p[listed[p["episode"].to_numpy()] & (col(p, "start") <= world.run.end_day)]
    p = p.sort_values(["child", "start"], kind="stable")
    return pd.DataFrame(
        {
            "child_id": child_ids(world, p["child"]),
            "placement_start": col(p, "start"),
            "placement_end": on_or_before(col(p, "end"), world.run.end_day),
            "placement_type": p["type"].to_numpy(),
            "placement_location": p["location"].to_numpy(),
        }
    )


def missing_episodes(world: World) -> pd.DataFrame:
    m = world.missing
    return pd.DataFrame(
        {
            "episode_id": [f"ME{i:06d}" for i in range(1, len(m) + 1)],
            "child_id": child_ids(world, m["child"]),
            "episode_start": m["episode_start"].to_numpy(),
            "episode_end": m["episode_end"].to_numpy(),
            "missing_type": m["missing_type"].to_numpy(),
            "looked_after": yn(m["looked_after"].to_numpy()),
            "return_interview_offered": yn(m["return_interview_offered"].to_numpy()),
            "return_interview_accepted": yn(m["return_interview_accepted"].to_numpy()),
            "cse_risk": yn(m["cse_risk"].to_numpy()),
            "gang_affiliated": yn(m["gang_affiliated"].to_numpy()),
        }
    )


def youth_offending(world: World) -> pd.DataFrame:
    o = world.youth_orders
    return pd.DataFrame(
        {
            "order_id": [f"YO{i:06d}" for i in range(1, len(o) + 1)],
            "child_id": child_ids(world, o["child"]),
            "order_start": col(o, "order_start"),
            "order_end": col(o, "order_end"),
            "first_time_entrant": yn(o["first_time_entrant"].to_numpy()),
            "custody": yn(o["custody"].to_numpy()),
            "intensive": yn(o["intensive"].to_numpy()),
            "gang_flagged": yn(o["gang_flagged"].to_numpy()),
            "ete_at_end": yn(o["ete_at_end"].to_numpy()),
        }
    )


def improvement_plan(world: World, workforce: pd.DataFrame, audits: pd.DataFrame) -> pd.DataFrame:
    """Plan measures: most computed from the same records as the booklet's pages, a few from the plan's own data."""
    months = np.arange(world.run.window_start.astype("datetime64[M]"), world.run.end_day.astype("datetime64[M]") + 1)
    derived = {
        "1a": (
            "Front door and assessment",
            "Contacts with a decision within 24 hours (%)",
            _decided_in_24h(world, months),
            95.0,
            "Bigger is better",
        ),
        "1b": (
            "Front door and assessment",
            "Re-referrals within 12 months (%)",
            _re_referrals(world, months),
            18.0,
            "Smaller is better",
        ),
        "1c": (
            "Front door and assessment",
            "Assessments completed within 45 working days (%)",
            _assessments_in_time(world, months),
            90.0,
            "Bigger is better",
        ),
        "1d": (
            "Front door and assessment",
            "ICPCs within 15 working days of the strategy discussion (%)",
            _icpc_in_time(world, months),
            90.0,
            "Bigger is better",
        ),
        "3a": (
            "Children in care and care leavers",
            "Children in care with 3 or more placements in 12 months (%)",
            _three_placements(world, months),
            10.0,
            "Smaller is better",
        ),
        "3b": (
            "Children in care and care leavers",
            "Children in care (number)",
            _in_care(world, months),
            320.0,
            "Monitor",
        ),
        "4a": (
            "Workforce and leadership",
            "Agency social workers (%)",
            _agency_rate(workforce, months),
            15.0,
            "Smaller is better",
        ),
        "4b": (
            "Workforce and leadership",
            "Audits graded good or better (%)",
            _audits_good(audits, months),
            70.0,
            "Bigger is better",
        ),
    }
    return _catalogue_measures_blank(extracts.improvement_plan(world.run, derived))


def _catalogue_measures_blank(plan: pd.DataFrame) -> pd.DataFrame:
    """As an authority keeps it once params/improvement_plan.yml links a measure to the catalogue: its monthly
    values and target are the catalogue's, so the extract keeps only its value at inspection."""
    from onapage.indicators.plan_links import plan_measures_from_catalogue

    linked = plan["plan_id"].isin([m["plan_id"] for m in plan_measures_from_catalogue()])
    return plan.assign(value=plan["value"].where(~linked), target=plan["target"].where(~linked))


def _by_month(when: np.ndarray, good: np.ndarray, months: np.ndarray) -> np.ndarray:
    frame = pd.DataFrame({"m": np.asarray(when).astype("datetime64[M]"), "good": good.astype(float)})
    rate = frame.groupby("m")["good"].mean() * 100
    return np.round(rate.reindex(pd.Index(months.astype("datetime64[ns]"))).to_numpy(dtype=float), 1)


def _decided_in_24h(world: World, months: np.ndarray) -> np.ndarray:
    k = world.contacts[in_window(world, col(world.contacts, "contact_date"))]
    waited = (k["decided"] - k["received"]).dt.total_seconds().to_numpy() / 3600
    return _by_month(col(k, "contact_date"), np.nan_to_num(waited, nan=1e9) <= 24, months)


def _re_referrals(world: World, months: np.ndarray) -> np.ndarray:
    j = world.journeys
    child, day = j["child"].to_numpy(), col(j, "referral_date")
    count = count_events(child, day, child, day, months=12)
    return _by_month(col(j, "referral_date"), count > 1, months)


def _assessments_in_time(world: World, months: np.ndarray) -> np.ndarray:
    j = world.journeys
    done = on_or_before(col(j, "assess_end"), world.run.end_day)
    rows = ~np.isnat(done)
    took = world.calendar.count(col(j, "assess_start")[rows], done[rows])
    return _by_month(done[rows], took <= 45, months)


def _icpc_in_time(world: World, months: np.ndarray) -> np.ndarray:
    j = world.journeys
    held = on_or_before(col(j, "icpc_date"), world.run.end_day)
    rows = ~np.isnat(held)
    took = world.calendar.count(col(j, "strategy_date")[rows], held[rows])
    return _by_month(held[rows], took <= 15, months)


def _month_end_cohort(world: World, months: np.ndarray) -> pd.DataFrame:
    e = world.episodes
    ends = month_ends(months[0], months[-1])
    rows = []
    for m in ends:
        open_ = (col(e, "start") <= m) & (col(e, "end") > m)
        rows.append(pd.DataFrame({"m": m.astype("datetime64[M]"), "child": e["child"].to_numpy()[open_], "on": m}))
    return pd.concat(rows, ignore_index=True)


def _three_placements(world: World, months: np.ndarray) -> np.ndarray:
    cohort = _month_end_cohort(world, months)
    count = count_placements_in_year(world.placements, cohort["child"].to_numpy(), col(cohort, "on"))
    return _by_month(col(cohort, "on"), count >= 3, months)


def _in_care(world: World, months: np.ndarray) -> np.ndarray:
    cohort = _month_end_cohort(world, months)
    return (
        cohort.groupby("m")
        .size()
        .reindex(pd.Index(months.astype("datetime64[ns]")), fill_value=0)
        .to_numpy(dtype=float)
    )


def _agency_rate(workforce: pd.DataFrame, months: np.ndarray) -> np.ndarray:
    sw = (
        workforce[workforce["post_type"] == "Social worker"].groupby("month")[["agency_fte", "establishment_fte"]].sum()
    )
    rate = sw["agency_fte"] / sw["establishment_fte"] * 100
    return np.round(rate.reindex(pd.Index(months.astype("datetime64[ns]"))).to_numpy(dtype=float), 1)


def _audits_good(audits: pd.DataFrame, months: np.ndarray) -> np.ndarray:
    good = audits["grade"].isin(["Outstanding", "Good"]).to_numpy()
    return _by_month(col(audits, "audit_date"), good, months)


def supplementary(world: World) -> dict[str, pd.DataFrame]:
    workforce = extracts.workforce(world.run, world.caseloads)
    audits = extracts.audits(world.run, world.calendar)
    return {
        "mash_contacts": mash_contacts(world),
        "strategy_attendance": strategy_attendance(world),
        "visits": visits(world),
        "placements": placements(world),
        "missing_episodes": missing_episodes(world),
        "early_years": extracts.early_years(world.run),
        "families_programme": extracts.families_programme(world.run),
        "youth_offending": youth_offending(world),
        "workforce": workforce,
        "audits": audits,
        "improvement_plan": improvement_plan(world, workforce, audits),
        "complaints": extracts.complaints(world.run, world.calendar),
        "budget": quarterly.budget(world.run),
        "risks": quarterly.risks(world.run),
        "commissioning_priorities": quarterly.commissioning_priorities(world.run),
        "subject_access_requests": quarterly.subject_access_requests(world.run),
    }
