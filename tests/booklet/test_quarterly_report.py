"""The quarterly delivery-unit report built end to end from the demo authority, through the same Run,
runner, commentary, booklet and publishing as the monthly booklet."""

from __future__ import annotations

import subprocess

import pytest
from booklet_support import browser_problem, pdftotext

from onapage.periods import Period

QUARTER = Period.parse("2026-Q2")
SECTIONS = ["delivery_unit", "corporate_plan", "commissioning", "budget", "managing_the_business", "risk_register",
            "kpi_appendix"]
TITLES = {"delivery_unit": "Delivery unit dashboard", "corporate_plan": "Delivering the corporate plan",
          "commissioning": "Commissioning priorities", "budget": "Revenue and capital budget",
          "managing_the_business": "Managing the business", "risk_register": "Risk overview and register",
          "kpi_appendix": "Appendix: every KPI"}


@pytest.fixture(scope="module")
def quarterly(demo_month):
    from onapage.run import Run

    run = Run(demo_month.settings, demo_month.params_file, [QUARTER], product="quarterly")
    assert run.sections() == SECTIONS
    run.compute()
    results = run.execute(workers=2)
    failed = [f"{r.section}: {r.error.describe() if r.error else r.status}" for r in results if not r.ok]
    assert not failed, failed
    return run, run.build(QUARTER, renderer="builtin", pdf=browser_problem() is None)


def test_the_report_has_every_section_and_its_tables(quarterly):
    _, built = quarterly
    html = built.html.read_text(encoding="utf-8")
    for title in TITLES.values():
        assert title in html
    assert "Delivery unit quarterly report" in html and "Q2 2026-27" in html
    assert html.count('class="heat-count"') == 25 and "The heat map as a list" in html
    assert html.count('table class="onapage-table budget"') == 2 and "Forecast outturn (£000)" in html
    assert "corporate-plan" in html and "As at 30 Sep 2026" in html and "Jul 26 - Sep 26" in html
    assert "risk-register" in html and "priorities" in html and "rag-overview" in html
    assert "Synthetic data" in html


def test_the_store_was_read_for_the_quarter_not_a_month(quarterly):
    run, _ = quarterly
    folder = run.layout.period(QUARTER)
    assert folder.path.name == "2026-Q2" and folder.results.exists()
    import pandas as pd

    summary = pd.read_csv(folder.indicators("csv"))
    assert set(summary["period"]) == {"2026-Q2"}


@pytest.mark.skipif(pdftotext() is None or browser_problem() is not None, reason="needs pdftotext and Chromium")
def test_each_section_prints_on_at_most_two_pages(quarterly):
    _, built = quarterly
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(built.pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    first_page = {}
    for number in range(2, pages + 1):  # page 1 is the cover and contents
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(built.pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        head = " ".join(text.split())[:200]
        for section, title in TITLES.items():
            if section not in first_page and title in head:
                first_page[section] = number
    assert list(first_page) == SECTIONS, first_page
    starts = [first_page[s] for s in SECTIONS] + [pages + 1]
    lengths = {s: starts[k + 1] - starts[k] for k, s in enumerate(SECTIONS)}
    assert {s: n for s, n in lengths.items() if n > 2} == {}, lengths


@pytest.mark.skipif(browser_problem() is not None, reason="needs Chromium for the PDF")
def test_published_with_its_product_after_sign_off(quarterly, tmp_path):
    from onapage.commentary import sign
    from onapage.publish import PublishError, publish

    run, _ = quarterly
    settings = run.settings
    with pytest.raises(PublishError, match="is 'Delivery unit quarterly report', not 'Performance Matters'"):
        publish(settings, QUARTER, tmp_path, allow_unsigned=True, product="monthly_booklet")
    for section in SECTIONS[:-1]:
        sign(settings.output_dir, QUARTER, section, "signed-off", "A. Manager")
    run.build(QUARTER, renderer="builtin", pdf=True)
    done = publish(settings, QUARTER, tmp_path, product="quarterly")
    assert (done.folder / "booklet.html").exists() and done.folder.name == "2026-Q2"
