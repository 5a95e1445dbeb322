"""Adoption: children with a plan for adoption (list 10) and prospective adopters (list 11).

Children's steps come from their care episodes; adopter families are invented with their own
recruitment pipeline, and each child placed is matched to a family approved before the match.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import NAT, col, days
from .draw import chance, pick
from .run import DemoRun

STEPS = ("adopt_decision", "adopt_placement_order", "adopt_matched", "adopt_placed", "adopt_order", "adopt_reversed")
REVERSAL_REASONS = {
    "Child's needs changed": 0.3,
    "Court did not make a placement order": 0.25,
    "Prospective adopters could not be found": 0.25,
    "Plan changed to special guardianship": 0.2,
}
LEAVING_REASONS = {
    "stage_1": {"Withdrew during stage 1": 0.7, "Not suitable to proceed": 0.3},
    "stage_2": {"Withdrew during stage 2": 0.6, "Assessed as not suitable": 0.4},
    "approved": {"Change in circumstances": 0.6, "Matched with a child from another agency": 0.4},
}


def adoption_children(episodes: pd.DataFrame) -> pd.DataFrame:
    """Episodes on the adoption track (including reversed plans)."""
    return episodes[episodes["adoption_track"].to_numpy()].reset_index(drop=True)


def adopter_families(run: DemoRun) -> pd.DataFrame:
    """Families from enquiry through stages 1 and 2 to approval, matching, placement and order."""
    rng = run.rng("adopters")
    months = np.arange(run.sim_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1)
    per_month = rng.poisson(run.volume(cal.ADOPTER_FAMILIES_PER_MONTH), len(months))
    enquiry = np.repeat(months, per_month).astype("datetime64[D]") + days(rng.uniform(0, 28, per_month.sum()))
    n = len(enquiry)
    f = pd.DataFrame({"enquiry": enquiry})
    go_1, go_2, approved = chance(rng, 0.55, n), chance(rng, 0.8, n), chance(rng, 0.9, n)
    f["stage_1_started"] = np.where(go_1, enquiry + days(rng.uniform(7, 60, n)), NAT)
    f["stage_1_ended"] = col(f, "stage_1_started") + days(rng.uniform(40, 75, n))
    f["stage_2_started"] = np.where(go_2, col(f, "stage_1_ended") + days(rng.uniform(0, 30, n)), NAT)
    f["application_submitted"] = col(f, "stage_2_started")
    f["stage_2_ended"] = col(f, "stage_2_started") + days(rng.uniform(100, 150, n))
    f["application_approved"] = np.where(approved, col(f, "stage_2_ended") + days(rng.uniform(0, 20, n)), NAT)
    f["left_stage"] = np.select([~go_1, ~go_2, ~approved], ["stage_1", "stage_1", "stage_2"], None)
    f["left_process"] = np.select(
        [~go_1, ~go_2, ~approved],
        [enquiry + days(rng.uniform(10, 60, n)), col(f, "stage_1_ended"), col(f, "stage_2_ended")],
        NAT,
    )
    f["fostering_for_adoption"] = chance(rng, 0.15, n)
    f["adopters"] = np.where(chance(rng, 0.3, n), 1, 2)
    f["family_id"] = [f"FAM{i:05d}" for i in range(1, n + 1)]
    return f


def match_children(run: DemoRun, children: pd.DataFrame, families: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give each matched child an approved, unmatched family; the other approved families match elsewhere."""
    rng = run.rng("adoption-matching")
    fam = families.copy()
    kids = children.copy()
    kids["family_id"] = None
    fam["matched"], fam["placed"], fam["adoption_order"], fam["children_placed"] = NAT, NAT, NAT, 0
    approved = col(fam, "application_approved")
    available = sorted(np.flatnonzero(~np.isnat(approved)), key=lambda i: approved[i])
    taken: set[int] = set()
    for row in np.argsort(col(kids, "adopt_matched"), kind="stable"):
        matched = col(kids, "adopt_matched")[row]
        if np.isnat(matched):
            continue
        choice = next((i for i in available if i not in taken and approved[i] < matched), None)
        if choice is None:
            continue
        taken.add(choice)
        kids.loc[row, "family_id"] = fam.loc[choice, "family_id"]
        fam.loc[choice, ["matched", "placed", "adoption_order"]] = kids.loc[
            row, ["adopt_matched", "adopt_placed", "adopt_order"]
        ].to_numpy()
        fam.loc[choice, "children_placed"] = 1
    _match_elsewhere(rng, fam, taken)
    return kids, fam


def _match_elsewhere(rng, fam: pd.DataFrame, taken: set[int]) -> None:
    n = len(fam)
    approved = col(fam, "application_approved")
    others = ~np.isnat(approved) & ~np.isin(np.arange(n), list(taken))
    matched = others & chance(rng, 0.75, n)
    m = approved + days(rng.uniform(30, 420, n))
    p = m + days(rng.uniform(7, 35, n))
    o = p + days(rng.uniform(120, 320, n))
    fam["matched"] = np.where(matched, m, col(fam, "matched"))
    fam["placed"] = np.where(matched, p, col(fam, "placed"))
    fam["adoption_order"] = np.where(matched, o, col(fam, "adoption_order"))
    fam["children_placed"] = np.where(
        matched, pick(rng, {"1": 0.8, "2": 0.18, "3": 0.02}, n).astype(int), fam["children_placed"]
    )
    unmatched_leave = others & ~matched & chance(rng, 0.4, n)
    fam["left_stage"] = np.where(unmatched_leave, "approved", fam["left_stage"])
    fam["left_process"] = np.where(unmatched_leave, approved + days(rng.uniform(120, 500, n)), col(fam, "left_process"))
    reasons = {stage: pick(rng, mix, n) for stage, mix in LEAVING_REASONS.items()}
    fam["left_reason"] = np.select([fam["left_stage"] == s for s in reasons], list(reasons.values()), None)
    fam["left_reason"] = np.where(np.isnat(col(fam, "left_process")), None, fam["left_reason"])


def reversal_reasons(run: DemoRun, n: int) -> np.ndarray:
    return pick(run.rng("adoption-reversals"), REVERSAL_REASONS, n)


def last_activity(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """The latest of several dates per row (NaT-safe)."""
    latest = col(frame, columns[0])
    for name in columns[1:]:
        other = col(frame, name)
        latest = np.where(np.isnat(latest) | (~np.isnat(other) & (other > latest)), other, latest)
    return latest
