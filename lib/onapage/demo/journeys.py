"""Referral journeys: referral -> assessment -> strategy discussion/S47 -> ICPC -> CP plan, CIN plans, care.

Each referral's branches are drawn for all referrals at once. One pass in time order then decides which
child each referral is about: a new child, or one referred before whose earlier involvement has closed
(that is what makes re-referrals). Finally every stage is cut at the child's 18th birthday.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import NAT, WorkCalendar, add_months, as_int, birthday, col, days, maximum, minimum
from .draw import bands, chance, pick
from .people import Register, dob_for_age, draw_characteristics
from .run import DemoRun

NEVER = np.iinfo("int64").max  # "never free again" for a referral-pool heap


def draw_journeys(run: DemoRun, calendar: WorkCalendar, referrals: pd.DataFrame) -> pd.DataFrame:
    rng = run.rng("journeys")
    j = referrals.reset_index(drop=True).copy()
    n = len(j)
    ref = col(j, "referral_date")
    uasc = j["uasc"].to_numpy()

    j["nfa"] = chance(rng, cal.REFERRAL_NFA, n) & ~uasc
    assessed = ~j["nfa"].to_numpy()
    a_start = np.where(assessed, calendar.add(ref, _lags(rng, cal.ASSESSMENT_START_LAG, n)), NAT)
    a_start = np.where(uasc, calendar.add(ref, 0), a_start)
    a_end = calendar.add(a_start, bands(rng, cal.ASSESSMENT_WORKING_DAYS, n).astype("int64"))
    j["child_seen"] = chance(rng, cal.CHILD_SEEN, n)

    s47 = assessed & ~uasc & chance(rng, cal.S47_OF_ASSESSED, n)
    strategy = np.where(s47, maximum(calendar.add(ref, _lags(rng, cal.S47_LAG_WORKING_DAYS, n)), a_start), NAT)
    # the S47 concludes inside the assessment
    a_end = np.where(s47, maximum(a_end, calendar.add(strategy, cal.S47_CONCLUDES_WORKING_DAYS)), a_end)
    icpc = s47 & chance(rng, cal.ICPC_OF_S47, n)
    icpc_date = np.where(icpc, calendar.add(strategy, bands(rng, cal.ICPC_WORKING_DAYS, n).astype("int64")), NAT)
    plan = icpc & chance(rng, cal.PLAN_OF_ICPC, n)
    j["assess_start"], j["assess_end"], j["strategy_date"], j["icpc_date"] = a_start, a_end, strategy, icpc_date
    j["s47"], j["icpc"], j["plan"] = s47, icpc, plan

    _draw_protection(rng, j, plan, icpc_date)
    _draw_need_and_care(rng, j, assessed, plan, uasc, a_start, a_end)
    _draw_new_child(run, rng, j)
    free = maximum(ref, j["assess_end"], j["cp_end"], j["cin_end"])
    j["free_at"] = np.where(np.isnat(col(j, "care_start")), as_int(free), NEVER)
    return j


def _lags(rng, mix: dict[int, float], n: int) -> np.ndarray:
    return pick(rng, {str(k): v for k, v in mix.items()}, n).astype("int64")


def _draw_protection(rng, j: pd.DataFrame, plan: np.ndarray, icpc_date: np.ndarray) -> None:
    n = len(j)
    cp_start = np.where(plan, icpc_date, NAT)
    cp_end = cp_start + days(bands(rng, cal.CP_DAYS, n))
    initial = pick(rng, cal.CP_CATEGORY, n)
    latest = np.where(chance(rng, cal.CP_CATEGORY_CHANGED, n), pick(rng, cal.CP_CATEGORY, n), initial)
    j["cp_start"], j["cp_end"] = cp_start, cp_end
    j["cp_initial_category"] = np.where(plan, initial, None)
    j["cp_latest_category"] = np.where(plan, latest, None)
    j["cp_next"] = np.where(plan, pick(rng, cal.CP_NEXT, n), None)
    j["cp_epo"] = plan & chance(rng, cal.CP_EPO, n)


def _draw_need_and_care(rng, j: pd.DataFrame, assessed, plan, uasc, a_start, a_end) -> None:
    n = len(j)
    cp_next = j["cp_next"].to_numpy()
    cp_end = col(j, "cp_end")
    care_direct = uasc | (assessed & ~plan & chance(rng, cal.CARE_OF_ASSESSED, n))
    direct_start = np.where(uasc, a_start, minimum(a_start + days(rng.uniform(0, 25, n)), a_end))

    from_assessment = assessed & ~plan & ~care_direct & chance(rng, cal.CIN_OF_ASSESSED, n)
    cin_start = np.where(from_assessment, a_end, np.where(cp_next == "cin", cp_end, NAT))
    cin_end = cin_start + days(bands(rng, cal.CIN_DAYS, n))
    cin_to_care = ~np.isnat(cin_start) & chance(rng, cal.CIN_TO_CARE, n)

    care_start = np.where(
        care_direct, direct_start, np.where(cp_next == "care", cp_end, np.where(cin_to_care, cin_end, NAT))
    )
    source = np.select([uasc, care_direct, cp_next == "care", cin_to_care], ["uasc", "assessment", "cp", "cin"], None)
    # A few plans are only ended at the first review after the child came into care.
    lingering = (cp_next == "care") & chance(rng, 0.1, n)
    j["cp_end"] = np.where(lingering, cp_end + days(rng.uniform(10, 45, n)), cp_end)
    j["cin_start"], j["cin_end"] = cin_start, cin_end
    j["cin_source"] = np.where(from_assessment, "assessment", np.where(cp_next == "cin", "cp", None))
    j["cin_to_care"] = cin_to_care
    j["cin_need"] = pick(rng, cal.PRIMARY_NEED, n)
    j["cin_closure"] = pick(rng, cal.CIN_CLOSURE, n)
    j["care_start"], j["care_source"] = care_start, source
    j["requires_support"] = plan | care_direct | from_assessment | j["s47"].to_numpy()


def _draw_new_child(run: DemoRun, rng, j: pd.DataFrame) -> None:
    """What the child would be like if this referral is about a child new to the service."""
    n = len(j)
    ref = col(j, "referral_date")
    path = np.select(
        [j["uasc"].to_numpy(), ~np.isnat(col(j, "care_start")), j["plan"].to_numpy()], ["uasc", "care", "cp"], "other"
    )
    ages = {"uasc": cal.UASC_AGES, "care": cal.CARE_AGES, "cp": cal.CP_AGES, "other": cal.REFERRAL_AGES}
    age = np.zeros(n)
    for name, spec in ages.items():
        rows = path == name
        age[rows] = bands(rng, spec, int(rows.sum()))
    late = ref > run.end_day - np.timedelta64(200, "D")
    unborn = late & np.isin(path, ["cp", "other"]) & chance(rng, cal.UNBORN_SHARE, n)
    due = run.end_day + days(rng.uniform(1, 60, n))
    j["new_dob"] = np.where(unborn, due, dob_for_age(rng, col(j, "contact_date"), age))  # born before the first contact
    j["new_unborn"] = unborn
    prior = pick(rng, {str(k): v for k, v in cal.CP_PRIOR_PLANS_NEW_CHILD.items()}, n).astype(int)
    j["new_prior_cp_plans"] = np.where(path == "cp", prior, (prior > 0) & chance(rng, 0.2, n))


def assign_children(run: DemoRun, j: pd.DataFrame, register: Register) -> pd.DataFrame:
    """Give every referral a child: re-referrals go to children referred before and free again."""
    rng = run.rng("referral-children")
    order = np.lexsort((j["contact_no"].to_numpy(), as_int(j["referral_date"])))
    ref, free_at = as_int(j["referral_date"]).tolist(), j["free_at"].to_numpy().tolist()
    uasc, new_dob = j["uasc"].to_numpy().tolist(), as_int(j["new_dob"]).tolist()
    roll = rng.random(len(j)).tolist()
    known = _KnownChildren(rng)
    child = [0] * len(j)
    new_rows: list[int] = []
    for i in order.tolist():
        d = ref[i]
        known.free_up_to(d)
        found = -1
        if not uasc[i] and roll[i] < cal.RE_REFERRAL_PICK + cal.OLD_CHILD_PICK:
            found = known.take(d, recent=roll[i] < cal.RE_REFERRAL_PICK)
        if found < 0:
            found = known.new(new_dob[i])
            new_rows.append(i)
        child[i] = found
        known.referred(found, d, free_at[i])
    return _with_new_children(rng, j, np.array(child, dtype="int64"), np.array(new_rows, dtype="int64"), register)


def _with_new_children(rng, j: pd.DataFrame, child: np.ndarray, new_rows: np.ndarray, register: Register):
    """Register the children met for the first time (in order of meeting) and key every referral to its child."""
    first_key = register.size
    uasc, unborn = j["uasc"].to_numpy()[new_rows], j["new_unborn"].to_numpy()[new_rows]
    attrs = draw_characteristics(rng, len(new_rows), uasc=uasc, unborn=unborn)
    register.add(col(j, "new_dob")[new_rows], **attrs, uasc=uasc, unborn=unborn)
    j = j.copy()
    j["child"] = child + first_key
    j["new_child"] = False
    j.loc[new_rows, "new_child"] = True
    return j


class _KnownChildren:
    """Children referred before: busy until their involvement closes, then free to be referred again.

    Free children are sampled at random; ones too old or last referred long ago are dropped when met.
    """

    def __init__(self, rng: np.random.Generator, tries: int = 25):
        self.rng, self.tries = rng, tries
        self.dob: list[int] = []
        self.last_referral: list[int] = []
        self.busy: list[tuple[int, int]] = []  # heap of (free from, child)
        self.free: list[int] = []
        self.position: dict[int, int] = {}

    def new(self, dob: int) -> int:
        self.dob.append(dob)
        self.last_referral.append(0)
        return len(self.dob) - 1

    def referred(self, c: int, day: int, free_at: int) -> None:
        self.last_referral[c] = day
        if free_at != NEVER:
            heapq.heappush(self.busy, (max(free_at, day + 1), c))

    def free_up_to(self, day: int) -> None:
        while self.busy and self.busy[0][0] <= day:
            c = heapq.heappop(self.busy)[1]
            if c not in self.position:
                self.position[c] = len(self.free)
                self.free.append(c)

    def take(self, day: int, *, recent: bool) -> int:
        """A free child referred within the last year (`recent`) or longer ago; -1 if none is found."""
        for _ in range(self.tries):
            if not self.free:
                return -1
            c = self.free[int(self.rng.integers(len(self.free)))]
            age, since = day - self.dob[c], day - self.last_referral[c]
            if age >= 17.5 * 365.25 or since > 3 * 365:
                self._remove(c)
            elif age > 0 and (since <= 365) == recent:
                self._remove(c)
                return c
        return -1

    def _remove(self, c: int) -> None:
        at = self.position.pop(c)
        last = self.free.pop()
        if last != c:
            self.free[at] = last
            self.position[last] = at


def cut_at_adulthood(j: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    """No child-protection, CIN or care stage starts on or after the 18th birthday; open ones end on it."""
    j = j.copy()
    dob = col(children, "dob")[j["child"].to_numpy()]
    adult = birthday(dob, 18)
    for start, end in (("cp_start", "cp_end"), ("cin_start", "cin_end")):
        s = j[start].to_numpy()
        gone = ~np.isnat(s) & (s >= adult)
        j[start] = np.where(gone, NAT, s)
        e = j[end].to_numpy()
        j[end] = np.where(gone | np.isnat(e), NAT, minimum(e, adult))
        j[f"{end}_at_18"] = ~gone & ~np.isnat(s) & (e > adult)
    care = col(j, "care_start")
    j["care_start"] = np.where(~np.isnat(care) & (care >= adult - np.timedelta64(7, "D")), NAT, care)
    j["age_at_referral"] = ((col(j, "referral_date") - dob).astype("int64") / 365.25).clip(min=0)
    return j


def count_events(child, on, event_child, event_day, *, months: int | None = None, inclusive: bool = True) -> np.ndarray:
    """For each (child, date): how many of that child's events fall on or before the date (strictly before when
    not `inclusive`), counting only the trailing `months` if given ("referrals in the last 12 months")."""
    child = np.asarray(child, dtype="float64")
    events = np.sort(np.asarray(event_child, dtype="float64") * 1e6 + as_int(event_day))
    on_key = child * 1e6 + as_int(on)
    upper = np.searchsorted(events, on_key, side="right" if inclusive else "left")
    if months is None:
        lower = np.searchsorted(events, child * 1e6 - 5e5, side="left")  # the first event of the child
    else:
        lower = np.searchsorted(
            events, child * 1e6 + as_int(add_months(np.asarray(on, "datetime64[D]"), -months)), "right"
        )
    return (upper - lower).astype("int64")
