"""The demo shows series an authority could show: no month-on-month jump beyond chance, over 36 months of every
headline indicator, except the ones the generator makes on purpose (and says so in demo/calibration.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from onapage.demo.calibration import SCHOOL_HOLIDAY_MONTHS
from onapage.periods import Period

# A jump is implausible beyond this many standard errors of the change: a difference of two proportions for a
# percentage with its numerator and denominator, of two Poisson counts for a monthly count. Over ~100 series
# of 35 steps, 4.5 standard errors is well past chance (about 1 in 150,000 a step).
BOUND = 4.5
# Contacts and referrals fall in the school holidays and recover after, on purpose (calibration.py).
SEASONAL = {"fd_contacts_received", "fd_referrals"}
# The Supporting Families programme's counts run from each 1 April, as their definitions say: they start again.
APRIL_RESTARTS = {"fp_claims", "fp_families_attached", "fp_claims_target_pct", "fp_attachment_target_pct"}


def expected_jump(ind_id: str, month: int) -> bool:
    return (ind_id in SEASONAL and month in SCHOOL_HOLIDAY_MONTHS) or (ind_id in APRIL_RESTARTS and month == 4)


def standard_errors(unit: str, a: dict, b: dict) -> float | None:
    """How many standard errors the change from month `a` to month `b` is, or None when it has no such test."""
    if unit == "percent":
        n1, n2 = a["denominator"], b["denominator"]
        if pd.isna(n1) or pd.isna(n2) or n1 <= 0 or n2 <= 0 or max(a["value"], b["value"]) > 100:
            return None  # not a share of a whole (a percentage of a target can pass 100)
        p = (a["numerator"] + b["numerator"]) / (n1 + n2)
        return abs(b["value"] - a["value"]) / (100 * math.sqrt(max(p * (1 - p), 0.01) * (1 / n1 + 1 / n2)))
    if unit == "count":
        return abs(b["value"] - a["value"]) / math.sqrt(max(a["value"] + b["value"], 1))
    return None


def test_a_jump_within_chance_passes_and_one_beyond_it_is_caught():
    # 50% to 55% of 100 each: p = 0.525, se = sqrt(0.525 * 0.475 * 0.02) = 7.06 points: 5 / 7.06 = 0.71
    assert standard_errors("percent", {"value": 50.0, "numerator": 50, "denominator": 100},
                           {"value": 55.0, "numerator": 55, "denominator": 100}) == pytest.approx(0.708, abs=0.001)
    # 50% to 80% of 100 each: p = 0.65, se = sqrt(0.65 * 0.35 * 0.02) = 6.75 points: 30 / 6.75 = 4.4
    assert standard_errors("percent", {"value": 50.0, "numerator": 50, "denominator": 100},
                           {"value": 80.0, "numerator": 80, "denominator": 100}) == pytest.approx(4.44, abs=0.01)
    # 300 contacts to 150: 150 / sqrt(450) = 7.1, far beyond chance
    assert standard_errors("count", {"value": 300.0}, {"value": 150.0}) == pytest.approx(7.07, abs=0.01)
    assert standard_errors("percent", {"value": 97.0, "numerator": 97, "denominator": 100},
                           {"value": 125.0, "numerator": 125, "denominator": 100}) is None


def test_no_demo_series_jumps_beyond_chance_in_36_months(demo_trend):
    from onapage.indicators.catalogue import load_catalogue

    catalogue = load_catalogue()
    jumps, tested = [], 0
    for (ind_id, basis), rows in demo_trend.groupby(["indicator_id", "basis"]):
        ind = catalogue[ind_id]
        if ind.breakdown or basis != ind.headline_basis or basis == "ytd":  # a year to date restarts each April
            continue
        records = rows.sort_values("period").to_dict("records")
        for a, b in zip(records, records[1:], strict=False):
            if pd.isna(a["value"]) or pd.isna(b["value"]):
                continue
            z = standard_errors(ind.unit, a, b)
            if z is None:
                continue
            tested += 1
            month = Period.parse(str(b["period"])).month
            if z > BOUND and not expected_jump(ind_id, month):
                change = f"{a['value']:.1f} to {b['value']:.1f}"
                jumps.append(f"{ind_id} {a['period']}->{b['period']}: {change} ({z:.1f} se)")
    assert tested > 1000, f"only {tested} month-on-month steps could be tested"
    assert not jumps, "implausible jumps in the demo:\n" + "\n".join(jumps)
