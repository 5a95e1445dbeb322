"""Supplementary extracts that are not child journeys: attendance, early years, families programme, youth
offending, workforce, audits, improvement plan and complaints.

Where an extract can be derived from the children (caseloads, improvement-plan measures of timeliness)
it is, so the pages agree with each other; the rest follow plausible trends with noise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import NAT, WorkCalendar, add_months, col, days
from .draw import chance, pick
from .run import DemoRun

AGENCY_INVITED = {"Social care": 1.0, "Police": 0.96, "Health": 0.83, "Education": 0.64}
AGENCY_ATTENDED = {"Social care": 0.995, "Police": 0.93, "Health": 0.89, "Education": 0.92}


def strategy_attendance(run: DemoRun, discussions: pd.DataFrame) -> pd.DataFrame:
    """One row per strategy discussion and agency: invited, and attended if invited."""
    rng = run.rng("strategy-attendance")
    rows = []
    for agency, invited_rate in AGENCY_INVITED.items():
        n = len(discussions)
        invited = chance(rng, invited_rate, n)
        attended = invited & chance(rng, AGENCY_ATTENDED[agency], n)
        rows.append(
            pd.DataFrame(
                {
                    "discussion_id": discussions["discussion_id"].to_numpy(),
                    "child": discussions["child"].to_numpy(),
                    "discussion_date": col(discussions, "strategy_date"),
                    "agency": agency,
                    "invited": invited,
                    "attended": attended,
                    "order": np.arange(n),
                }
            )
        )
    out = pd.concat(rows, ignore_index=True)
    out["agency_order"] = out["agency"].map({a: i for i, a in enumerate(AGENCY_INVITED)})
    return (
        out.sort_values(["order", "agency_order"], kind="stable")
        .drop(columns=["order", "agency_order"])
        .reset_index(drop=True)
    )


# --- Early years and the families programme -----------------------------------------------------------------

EARLY_YEARS = {  # eligible children per term at scale 1, take-up rate, trend per year
    "Two-year-old places": (900, 0.74, 0.01),
    "30 hours": (1650, 0.80, 0.008),
    "Children's centre registration": (6200, 0.84, 0.005),
}


def term_starts(first: np.datetime64, last: np.datetime64) -> np.ndarray:
    """Autumn (1 September), spring (1 January) and summer (15 April) term starts in a range."""
    years = range(first.astype(object).year - 1, last.astype(object).year + 1)
    terms = [np.datetime64(f"{y}-{md}") for y in years for md in ("01-01", "04-15", "09-01")]
    return np.array([t for t in sorted(terms) if first <= t <= last], dtype="datetime64[D]")


def early_years(run: DemoRun) -> pd.DataFrame:
    rng = run.rng("early-years")
    terms = term_starts(run.window_start - np.timedelta64(120, "D"), run.end_day)
    years = (terms - terms[0]).astype("int64") / 365.25
    rows = []
    for measure, (eligible, rate, trend) in EARLY_YEARS.items():
        season = np.where(terms.astype("datetime64[M]").astype("int64") % 12 + 1 == 9, 1.08, 1.0)
        n_eligible = rng.poisson(eligible * run.scale * season)
        share = np.clip(rate + trend * years + rng.normal(0, 0.015, len(terms)), 0.3, 0.99)
        rows.append(
            pd.DataFrame(
                {
                    "term_start": terms,
                    "measure": measure,
                    "eligible": n_eligible,
                    "taken_up": rng.binomial(n_eligible, share),
                }
            )
        )
    return pd.concat(rows, ignore_index=True).sort_values(["term_start"], kind="stable").reset_index(drop=True)


def families_programme(run: DemoRun) -> pd.DataFrame:
    """Cumulative families attached and claims within each financial year, against pro-rata targets."""
    rng = run.rng("families-programme")
    months = np.arange(run.window_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1)
    month_no = (months.astype("int64") % 12 + 9) % 12  # April = 0
    attach_target_year = run.count(620)
    claims_target_year = run.count(300)
    fy = np.cumsum(month_no == 0)
    # A programme works to its target: each year's pace is near it, and months vary a little about the pace.
    pace = rng.normal(1.0, 0.04, fy.max() + 1)[fy]
    attached = rng.poisson(attach_target_year / 12 * pace * rng.uniform(0.9, 1.1, len(months)))
    claims = rng.binomial(attached, 0.45)
    return pd.DataFrame(
        {
            "month": months.astype("datetime64[D]"),
            "families_attached": pd.Series(attached).groupby(fy).cumsum().to_numpy(),
            "attachment_target": np.round(attach_target_year * (month_no + 1) / 12).astype(int),
            "claims": pd.Series(claims).groupby(fy).cumsum().to_numpy(),
            "claims_target": np.round(claims_target_year * (month_no + 1) / 12).astype(int),
        }
    )


# --- Youth offending ----------------------------------------------------------------------------------------


def youth_orders(run: DemoRun, teenagers: pd.DataFrame, register) -> pd.DataFrame:
    """Orders for 10-17 year olds: most are children social care knows, some are known only to the YJS."""
    rng = run.rng("youth-offending")
    months = np.arange(
        (run.window_start - np.timedelta64(365, "D")).astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1
    )
    per_month = rng.poisson(run.volume(10.5), len(months))
    start = np.repeat(months, per_month).astype("datetime64[D]") + days(rng.uniform(0, 28, per_month.sum()))
    start = start[start <= run.end_day]
    n = len(start)
    known = chance(rng, 0.6, n) & (len(teenagers) > 0)
    pick_row = rng.integers(0, max(len(teenagers), 1), n)
    child = np.where(known, teenagers["child"].to_numpy()[pick_row] if len(teenagers) else -1, -1)
    age_then = (start - col(teenagers, "dob")[pick_row]).astype("int64") / 365.25 if len(teenagers) else np.zeros(n)
    known &= (age_then >= 10) & (age_then < 17.8)
    new = ~known
    from .people import dob_for_age

    dob = dob_for_age(rng, start[new], rng.uniform(12, 17.8, int(new.sum())))
    attrs_rng = run.rng("youth-offending-people")
    child[new] = register.add_new(attrs_rng, dob)
    length = pick(rng, {"3": 0.35, "6": 0.3, "9": 0.15, "12": 0.2}, n).astype(int)
    end = add_months(start, length) + days(rng.integers(-10, 10, n))
    custody = chance(rng, 0.04, n)
    return (
        pd.DataFrame(
            {
                "child": child,
                "order_start": start,
                "order_end": np.where(end <= run.end_day, end, NAT),
                "first_time_entrant": chance(rng, 0.4, n),
                "custody": custody,
                "intensive": custody | chance(rng, 0.1, n),
                "gang_flagged": chance(rng, 0.12, n),
                "ete_at_end": np.where(end <= run.end_day, chance(rng, 0.66, n), None),
            }
        )
        .sort_values(["order_start", "child"], kind="stable")
        .reset_index(drop=True)
    )


# --- Workforce ----------------------------------------------------------------------------------------------

SERVICE_NAMES = {
    "front_door": "Front door",
    "intervention": "Intervention and planning",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "early_help": "Early help",
}
CASE_SHARE = {"Social worker": 0.84, "Senior practitioner": 0.16, "Team manager": 0.0}  # who holds the team's cases


def workforce(run: DemoRun, caseloads: pd.DataFrame) -> pd.DataFrame:
    """Posts by team, post type and month; cases held come from the children's actual allocations."""
    rng = run.rng("workforce")
    months = np.arange(run.window_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1)
    frames = []
    for group, teams in run.teams.items():
        for team in teams:
            held = caseloads[caseloads["team"] == team].set_index("month")["cases"]
            held = held.reindex(pd.Index(months.astype("datetime64[ns]")), fill_value=0).to_numpy()
            frames.append(_team_posts(rng, months, group, team, held))
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["month", "service", "team", "post_type"], kind="stable").reset_index(drop=True)


def _establishment(group: str, cases: float) -> dict[str, float]:
    """Posts sized to the team's caseload: about 18 cases a social worker (22 in early help)."""
    social_workers = max(
        2, int(np.ceil(max(cases, 1) / (22 if group == "early_help" else 18) / CASE_SHARE["Social worker"]))
    )
    return {
        "Social worker": social_workers,
        "Senior practitioner": max(1, round(social_workers / 4)),
        "Team manager": 1,
    }


def _team_posts(rng, months: np.ndarray, group: str, team: str, held: np.ndarray) -> pd.DataFrame:
    n = len(months)
    agency_share = np.clip(rng.uniform(0.15, 0.35) + np.cumsum(rng.normal(-0.003, 0.02, n)), 0.02, 0.6)  # drifts down
    rows = []
    for post, establishment in _establishment(group, held.mean()).items():
        vacant = np.round(np.clip(rng.normal(0.06, 0.05, n), 0, 0.3) * establishment, 1)
        filled = establishment - vacant
        agency = np.round(np.minimum(agency_share * filled * (0.4 if post == "Team manager" else 1), filled), 1)
        permanent = np.round(filled - agency, 1)
        due = np.ceil(permanent + agency).astype(int)  # everyone in post is due supervision each month
        rows.append(
            pd.DataFrame(
                {
                    "month": months.astype("datetime64[D]"),
                    "service": SERVICE_NAMES.get(group, group),
                    "team": team,
                    "post_type": post,
                    "establishment_fte": float(establishment),
                    "permanent_fte": permanent,
                    "agency_fte": agency,
                    "vacant_fte": vacant,
                    "leavers": rng.poisson(0.014 * establishment, n),
                    "sickness_days": np.round(rng.gamma(1.2, 0.7 * establishment, n), 1),
                    "cases_held": np.round(held * CASE_SHARE[post]).astype(int),
                    "supervisions_due": due,
                    "supervisions_in_time": rng.binomial(due, np.clip(rng.normal(0.86, 0.05, n), 0, 1)),
                    "group_supervisions": rng.poisson(0.5 if post == "Team manager" else 1.5, n),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def caseloads(month_ends_: np.ndarray, team: np.ndarray, start: np.ndarray, stop: np.ndarray) -> pd.DataFrame:
    """Open cases per team at each month end (a case open on the day counts; `stop` NaT means still open)."""
    rows = []
    for m in month_ends_:
        open_ = (start <= m) & (np.isnat(stop) | (stop > m))
        counts = pd.Series(team[open_]).value_counts()
        rows.append(
            pd.DataFrame(
                {
                    "month": m.astype("datetime64[M]").astype("datetime64[D]"),
                    "team": counts.index,
                    "cases": counts.to_numpy(),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


# --- Audits, improvement plan, complaints -------------------------------------------------------------------

AUDIT_SERVICES = {
    "Front door": ("Decision making", "Voice of the child", "Management oversight"),
    "Assessment": ("Assessment", "Voice of the child", "Management oversight", "Strategy discussion"),
    "Children in need": ("Planning", "Visits", "Voice of the child", "Supervision"),
    "Child protection": ("CPC, plan and core group meetings", "Visits", "Voice of the child", "Supervision"),
    "Children in care": ("Care planning", "Permanence", "Voice of the child", "Supervision"),
    "Care leavers": ("Pathway planning", "Accommodation", "Education, employment and training"),
    "Early help": ("Assessment", "Planning", "Outcomes"),
}


def audits(run: DemoRun, calendar: WorkCalendar) -> pd.DataFrame:
    """Monthly case audits; gradings improve slowly over the window, as an improvement plan intends."""
    rng = run.rng("audits")
    months = np.arange(run.window_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1)
    per_month = rng.poisson(run.volume(32), len(months))
    audit_month = np.repeat(months, per_month)
    n = len(audit_month)
    when = calendar.add(audit_month.astype("datetime64[D]"), rng.integers(0, 18, n))
    when = np.minimum(when, run.end_day)
    service = pick(rng, {s: 1.0 for s in AUDIT_SERVICES}, n)
    progress = (audit_month - months[0]).astype("int64") / max(len(months) - 1, 1)
    rows = []
    for i in range(n):
        for domain in AUDIT_SERVICES[service[i]]:
            rows.append((f"AU{i + 1:06d}", when[i], service[i], domain, progress[i]))
    frame = pd.DataFrame(rows, columns=["audit_id", "audit_date", "service_area", "domain", "progress"])
    p = frame["progress"].to_numpy()
    good = 0.38 + 0.2 * p
    inadequate = 0.16 - 0.09 * p
    outstanding = 0.03 + 0.03 * p
    u = rng.random(len(frame))
    frame["grade"] = np.select(
        [u < outstanding, u < outstanding + good, u < 1 - inadequate],
        ["Outstanding", "Good", "Requires improvement"],
        "Inadequate",
    )
    frame = frame.drop(columns="progress")
    return _moderated(run, frame)


# Which team group audits each service area's cases.
AUDIT_TEAM_GROUPS = {
    "Front door": "front_door",
    "Assessment": "front_door",
    "Children in need": "intervention",
    "Child protection": "intervention",
    "Children in care": "children_in_care",
    "Care leavers": "care_leavers",
    "Early help": "early_help",
}
MODERATED_SHARE = 0.25  # audits a second manager moderates
MODERATION_AGREES = 0.75  # gradings the moderator leaves as they were; the rest move one grade, mostly down
GRADE_ORDER = ("Outstanding", "Good", "Requires improvement", "Inadequate")


def _moderated(run: DemoRun, frame: pd.DataFrame) -> pd.DataFrame:
    """Each audit's team (one of its service area's), and a moderated grade on a quarter of audits.

    Drawn from their own random stream, so the gradings and everything derived from them are as before."""
    rng = run.rng("audit-moderation")
    ids, first = np.unique(frame["audit_id"].to_numpy(), return_inverse=True)
    service = frame.groupby("audit_id", sort=True)["service_area"].first().to_numpy()
    teams = np.array([run.teams[AUDIT_TEAM_GROUPS[s]][rng.integers(0, len(run.teams[AUDIT_TEAM_GROUPS[s]]))]
                      for s in service], dtype=object)
    moderated_audit = chance(rng, MODERATED_SHARE, len(ids))
    rank = frame["grade"].map({g: i for i, g in enumerate(GRADE_ORDER)}).to_numpy()
    move = np.where(chance(rng, MODERATION_AGREES, len(frame)), 0, np.where(chance(rng, 0.7, len(frame)), 1, -1))
    moved = np.clip(rank + move, 0, len(GRADE_ORDER) - 1)
    frame["team"] = teams[first]
    frame["moderated_grade"] = np.where(moderated_audit[first], np.array(GRADE_ORDER, dtype=object)[moved], None)
    return frame


def improvement_plan(run: DemoRun, derived: dict[str, tuple[str, str, np.ndarray, float, str]]) -> pd.DataFrame:
    """Measures by theme and month. `derived` maps plan_id -> (theme, measure, monthly values, target, polarity)."""
    rng = run.rng("improvement-plan")
    months = np.arange(run.window_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1).astype(
        "datetime64[D]"
    )
    measures = dict(derived)
    for plan_id, (theme, measure, start, target, polarity) in SYNTHETIC_MEASURES.items():
        path = (
            start
            + (target - start) * np.linspace(0, 0.85, len(months))
            + rng.normal(0, abs(target - start) * 0.12 + 0.3, len(months))
        )
        measures[plan_id] = (theme, measure, np.round(path, 1), target, polarity)
    rows = []
    for plan_id, (theme, measure, values, target, polarity) in sorted(measures.items()):
        values = np.asarray(values, dtype=float)
        rows.append(
            pd.DataFrame(
                {
                    "plan_id": plan_id,
                    "theme": theme,
                    "measure": measure,
                    "month": months,
                    "value": np.round(values, 1),
                    "target": target,
                    "value_at_inspection": np.round(values[0], 1),
                    "polarity": polarity,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


SYNTHETIC_MEASURES = {
    "2a": ("Quality of practice", "Children's plans that are SMART (%)", 52.0, 80.0, "Bigger is better"),
    "2b": ("Quality of practice", "Children who contributed to their review (%)", 71.0, 90.0, "Bigger is better"),
    "3c": (
        "Children in care and care leavers",
        "Care leavers with an up-to-date pathway plan (%)",
        68.0,
        90.0,
        "Bigger is better",
    ),
    "3d": (
        "Children in care and care leavers",
        "Care leavers aged 19-21 in education, employment or training (%)",
        52.0,
        65.0,
        "Bigger is better",
    ),
    "3e": (
        "Children in care and care leavers",
        "Children in care placed more than 20 miles away (%)",
        18.0,
        12.0,
        "Smaller is better",
    ),
    "4c": ("Workforce and leadership", "Staff who completed mandatory training (%)", 74.0, 95.0, "Bigger is better"),
    "4d": (
        "Workforce and leadership",
        "Newly qualified social workers in the assessed year (number)",
        14.0,
        14.0,
        "Monitor",
    ),
}


COMPLAINT_MIX = {
    "Statutory complaint": 0.2,
    "Corporate complaint": 0.15,
    "FOI": 0.33,
    "Members' enquiry": 0.2,
    "Compliment": 0.12,
}
RESPONSE_WORKING_DAYS = {
    "Statutory complaint": (5, 28),
    "Corporate complaint": (5, 25),
    "FOI": (3, 26),
    "Members' enquiry": (2, 15),
}


def complaints(run: DemoRun, calendar: WorkCalendar) -> pd.DataFrame:
    rng = run.rng("complaints")
    months = np.arange(run.window_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1)
    per_month = rng.poisson(run.volume(30), len(months))
    received = calendar.add(np.repeat(months, per_month).astype("datetime64[D]"), rng.integers(0, 21, per_month.sum()))
    received = np.sort(received[received <= run.end_day])
    n = len(received)
    kind = pick(rng, COMPLAINT_MIX, n)
    wd = np.zeros(n, dtype="int64")
    for k, (lo, hi) in RESPONSE_WORKING_DAYS.items():
        rows = kind == k
        wd[rows] = rng.integers(lo, hi, int(rows.sum()))
    responded = calendar.add(received, wd)
    responded = np.where((kind == "Compliment") | (responded > run.end_day), NAT, responded)
    complaint = np.isin(kind, ["Statutory complaint", "Corporate complaint"])
    frame = pd.DataFrame(
        {
            "case_id": [f"CC{i:06d}" for i in range(1, n + 1)],
            "enquiry_type": kind,
            "received": received,
            "responded": responded,
            "upheld": np.where(complaint & ~np.isnat(responded), np.where(chance(rng, 0.32, n), "Y", "N"), None),
        }
    )
    return _complaint_stages(run, calendar, frame, complaint)


# Each row is one stage of a complaint; most are settled at stage 1.
COMPLAINT_STAGES = {"Stage 1": 0.84, "Stage 2": 0.1, "Stage 3": 0.035, "Ombudsman": 0.025}
# Working days the demo allows a response at each stage (its own figures, extensions included).
STAGE_WORKING_DAYS = {"Stage 1": 20, "Stage 2": 25, "Stage 3": 30, "Ombudsman": 65}
COMPLAINT_THEMES = {"Communication": 0.3, "Quality of service": 0.22, "Delay": 0.16, "Staff conduct": 0.1,
                    "Decision making": 0.12, "Contact arrangements": 0.1}
COMPLAINT_SERVICES = {"Front door": 0.15, "Children in need": 0.25, "Child protection": 0.2,
                      "Children in care": 0.22, "Care leavers": 0.1, "Early help": 0.08}


def _complaint_stages(run: DemoRun, calendar: WorkCalendar, frame: pd.DataFrame, complaint: np.ndarray) -> pd.DataFrame:
    """Each complaint's stage, response due date, outcome (upheld ones upheld in full or in part), theme and
    service area, from their own random stream so the log's other columns are as before."""
    rng = run.rng("complaint-stages")
    n = len(frame)
    stage = pick(rng, COMPLAINT_STAGES, n)
    allowed = np.array([STAGE_WORKING_DAYS[s] for s in stage], dtype="int64")
    due = calendar.add(frame["received"].to_numpy().astype("datetime64[D]"), allowed)
    upheld = frame["upheld"].to_numpy()
    outcome = np.where(upheld == "Y", np.where(chance(rng, 0.45, n), "Upheld", "Partly upheld"), "Not upheld")
    frame["stage"] = np.where(complaint, stage, None)
    frame["outcome"] = np.where(complaint & pd.notna(upheld), outcome, None)
    frame["response_due"] = np.where(complaint, due, NAT)
    frame["theme"] = np.where(complaint, pick(rng, COMPLAINT_THEMES, n), None)
    frame["service_area"] = np.where(complaint, pick(rng, COMPLAINT_SERVICES, n), None)
    return frame
