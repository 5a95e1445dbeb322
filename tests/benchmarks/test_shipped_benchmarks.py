"""The comparator and neighbour tables shipped with the package, checked against figures read by
eye from the published DfE files in /work/shared/benchmarks/dfe (rows quoted in the comments)."""

from pathlib import Path

import pandas as pd
import pytest

from onapage.benchmarks.comparators import (
    COLUMNS,
    SHIPPED_COMPARATORS,
    SHIPPED_NEIGHBOURS,
    benchmarks_for,
    build_comparators,
    load_comparators,
    load_measures,
    load_statistical_neighbours,
    measure_ids,
)

PUBLISHED = Path("/work/shared/benchmarks/dfe")
BARNET = 302


@pytest.fixture(scope="module")
def shipped():
    return load_comparators()


def one(table, measure, year, code):
    row = table[(table.measure_id == measure) & (table.year == year) & (table.area_code == code)]
    assert len(row) == 1
    return row.iloc[0]


def test_shipped_files_are_small():
    assert SHIPPED_COMPARATORS.stat().st_size < 3_000_000
    assert SHIPPED_NEIGHBOURS.stat().st_size < 200_000


def test_every_measure_is_in_the_table_with_a_recent_england_figure(shipped):
    assert list(shipped.columns) == COLUMNS
    for measure_id in load_measures():
        rows = shipped[shipped.measure_id == measure_id]
        assert not rows.empty, measure_id
        latest = rows.year.max()
        assert latest >= 2024, measure_id
        england = rows[(rows.year == latest) & (rows.geography_level == "england")]
        assert len(england) == 1 and england.value.notna().all(), measure_id


def test_england_cla_rate_and_count_at_31_march_2025(shipped):
    # cla_number_and_rate_per_10k_children.csv:
    # 2025,Reporting year,National,...,Children looked after on 31 March each year,12183016,81770,67
    assert one(shipped, "cla_rate_per_10k", 2025, "E92000001").value == 67
    assert one(shipped, "cla_count", 2025, "E92000001").value == 81770
    assert one(shipped, "cla_rate_per_10k", 2025, "E92000001").year_label == "2024/25"


def test_barnet_cp_rate_for_its_latest_year():
    # d5_cpps_at31march_by_duration_2013_to_2025.csv: 2025,...,302,E09000003,Barnet,...,225,...
    # ons_mid-year_population_estimates_2012_to_2024.csv: 2024,...,302,E09000003,Barnet,...,93851
    # 225 / 93,851 x 10,000 = 23.97 -> 24.0
    b = benchmarks_for(BARNET, "cp_rate_per_10k")
    assert (b.year, b.year_label, b.la_name) == (2025, "2024/25", "Barnet")
    assert b.value == 24.0
    # England: 49,420 / 12,183,016 x 10,000 = 40.56 -> 40.6; London: 7,120 / 1,916,086 -> 37.2
    assert b.england == 40.6
    assert (b.region_name, b.region) == ("London", 37.2)


def test_barnet_suppressed_figure_keeps_its_code():
    # d5 2025 Barnet: ...,1_year_less_than_2_years 50,22.2,2_years_or_more c,c
    b = benchmarks_for(BARNET, "cp_2years_plus_pct", year=2025)
    assert b.value is None and b.suppression == "c"
    # 2024 Barnet: ...,2_years_or_more 9,3.6
    assert benchmarks_for(BARNET, "cp_2years_plus_pct", year=2024).value == 3.6


def test_barnet_statistical_neighbours_are_the_ten_in_the_sn_file():
    # sn_model_2025_wide.csv: 302,Barnet,3,London,320,Close ,870,Close ,310,Close ,317,Close ,315,Close ,
    #                         306,Close ,209,Close ,312,Close ,309,Close ,307,Close
    sn = load_statistical_neighbours()
    barnet = sn[sn.la_code == BARNET].sort_values("rank")
    assert barnet.neighbour_code.tolist() == [320, 870, 310, 317, 315, 306, 209, 312, 309, 307]
    assert barnet.neighbour_name.iloc[0] == "Waltham Forest"
    assert sn.la_code.nunique() == 153
    assert (sn.groupby("la_code").size() == 10).all()


def test_barnet_cla_rate_against_its_neighbours_by_hand():
    # 2025 CLA rates per 10,000 from cla_number_and_rate_per_10k_children.csv:
    # Waltham Forest 47, Reading 70, Harrow 29, Redbridge 38, Merton 31, Croydon 58,
    # Lewisham 71, Hillingdon 41, Haringey 61, Ealing 33 -> sum 479, mean 47.9;
    # sorted 29 31 33 38 41 | 47 58 61 70 71 -> median 44. Barnet itself: 37.
    b = benchmarks_for(BARNET, "cla_rate_per_10k", year=2025)
    assert b.value == 37
    assert b.sn_count == 10 and b.sn_excluded == ()
    assert b.sn_mean == pytest.approx(47.9)
    assert b.sn_median == pytest.approx(44.0)


def test_workforce_year_is_the_census_year():
    # csww_indicators_2017_to_2025.csv: 2025,...,National,...,turnover_rate_fte 11.8; Barnet 13.3
    b = benchmarks_for(BARNET, "sw_turnover_pct")
    assert (b.year_label, b.value, b.england) == ("2025", 13.3, 11.8)
    assert str(b.period_end) == "2025-09-30"


def test_care_leavers_and_population(shipped):
    # la_care_leavers_activity.csv 2025 National 19 to 21 "Total in education, employment or training" 20760,54
    assert one(shipped, "care_leavers_19_21_eet_pct", 2025, "E92000001").value == 54
    # la_care_leavers_accommodation_suitability.csv 2025 National 19 to 21 suitable 33810,89
    assert one(shipped, "care_leavers_19_21_suitable_accom_pct", 2025, "E92000001").value == 89
    # ons 2024 National 12183016; Barnet 93851
    assert one(shipped, "population_0_17", 2024, "E92000001").value == 12183016
    assert one(shipped, "population_0_17", 2024, "302").year_label == "2024"


def test_kingston_and_richmond_share_a_workforce_figure():
    # csww 2025: 314 / 318 Kingston upon Thames / Richmond upon Thames published as one row
    kingston = benchmarks_for(314, "sw_caseload_avg", year=2025)
    richmond = benchmarks_for(318, "sw_caseload_avg", year=2025)
    assert kingston.value == richmond.value is not None
    assert any("jointly" in n for n in kingston.notes)


@pytest.mark.skipif(not PUBLISHED.is_dir(), reason="published DfE files not available")
def test_the_shipped_table_is_what_the_published_files_give(shipped):
    rebuilt = build_comparators(PUBLISHED)
    pd.testing.assert_frame_equal(rebuilt, shipped)


def test_measure_ids_and_the_scorecard_summary():
    ids = measure_ids()
    assert ids[0] == "population_0_17" and "cp_rate_per_10k" in ids and len(ids) == len(set(ids))
    # Barnet 2024/25 referrals: 2,751 / 93,851 x 10,000 = 293.1 (c1 and ONS rows)
    summary = benchmarks_for(BARNET, "referrals_rate_per_10k").summary()
    assert summary["year"] == "2024/25" and summary["la"] == 293.1 and summary["region_name"] == "London"


def test_the_booklets_region_benchmark_is_the_settings_region():
    from onapage.config import load_settings
    from onapage.pipeline import benchmark_lookup

    demo = load_settings()  # Barnet's code, region: London

    def with_region(region):
        return demo.model_copy(update={"authority": demo.authority.model_copy(update={"region": region})})

    # d5 2025 North East: 3,180 on a plan; ONS 2024 North East 0-17: 542,710 -> 58.595 -> 58.6
    north_east = benchmark_lookup(with_region("North East"))("cp_rate_per_10k")
    assert (north_east["region_name"], north_east["region"]) == ("North East", 58.6)
    assert (north_east["la"], north_east["england"]) == (24.0, 40.6)  # still Barnet's own and England's
    own = benchmark_lookup(with_region(None))("cp_rate_per_10k")  # no region set: the LA code's own
    assert (own["region_name"], own["region"]) == ("London", 37.2)
