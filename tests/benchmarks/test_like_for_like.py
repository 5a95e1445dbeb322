"""Every benchmark link is like for like: the same unit, a figure standing at the same kind of time, the same
scope; where the two differ no comparison is drawn and the entry says why."""

import pytest

from onapage.benchmarks.comparators import load_measures
from onapage.benchmarks.like_for_like import link_problems
from onapage.indicators.catalogue import load_catalogue

CATALOGUE = load_catalogue()
LINKED = [ind for ind in CATALOGUE.values() if ind.benchmark]


def test_every_measure_says_when_it_stands_what_it_counts_and_how_the_dfe_defines_it():
    for measure in load_measures().values():
        assert measure.reference and measure.scope and len(measure.definition) > 40, measure.id
        assert (measure.file and measure.value) or measure.derived, measure.id  # the file and column it is read from


@pytest.mark.parametrize("ind", LINKED, ids=[i.id for i in LINKED])
def test_each_benchmark_link_is_like_for_like(ind):
    assert link_problems(ind) == []


def _linked(ind_id: str, **changes):
    return CATALOGUE[ind_id].model_copy(update=changes)


def test_a_scope_that_differs_is_named():
    """Children on CIN plans alone are not the DfE's children in need, who include children on CP plans and in care."""
    narrower = _linked("cin_children_at_period_end", benchmark_scope="children_on_cin_plans_only")
    assert link_problems(narrower) == [
        "counts children_on_cin_plans_only, the DfE's cin_count counts children_in_need"]


def test_a_months_count_is_not_set_against_a_years():
    monthly = _linked("fd_referral_rate_12m_per_10k", kind="in_month")
    assert link_problems(monthly) == [
        "a in_month figure set against one in year to 31 march (referrals_rate_per_10k)"]
    # a share of the year's events may be: the same share over a shorter time
    assert link_problems(_linked("fd_rereferrals_12m_pct", kind="in_month")) == []


def test_a_unit_or_a_snapshot_against_a_years_events_is_named():
    as_count = _linked("cp_rate_per_10k", unit="count")
    assert "a count set against the DfE's rate_per_10k (cp_rate_per_10k)" in link_problems(as_count)
    snapshot = _linked("fd_rereferrals_12m_pct", kind="snapshot")
    assert link_problems(snapshot) == [
        "a snapshot figure set against one in year to 31 march (rereferrals_12m_pct)"]


def test_a_rate_per_10000_children_needs_a_dfe_rate_per_10000_children():
    measures = load_measures()
    per_referral = measures["referrals_rate_per_10k"].model_copy(update={"derived": measures[
        "referrals_rate_per_10k"].derived.model_copy(update={"denominator": "referrals_count"})})
    changed = {**measures, "referrals_rate_per_10k": per_referral}
    problems = link_problems(CATALOGUE["fd_referral_rate_12m_per_10k"], changed)
    assert problems == ["a rate per 10,000 children set against referrals_rate_per_10k, which is not per 10,000 "
                        "children"]


def test_where_no_comparison_is_drawn_the_entry_says_why():
    """DfE's vacancy rate counts agency-covered posts as vacant, its turnover counts FTE leavers: the booklet's
    measures differ, so they name no benchmark and give the reason where one would be."""
    for ind_id in ("wf_vacancy_rate_pct", "wf_turnover_pct", "fd_referral_rate_per_10k"):
        ind = CATALOGUE[ind_id]
        assert ind.benchmark is None and ind.benchmark_note and "DfE" in ind.benchmark_note


def test_the_quarterly_says_why_a_corporate_plan_measure_has_no_benchmark_not_that_none_is_published():
    from onapage.pages.quarterly import _benchmark_text

    row = {"id": "wf_vacancy_rate_pct", "unit": "percent", "decimals": 1, "benchmark_year": None,
           "benchmarks": {"england": None, "region": None, "sn_mean": None}}
    text = _benchmark_text(row)
    assert "Not published" not in text and "covered by agency workers as vacant" in text
    row["benchmarks"] = {"england": 18.0, "region": None, "sn_mean": 20.5}
    assert _benchmark_text(row).startswith("England 18.0%<br>SN 20.5%")


def test_a_pages_definitions_say_which_dfe_measure_stands_beside_each_figure_or_why_none_does():
    from onapage.pages import benchmark_source

    cp = benchmark_source(CATALOGUE["cp_open_2_years_plus_pct"])
    assert cp.startswith("Benchmarks: the DfE's Child protection plans open at 31 March that had lasted 2 years")
    assert "d5_cpps_at31march_by_duration_*.csv, column 2_years_or_more_percent" in cp and "31 March" in cp
    rate = benchmark_source(CATALOGUE["cin_rate_per_10k"])
    assert "worked out from cin_count over population_0_17" in rate
    assert benchmark_source(CATALOGUE["wf_vacancy_rate_pct"]).startswith("Benchmarks: none. DfE's vacancy rate")
    assert benchmark_source(CATALOGUE["cp_children_by_team"]) == ""
