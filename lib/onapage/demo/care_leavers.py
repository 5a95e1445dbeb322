"""Care leavers at the extract date: young people aged 18-24 who were looked after long enough after 14.

Eligibility follows the Children (Leaving Care) Act: 13 weeks looked after since the age of 14, some of it
after the 16th birthday. Most stay in touch to 21; fewer of those aged 22-24 still take up support.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import NAT, age_on, birthday, col, days, maximum, minimum
from .draw import bands, chance, pick
from .run import DemoRun

NOT_CARE_LEAVERS = ("E11", "E12", "E45", "E46", "E47", "E48", "E2", "E41")  # adopted, SGO, died, child arrangements


def care_leavers(run: DemoRun, episodes: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    rng = run.rng("care-leavers")
    per_child = eligible_on(episodes, children, run.end_day)
    served = rng.random(len(per_child)) < still_served(per_child["age"].to_numpy())
    leavers = per_child[per_child["eligible"].to_numpy() & served].drop(columns="eligible")
    leavers["left_care"] = leavers["left"]
    return _describe(run, rng, leavers.reset_index())


def still_served(age: np.ndarray) -> np.ndarray:
    """The share of eligible young people of each age still taking up support."""
    return np.array([cal.STILL_SERVED.get(int(a), 0.0) for a in age])


def eligible_on(episodes: pd.DataFrame, children: pd.DataFrame, end: np.datetime64) -> pd.DataFrame:
    """Every child with a care episode (by child key, in key order), with their age, date of birth and whether
    they are eligible for leaving-care support on `end`: 18 to 24, out of care, looked after long enough."""
    return Eligibility(episodes, children).on(end)


class Eligibility:
    """Who is eligible for leaving-care support on a day, for any day: what does not depend on the day
    (each child's last episode, date of birth) worked out once."""

    def __init__(self, episodes: pd.DataFrame, children: pd.DataFrame):
        e = episodes.sort_values(["child", "end"], kind="stable")
        self.child, self._codes = np.unique(e["child"].to_numpy(), return_inverse=True)
        dob = col(children, "dob")[e["child"].to_numpy()]
        self._end = col(e, "end")
        self._from_14 = maximum(col(e, "start"), birthday(dob, 14))
        self._at_16 = birthday(dob, 16)
        last = np.r_[np.flatnonzero(np.diff(self._codes)), len(self._codes) - 1] if len(e) else np.array([], int)
        self.left = self._end[last]  # the end of the child's last episode
        self.reason = e["reason"].to_numpy()[last]
        self.uasc = np.bincount(self._codes, weights=e["uasc"].to_numpy(dtype=float), minlength=len(self.child)) > 0
        self.dob = col(children, "dob")[self.child]

    def on(self, day: np.datetime64) -> pd.DataFrame:
        n = len(self.child)
        stop = minimum(self._end, day)
        after_14 = np.maximum((stop - self._from_14).astype("int64"), 0)
        days_after_14 = np.bincount(self._codes, weights=after_14, minlength=n).astype("int64")
        after_16 = np.bincount(self._codes, weights=(stop > self._at_16).astype(float), minlength=n) > 0
        age = age_on(self.dob, day)
        eligible = after_16 & (days_after_14 >= 91) & (self.left <= day) & (age >= 18) & (age <= 24)
        eligible &= ~np.isin(self.reason, NOT_CARE_LEAVERS)
        return pd.DataFrame(
            {
                "days_after_14": days_after_14,
                "after_16": after_16,
                "left": self.left,
                "reason": self.reason,
                "uasc": self.uasc,
                "age": age,
                "dob": self.dob,
                "eligible": eligible,
            },
            index=pd.Index(self.child, name="child"),
        )


def _describe(run: DemoRun, rng, cl: pd.DataFrame) -> pd.DataFrame:
    n = len(cl)
    age = cl["age"].to_numpy()
    end = run.end_day
    left_at_18 = col(cl, "left_care") >= birthday(col(cl, "dob"), 18) - np.timedelta64(1, "D")
    cl["eligibility"] = np.where(left_at_18 | chance(rng, 0.9, n), "Former relevant", "Qualifying")
    activity = pick(rng, cal.ACTIVITY, n)
    cl["activity"] = np.where(
        (age == 18) & chance(rng, 0.3, n), pick(rng, {"F2": 0.7, "F4": 0.1, "F5": 0.2}, n), activity
    )
    accommodation = pick(rng, cal.ACCOMMODATION, n)
    staying_put_too_old = (accommodation == "Z") & (age > 20)
    cl["accommodation"] = np.where(staying_put_too_old, "U", accommodation)
    unsuitable = np.isin(cl["accommodation"], cal.UNSUITABLE_TYPES) | chance(rng, cal.UNSUITABLE_OTHERWISE, n)
    cl["accommodation_suitable"] = np.where(unsuitable, "Unsuitable", "Suitable")
    in_touch = pick(rng, cal.IN_TOUCH, n)
    cl["in_touch"] = np.where((in_touch == "NREQ") & (age < 21), "YES", in_touch)
    touching = cl["in_touch"].to_numpy() == "YES"
    since_contact = np.where(touching, rng.exponential(18, n), rng.uniform(70, 330, n))
    cl["latest_contact"] = maximum(end - days(since_contact), col(cl, "left_care"))
    overdue = chance(rng, 0.13, n)
    cl["pathway_plan_review"] = end - days(np.where(overdue, rng.uniform(183, 400, n), rng.uniform(0, 182, n)))
    cl["pathway_plan_review"] = maximum(col(cl, "pathway_plan_review"), col(cl, "left_care") - np.timedelta64(120, "D"))
    return cl


# --- As at each month end, for monthly extracts -----------------------------------------------------------------
#
# The care leavers of each month are those eligible then and still taking up support (the same per-person
# draw as at `end`, against the share served at their age then). Their snapshot fields are walked back from
# `end`, month by month: each month a field keeps its value or, now and then, was something else before;
# someone not yet met in the walk (no longer a care leaver at `end`) starts from a fresh draw, as `_describe`
# draws one. Keeping or redrawing from the field's own mix leaves the mix as it is, so each month looks like
# `end` does. Contacts: the care leavers at `end` have theirs (activity.care_leaver_contacts); the others get
# a run of contacts the same way, back from their latest contact in their last month as a care leaver. The
# latest contact of a month is the last contact by then, or, for someone not in touch then, the last one
# some months before, held while they stay out of touch.

MONTHLY_KEEP = {"activity": 0.92, "accommodation": 0.95, "suitability": 0.98, "in_touch": 0.95}
PATHWAY_REVIEW_GAPS = [(0.75, 150, 183), (0.25, 183, 400)]  # days between reviews: mostly six-monthly, some late
CONTACT_GAPS = (20, 60)  # days between contacts, as activity.care_leaver_contacts draws them
OUT_OF_TOUCH_DAYS = (70, 330)  # since the last contact, for someone not in touch (as `_describe` draws it)
FIRST_PATHWAY_PLAN_DAYS = 120  # the first pathway plan is made this long before leaving care, at most
STATE = ("activity", "accommodation", "accommodation_suitable", "in_touch", "eligibility", "worker",
         "personal_adviser")


@dataclass
class LeaverHistory:
    """The care leavers as at `end` and each earlier month end back to `first` (in the form of
    `World.leavers`), and the contacts with those of them who are no longer care leavers at `end`."""

    frames: dict[np.datetime64, pd.DataFrame]
    former_contacts: pd.DataFrame  # child, visit_date, seen_alone

    def at(self, on) -> pd.DataFrame:
        key = np.datetime64(on, "D")
        if key not in self.frames:
            raise ValueError(f"care leavers as at {key}: not a month end of the simulated window (nor its end)")
        return self.frames[key]


def history(
    run: DemoRun,
    episodes: pd.DataFrame,
    children: pd.DataFrame,
    leavers: pd.DataFrame,
    contacts: pd.DataFrame,
    staffing,
    first: np.datetime64,
    history_start: np.datetime64,
) -> LeaverHistory:
    """The care leavers as at each month end from the month of `first` to `run.end` (the last is `run.end`
    itself, where they are `leavers`). `contacts` (child, visit_date) are those of `leavers`; the others' run
    from `history_start` (or leaving care)."""
    end = run.end_day
    months = np.arange(np.datetime64(first, "M"), end.astype("datetime64[M]") + 1)
    days_ = [min((m + 1).astype("datetime64[D]") - np.timedelta64(1, "D"), end) for m in months]
    walk = _walk(run, episodes, children, leavers, staffing, days_[::-1])
    former = _former_contacts(run, walk, history_start)
    series = pd.concat([contacts[["child", "visit_date"]], former[["child", "visit_date"]]], ignore_index=True)
    frames = _latest_contacts(run, walk, leavers, series)
    return LeaverHistory(frames, former)


@dataclass
class _Walk:
    child: np.ndarray  # the universe: every child with a care episode, in key order
    at_end: np.ndarray  # positions of the care leavers at `end`
    months: list  # (day, positions of that day's care leavers, their state and dates then), latest first
    last_day: np.ndarray  # the latest day each was a care leaver (NaT if never)
    anchor: np.ndarray  # their latest contact then, for those not care leavers at `end`
    left: np.ndarray  # when they left care, as at the latest day they were a care leaver
    out_of_touch: np.ndarray  # days before a month end of the contact a spell out of touch holds


def _walk(run, episodes, children, leavers, staffing, days_: list) -> _Walk:
    """Who the care leavers are at each day (`days_`, latest first: `run.end`, then month ends) and their
    snapshot fields then, walked back from `leavers`."""
    end = run.end_day
    eligibility = Eligibility(episodes, children)
    universe = eligibility.on(end)
    n = len(universe)
    child = universe.index.to_numpy()
    served_draw = run.rng("care-leavers").random(n)  # the draw care_leavers() makes first
    at_end = np.searchsorted(child, leavers["child"].to_numpy())
    is_end = np.zeros(n, dtype=bool)
    is_end[at_end] = True
    if not np.array_equal(is_end, universe["eligible"].to_numpy() & (served_draw < still_served(universe["age"]))):
        raise ValueError("the care leavers at the end are not those the simulation drew")

    rng = run.rng("care-leavers-archive")
    steps = len(days_) + 2
    team = staffing.named("care_leavers", "")
    person = {
        "former_relevant": chance(rng, 0.9, n),
        "worker": np.where(chance(rng, 0.55, n), staffing.workers(rng, np.full(n, team, dtype=object)), None),
        "personal_adviser": staffing.workers(rng, np.full(n, team, dtype=object), label="Personal Adviser"),
    }
    review_gaps = days(bands(rng, PATHWAY_REVIEW_GAPS, n * steps)).reshape(n, steps)
    out_of_touch = days(rng.uniform(*OUT_OF_TOUCH_DAYS, n))

    state = {name: np.full(n, None, dtype=object) for name in STATE}
    for name in state:
        state[name][at_end] = leavers[name].to_numpy(dtype=object)
    review = np.full(n, NAT)
    review[at_end] = col(leavers, "pathway_plan_review")
    review_step = np.zeros(n, dtype="int64")
    seen = is_end.copy()
    last_day = np.full(n, NAT)
    last_day[at_end] = end
    anchor = np.full(n, NAT)
    left_then = np.full(n, NAT)
    left_then[at_end] = col(leavers, "left_care")
    months = []
    for then in days_[1:]:
        now = eligibility.on(then)
        age = now["age"].to_numpy()
        member = now["eligible"].to_numpy() & (served_draw < still_served(age))
        left, dob = col(now, "left"), col(now, "dob")
        fresh = _fresh_state(run.rng(f"care-leavers-{then.astype('datetime64[M]')}"), age, then)
        new = member & ~seen
        carried = member & seen
        for name in ("activity", "accommodation", "in_touch"):
            state[name] = np.where(new | (carried & ~fresh[f"keep_{name}"]), fresh[name], state[name])
        moved = carried & ~fresh["keep_accommodation"]
        keep_suitability = carried & ~moved & fresh["keep_suitability"]
        state["accommodation_suitable"] = np.where(
            member & ~keep_suitability, fresh["accommodation_suitable"], state["accommodation_suitable"]
        )
        state["in_touch"] = np.where(member & (state["in_touch"] == "NREQ") & (age < 21), "YES", state["in_touch"])
        left_at_18 = left >= birthday(dob, 18) - np.timedelta64(1, "D")
        person["eligibility"] = np.where(left_at_18 | person["former_relevant"], "Former relevant", "Qualifying")
        for name in ("eligibility", "worker", "personal_adviser"):
            state[name] = np.where(new, person[name], state[name])
        review = np.where(new, fresh["pathway_plan_review"], review)
        review = _walk_back(review, review_step, review_gaps, member, then)
        anchor = np.where(new, maximum(fresh["latest_contact"], left), anchor)
        last_day = np.where(new, then, last_day)
        left_then = np.where(new, left, left_then)
        seen |= member
        at = np.flatnonzero(member)
        first_plan = left[at] - np.timedelta64(FIRST_PATHWAY_PLAN_DAYS, "D")
        months.append(
            (
                then,
                at,
                {
                    "uasc": now["uasc"].to_numpy()[at],
                    "age": age[at],
                    "left_care": left[at],
                    "dob": dob[at],
                    **{name: values[at] for name, values in state.items()},
                    "pathway_plan_review": maximum(review[at], first_plan),
                },
            )
        )
    return _Walk(child, at_end, months, last_day, anchor, left_then, out_of_touch)


def visits_among(run: DemoRun, history: LeaverHistory, contacts: pd.DataFrame) -> pd.DataFrame:
    """The contacts with care leavers that were visits: those in person, and none that a month's List 9 does not
    know of (while someone is out of touch, it holds an earlier contact as their latest), so that no month has
    a young person visited since their latest contact."""
    if not len(contacts):
        return contacts
    latest = pd.concat(
        [pd.DataFrame({"child": f["child"].to_numpy(), "then": then, "latest": col(f, "latest_contact")})
         for then, f in history.frames.items()],
        ignore_index=True,
    ).astype({"then": "datetime64[ns]", "latest": "datetime64[ns]"})
    # the earliest latest contact of each one's months from each month on: a contact after it is unknown then
    latest = latest.sort_values(["child", "then"], ascending=[True, False], kind="stable")
    latest["known_up_to"] = latest.groupby("child")["latest"].cummin()
    order = contacts.assign(row=np.arange(len(contacts)), day=contacts["visit_date"].astype("datetime64[ns]"))
    matched = pd.merge_asof(
        order.sort_values("day", kind="stable"), latest.sort_values("then", kind="stable"),
        left_on="day", right_on="then", by="child", direction="forward",
    ).sort_values("row")
    known = matched["known_up_to"].isna().to_numpy() | (matched["day"] <= matched["known_up_to"]).to_numpy()
    in_person = chance(run.rng("care-leaver-visits-in-person"), cal.CARE_LEAVER_CONTACT_IN_PERSON, len(contacts))
    return contacts[known & in_person].reset_index(drop=True)


def _former_contacts(run: DemoRun, walk: _Walk, history_start: np.datetime64) -> pd.DataFrame:
    """Contacts with those who were care leavers before `end` but are not at it: every six to eight weeks, back
    from their latest contact in their last month as one (as activity.care_leaver_contacts counts them)."""
    rng = run.rng("visits-former-care-leaver")
    former = np.flatnonzero(~np.isnat(walk.anchor))
    latest = walk.anchor[former]
    earliest = maximum(walk.left[former], history_start)
    most = np.maximum((latest - earliest).astype("int64") // CONTACT_GAPS[0] + 1, 1)
    owner = np.repeat(np.arange(len(former)), most)
    back = np.cumsum(rng.uniform(*CONTACT_GAPS, len(owner)))
    heads = np.cumsum(most) - most
    back = back - np.repeat(back[heads], most)  # each run starts at its latest contact
    when = latest[owner] - days(back)
    keep = when >= earliest[owner]
    return pd.DataFrame(
        {
            "child": walk.child[former][owner[keep]],
            "visit_date": when[keep],
            "seen_alone": chance(rng, 0.8, int(keep.sum())),
        }
    )


def _latest_contacts(run: DemoRun, walk: _Walk, leavers: pd.DataFrame, series: pd.DataFrame) -> dict:
    """Each month's frame of care leavers, with their latest contact then."""
    position = np.searchsorted(walk.child, series["child"].to_numpy())
    keys = np.sort(position.astype("int64") * 1_000_000 + col(series, "visit_date").astype("int64"))

    def last_by(at: np.ndarray, on: np.ndarray) -> np.ndarray:
        """Each one's last contact on or before a day (NaT if none)."""
        found = np.searchsorted(keys, at.astype("int64") * 1_000_000 + on.astype("int64"), side="right") - 1
        ok = (found >= 0) & (keys[np.maximum(found, 0)] // 1_000_000 == at)
        return np.where(ok, (keys[np.maximum(found, 0)] % 1_000_000).astype("datetime64[D]"), NAT)

    n = len(walk.child)
    held = np.full(n, NAT)  # the contact a spell out of touch holds
    touching = leavers["in_touch"].to_numpy() == "YES"
    held[walk.at_end[~touching]] = col(leavers, "latest_contact")[~touching]
    frames = {run.end_day: leavers}
    for then, at, fields in walk.months:
        out = fields["in_touch"] != "YES"
        spell_before = np.zeros(n, dtype=bool)
        spell_before[at[out]] = True
        held = np.where(spell_before, held, NAT)  # in touch (or not a care leaver): no spell held
        last_month = walk.last_day[at] == then  # out of touch in their last month: their latest contact then
        held[at] = np.where(out & last_month, walk.anchor[at], held[at])
        keep = ~np.isnat(held[at]) & (held[at] <= then)
        since = last_by(at, np.full(len(at), then) - walk.out_of_touch[at])
        held[at] = np.where(out & ~keep, since, held[at])
        latest = np.where(out, held[at], last_by(at, np.full(len(at), then)))
        frames[then] = pd.DataFrame(
            {
                "child": walk.child[at],
                **fields,
                "latest_contact": np.where(np.isnat(latest), fields["left_care"], maximum(latest, fields["left_care"])),
                "team": leavers["team"].iloc[0] if len(leavers) else None,
            }
        )
    return frames


def _fresh_state(rng, age: np.ndarray, then: np.datetime64) -> dict:
    """One month's draws for everyone (whoever is a care leaver then uses theirs): whether each field keeps
    its value from the month after, and a fresh value as `_describe` draws one, at their age then."""
    n = len(age)
    out = {f"keep_{name}": chance(rng, p, n) for name, p in MONTHLY_KEEP.items()}
    activity = pick(rng, cal.ACTIVITY, n)
    out["activity"] = np.where((age == 18) & chance(rng, 0.3, n), pick(rng, {"F2": 0.7, "F4": 0.1, "F5": 0.2}, n),
                               activity)
    accommodation = pick(rng, cal.ACCOMMODATION, n)
    out["accommodation"] = np.where((accommodation == "Z") & (age > 20), "U", accommodation)
    unsuitable = np.isin(out["accommodation"], cal.UNSUITABLE_TYPES) | chance(rng, cal.UNSUITABLE_OTHERWISE, n)
    out["accommodation_suitable"] = np.where(unsuitable, "Unsuitable", "Suitable")
    in_touch = pick(rng, cal.IN_TOUCH, n)
    out["in_touch"] = np.where((in_touch == "NREQ") & (age < 21), "YES", in_touch)
    since_contact = np.where(out["in_touch"] == "YES", rng.exponential(18, n), rng.uniform(*OUT_OF_TOUCH_DAYS, n))
    out["latest_contact"] = then - days(since_contact)
    overdue = chance(rng, 0.13, n)
    out["pathway_plan_review"] = then - days(np.where(overdue, rng.uniform(183, 400, n), rng.uniform(0, 182, n)))
    return out


def _walk_back(when: np.ndarray, step: np.ndarray, gaps: np.ndarray, rows: np.ndarray, then: np.datetime64):
    """Step each row's date back by its next gaps until it is on or before `then` (the one before it)."""
    when = when.copy()
    while True:
        later = rows & ~np.isnat(when) & (when > then) & (step < gaps.shape[1])
        if not later.any():
            return when
        idx = np.flatnonzero(later)
        when[idx] = when[idx] - gaps[idx, step[idx]]
        step[idx] += 1
