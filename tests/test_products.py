"""Products beside the monthly booklet: their own pages and output folder, run through the same Run object."""

import re

import nbformat
import pytest

from onapage.config import PROJECT_ROOT, load_booklet
from onapage.indicators.catalogue import indicator
from onapage.pages.html import fmt
from onapage.periods import Period
from onapage.registry import product_sections
from onapage.run import Run


def test_the_monitoring_report_has_its_own_pages_for_every_section():
    sections = product_sections("monitoring", PROJECT_ROOT / "notebooks" / "monitoring")
    names = [s.name for s in sections]
    assert names[0] == "monitoring_scorecard" and "child_protection" in names
    assert all(s.notebook.parent.name == "monitoring" and s.notebook.exists() for s in sections)


def test_a_product_with_pages_writes_beside_the_booklet_never_over_it(demo_authority, demo_params_file):
    booklet = Run(demo_authority, demo_params_file, [Period(2026, 10)])
    monitoring = Run(demo_authority, demo_params_file, [Period(2026, 10)], product="monitoring")
    assert booklet.settings.output_dir == demo_authority.output_dir
    assert monitoring.settings.output_dir == demo_authority.output_dir / "monitoring"
    assert monitoring.notebooks_dir.folders == (PROJECT_ROOT / "notebooks" / "monitoring",)
    assert booklet.notebooks_dir.folders == (PROJECT_ROOT / "notebooks",)
    assert monitoring.sections() == load_booklet().product("monitoring").sections


def test_an_unknown_product_is_named(demo_authority, demo_params_file):
    with pytest.raises(Exception, match="unknown product 'quarterly_pack'"):
        Run(demo_authority, demo_params_file, product="quarterly_pack")


def _row_cells(html: str, title: str) -> list[str]:
    row = re.search(rf"<tr[^>]*><th scope=\"row\">(?:<span[^>]*>[^<]*</span>)?(?:<span[^>]*>[^<]*</span>)?"
                    rf"{re.escape(title)}</th>(.*?)</tr>", html)
    assert row, f"no row {title!r}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


@pytest.fixture(scope="module")
def monitoring_april(demo_authority, demo_params_file):
    """The monitoring report for April 2026 (the first month of a year), with March's figures for checking."""
    run = Run(demo_authority, demo_params_file, [Period(2026, 3), Period(2026, 4)], product="monitoring")
    computed = run.compute()
    results = run.execute(workers=1)
    built = run.build(Period(2026, 4), renderer="builtin", pdf=False)
    return {"run": run, "results": results, "computed": computed, "built": built}


def test_every_monitoring_page_runs_and_the_report_is_built(monitoring_april):
    assert [r.error.describe() for r in monitoring_april["results"] if not r.ok] == []
    html = monitoring_april["run"].layout.period(Period(2026, 4)).html.read_text()
    assert "Monthly Performance Monitoring Report" in html
    areas = len(load_booklet().product("monitoring").sections) - 1  # every section after the scorecard
    assert html.count("Why does the data look the way it does?") == areas


def test_april_shows_last_years_outturn_and_a_year_to_date_of_one_month(monitoring_april):
    """In April the outturn is March's year to date, and the year to date is April's own month."""
    ind = indicator("fd_contacts_received")
    march = monitoring_april["computed"][Period(2026, 3)][1].set_index("id")
    april = monitoring_april["computed"][Period(2026, 4)][1].set_index("id")
    folder = monitoring_april["run"].layout.period(Period(2026, 4))
    nb = nbformat.read(folder.notebook("front_door"), as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    cells = _row_cells(html, ind.title)
    assert cells[0] == fmt(march.loc[ind.id, "ytd_value"], ind.unit, ind.decimals)  # 2025/26 outturn
    assert cells[6] == fmt(april.loc[ind.id, "value"], ind.unit, ind.decimals)  # April, the last month
    assert cells[7] == cells[6]  # April's year to date is April alone


def _page_html(folder, section: str) -> str:
    nb = nbformat.read(folder.notebook(section), as_version=4)
    return "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def workforce_qa(demo_authority, demo_params_file):
    run = Run(demo_authority, demo_params_file, [Period(2026, 10)], product="workforce_qa")
    computed = run.compute()
    results = run.execute(workers=1)
    return {"run": run, "results": results, "summary": computed[Period(2026, 10)][1].set_index("id")}


def test_the_workforce_qa_report_runs_and_its_staffing_total_is_the_establishment(workforce_qa):
    assert [r.error.describe() for r in workforce_qa["results"] if not r.ok] == []
    folder = workforce_qa["run"].layout.period(Period(2026, 10))
    html = _page_html(folder, "workforce")
    total = _row_cells(html, "Total")
    establishment = workforce_qa["summary"].loc["wf_establishment_fte", "value"]
    assert total[-1] == fmt(establishment, "count", 1)
    assert "Average caseload by team, the last 6 months" in html


def test_the_qa_page_shows_moderation_and_grades_by_domain_and_team(workforce_qa):
    html = _page_html(workforce_qa["run"].layout.period(Period(2026, 10)), "quality_assurance")
    assert "original grade (rows) by moderated grade (columns)" in html
    assert "<li>Agreed: " in html
    assert "Case audits by team and grade" in html and "Audit domain gradings by domain and grade" in html


def test_a_store_made_before_the_audits_had_teams_gains_the_column(tmp_path):
    from onapage import store

    path = tmp_path / "old.duckdb"
    with store.connect(path) as con:
        con.execute("drop table extract_audits")
        con.execute("create table extract_audits (audit_id varchar, audit_date date, service_area varchar, "
                    "domain varchar, grade varchar)")
    with store.connect(path) as con:
        columns = [r[0] for r in con.execute("describe extract_audits").fetchall()]
    assert columns[-2:] == ["team", "moderated_grade"]


@pytest.fixture(scope="module")
def committee(demo_authority, demo_params_file):
    year = Period.parse("2025-26")
    run = Run(demo_authority, demo_params_file, [year], product="committee_eoy")
    computed = run.compute()
    results = run.execute(workers=1)
    return {"run": run, "results": results, "long": computed[year][0], "year": year}


def test_the_committee_report_runs_for_a_financial_year(committee):
    assert [r.error.describe() for r in committee["results"] if not r.ok] == []
    folder = committee["run"].layout.period(committee["year"])
    assert folder.path.name == "2025-26" and folder.path.parent.name == "committee_eoy"


def test_the_years_complaints_by_stage_are_the_years_rows_in_the_store(committee, demo_authority):
    """Stage 1 complaints received from 1 April 2025 to 31 March 2026, counted straight from the store."""
    from onapage import store

    with store.connect(demo_authority.store, read_only=True) as con:
        expected = con.execute(
            "select count(*) from extract_complaints where stage = 'Stage 1' and received between "
            "date '2025-04-01' and date '2026-03-31' and enquiry_type in ('Statutory complaint', 'Corporate complaint')"
        ).fetchone()[0]
    html = _page_html(committee["run"].layout.period(committee["year"]), "complaints_annual")
    assert _row_cells(html, "Stage 1")[0] == fmt(expected, "count", 0)
    assert "Complaints received by stage, the last 5 years" in html
