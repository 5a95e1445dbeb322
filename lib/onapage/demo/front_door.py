"""The front door: contacts into the MASH, their decisions and BRAG ratings, and the referrals they become.

Contacts are the primary stream (seasonal, quieter at weekends); a contact whose decision is "referral to
social care" *is* a referral, dated the day of the decision. Which child a contact is about is settled
later: referral contacts by the journey model, the rest here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import as_int, col
from .draw import bands, chance, pick, seasonal_days
from .people import Register, dob_for_age
from .run import DemoRun

REFERRAL = "Referral to social care"
EARLY_HELP = "Early help"


def draw_contacts(run: DemoRun, calendar) -> pd.DataFrame:
    """Every contact from the start of the simulated history to `end`, in time order."""
    rng = run.rng("contacts")
    day = seasonal_days(
        rng, calendar, run.sim_start, run.end_day, run.volume(cal.CONTACTS_PER_MONTH), cal.CONTACT_SEASON
    )
    n = len(day)
    source = pick(rng, cal.SOURCE_MIX, n)
    received = day.astype("datetime64[m]") + _arrival_minutes(rng, day, source)
    decided = _in_office_hours(
        rng, calendar, received + (bands(rng, cal.DECISION_HOURS, n) * 60).astype("int64").astype("timedelta64[m]")
    )
    outcome = pick(rng, cal.CONTACT_OUTCOME, n)
    uasc = (outcome == REFERRAL) & chance(
        rng, cal.UASC_PER_MONTH / (cal.CONTACTS_PER_MONTH * cal.CONTACT_OUTCOME[REFERRAL]), n
    )
    source = np.where(uasc, pick(rng, cal.UASC_SOURCES, n), source)
    initial = np.where(outcome == REFERRAL, pick(rng, cal.BRAG_MIX_REFERRAL, n), pick(rng, cal.BRAG_MIX, n))
    final = np.where(chance(rng, cal.BRAG_CHANGED, n), _neighbour_rating(rng, initial), initial)
    undecided = decided > run.end_day.astype("datetime64[m]") + np.timedelta64(24 * 60 - 1, "m")
    frame = pd.DataFrame(
        {
            "contact_date": day,
            "received": received,
            "decided": np.where(undecided, np.datetime64("NaT", "m"), decided),
            "source": source,
            "outcome": np.where(undecided, None, outcome),
            "initial_brag": initial,
            "final_brag": np.where(undecided, None, final),
            "uasc": uasc & ~undecided,
        }
    )
    frame = frame.sort_values("received", kind="stable").reset_index(drop=True)
    frame["contact_no"] = np.arange(1, len(frame) + 1)
    return frame


def _arrival_minutes(rng, day: np.ndarray, source: np.ndarray) -> np.ndarray:
    """Office hours for most sources; the police send contacts at any hour."""
    office = rng.uniform(8 * 60, 18 * 60, len(day))
    any_time = rng.uniform(0, 24 * 60, len(day))
    police_or_weekend = (source == "6") | ~np.is_busday(day)
    return np.where(police_or_weekend, any_time, office).astype("int64").astype("timedelta64[m]")


def _in_office_hours(rng, calendar, when: np.ndarray) -> np.ndarray:
    """Decisions are made on working days, 08:00-19:00; a later one waits for the next morning."""
    day = when.astype("datetime64[D]")
    minute = (when - day.astype("datetime64[m]")).astype("int64")
    ok = calendar.is_workday(day) & (minute >= 8 * 60) & (minute < 19 * 60)
    next_day = calendar.add(np.where(minute < 8 * 60, day, day + np.timedelta64(1, "D")), 0)
    morning = next_day.astype("datetime64[m]") + rng.uniform(8.5 * 60, 12 * 60, len(when)).astype("int64").astype(
        "timedelta64[m]"
    )
    return np.where(ok, when, morning)


def _neighbour_rating(rng, rating: np.ndarray) -> np.ndarray:
    """Re-rating after checks moves one step along Red-Amber-Green (Blue stays informational)."""
    scale = np.array(["Red", "Amber", "Green"], dtype=object)
    position = np.select([rating == "Red", rating == "Amber", rating == "Green"], [0, 1, 2], -1)
    step = np.where(rng.random(len(rating)) < 0.5, -1, 1)
    moved = np.clip(position + step, 0, 2)
    return np.where(position < 0, rating, scale[moved])


def referrals_from_contacts(contacts: pd.DataFrame) -> pd.DataFrame:
    """The contacts decided as referrals, dated on their decision day."""
    ref = contacts[contacts["outcome"] == REFERRAL]
    return pd.DataFrame(
        {
            "contact_no": ref["contact_no"].to_numpy(),
            "contact_date": col(ref, "contact_date"),
            "referral_date": ref["decided"].to_numpy().astype("datetime64[D]"),
            "source": ref["source"].to_numpy(),
            "uasc": ref["uasc"].to_numpy(),
        }
    )


def assign_contact_children(
    run: DemoRun, contacts: pd.DataFrame, referrals: pd.DataFrame, children: pd.DataFrame, register: Register
) -> np.ndarray:
    """Child key for every contact: referral contacts already have theirs; the rest are found or invented.

    A share are about a child social care already knows (a referral within the last year or the next few
    months); others are repeat contacts about the same child; the rest are children met only once.
    """
    rng = run.rng("contact-children")
    child = np.full(len(contacts), -1, dtype="int64")
    child[referrals["contact_no"].to_numpy() - 1] = referrals["child"].to_numpy()
    todo = np.flatnonzero(child < 0)
    when = col(contacts, "contact_date")[todo]

    known = _known_child_for(rng, when, referrals, children)
    use_known = chance(rng, cal.CONTACT_ABOUT_KNOWN_CHILD, len(todo)) & (known >= 0)
    child[todo[use_known]] = known[use_known]

    rest = todo[~use_known]
    child[rest] = _contact_only_children(run, rng, col(contacts, "contact_date")[rest], register)
    return child


def _known_child_for(rng, when: np.ndarray, referrals: pd.DataFrame, children: pd.DataFrame) -> np.ndarray:
    """A child referred between a year before and three months after each date, born and under 18 by then."""
    order = np.argsort(col(referrals, "referral_date"), kind="stable")
    ref_day = col(referrals, "referral_date")[order]
    ref_child = referrals["child"].to_numpy()[order]
    lo = np.searchsorted(ref_day, when - np.timedelta64(365, "D"))
    hi = np.searchsorted(ref_day, when + np.timedelta64(90, "D"))
    ok = hi > lo
    idx = lo + (rng.random(len(when)) * np.maximum(hi - lo, 1)).astype("int64")
    candidate = np.where(ok, ref_child[np.minimum(idx, len(ref_child) - 1)], -1)
    dob = col(children, "dob")[np.maximum(candidate, 0)]
    age_days = (when - dob).astype("int64")
    fits = ok & ~np.isnat(dob) & (age_days >= 0) & (age_days < 18 * 365)
    return np.where(fits, candidate, -1)


def _contact_only_children(run: DemoRun, rng, when: np.ndarray, register: Register) -> np.ndarray:
    """Children known only through contacts; some are contacted again within the year."""
    n = len(when)
    repeat = chance(rng, cal.CONTACT_REPEAT, n)
    lo = np.searchsorted(when, when - np.timedelta64(365, "D"))
    earlier = lo + (rng.random(n) * np.maximum(np.arange(n) - lo, 0)).astype("int64")
    age = bands(rng, cal.REFERRAL_AGES, n)
    dob = dob_for_age(rng, when, age)
    owner = list(range(n))
    when_day, dob_day, earlier_l, repeat_l = (
        as_int(when).tolist(),
        as_int(dob).tolist(),
        earlier.tolist(),
        repeat.tolist(),
    )
    for i in range(n):  # a repeat points at an earlier contact, whose owner is already settled
        j = earlier_l[i]
        if repeat_l[i] and j < i and when_day[i] - dob_day[owner[j]] < 18 * 365:
            owner[i] = owner[j]
    owner = np.array(owner, dtype="int64")
    firsts = np.flatnonzero(owner == np.arange(n))
    keys = register.add_new(rng, dob[firsts])
    key_of_first = np.full(n, -1, dtype="int64")
    key_of_first[firsts] = keys
    return key_of_first[owner]
