"""Synthetic extracts for the quarterly delivery-unit report: budget, risk register, commissioning
priorities and subject access requests.

Every name, figure and date is invented. Each quarter is named by its last day; only quarters that end
inside the demo's window are written. Money is in thousands of pounds.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from onapage.periods import Period

from .dates import NAT, add_months
from .draw import chance
from .run import DemoRun

# Service line: annual revenue budget (£000) in the first year; the forecast's usual drift from it.
REVENUE_LINES = {
    "Assessment and children in need": (6_450, 0.015),
    "Children in care - placements": (22_400, 0.045),
    "Commissioning and business improvement": (3_150, -0.08),
    "Early years": (4_700, 0.03),
    "Family services management": (880, -0.05),
    "Family support and early intervention": (2_740, 0.01),
    "Safeguarding and quality assurance": (1_940, 0.06),
    "Youth and community": (7_900, -0.04),
}
CAPITAL_LINES = {
    "Children's homes refurbishment": (1_250, -0.25),
    "Early years places expansion": (1_900, -0.12),
}
RISKS = [
    ("Failure to deliver the medium-term budget savings", "Director of Children's Services", 4, 4, 3, 4,
     "Monthly budget monitoring; savings plans tracked by the transformation board."),
    ("Inconsistent information governance leads to a data protection breach", "Head of Business Improvement",
     4, 4, 2, 3, "Information governance group; mandatory training; case-file access audits."),
    ("A failure in practice leads to a serious safeguarding incident", "Head of Safeguarding", 5, 4, 4, 3,
     "Case-file audit programme; supervision standards; practice weeks."),
    ("Social worker recruitment and retention leaves posts filled by agency staff", "Head of Workforce", 4, 5, 3, 4,
     "Recruitment campaign; retention payments; academy for newly qualified social workers."),
    ("Insufficient local placements for children in care", "Head of Commissioning", 4, 4, 3, 4,
     "Sufficiency strategy; fostering recruitment; regional framework contracts."),
    ("Child exploitation is not identified early enough", "Head of Early Help", 5, 4, 3, 3,
     "Exploitation panel; multi-agency screening; return interviews after missing episodes."),
    ("Subject access requests are answered late", "Head of Business Improvement", 3, 3, 3, 2,
     "Dedicated redaction team; weekly tracking of requests due."),
    ("Capital works on children's homes overrun", "Head of Corporate Parenting", 3, 3, 2, 2,
     "Project board; fixed-price contracts; monthly progress reports."),
]
PRIORITIES = [
    "Keep practice inspection ready across social care, youth justice and children's centres",
    "Re-model placements and permanence through the transformation programme",
    "Implement the early years review",
    "Decide the future of early intervention and family support services",
    "Deliver the savings plan while holding quality and safety thresholds",
]
PRIORITY_COMMENTS = {
    "Green": "On track: milestones met this quarter and the next is planned.",
    "Amber": "Some slippage: a milestone moved to next quarter; the board has agreed the recovery plan.",
    "Red": "Off track: milestones missed; escalated to the senior leadership team with an action plan.",
}


def quarter_ends(run: DemoRun) -> list[date]:
    """The last day of every financial-year quarter that ends inside the demo's window."""
    first = Period.containing(run.window_start.astype(object))
    quarter = Period.quarter(first.fy_first_year, first.quarter_number)
    out = []
    while quarter.end <= run.end_day.astype(object):
        if quarter.end >= run.window_start.astype(object):
            out.append(quarter.end)
        quarter = quarter.shift(1)
    return out


def budget(run: DemoRun) -> pd.DataFrame:
    """Budget and forecast outturn by service line at each quarter end: the forecast settles towards the
    outturn as the year goes on, and budgets grow a little each financial year."""
    rng = run.rng("budget")
    rows = []
    for end in quarter_ends(run):
        quarter = Period.containing(end)
        years_in = quarter.fy_first_year - Period.containing(quarter_ends(run)[0]).fy_first_year
        done = (Period.containing(end).quarter_number) / 4  # share of the year behind us
        for kind, lines in (("Revenue", REVENUE_LINES), ("Capital", CAPITAL_LINES)):
            for line, (base, drift) in lines.items():
                amount = round(base * (1.025 ** years_in), 0)
                wobble = rng.normal(0, 0.015 * (1 - done) + 0.004)
                forecast = round(amount * (1 + drift * (0.5 + done / 2) + wobble), 0)
                rows.append({"quarter_end": end, "budget_type": kind, "service_line": line, "budget": amount,
                             "forecast_outturn": forecast,
                             "actual_to_date": round(forecast * done * rng.uniform(0.9, 1.0), 0)})
    return pd.DataFrame(rows)


def risks(run: DemoRun) -> pd.DataFrame:
    """Each risk reviewed every quarter: residual scores move by a step now and then, inherent ones stay."""
    rng = run.rng("risks")
    rows = []
    residual = {k: [r[4], r[5]] for k, r in enumerate(RISKS)}
    for end in quarter_ends(run):
        for k, (title, owner, il, ii, _, _, controls) in enumerate(RISKS):
            if chance(rng, 0.3, 1)[0]:
                which = int(rng.integers(0, 2))
                residual[k][which] = int(np.clip(residual[k][which] + rng.choice([-1, 1]), 1, (il, ii)[which]))
            rows.append({"risk_id": f"DU{k + 1:04d}", "review_date": end, "title": title, "owner": owner,
                         "inherent_likelihood": il, "inherent_impact": ii,
                         "residual_likelihood": residual[k][0], "residual_impact": residual[k][1],
                         "controls": controls,
                         "response": "Tolerate" if residual[k][0] * residual[k][1] <= 4 else "Treat"})
    return pd.DataFrame(rows)


def commissioning_priorities(run: DemoRun) -> pd.DataFrame:
    """Each priority's subjective RAG and milestones at each quarter end (milestones count since 1 April)."""
    rng = run.rng("commissioning-priorities")
    rows = []
    for end in quarter_ends(run):
        q = Period.containing(end).quarter_number
        for k, priority in enumerate(PRIORITIES):
            due = 2 * q + int(rng.integers(0, 2))
            missed = int(rng.choice([0, 0, 0, 1, 2]))
            met = max(due - missed, 0)
            rag = "Green" if missed == 0 else "Amber" if missed == 1 else "Red"
            next_due = add_months(np.array([np.datetime64(end, "D")]), int(rng.integers(1, 4)))[0]
            rows.append({"priority_id": f"CP{k + 1:02d}", "quarter_end": end, "priority": priority, "rag": rag,
                         "milestones_due": due, "milestones_met": met,
                         "next_milestone": f"Milestone {due + 1} of priority CP{k + 1:02d}",
                         "next_milestone_due": next_due, "commentary": PRIORITY_COMMENTS[rag]})
    return pd.DataFrame(rows)


def subject_access_requests(run: DemoRun) -> pd.DataFrame:
    """Requests for records: due one calendar month after receipt (three when extended for complexity);
    most are answered in time, some late, the newest not yet."""
    rng = run.rng("subject-access-requests")
    months = np.arange(run.window_start.astype("datetime64[M]"), run.end_day.astype("datetime64[M]") + 1)
    per_month = rng.poisson(max(run.volume(9), 1), len(months))
    received = np.repeat(months, per_month).astype("datetime64[D]") + rng.integers(0, 28, per_month.sum())
    received = np.sort(received[received <= run.end_day])
    n = len(received)
    extended = chance(rng, 0.15, n)
    due = add_months(received, 1)
    due = np.where(extended, add_months(received, 3), due)
    late = chance(rng, 0.22, n)
    taken = np.where(late, (due - received).astype(int) + rng.integers(1, 40, n), rng.integers(5, 29, n))
    responded = received + taken.astype("timedelta64[D]")
    responded = np.where(responded > run.end_day, NAT, responded)
    return pd.DataFrame({"request_id": [f"SAR{i:05d}" for i in range(1, n + 1)], "received": received, "due": due,
                         "responded": responded, "extended": np.where(extended, "Y", "N")})
