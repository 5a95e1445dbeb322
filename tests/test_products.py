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
    assert monitoring.notebooks_dir == PROJECT_ROOT / "notebooks" / "monitoring"
    assert booklet.notebooks_dir == PROJECT_ROOT / "notebooks"
    assert monitoring.sections() == load_booklet().product("monitoring").sections


def test_an_unknown_product_is_named(demo_authority, demo_params_file):
    with pytest.raises(Exception, match="unknown product 'quarterly_pack'"):
        Run(demo_authority, demo_params_file, product="quarterly_pack")


def _row_cells(html: str, title: str) -> list[str]:
    row = re.search(rf"<tr><th scope=\"row\">(?:<span[^>]*>[^<]*</span>)?(?:<span[^>]*>[^<]*</span>)?"
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
