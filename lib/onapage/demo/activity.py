"""Practice activity on open cases: statutory visits, missing episodes, reviews and health checks.

Visits are simulated as sequences per episode (so the visits extract and the "latest visit" columns of
lists 6-9 agree); reviews and health assessments only matter as at the extract date, so they are
computed directly from their statutory rhythm.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import NAT, WorkCalendar, add_months, col, days, maximum, minimum
from .draw import bands, chance
from .run import DemoRun

HISTORY_BEFORE_WINDOW = np.timedelta64(
    92, "D"
)  # visits a quarter before the window, so the first month's timeliness is right

# visit type: (first visit after start, gap between visits, share in time); gaps are calendar days except CP.
VISIT_RHYTHM = {
    "CIN": {"first": (1, 20), "gaps": [(0.88, 8, 28), (0.12, 29, 50)], "working_days": False},
    "CP": {"first": (1, 8), "gaps": [(0.8, 4, 10), (0.2, 11, 18)], "working_days": True},
    "CLA": {"first": (1, 7), "gaps": [(0.88, 18, 42), (0.12, 43, 70)], "working_days": False},
}


def visits(run: DemoRun, calendar: WorkCalendar, kind: str, child, start, stop, team, dob) -> pd.DataFrame:
    """Visits for each episode of one type from its start (or a quarter before the window) to its end."""
    rng = run.rng(f"visits-{kind}")
    rhythm = VISIT_RHYTHM[kind]
    start = np.asarray(start, dtype="datetime64[D]")
    stop = minimum(np.asarray(stop, dtype="datetime64[D]"), run.end_day)
    cutoff = run.window_start - HISTORY_BEFORE_WINDOW
    n = len(start)
    # Episodes already open at the cut-off pick up their rhythm at a random phase just before it.
    carried_on = start < cutoff
    origin = np.where(carried_on, cutoff - days(rng.uniform(0, 40, n)), start)
    first = np.where(carried_on, 0.0, rng.uniform(*rhythm["first"], n))
    shortest_gap = rhythm["gaps"][0][1]
    most = np.where(stop >= origin, np.maximum((stop - origin).astype("int64"), 0) // shortest_gap + 2, 0)
    owner = np.repeat(np.arange(n), most)
    steps = _block_cumsum(bands(rng, rhythm["gaps"], len(owner)), first[most > 0], most[most > 0])
    working = rhythm["working_days"]
    when = calendar.add(origin[owner], steps.astype("int64")) if working else origin[owner] + days(steps)
    keep = (when <= stop[owner]) & (when >= cutoff)
    owner, when = owner[keep], when[keep]
    under_3 = (when - np.asarray(dob, dtype="datetime64[D]")[owner]).astype("int64") < 3 * 365
    return pd.DataFrame(
        {
            "episode": owner,
            "child": np.asarray(child)[owner],
            "visit_date": when,
            "visit_type": kind,
            "seen_alone": ~under_3 & chance(rng, 0.62, len(owner)),
            "team": np.asarray(team, dtype=object)[owner],
        }
    )


def _block_cumsum(gaps: np.ndarray, first: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Running totals of `gaps` restarting at each block, whose first gap is replaced by `first`."""
    if not len(gaps):
        return gaps
    heads = np.cumsum(sizes) - sizes
    gaps = gaps.copy()
    gaps[heads] = first
    total = np.cumsum(gaps)
    return total - np.repeat(total[heads] - gaps[heads], sizes)


def care_leaver_contacts(run: DemoRun, leavers: pd.DataFrame, team: str) -> pd.DataFrame:
    """Contacts with care leavers, counted back from their latest contact roughly every six to eight weeks."""
    rng = run.rng("visits-care-leaver")
    latest = col(leavers, "latest_contact")
    earliest = maximum(col(leavers, "left_care"), run.window_start - HISTORY_BEFORE_WINDOW)
    n = len(leavers)
    most = np.maximum((latest - earliest).astype("int64") // 20 + 1, 1)
    owner = np.repeat(np.arange(n), most)
    back = _block_cumsum(rng.uniform(20, 60, len(owner)), np.zeros(n), most)
    when = latest[owner] - days(back)
    keep = when >= earliest[owner]
    return pd.DataFrame(
        {
            "episode": owner[keep],
            "child": leavers["child"].to_numpy()[owner[keep]],
            "visit_date": when[keep],
            "visit_type": "Care leaver",
            "seen_alone": chance(rng, 0.8, int(keep.sum())),
            "team": team,
        }
    )


def latest_visit(visit_rows: pd.DataFrame, n_episodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Date and seen-alone flag of each episode's latest visit (NaT / None when never visited)."""
    last = visit_rows.sort_values(["episode", "visit_date"], kind="stable").groupby("episode").tail(1)
    date = np.full(n_episodes, NAT)
    alone = np.full(n_episodes, None, dtype=object)
    date[last["episode"].to_numpy()] = col(last, "visit_date")
    alone[last["episode"].to_numpy()] = np.where(last["seen_alone"].to_numpy(), "Y", "N")
    return date, alone


def missing_episodes(run: DemoRun, people: pd.DataFrame) -> pd.DataFrame:
    """Missing and absent episodes for adolescents in care or on plans, over the window and the year before.

    `people` has one row per spell at risk: child, start, stop, looked_after, dob.
    """
    rng = run.rng("missing")
    first = run.window_start - np.timedelta64(365, "D")
    start = maximum(col(people, "start"), first, birthday_of(people, 10))
    stop = minimum(col(people, "stop"), run.end_day)
    span = np.maximum((stop - start).astype("int64"), 0)
    n = len(people)
    looked_after = people["looked_after"].to_numpy()
    misser = chance(rng, np.where(looked_after, 0.3, 0.08), n)
    monthly = np.where(misser, rng.gamma(1.5, np.where(looked_after, 0.6, 0.35), n), 0.01)
    count = rng.poisson(monthly * span / 30.44)
    owner = np.repeat(np.arange(n), count)
    begin = start[owner].astype("datetime64[m]") + (rng.uniform(0, 1, len(owner)) * span[owner] * 1440).astype(
        "int64"
    ).astype("timedelta64[m]")
    hours = np.exp(rng.normal(np.log(9), 1.0, len(owner)))
    finish = begin + (hours * 60).astype("int64").astype("timedelta64[m]")
    kind = np.where(chance(rng, 0.8, len(owner)), "Missing", "Absent")
    offered = (kind == "Missing") & chance(rng, 0.9, len(owner))
    child_cse = chance(rng, 0.12, n)[owner]
    child_gang = chance(rng, 0.09, n)[owner]
    ep = pd.DataFrame(
        {
            "child": people["child"].to_numpy()[owner],
            "spell": owner,
            "episode_start": begin,
            "episode_end": np.where(
                finish <= run.end_day.astype("datetime64[m]") + np.timedelta64(1439, "m"),
                finish,
                np.datetime64("NaT", "m"),
            ),
            "missing_type": kind,
            "looked_after": looked_after[owner],
            "return_interview_offered": np.where(kind == "Missing", offered, None),
            "return_interview_accepted": np.where(
                offered, chance(rng, 0.65, len(owner)), np.where(kind == "Missing", False, None)
            ),
            "cse_risk": child_cse & chance(rng, 0.85, len(owner)),
            "gang_affiliated": child_gang & chance(rng, 0.85, len(owner)),
        }
    )
    ep = ep[ep["episode_start"] <= pd.Timestamp(run.end_day.astype(object))]
    return ep.sort_values(["episode_start", "child"], kind="stable").reset_index(drop=True)


def birthday_of(people: pd.DataFrame, years: int) -> np.ndarray:
    return add_months(col(people, "dob"), 12 * years)


def cla_checks(
    run: DemoRun, calendar: WorkCalendar, episodes: pd.DataFrame, on: np.ndarray, dob: np.ndarray
) -> pd.DataFrame:
    """Latest statutory review, IRO contact, health assessment and dental check of each episode, as at a date."""
    rng = run.rng("cla-checks")
    n = len(episodes)
    start = col(episodes, "start")
    since = (on - start).astype("int64")
    first_review = calendar.add(start, 20 + rng.integers(-2, 6, n))
    second_review = add_months(start, 3) + days(rng.integers(-5, 15, n))
    cycles = np.maximum((on - second_review).astype("int64") // 182, 0)
    later_review = add_months(second_review, 6 * cycles) + days(rng.integers(-10, 20, n))
    review = np.select(
        [on < first_review, on < second_review, later_review <= on],
        [NAT, first_review, later_review],
        add_months(second_review, 6 * np.maximum(cycles - 1, 0)),
    )
    iha = calendar.add(start, bands(rng, cal.IHA_WORKING_DAYS, n).astype("int64"))
    under_5 = (on - dob).astype("int64") < 5 * 365.25
    every = np.where(under_5, 182, 365)
    reviews_since = (on - iha).astype("int64") // every  # review health assessments since the initial one
    jitter = np.where(reviews_since > 0, rng.integers(-20, 20, n), 0)  # the initial one stays on its own date
    health = np.where(on < iha, NAT, minimum(iha + days(reviews_since * every + jitter), on))
    overdue = chance(rng, 0.07, n) & (since > 400)
    health = np.where(overdue, maximum(health - days(rng.uniform(60, 200, n)), iha), health)
    dental = np.where(chance(rng, 0.78, n), on - days(rng.uniform(0, 360, n)), on - days(rng.uniform(366, 700, n)))
    too_early = (dental < start - np.timedelta64(200, "D")) | (dental <= dob) | ((on - dob).astype("int64") < 365)
    dental = np.where(too_early, NAT, dental)
    iro = np.where(np.isnat(review) | chance(rng, 0.05, n), NAT, review - days(rng.uniform(0, 20, n)))
    return pd.DataFrame(
        {
            "latest_review": review,
            "last_iro_contact": np.where(np.isnat(iro), NAT, maximum(iro, start)),
            "last_health_assessment": health,
            "last_dental_check": dental,
            "initial_health_assessment": iha,
        }
    )
