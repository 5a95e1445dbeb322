"""Headline table, breakdown table, KPI box and arrow legend from hand-built LONG and SUMMARY tables."""

import html
import re

import pytest

from onapage.indicators.catalogue import load_catalogue
from onapage.pages.tables import breakdown_table, dot_legend, headline_table, kpi_box, order_categories
from onapage.periods import Period

PERIOD = Period(2026, 10)
NOT_SUPPLIED = "not supplied: list_7.csv (Child protection plans)"


def _cells(html: str, row_title: str) -> list[str]:
    """The text of each cell in the body row headed `row_title` (tags stripped)."""
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(row_title)}</th>(.*?)</tr>", html)
    assert row, f"no row {row_title!r}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    return [re.sub(r"<[^>]+>", "", c) for c in cells]


@pytest.fixture
def page(make_indicator, long_row, long_frame, summary_frame):
    pct = make_indicator(id="asmt_pct", title="Assessments in 45 working days")
    cp = make_indicator(id="cp_children", title="Children on a CP plan", unit="count", kind="snapshot",
                        polarity="monitor", sources=("list_7",))
    rows = [long_row("asmt_pct", "2026-10", "month", 84.25, numerator=337, denominator=400),
            long_row("asmt_pct", "2026-09", "month", 86.0),
            long_row("asmt_pct", "2026-08", "month", 79.5),
            long_row("asmt_pct", "2026-10", "ytd", 82.0)]
    rows += [long_row("cp_children", p, "snapshot", None, status="not_computable", message=NOT_SUPPLIED)
             for p in ("2026-10", "2026-09", "2026-08")]
    summary = summary_frame([
        {"id": "asmt_pct", "value": 84.25, "target": 90.0, "rag": "Red", "rag_symbol": "■", "direction": "↓",
         "direction_label": "negative downward change", "benchmark_sn_mean": 88.0, "benchmark_england": 82.1,
         "benchmark_year": "2024/25", "status": "ok"},
        {"id": "cp_children", "value": None, "status": "not_computable", "message": NOT_SUPPLIED},
    ])
    return {"summary": summary, "long": long_frame(rows), "indicators": {"asmt_pct": pct, "cp_children": cp}}


def _headline(page):
    return headline_table(page["summary"], page["long"], ["asmt_pct", "cp_children"], PERIOD,
                          caption="Assessments: headline measures", indicators=page["indicators"]).html


def test_headline_table_has_caption_scoped_headers_and_month_headings(page):
    html = _headline(page)
    assert "<caption>Assessments: headline measures</caption>" in html
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)]
    # each month heading shows 'Oct-26' and carries 'October 2026' for screen readers
    assert heads == ["Indicator", "Month columns show", "Apr-26 to Oct-26 (year to date)", "Oct-26October 2026",
                      "Sep-26September 2026", "Aug-26August 2026",
                     "Target", "RAG", "DoT", "SN", "England"]


def test_headline_values_formatted_by_unit(page):
    cells = _cells(_headline(page), "Assessments in 45 working days")
    assert cells[:6] == ["month", "82.0%", "84.3%", "86.0%", "79.5%", "90.0%"]
    assert cells[-2:] == ["88.0%", "82.1%"]


def test_not_computable_says_na_with_the_reason(page):
    html = _headline(page)
    cells = _cells(html, "Children on a CP plan")
    assert cells[0] == "at month end"  # what its month columns show
    assert all(c.startswith("n/a") for c in cells[2:5])  # the three months
    assert f"n/a: {NOT_SUPPLIED}" in html  # in the notes below the table (and the cell's title)
    assert re.search(r"<ol class=\"table-notes\"[^>]*><li>n/a: not supplied: list_7.csv", html)


def test_rag_shows_word_and_symbol_and_a_class_for_colour(page):
    html = _headline(page)
    assert re.search(r'<td class="rag rag-red"[^>]*><span aria-hidden="true">■</span> Red '
                     r'<span class="rag-basis">\(<abbr title="judged on the month">month</abbr>\)</span></td>', html)


def test_direction_of_travel_has_a_visually_hidden_label(page):
    html = _headline(page)
    cell = re.search(r'<td class="dot dot-negative">(.*?)</td>', html).group(1)
    assert '<span aria-hidden="true">↓</span>' in cell
    assert re.search(r'<span class="visually-hidden"[^>]*>negative downward change</span>', cell)


def test_monitor_row_has_no_rag(page):
    cells = _cells(_headline(page), "Children on a CP plan")
    assert cells[5] == "-"  # RAG


def test_benchmark_columns_only_when_some_row_has_one(page):
    page["summary"].loc[:, ["benchmark_sn_mean", "benchmark_england"]] = float("nan")
    html = _headline(page)
    assert ">SN<" not in html and "England" not in html


def test_text_from_data_is_escaped(page, make_indicator):
    page["indicators"]["asmt_pct"] = make_indicator(id="asmt_pct", title="<script>x</script>")
    html = _headline(page)
    assert "<script>" not in html and "&lt;script&gt;" in html


# --------------------------------------------------------------------------- breakdowns

@pytest.fixture
def categories(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_category", title="Category of abuse", unit="count", kind="snapshot",
                         polarity="monitor", breakdown="category", sources=("list_7",))
    data = {"2026-10": {"Emotional": 93, "Neglect": 61, "Physical": 17, "Sexual": 2},
            "2026-09": {"Emotional": 84, "Neglect": 55, "Physical": 17, "Sexual": 2},
            "2026-08": {"Emotional": 85, "Neglect": 56, "Physical": 20}}
    rows = [long_row("cp_category", p, "snapshot", v, category=c, breakdown="category")
            for p, cats in data.items() for c, v in cats.items()]
    return ind, long_frame(rows)


def test_breakdown_counts_this_month_with_share_then_earlier_months_counts(categories):
    ind, long = categories
    html = breakdown_table(long, ind, PERIOD, caption="Category of abuse").html
    # 93 of 173 this month is 53.8%; September and August show their counts only, as the seeds do
    assert _cells(html, "Emotional") == ["93", "53.8%", "84", "85"]
    assert _cells(html, "Sexual") == ["2", "1.2%", "2", "0"]  # absent in August: none
    total = re.search(r'<tr class="total">(.*?)</tr>', html).group(1)
    assert [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", total)] == \
        ["173", "100.0%", "158", "161"]
    assert html.count('scope="colgroup"') == 3 and html.count(">No.<") == 3 and html.count(">%<") == 1
    assert '<colgroup span="2"></colgroup><colgroup span="1"></colgroup><colgroup span="1"></colgroup>' in html


def test_breakdown_says_its_basis_once_in_the_caption_and_heads_columns_by_month(categories):
    ind, long = categories
    html = breakdown_table(long, ind, PERIOD, caption="Category of abuse").html
    assert "<caption>Category of abuse (at each month end)</caption>" in html
    headings = re.findall(r'scope="colgroup" colspan="\d">([^<]*)<', html)
    assert headings == ["Oct-26", "Sep-26", "Aug-26"]


def test_a_year_to_date_breakdown_heads_columns_by_their_span(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_new_by_age", title="New CP plans by age", unit="count", kind="cumulative",
                         polarity="monitor", breakdown="age_band")
    rows = [long_row("cp_new_by_age", p, "ytd", n, category="Under 1", breakdown="age_band")
            for p, n in {"2026-10": 16, "2026-09": 12}.items()]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=2, basis="ytd", caption="New CP plans by age").html
    assert "<caption>New CP plans by age (year to date)</caption>" in html
    assert re.findall(r'scope="colgroup" colspan="\d">([^<]*)<', html) == ["Apr-26 to Oct-26", "Apr-26 to Sep-26"]


def test_breakdown_rows_largest_first_this_month(categories):
    ind, long = categories
    html = breakdown_table(long, ind, PERIOD).html
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>', html)
    assert rows == ["Emotional", "Neglect", "Physical", "Sexual"]


def test_breakdown_share_of_a_total_uses_numerator_and_value(make_indicator, long_row, long_frame):
    ind = make_indicator(id="asmt_bands", title="Assessments by working days", breakdown="duration_band",
                         polarity="monitor")
    bands = {"46+ days": 24, "0-25 days": 151, "41-45 days": 56, "26-40 days": 59}
    rows = [long_row("asmt_bands", "2026-10", "month", n / 290 * 100, category=c, numerator=n, denominator=290)
            for c, n in bands.items()]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=1).html
    assert re.findall(r'<tr><th scope="row">(.*?)</th>', html) == ["0-25 days", "26-40 days", "41-45 days", "46+ days"]
    assert _cells(html, "0-25 days") == ["151", "52.1%"]
    assert "<td>290</td><td>100.0%</td>" in html


def test_breakdown_rate_within_each_category_has_an_of_column_and_pooled_total(make_indicator, long_row, long_frame):
    ind = make_indicator(id="visits_by_team", title="Visits in time by team", unit="percent", kind="snapshot",
                         breakdown="team")
    rows = [long_row("visits_by_team", "2026-10", "snapshot", 88.0, category="Team 1", numerator=22, denominator=25),
            long_row("visits_by_team", "2026-10", "snapshot", 50.0, category="Team 2", numerator=5, denominator=10)]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=1).html
    assert _cells(html, "Team 1") == ["22", "25", "88.0%"]
    assert "<td>27</td><td>35</td><td>77.1%</td>" in html  # 27 of 35, not the mean of 88 and 50


def test_breakdown_rate_earlier_months_show_their_percentage(make_indicator, long_row, long_frame):
    ind = make_indicator(id="visits_by_team", title="Visits in time by team", unit="percent", kind="snapshot",
                         breakdown="team")
    rows = [long_row("visits_by_team", "2026-10", "snapshot", 88.0, category="Team 1", numerator=22, denominator=25),
            long_row("visits_by_team", "2026-09", "snapshot", 75.0, category="Team 1", numerator=15, denominator=20),
            long_row("visits_by_team", "2026-09", "snapshot", 40.0, category="Team 2", numerator=4, denominator=10)]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=2).html
    assert _cells(html, "Team 1") == ["22", "25", "88.0%", "75.0%"]
    assert "<td>22</td><td>25</td><td>88.0%</td><td>63.3%</td>" in html  # September pooled: 19 of 30


def test_breakdown_month_not_supplied_says_na(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cp_category", title="Category of abuse", unit="count", kind="snapshot",
                         polarity="monitor", breakdown="category", sources=("list_7",))
    rows = [long_row("cp_category", "2026-10", "snapshot", 5, category="Neglect", breakdown="category"),
            long_row("cp_category", "2026-09", "snapshot", None, breakdown="category", status="not_computable",
                     message=NOT_SUPPLIED)]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=2).html
    assert _cells(html, "Neglect")[:2] == ["5", "100.0%"]
    assert len(_cells(html, "Neglect")) == 3 and _cells(html, "Neglect")[2].startswith("n/a")
    assert f"n/a: {NOT_SUPPLIED}" in html


@pytest.mark.parametrize(("given", "expected"), [
    (["16+", "Under 1", "6 to 10", "Not recorded", "1 to 5", "Unborn", "11 to 15"],
     ["Unborn", "Under 1", "1 to 5", "6 to 10", "11 to 15", "16+", "Not recorded"]),
    (["2 years or more", "Under 3 months", "1 to 2 years", "6 to 12 months", "3 to 6 months"],
     ["Under 3 months", "3 to 6 months", "6 to 12 months", "1 to 2 years", "2 years or more"]),
    (["<1YR", "2+YRS", "<3M", "<2YRS", "<6M"], ["<3M", "<6M", "<1YR", "<2YRS", "2+YRS"]),
    (["Inadequate", "Good", "Outstanding", "Requires improvement"],
     ["Outstanding", "Good", "Requires improvement", "Inadequate"]),
])
def test_bands_keep_their_natural_order(given, expected):
    assert order_categories(given, {c: 1 for c in given}) == expected


# --------------------------------------------------------------------------- KPI box and legend

def _kpi(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html)
    return {re.sub(r"<[^>]+>", "", k): re.sub(r"<[^>]+>", "", v) for k, v in pairs}


def test_kpi_box_variance_in_brackets(make_indicator):
    ind = make_indicator(id="cin_seen", title="Children on CIN plans seen in 4 weeks", kind="snapshot")
    row = {"value": 75.0, "target": 95.0, "variance": (75 - 95) / 95, "benchmark_sn_mean": None, "status": "ok"}
    assert _kpi(kpi_box(row, ind).html) == {"Target": "95.0%", "Latest (at month end)": "75.0%",
                                            "Variance": "(21.1%)", "SN": "-"}


def test_kpi_box_monitor_shows_dash_for_target_and_variance(make_indicator):
    ind = make_indicator(id="cp_rate", title="CP rate", unit="rate_per_10k", kind="snapshot", polarity="monitor")
    row = {"value": 17.9, "target": None, "variance": None, "benchmark_sn_mean": 41.2, "benchmark_year": "2024/25",
           "status": "ok"}
    assert _kpi(kpi_box(row, ind).html) == {"Target": "-", "Latest (at month end)": "17.9",
                                            "Variance": "-", "SN": "41.2 (2024/25)"}


def test_dot_legend_matches_the_seeds():
    html = dot_legend().html
    items = [re.sub(r"<[^>]+>", "", i).strip() for i in re.findall(r"<li>(.*?)</li>", html)]
    assert items == ["↑ positive upward change", "↓ positive downward change", "↑ negative upward change",
                     "↓ negative downward change", "↔ no change"]
    assert 'class="dot-positive"' in html and 'class="dot-negative"' in html


def test_cumulative_counts_show_each_month_and_the_year_to_date(make_indicator, long_row, long_frame, summary_frame):
    ind = make_indicator(id="cp_new", title="New CP plans from April", unit="count", kind="cumulative",
                         polarity="monitor", decimals=0)
    long = long_frame([long_row("cp_new", "2026-10", "ytd", 233), long_row("cp_new", "2026-10", "month", 25),
                       long_row("cp_new", "2026-09", "month", 20), long_row("cp_new", "2026-08", "month", 1234),
                       long_row("cp_new", "2026-09", "ytd", 208)])
    summary = summary_frame([{"id": "cp_new", "value": 233, "status": "ok"}])
    html = headline_table(summary, long, ["cp_new"], PERIOD, caption="CP", indicators={"cp_new": ind}).html
    assert _cells(html, "New CP plans from April")[:6] == ["month", "233", "25", "20", "1,234", "-"]


def test_a_failed_query_reads_as_could_not_be_calculated_without_the_database_error(page):
    page["long"].loc[page["long"]["indicator_id"] == "cp_children", ["status", "message"]] = \
        ["failed", "Binder Error: column x not found"]
    html = _headline(page)
    assert "n/a: could not be calculated (see the run log)" in html and "Binder Error" not in html


def test_a_breakdown_by_a_code_list_shows_each_codes_description(make_indicator, long_row, long_frame):
    ind = make_indicator(id="cl_accom", title="Care leavers by accommodation", unit="count", kind="snapshot",
                         polarity="monitor", breakdown="accommodation", codes="care_leaver_accommodation")
    rows = [long_row("cl_accom", "2026-10", "snapshot", n, category=c) for c, n in
            {"U": 6, "Z": 3, "Not recorded": 1}.items()]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=1).html
    assert re.findall(r'<tr><th scope="row">(.*?)</th>', html) == [
        "Independent living", "With former foster carers", "Not recorded"]


def test_every_catalogue_code_list_is_in_the_contract():
    from onapage.contract import load_contract

    lists = load_contract().codes
    named = {i.id: i.codes for i in load_catalogue().values() if i.codes}
    assert {"cl_accommodation_type", "cin_plans_ceased_by_reason"} <= set(named)
    assert all(name in lists for name in named.values())


def test_a_measure_with_no_like_for_like_benchmark_says_why_where_the_figure_would_be(page, make_indicator, long_row,
                                                                                       long_frame, summary_frame):
    note = "DfE's vacancy rate counts agency-covered posts as vacant, so the two are not set side by side."
    vacancy = make_indicator(id="wf_vacancy", title="Vacancy rate", kind="snapshot", polarity="smaller_is_better",
                             benchmark_note=note)
    page["indicators"]["wf_vacancy"] = vacancy
    page["long"] = long_frame([*page["long"].to_dict("records"), long_row("wf_vacancy", "2026-10", "snapshot", 12.5)])
    page["summary"] = summary_frame([*page["summary"].to_dict("records"),
                                     {"id": "wf_vacancy", "value": 12.5, "status": "ok"}])
    page_html = headline_table(page["summary"], page["long"], ["asmt_pct", "wf_vacancy"], PERIOD, caption="Workforce",
                          indicators=page["indicators"]).html
    sn, england = _cells(page_html, "Vacancy rate")[-2:]
    assert sn.startswith("-1 (") and note in html.unescape(sn) and england == "-"
    assert note in html.unescape(page_html[page_html.index('class="table-notes"'):])  # numbered under the table too
