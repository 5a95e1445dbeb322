"""Building the comparators table and one authority's benchmarks, from small hand-written EES files."""

import math
import textwrap

import pandas as pd
import pytest

from onapage.benchmarks.comparators import (
    COLUMNS,
    benchmarks_for,
    build_comparators,
    home_region,
    known_regions,
    load_comparators,
    load_measures,
    main,
    read_statistical_neighbours,
    write_comparators,
)

GEO = (
    "time_period,time_identifier,geographic_level,country_code,country_name,"
    "region_code,region_name,old_la_code,new_la_code,la_name"
)
NAT = "Reporting year,National,E92000001,England,,,,,"
LONDON = "Reporting year,Regional,E92000001,England,E12000007,London,,,"
INNER = "Reporting year,Regional,E92000001,England,E13000001,Inner London,,,"


def la(code, name, sub_region="Outer London", region_code="E13000002"):
    return f"Reporting year,Local authority,E92000001,England,{region_code},{sub_region},{code},E0900{code},{name}"


def write(folder, name, lines):
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


MEASURES = textwrap.dedent(
    """
    measures:
      population_0_17:
        title: Children aged 0 to 17
        unit: count
        period: mid_year
        file: "ons_mid-year_population_estimates_*.csv"
        filters: {age_group: "Children aged 0 to 17 years"}
        value: population_estimate
      referrals_count:
        title: Referrals
        unit: count
        period: year_to_31_march
        file: "c1_children_in_need_referrals_and_rereferrals_*.csv"
        filters: {category: "Referrals and Re-referrals"}
        value: referral_count
      rereferrals_12m_pct:
        title: Re-referrals within 12 months (%)
        unit: percent
        period: year_to_31_march
        file: "c1_children_in_need_referrals_and_rereferrals_*.csv"
        filters: {category: "Referrals and Re-referrals"}
        value: rereferral_percent
      referrals_rate_per_10k:
        title: Referrals per 10,000
        unit: rate_per_10k
        period: year_to_31_march
        derived: {numerator: referrals_count, denominator: population_0_17, denominator_year_offset: -1, per: 10000}
        decimals: 1
    """
)

C1_HEADER = GEO + ",category,referral_count,rereferral_percent"
CAT = "Referrals and Re-referrals"
ONS_HEADER = GEO + ",age_group,population_estimate"
AGE = "Children aged 0 to 17 years"


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "dfe"
    folder.mkdir()
    write(
        folder,
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        [
            C1_HEADER,
            f'2025,{NAT},{CAT},"1,000",20.0',
            f"2025,{LONDON},{CAT},300,18.0",
            f"2025,{INNER},{CAT},100,17.0",
            f"2025,{la(302, 'Barnet')},{CAT},250,14.8",
            f"2025,{la(301, 'Barking and Dagenham')},{CAT},c,c",
            f"2025,{la(303, 'Bexley')},{CAT},90,u",
            f"2025,{la(304, 'Brent')},{CAT},77,12.0",
            f"2025,{la(305, 'Bromley')},{CAT},100,11.0",
            f"2025,{la(306, 'Croydon')},{CAT},249,10.0",
            f"2024,{NAT},{CAT},900,21.0",
            f"2024,{la(302, 'Barnet')},{CAT},200,13.2",
        ],
    )
    write(
        folder,
        "ons_mid-year_population_estimates_2012_to_2024.csv",
        [
            ONS_HEADER,
            f'2024,{NAT},{AGE},"200,000"',
            f"2024,{LONDON},{AGE},50000",
            f"2024,{la(302, 'Barnet')},{AGE},40000",
            f"2024,{la(301, 'Barking and Dagenham')},{AGE},30000",
            f"2024,{la(303, 'Bexley')},{AGE},x",
            # no row for 304 Brent
            f"2024,{la(305, 'Bromley')},{AGE},30000",
            f"2024,{la(306, 'Croydon')},{AGE},40000",
            f"2023,{NAT},{AGE},180000",
            f"2023,{la(302, 'Barnet')},{AGE},40000",
        ],
    )
    (tmp_path / "measures.yml").write_text(MEASURES, encoding="utf-8")
    return folder


@pytest.fixture
def measures(source):
    return load_measures(source.parent / "measures.yml")


def value_of(table, measure, year, code):
    row = table[(table.measure_id == measure) & (table.year == year) & (table.area_code == code)]
    assert len(row) == 1, f"{measure} {year} {code}: {len(row)} rows"
    return row.iloc[0]


def test_the_table_has_the_agreed_columns_and_levels(source, measures):
    table = build_comparators(source, measures)
    assert list(table.columns) == COLUMNS
    assert set(table.geography_level) == {"england", "region", "la"}
    england = value_of(table, "referrals_count", 2025, "E92000001")
    assert (england.area_name, england.year_label, england.value) == ("England", "2024/25", 1000.0)
    assert value_of(table, "population_0_17", 2024, "E92000001").year_label == "2024"


def test_derived_rates_are_counts_over_the_previous_years_population(source, measures):
    table = build_comparators(source, measures)
    # 1,000 referrals in 2024/25 / 200,000 children (mid-2024) x 10,000 = 50.0
    assert value_of(table, "referrals_rate_per_10k", 2025, "E92000001").value == 50.0
    # 2023/24: 900 / 180,000 (mid-2023) x 10,000 = 50.0
    assert value_of(table, "referrals_rate_per_10k", 2024, "E92000001").value == 50.0
    # London: 300 / 50,000 x 10,000 = 60.0; Barnet: 250 / 40,000 x 10,000 = 62.5
    assert value_of(table, "referrals_rate_per_10k", 2025, "London").value == 60.0
    assert value_of(table, "referrals_rate_per_10k", 2025, "302").value == 62.5
    # Bromley: 100 / 30,000 x 10,000 = 33.33... -> 33.3 to one decimal place
    assert value_of(table, "referrals_rate_per_10k", 2025, "305").value == 33.3
    # Croydon: 249 / 40,000 x 10,000 = 62.25 -> 62.3 (halves round up, as DfE rounds)
    assert value_of(table, "referrals_rate_per_10k", 2025, "306").value == 62.3


def test_derived_rates_carry_the_reason_they_are_missing(source, measures):
    table = build_comparators(source, measures)
    suppressed = value_of(table, "referrals_rate_per_10k", 2025, "301")  # count is c
    assert math.isnan(suppressed.value) and suppressed.suppression == "c"
    no_population = value_of(table, "referrals_rate_per_10k", 2025, "303")  # population is x
    assert math.isnan(no_population.value) and no_population.suppression == "x"
    no_row = value_of(table, "referrals_rate_per_10k", 2025, "304")  # no population row
    assert math.isnan(no_row.value) and no_row.suppression == "x"
    inner = value_of(table, "referrals_rate_per_10k", 2025, "Inner London")
    assert math.isnan(inner.value) and inner.suppression == "x"
    published = value_of(table, "rereferrals_12m_pct", 2025, "303")
    assert math.isnan(published.value) and published.suppression == "u"


def test_london_boroughs_belong_to_the_london_region(source, measures):
    table = build_comparators(source, measures)
    assert value_of(table, "referrals_count", 2025, "302").region == "London"
    assert value_of(table, "referrals_count", 2025, "London").region == ""


def test_filters_that_do_not_pick_one_row_are_refused(source, tmp_path):
    loose = MEASURES.replace('filters: {category: "Referrals and Re-referrals"}', "filters: {}")
    (tmp_path / "loose.yml").write_text(loose, encoding="utf-8")
    with open(next(source.glob("c1_*.csv")), "a", encoding="utf-8") as f:
        f.write(f"2025,{la(302, 'Barnet')},Another category,1,1\n")
    with pytest.raises(ValueError, match="more than one row for Barnet"):
        build_comparators(source, tmp_path / "loose.yml")


def test_a_missing_file_is_named(source, measures):
    next(source.glob("ons_*.csv")).unlink()
    with pytest.raises(FileNotFoundError, match="ons_mid-year_population_estimates_"):
        build_comparators(source, measures)


def test_refresh_keeps_what_the_new_folder_lacks_and_takes_what_it_has(source, measures, tmp_path):
    base = build_comparators(source, measures)
    newer = tmp_path / "next_year"
    newer.mkdir()
    write(
        newer,
        "c1_children_in_need_referrals_and_rereferrals_2014_to_2026.csv",
        [
            C1_HEADER,
            f"2026,{NAT},{CAT},1100,19.0",
            f"2025,{NAT},{CAT},1010,20.0",  # revised
        ],
    )
    write(newer, "ons_mid-year_population_estimates_2013_to_2025.csv", [ONS_HEADER, f"2025,{NAT},{AGE},220000"])
    table = build_comparators(newer, measures, base=base)
    assert value_of(table, "referrals_count", 2026, "E92000001").value == 1100
    assert value_of(table, "referrals_count", 2025, "E92000001").value == 1010  # the revision wins
    assert value_of(table, "referrals_count", 2025, "302").value == 250  # kept from before
    assert value_of(table, "referrals_count", 2024, "E92000001").value == 900
    # 2025/26: 1,100 / 220,000 x 10,000 = 50.0 ; 2024/25 recomputed from the revision: 1,010 / 200,000 -> 50.5
    assert value_of(table, "referrals_rate_per_10k", 2026, "E92000001").value == 50.0
    assert value_of(table, "referrals_rate_per_10k", 2025, "E92000001").value == 50.5


def test_overlapping_files_in_one_folder_take_the_newer_publication(source, measures):
    write(
        source,
        "c1_children_in_need_referrals_and_rereferrals_2014_to_2026.csv",
        [
            C1_HEADER,
            f"2026,{NAT},{CAT},1100,19.0",
            f"2025,{NAT},{CAT},1010,20.0",
        ],
    )
    table = build_comparators(source, measures)
    assert value_of(table, "referrals_count", 2025, "E92000001").value == 1010
    assert value_of(table, "referrals_count", 2024, "E92000001").value == 900


def test_write_and_load_round_trip(source, measures, tmp_path):
    table = build_comparators(source, measures)
    path = write_comparators(table, tmp_path / "out" / "comparators.csv")
    again = load_comparators(path)
    pd.testing.assert_frame_equal(again, table)
    assert again["area_code"].map(type).eq(str).all()
    assert again["year"].dtype == "int64"
    assert "302" in set(again.area_code)


# ---------------------------------------------------------------- statistical neighbours

BARNET_SNS = [320, 870, 310, 317, 315, 306, 209, 312, 309, 307]  # as listed in sn_model_2025_wide.csv


def sn_file_2025(folder):
    header = "\ufeffold_la_code,la_name,region_ind,region_name," + ",".join(f"SN_{i},SN_{i}P" for i in range(1, 11))
    barnet = "302,Barnet,3,London," + ",".join(f"{c},Close " for c in BARNET_SNS)
    other = "320,Waltham Forest,3,London," + ",".join(f"{c},Very close" for c in [302] + BARNET_SNS[1:])
    return write(folder, "sn_model_2025_wide.csv", [header, barnet, other])


def test_reads_the_2025_neighbour_layout(tmp_path):
    sn = read_statistical_neighbours(sn_file_2025(tmp_path))
    barnet = sn[sn.la_code == 302]
    assert barnet["neighbour_code"].tolist() == BARNET_SNS
    assert barnet["rank"].tolist() == list(range(1, 11))
    assert set(barnet["closeness"]) == {"Close"}  # trailing space dropped
    assert barnet.iloc[0]["neighbour_name"] == "Waltham Forest"
    assert sn[sn.la_code == 320].iloc[0]["neighbour_name"] == "Barnet"


def test_reads_the_2021_neighbour_layout(tmp_path):
    header = "\ufeffLA num,LA Name,LA number,GOInd,GOReg," + ",".join(f"SN{i},SNP" for i in range(1, 11)) + ","
    codes = [207, 213, 212, 202, 318, 205, 302, 314, 846, 868]
    row = "201,City of London,201,3,London (Inner)," + ",".join(f"{c},Not Close" for c in codes) + ","
    blank = "," * 25
    path = write(tmp_path, "New_Statistical_Neighbour_Groupings_April_2021.csv", [header, row, blank])
    sn = read_statistical_neighbours(path)
    assert sn["la_code"].unique().tolist() == [201]
    assert sn["neighbour_code"].tolist() == codes
    assert sn["closeness"].unique().tolist() == ["Not close"]


# ---------------------------------------------------------------- one authority's benchmarks

CLA_HEADER = (
    GEO.replace("new_la_code,la_name", "la_name,new_la_code")
    + ",population_type,population_estimate,children_count,rate_per_10000"
)
POP = "Children looked after on 31 March each year"


def cla_row(year, geo, value):
    return f"{year},{geo},{POP},1000,10,{value}"


def la_cla(code, name, sub_region="Outer London", region_code="E13000002"):
    return f"Reporting year,Local authority,E92000001,England,{region_code},{sub_region},{code},{name},E0900{code}"


@pytest.fixture
def barnet(tmp_path):
    folder = tmp_path / "sn"
    folder.mkdir()
    # Hand-chosen CLA rates for Barnet's ten neighbours in 2025: Lewisham (209) suppressed,
    # Haringey (309) has no row at all; Leeds (383) is not a neighbour and must not count.
    rates = {320: "40", 870: "70", 310: "30", 317: "38", 315: "31", 306: "58", 209: "c", 312: "41", 307: "33"}
    lines = [
        CLA_HEADER,
        cla_row(2025, NAT, 67),
        cla_row(2025, LONDON, 48),
        cla_row(2024, NAT, 69),
        cla_row(2025, la_cla(302, "Barnet"), 37),
        cla_row(2024, la_cla(302, "Barnet"), 36),
        cla_row(2025, la_cla(383, "Leeds", "Yorkshire and The Humber", "E12000003"), 900),
    ]
    lines += [cla_row(2025, la_cla(code, f"LA {code}"), value) for code, value in rates.items()]
    write(folder, "cla_number_and_rate_per_10k_children.csv", lines)
    (folder.parent / "cla.yml").write_text(
        textwrap.dedent(
            """
        measures:
          cla_rate_per_10k:
            title: Children looked after at 31 March per 10,000
            unit: rate_per_10k
            period: year_to_31_march
            file: "cla_number_and_rate_per_10k_children*.csv"
            filters: {population_type: "Children looked after on 31 March each year"}
            value: rate_per_10000
        """
        ),
        encoding="utf-8",
    )
    table = build_comparators(folder, folder.parent / "cla.yml")
    neighbours = read_statistical_neighbours(sn_file_2025(folder))
    return table, neighbours


def test_benchmarks_for_barnet_by_hand(barnet):
    table, neighbours = barnet
    b = benchmarks_for(302, "cla_rate_per_10k", comparators=table, neighbours=neighbours)
    assert (b.year, b.year_label) == (2025, "2024/25")  # latest year by default
    assert (b.la_name, b.value, b.suppression) == ("Barnet", 37.0, "")
    assert (b.england, b.region_name, b.region) == (67.0, "London", 48.0)
    assert b.sn_codes == tuple(BARNET_SNS)
    # Published neighbours: 40, 70, 30, 38, 31, 58, 41, 33 -> sum 341 over 8 = 42.625;
    # sorted 30 31 33 38 | 40 41 58 70 -> median (38 + 40) / 2 = 39.
    assert b.sn_count == 8
    assert b.sn_mean == pytest.approx(42.625)
    assert b.sn_median == pytest.approx(39.0)
    assert b.sn_excluded == (209, 309)


def test_benchmarks_for_an_earlier_year(barnet):
    table, neighbours = barnet
    b = benchmarks_for(302, "cla_rate_per_10k", year=2024, comparators=table, neighbours=neighbours)
    assert (b.year_label, b.value, b.england, b.region) == ("2023/24", 36.0, 69.0, None)
    assert b.sn_count == 0 and b.sn_mean is None and b.sn_median is None
    assert len(b.sn_excluded) == 10


def test_benchmarks_for_refuses_unknown_things(barnet):
    table, neighbours = barnet
    with pytest.raises(KeyError, match="cla_rate_per_10k"):
        benchmarks_for(302, "no_such_measure", comparators=table, neighbours=neighbours)
    with pytest.raises(KeyError, match="2024, 2025"):
        benchmarks_for(302, "cla_rate_per_10k", year=2019, comparators=table, neighbours=neighbours)
    with pytest.raises(KeyError, match="999"):
        benchmarks_for(999, "cla_rate_per_10k", comparators=table, neighbours=neighbours)


def test_jointly_published_workforce_figures(tmp_path):
    header = GEO + ",turnover_rate_fte"
    folder = tmp_path / "csww"
    folder.mkdir()
    write(
        folder,
        "csww_indicators_2017_to_2025.csv",
        [
            header,
            f"2025,{NAT},11.8",
            "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314 / 318,"
            "E09000021 / E09000027,Kingston upon Thames / Richmond upon Thames,20.0",
            f"2025,{la(302, 'Barnet')},10.0",
        ],
    )
    (tmp_path / "w.yml").write_text(
        textwrap.dedent(
            """
        measures:
          sw_turnover_pct:
            title: Turnover
            unit: percent
            period: as_at_30_september
            file: "csww_indicators_*.csv"
            value: turnover_rate_fte
        """
        ),
        encoding="utf-8",
    )
    table = build_comparators(folder, tmp_path / "w.yml")
    assert value_of(table, "sw_turnover_pct", 2025, "314 / 318").year_label == "2025"
    neighbours = pd.DataFrame(
        {
            "la_code": [314, 314, 314],
            "la_name": ["Kingston upon Thames"] * 3,
            "neighbour_code": [318, 302, 319],
            "neighbour_name": ["Richmond upon Thames", "Barnet", "Sutton"],
            "rank": [1, 2, 3],
            "closeness": ["Close"] * 3,
        }
    )
    b = benchmarks_for(314, "sw_turnover_pct", comparators=table, neighbours=neighbours)
    assert (b.value, b.la_name) == (20.0, "Kingston upon Thames")
    assert any("jointly" in note for note in b.notes)
    # Neighbours: Richmond (the joint 20.0) and Barnet (10.0) published; Sutton has no row.
    assert (b.sn_count, b.sn_mean, b.sn_excluded) == (2, 15.0, (319,))
    # An authority with both Kingston and Richmond as neighbours counts their joint figure once:
    # (20.0 + 10.0) / 2 = 15.0, not (20.0 + 20.0 + 10.0) / 3.
    sutton = pd.DataFrame(
        {
            "la_code": [319, 319, 319],
            "la_name": ["Sutton"] * 3,
            "neighbour_code": [314, 318, 302],
            "neighbour_name": ["Kingston upon Thames", "Richmond upon Thames", "Barnet"],
            "rank": [1, 2, 3],
            "closeness": ["Close"] * 3,
        }
    )
    table = pd.concat([table, table[table.area_code == "302"].assign(area_code="319", area_name="Sutton")])
    s = benchmarks_for(319, "sw_turnover_pct", comparators=table, neighbours=sutton)
    assert (s.sn_count, s.sn_mean, s.sn_excluded) == (2, 15.0, ())


def test_main_writes_both_tables(source, tmp_path, capsys):
    sn_file_2025(source)
    out, sn_out = tmp_path / "c.csv", tmp_path / "sn.csv"
    code = main(
        [
            "--from",
            str(source),
            "--out",
            str(out),
            "--neighbours-out",
            str(sn_out),
            "--measures",
            str(source.parent / "measures.yml"),
        ]
    )
    assert code == 0
    assert load_comparators(out)["measure_id"].nunique() == 4
    assert pd.read_csv(sn_out)["la_code"].nunique() == 2
    assert "referrals_rate_per_10k" in capsys.readouterr().out


def test_main_reports_a_missing_folder(tmp_path, capsys):
    assert main(["--from", str(tmp_path / "nowhere"), "--out", str(tmp_path / "c.csv")]) == 1
    assert "no such folder" in capsys.readouterr().err


# ---------------------------------------------------------------- the region to compare with


@pytest.fixture
def two_regions():
    """A hand-built table: England, London and the North East, and Barnet (London)."""
    rows = [
        ("england", "E92000001", "England", "", 67.0),
        ("region", "London", "London", "", 48.0),
        ("region", "North East", "North East", "", 110.0),
        ("la", "302", "Barnet", "London", 37.0),
    ]
    table = pd.DataFrame(
        [("cla_rate_per_10k", 2025, "2024/25", level, code, name, region, value, "")
         for level, code, name, region, value in rows],
        columns=COLUMNS,
    )
    neighbours = pd.DataFrame(columns=["la_code", "la_name", "neighbour_code", "neighbour_name", "rank", "closeness"])
    return table, neighbours


def test_the_known_regions_and_an_authoritys_own_are_read_from_the_table(two_regions):
    table, _ = two_regions
    assert known_regions(table) == ["London", "North East"]
    assert home_region(302, table) == ("Barnet", "London")
    assert home_region(999, table) is None


def test_benchmarks_compare_with_the_region_asked_for(two_regions):
    table, neighbours = two_regions
    b = benchmarks_for(302, "cla_rate_per_10k", comparators=table, neighbours=neighbours, region="North East")
    assert (b.region_name, b.region, b.value, b.england) == ("North East", 110.0, 37.0, 67.0)
    assert any("North East" in n and "London" in n for n in b.notes)
    assert b.summary()["region_name"] == "North East"


def test_benchmarks_without_a_region_use_the_authoritys_own(two_regions):
    table, neighbours = two_regions
    b = benchmarks_for(302, "cla_rate_per_10k", comparators=table, neighbours=neighbours)
    assert (b.region_name, b.region) == ("London", 48.0)
    same = benchmarks_for(302, "cla_rate_per_10k", comparators=table, neighbours=neighbours, region="London")
    assert (same.region_name, same.region) == ("London", 48.0)
    assert not any("settings" in n for n in same.notes)


def test_benchmarks_refuse_a_region_the_table_does_not_have(two_regions):
    table, neighbours = two_regions
    with pytest.raises(KeyError, match="'Eastern'.*London, North East"):
        benchmarks_for(302, "cla_rate_per_10k", comparators=table, neighbours=neighbours, region="Eastern")
