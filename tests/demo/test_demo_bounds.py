"""Figures an authority could show: beside England's, beside each other, and each a measure of its own.

Over the full-size demo's 36 months: every benchmarked rate and percentage is within half and twice England's
latest published figure (bar the outliers calibration.py names and explains); a part is never more than its
whole; no two different measures show the same series; and the figures a reader once found implausible (an
ICPC share skewed by the enquiries still open, initial health assessments swinging month to month, a MASH
caseload following the weekday of the month end, Supporting Families progress out of step with its families,
care leavers visited as often as in contact) stay plausible.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from demo_figures import read

from onapage.benchmarks.comparators import load_comparators
from onapage.demo.calibration import BENCHMARK_OUTLIERS, SCHOOL_HOLIDAY_MONTHS
from onapage.indicators.catalogue import load_catalogue
from onapage.periods import Period

CATALOGUE = load_catalogue()


def headline_series(long: pd.DataFrame, ind_id: str, field: str = "value", basis: str | None = None) -> pd.Series:
    """One indicator's figure (or its numerator or denominator) by period, on its headline basis or `basis`."""
    ind = CATALOGUE[ind_id]
    rows = long[(long["indicator_id"] == ind_id) & (long["basis"] == (basis or ind.headline_basis))]
    rows = rows[rows["category"].isna()] if not ind.breakdown else rows
    return rows.set_index(rows["period"].astype(str))[field].astype(float).sort_index()


# --- Beside England ---------------------------------------------------------------------------------------------


def england_latest() -> dict[str, float]:
    table = load_comparators()
    england = table[(table["geography_level"] == "england") & table["value"].notna()]
    return england.sort_values("year").groupby("measure_id")["value"].last().to_dict()


def benchmarked_rates() -> list[str]:
    return sorted(i.id for i in CATALOGUE.values() if i.benchmark and i.unit in ("percent", "rate_per_10k"))


def yearly_means(series: pd.Series) -> list[float]:
    """The mean of each whole twelve months of the series, latest first (a year, as the DfE's figure covers)."""
    values = series.dropna().to_numpy()[::-1]
    return [float(values[i : i + 12].mean()) for i in range(0, max(len(values) - 11, 1), 12)]


def test_the_outliers_are_benchmarked_rates_and_say_why():
    assert set(BENCHMARK_OUTLIERS) <= set(benchmarked_rates())
    assert all(len(reason.split()) >= 8 for reason in BENCHMARK_OUTLIERS.values())


def test_benchmarked_rates_lie_within_half_and_twice_england(demo_trend, demo_month_ends):
    england = england_latest()
    outside = {}
    for ind_id in benchmarked_rates():
        if ind_id in BENCHMARK_OUTLIERS:
            continue
        trend = demo_month_ends if CATALOGUE[ind_id].at_extract_only else demo_trend
        means = yearly_means(headline_series(trend, ind_id))
        bench = england[CATALOGUE[ind_id].benchmark]
        assert means, f"{ind_id}: no figure in the demo's months"
        wide = [round(m, 1) for m in means if not bench / 2 <= m <= 2 * bench]
        if wide:
            outside[ind_id] = f"yearly means {wide} against England's {bench}"
    assert not outside, "beyond half or twice England's figure:\n" + "\n".join(f"{k}: {v}" for k, v in outside.items())


# --- A part is no more than its whole -----------------------------------------------------------------------------

# (part indicator, its field, whole indicator, its field, relation): read from the catalogue's definitions,
# compared on every basis both have, in every month. "==" where the part is the whole counted the same way.
PARTS = [
    ("fd_contacts_to_referral_pct", "denominator", "fd_contacts_received", "value", "=="),
    ("fd_contacts_decision_24h_pct", "denominator", "fd_contacts_received", "value", "=="),
    ("fd_rereferrals_12m_pct", "denominator", "fd_referrals", "value", "=="),
    ("fd_referrals_nfa_pct", "denominator", "fd_referrals", "value", "=="),
    # enquiries whose outcome is known are some of those started; the conferences held are the children
    # conferenced, with a child conferenced twice in a year counted once
    ("s47_leading_to_icpc_pct", "denominator", "s47_started", "value", "<="),
    ("s47_repeat_within_12m_pct", "denominator", "s47_started", "value", "=="),
    ("s47_icpcs_held", "value", "s47_icpc_within_15_days_pct", "denominator", "<="),
    ("s47_icpc_within_15_days_pct", "denominator", "s47_icpc_resulting_in_plan_pct", "denominator", "=="),
    ("asmt_child_seen_pct", "denominator", "asmt_completed", "value", "=="),
    ("asmt_within_45_days_pct", "denominator", "asmt_completed", "value", "=="),
    ("asmt_requiring_support_pct", "denominator", "asmt_completed", "value", "=="),
    ("cin_visits_within_4_weeks", "denominator", "cin_children_at_period_end", "value", "<="),
    ("cp_open_2_years_plus", "value", "cp_children_at_period_end", "value", "<="),
    ("cp_open_2_years_plus_pct", "numerator", "cp_open_2_years_plus", "value", "=="),
    ("cp_disabled_children_pct", "denominator", "cp_children_at_period_end", "value", "=="),
    ("cp_under_5_pct", "denominator", "cp_children_at_period_end", "value", "=="),
    ("cp_children_in_care_on_plan_pct", "numerator", "cla_children_at_period_end", "value", "<="),
    ("cp_visits_within_10_working_days", "denominator", "cp_children_at_period_end", "value", "<="),
    ("cp_second_subsequent_ever", "denominator", "cp_new_plans", "value", "=="),
    ("cp_plans_ended_after_2_years", "denominator", "cp_plans_ended", "value", "=="),
    ("cla_visits_in_time", "denominator", "cla_children_at_period_end", "value", "<="),
    ("uasc_children_at_period_end", "value", "cla_children_at_period_end", "value", "<="),
    ("uasc_male_pct", "denominator", "uasc_children_at_period_end", "value", "=="),
    ("cla_sgo_pct", "numerator", "adopt_sgos", "value", "=="),
    ("cla_adopted_pct", "denominator", "cla_ceased", "value", "=="),
    ("fp_attachment_target_pct", "numerator", "fp_families_attached", "value", "=="),
    ("fp_claims_target_pct", "numerator", "fp_claims", "value", "=="),
    ("fp_claims", "value", "fp_families_attached", "value", "<="),
    ("yot_intensive_pct", "denominator", "yot_open_cases", "value", "=="),
    ("va_children_missing", "value", "va_missing_episodes", "value", "<="),
    ("wf_vacancy_rate_pct", "denominator", "wf_establishment_fte", "value", "=="),
    ("qa_audits_good_or_better_pct", "denominator", "qa_audits_completed", "value", "=="),
]
# Percentages of a target, not shares of a whole: they may pass 100.
OF_A_TARGET = {"fp_attachment_target_pct", "fp_claims_target_pct", "fin_budget_variance_pct"}
# Breakdowns whose categories count the same rows as a headline count: their sum is that count, at most.
# (The establishment and the posts filled and vacant, by post type: only the establishment's categories sum to it.)
BREAKDOWN_WHOLES = {
    "cin_plans_ceased_by_reason": "cin_plans_ceased",
    "cin_duration_bands": "cin_children_at_period_end",
    "cin_age_bands": "cin_children_at_period_end",
    "cin_children_by_team": "cin_children_at_period_end",
    "cp_category_at_period_end": "cp_children_at_period_end",
    "cp_children_by_team": "cp_children_at_period_end",
    "cp_duration_bands": "cp_children_at_period_end",
    "cp_new_plans_by_age": "cp_new_plans",
    "cla_legal_status": "cla_children_at_period_end",
    "cla_gender": "cla_children_at_period_end",
    "cla_ethnicity": "cla_children_at_period_end",
    "cla_time_in_care": "cla_children_at_period_end",
    "cla_placement_location": "cla_children_at_period_end",
    "cla_s20_by_age": "cla_children_at_period_end",
    "cla_children_by_team": "cla_children_at_period_end",
    "cla_placements_this_year": "cla_children_at_period_end",
    "cla_uasc_by_legal_status": "uasc_children_at_period_end",
    "uasc_by_placement_type": "uasc_children_at_period_end",
    "uasc_time_in_care": "uasc_children_at_period_end",
    "uasc_by_team": "uasc_children_at_period_end",
    "cl_care_leavers_by_age": "cl_care_leavers",
    "va_missing_episodes_by_location": "va_missing_episodes",
    "wf_fte_by_post_type": "wf_establishment_fte",  # its establishment categories (the others are in post)
    "wf_group_supervisions_by_team": "wf_group_supervisions",
}
# Count breakdowns with no headline count of the same rows in the catalogue (so nothing to hold them to).
BREAKDOWNS_WITHOUT_A_WHOLE = {
    "cla_second_placement_type": "second placements in the last 12 months: no headline counts them",
    "oe_complaints_by_stage": "complaints by stage: no headline count of complaints",
    "oe_complaints_by_theme": "complaints by theme: no headline count of complaints",
    "oe_complaints_by_service_area": "complaints by service area: no headline count of complaints",
    "qa_moderated_grades": "moderated audits: no headline count of moderations",
}


def compare(long: pd.DataFrame, part: tuple) -> list[str]:
    part_id, part_field, whole_id, whole_field, relation = part
    bases = set(long.loc[long["indicator_id"] == part_id, "basis"])
    bases &= set(long.loc[long["indicator_id"] == whole_id, "basis"])
    assert bases, f"{part_id} and {whole_id} share no basis"
    wrong = []
    for basis in sorted(bases):
        a, b = headline_series(long, part_id, part_field, basis), headline_series(long, whole_id, whole_field, basis)
        both = pd.concat([a, b], axis=1, keys=["part", "whole"]).dropna()
        bad = both["part"] != both["whole"] if relation == "==" else both["part"] > both["whole"] + 1e-9
        wrong += [f"{part_id}.{part_field} {relation} {whole_id}.{whole_field} [{basis}] {p}: {r.part} vs {r.whole}"
                  for p, r in both[bad].iterrows()]
    return wrong


def test_every_count_breakdown_is_held_to_its_whole_or_says_why_not():
    breakdowns = {i.id for i in CATALOGUE.values() if i.breakdown and i.unit == "count"}
    assert breakdowns == set(BREAKDOWN_WHOLES) | set(BREAKDOWNS_WITHOUT_A_WHOLE)


def test_a_part_is_no_more_than_its_whole_in_any_month(demo_trend):
    wrong = [line for part in PARTS for line in compare(demo_trend, part)]
    assert not wrong, "parts beyond their wholes:\n" + "\n".join(wrong[:20])


def test_a_breakdowns_categories_sum_to_no_more_than_the_whole(demo_trend):
    rows = demo_trend[demo_trend["indicator_id"].isin(BREAKDOWN_WHOLES) & demo_trend["category"].notna()]
    in_post = (rows["indicator_id"] == "wf_fte_by_post_type") & ~rows["category"].str.endswith(": Establishment")
    rows = rows[~in_post]
    sums = rows.groupby(["indicator_id", "period", "basis"])["value"].sum()
    wrong = []
    for (ind_id, period, basis), total in sums.items():
        whole = headline_series(demo_trend, BREAKDOWN_WHOLES[ind_id], basis=basis).get(str(period))
        if whole is not None and not math.isnan(whole) and total > whole + 1e-9:
            wrong.append(f"{ind_id} {period} [{basis}]: its categories sum to {total}, the whole is {whole}")
    assert not wrong, "\n".join(wrong[:20])


def test_posts_filled_and_vacant_make_the_establishment(demo_trend):
    rows = demo_trend[(demo_trend["indicator_id"] == "wf_fte_by_post_type") & demo_trend["category"].notna()]
    split = rows["category"].str.split(": ", expand=True)
    fte = rows.assign(post=split[0], staffing=split[1]).pivot_table(
        index=["period", "post"], columns="staffing", values="value", aggfunc="sum"
    )
    filled_or_vacant = fte["Permanent"] + fte["Agency"] + fte["Vacant"]
    assert ((filled_or_vacant - fte["Establishment"]).abs() < 0.25).all()


def test_every_share_has_its_numerator_within_its_denominator(demo_trend, demo_month_ends):
    shares = {i.id for i in CATALOGUE.values() if i.unit == "percent"} - OF_A_TARGET
    rows = pd.concat([demo_trend, demo_month_ends])
    rows = rows[rows["indicator_id"].isin(shares) & rows["denominator"].notna()]
    over = rows[rows["numerator"].astype(float) > rows["denominator"].astype(float)]
    assert over.empty, over[["indicator_id", "period", "basis", "category", "numerator", "denominator"]].head(10)


def test_icpcs_held_in_a_year_are_the_enquiries_of_the_year_that_led_to_one(demo_trend):
    """The enquiries started in a financial year that led to a conference are the year's conferences, give or
    take the few either side of 1 April."""
    led = headline_series(demo_trend, "s47_leading_to_icpc_pct", "numerator", "ytd")
    held = headline_series(demo_trend, "s47_icpc_within_15_days_pct", "denominator", "ytd")
    for period in (p for p in led.index if Period.parse(p).month == 3):
        assert abs(led[period] - held[period]) <= max(8, 0.1 * held[period]), (period, led[period], held[period])


# --- Each measure its own series --------------------------------------------------------------------------------

# Pairs of indicators whose series are the same by definition, with the reason. None so far: a rate and the
# count it is of differ by the population, a month's figure and its year to date by the months before it.
SAME_BY_DEFINITION: dict[frozenset, str] = {}


def series_by_indicator(long: pd.DataFrame) -> dict[str, tuple]:
    """Each indicator's figures over the months (its headline basis; every category of a breakdown), where it
    has any (a snapshot field has one from a single extract: two measures showing the same one are suspect too)."""
    out = {}
    for ind_id, rows in long.groupby("indicator_id"):
        ind = CATALOGUE[ind_id]
        rows = rows[rows["basis"] == ind.headline_basis].sort_values(["period", "category"])
        values = rows["value"].astype(float)
        if values.notna().sum() >= 1:
            out[ind_id] = tuple(
                zip(rows["period"].astype(str), rows["category"].fillna(""), values.round(9).fillna(-1), strict=True)
            )
    return out


@pytest.mark.parametrize("source", ["demo_trend", "demo_month_ends"])
def test_no_two_measures_share_one_series(source, request):
    series = series_by_indicator(request.getfixturevalue(source))
    shared = [
        f"{a} and {b}" for a, b in combinations(sorted(series), 2)
        if series[a] == series[b] and frozenset((a, b)) not in SAME_BY_DEFINITION
    ]
    assert not shared, "the same series under two measures: " + "; ".join(shared)


# --- The figures once found implausible ----------------------------------------------------------------------------


def test_an_enquirys_outcome_is_known_a_set_time_after_it_starts_whichever_it_is(demo_authority):
    """Outcomes known only for the conferences already held would skew the latest month's share towards them:
    the enquiries still open are exactly the latest ones, whatever their outcome will be."""
    l5 = read(demo_authority.input_dir, "list_5")
    known = l5["icpc_not_required"].notna() | l5["icpc_date"].notna()
    open_enquiries = l5.loc[~known, "strategy_discussion_date"]
    assert len(open_enquiries) > 0
    assert l5.loc[known, "strategy_discussion_date"].max() <= open_enquiries.min()


def test_initial_health_assessments_in_time_do_not_swing(demo_month_ends):
    """On the 15 or so children a month whose assessment falls due, no swing beyond chance and none a reader
    would take for a change in practice: no month more than 30 points from the one before."""
    ind_id = "cla_initial_health_assessments_in_time"
    rows = demo_month_ends[(demo_month_ends["indicator_id"] == ind_id) & (demo_month_ends["basis"] == "month")]
    rows = rows.sort_values("period").to_dict("records")
    assert len(rows) == 13
    steps = []
    for a, b in zip(rows, rows[1:], strict=False):
        p = (a["numerator"] + b["numerator"]) / (a["denominator"] + b["denominator"])
        se = 100 * math.sqrt(max(p * (1 - p), 0.01) * (1 / a["denominator"] + 1 / b["denominator"]))
        change = abs(b["value"] - a["value"])
        if change > 30 or change > 4.5 * se:
            steps.append(f"{a['period']}->{b['period']}: {a['value']:.1f} to {b['value']:.1f}")
    assert not steps, steps


def test_no_team_caseload_follows_the_weekday_of_the_month_end(demo_authority):
    """Cases held move month on month within chance (a Poisson count), bar the MASH's contacts in progress as
    the school holidays start and end (contacts fall then, on purpose: calibration.py)."""
    posts = read(demo_authority.input_dir, "workforce")
    posts["cases_held"] = pd.to_numeric(posts["cases_held"])
    held = posts.groupby(["team", "month"])["cases_held"].sum().unstack("team").sort_index()
    jumps = []
    for team, cases in held.items():
        change = cases.diff().abs() / np.sqrt(np.maximum(cases + cases.shift(), 1))
        seasonal = change.index.month.isin(SCHOOL_HOLIDAY_MONTHS) & (team == "MASH")
        beyond = change[(change > 4.5) & ~seasonal].index
        jumps += [f"{team} {m:%Y-%m}: {cases.shift()[m]:.0f} to {cases[m]:.0f}" for m in beyond]
    assert not jumps, jumps


def test_supporting_families_progress_is_in_step_with_its_families_and_target(demo_trend):
    """Attached families against a target paced through the year: progress from the year's first quarter on
    stays within 15% of the pace, and no more families attached than had an early help assessment started."""
    pct = headline_series(demo_trend, "fp_attachment_target_pct")
    families = headline_series(demo_trend, "fp_families_attached")
    started = headline_series(demo_trend, "eh_assessments_started", basis="ytd")
    settled = [p for p in pct.index if Period.parse(p).month not in (4, 5, 6)]
    assert all(85 <= pct[p] <= 115 for p in settled), pct[settled].round(1).to_dict()
    assert (families <= started.reindex(families.index)).all()


def test_care_leavers_visited_are_some_of_those_in_contact(demo_month_ends):
    """A visit is a contact: no more care leavers visited in two months than in contact, and fewer."""
    visited = headline_series(demo_month_ends, "cl_visited_2_months_pct")
    contact = headline_series(demo_month_ends, "cl_contact_2_months_pct")
    assert len(visited) == 13
    assert (visited <= contact).all(), pd.concat([visited, contact], axis=1).round(1)
    assert (visited < contact).mean() > 0.5
