"""At scale 1.0 Northbridge looks like the seed booklets' borough (the one test at full scale)."""

from __future__ import annotations

import pandas as pd
import pytest
from demo_figures import headline, read

from onapage.demo import generate_demo

# figure: (low, high), averaged over the month ends of the default 43-month window where it is a stock.
BANDS = {
    "contacts_per_month": (1_200, 1_400),
    "referrals_per_month": (250, 310),
    "re_referral_pct": (17, 23),
    "assessments_completed_per_month": (220, 290),
    "assessments_in_45_wd_pct": (80, 90),
    "s47_per_month": (55, 75),
    "icpc_per_month": (18, 27),
    "cp_at_month_end": (185, 265),
    "cp_neglect_pct": (38, 52),
    "cp_emotional_pct": (28, 42),
    "cp_second_plan_pct": (12, 26),
    "cp_2_years_plus_at_month_end": (0.2, 5),
    "cin_at_month_end": (1_500, 2_100),
    "cla_at_month_end": (310, 400),
    "uasc_at_month_end": (48, 72),
    "uasc_male_pct": (85, 99),
    "c2_pct_at_end": (35, 58),
    "v2_pct_at_end": (20, 42),
    "three_placements_pct_at_end": (5, 15),
    "care_leavers_18_21": (250, 350),
    "care_leavers_eet_19_21_pct": (50, 70),
    "care_leavers_suitable_19_21_pct": (80, 95),
    "adoptions_and_sgos_per_year": (10, 32),
}


# Cases per case-holding FTE (social workers and senior practitioners) that a team could show: no team,
# the MASH included, at nought, and none beyond what a practice standard would allow.
CASELOAD_BAND = (2.0, 25.0)


@pytest.fixture(scope="module")
def full_size(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("full"), seed=2026, scale=1.0).out_dir


def test_headline_magnitudes_at_scale_1(full_size):
    figures = headline(full_size)
    outside = {name: round(figures[name], 1) for name, (low, high) in BANDS.items() if not low <= figures[name] <= high}
    assert outside == {}, f"outside their bands: {outside} (bands: { {k: BANDS[k] for k in outside} })"


def test_every_team_has_a_caseload_an_authority_could_show(full_size):
    posts = read(full_size, "workforce")
    holders = posts[posts["post_type"] != "Team manager"].copy()
    for column in ("cases_held", "permanent_fte", "agency_fte"):
        holders[column] = pd.to_numeric(holders[column])
    by_team = holders.groupby(["team", "month"])
    caseload = by_team["cases_held"].sum() / (by_team["permanent_fte"].sum() + by_team["agency_fte"].sum())
    low, high = CASELOAD_BAND
    outside = caseload[(caseload < low) | (caseload > high)].round(1)
    assert outside.empty, f"team caseloads outside {CASELOAD_BAND}: {outside.to_dict()}"
    assert set(holders["team"]) == set(caseload.index.get_level_values("team"))
    assert (caseload.groupby("team").std() > 0).all(), "a team's caseload never moves"
