"""Every section notebook executed for two demo periods, its pages checked against the engine's figures.

March 2026 closes a financial year; April 2026 opens the next (year-to-date resets).
"""

import re

import nbformat
import pytest

from onapage import commentary
from onapage.config import load_booklet
from onapage.indicators.catalogue import indicator
from onapage.pages.html import fmt
from onapage.periods import Period
from onapage.run import Run

PERIODS = [Period(2026, 3), Period(2026, 4)]


@pytest.fixture(scope="module")
def executed(demo_authority, demo_params_file):
    run = Run(demo_authority, demo_params_file, PERIODS)  # the wiring `onapage run` uses, renamed sections too
    computed = run.compute()
    results = run.execute()
    return {"results": results, "summaries": {p: t.set_index("id") for p, (_, t) in computed.items()},
            "root": demo_authority.output_dir}


def page_html(executed, period: Period, section: str) -> str:
    nb = nbformat.read(executed["root"] / str(period) / "notebooks" / f"{section}.ipynb", as_version=4)
    return "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))


def test_every_section_runs_for_both_periods(executed):
    failed = [r.error.describe() for r in executed["results"] if not r.ok]
    assert failed == []
    assert len(executed["results"]) == 2 * len(load_booklet().product().sections)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_page_header_names_the_period_end_and_the_synthetic_data(executed, period):
    html = page_html(executed, period, "child_protection")
    assert f"Performance on a page ({period.end:%-d %B %Y})" in html
    assert "Synthetic data" in html


@pytest.mark.parametrize("period", PERIODS, ids=str)
@pytest.mark.parametrize(("section", "indicator_id"), [
    ("child_protection", "cp_children_at_period_end"),
    ("children_in_care", "cla_children_at_period_end"),
    ("front_door", "fd_contacts_received"),
    ("assessments", "asmt_within_45_days_pct"),
])
def test_headline_table_shows_the_engines_value(executed, period, section, indicator_id):
    ind = indicator(indicator_id)
    value = executed["summaries"][period].loc[indicator_id, "value"]
    html = page_html(executed, period, section)
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(ind.title)}(?:(?!</tr>).)*</tr>", html, re.S)
    assert row, f"no headline row for {ind.title!r}"
    assert f">{fmt(value, ind.unit, ind.decimals)}<" in row.group(0)


def test_year_to_date_resets_in_april(executed):
    march, april = (executed["summaries"][p].loc["cp_new_plans"] for p in PERIODS)
    assert april["value"] == april["ytd_value"]  # April's year to date is April alone
    assert march["value"] > april["value"]


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_charts_carry_a_text_alternative_with_the_latest_value(executed, period):
    html = page_html(executed, period, "child_protection")
    ind = indicator("cp_children_at_period_end")
    latest = fmt(executed["summaries"][period].loc[ind.id, "value"], ind.unit, ind.decimals)
    labels = re.findall(r'role="img"[^>]*aria-label="([^"]*)"|aria-label="([^"]*)"[^>]*role="img"', html)
    assert any(latest in (a or b) and period.label in (a or b) for a, b in labels)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_each_chart_has_its_data_comments_drafted_from_the_engines_values(executed, period):
    nb = nbformat.read(executed["root"] / str(period) / "notebooks" / "children_in_care.ipynb", as_version=4)
    drafted = {c.metadata["onapage"]["indicator"]: c.source for c in nb.cells
               if "data-comments" in c.metadata.get("tags", [])}
    charted = re.findall(r'page\.trend\("([a-z0-9_]+)"', "".join(c.source for c in nb.cells if c.cell_type == "code"))
    assert sorted(drafted) == sorted(charted) and charted
    ind = indicator("cla_rate_per_10k")
    row = executed["summaries"][period].loc[ind.id]
    latest, sn = (fmt(row[k], ind.unit, ind.decimals) for k in ("value", "benchmark_sn_mean"))
    assert f"neighbours ({sn} in " in drafted[ind.id] and f") at {latest}." in drafted[ind.id]
    assert period.label.split()[0] in drafted[ind.id]  # the month named
    text = commentary.read_file(commentary.commentary_path(executed["root"], period, "children_in_care"))
    assert text[f"data-comments:{ind.id}"].text == drafted[ind.id]  # the text file agrees with the notebook


def test_scorecard_shows_rag_as_words_and_symbols(executed):
    html = page_html(executed, PERIODS[0], "scorecard")
    assert re.search(r"[●▲■]</span> (Green|Amber|Red)", html)
