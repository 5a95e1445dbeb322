"""What a section notebook calls: `page = open_page("child_protection", period)` then `page.headline()`...

A page reads the period's indicator results written by `onapage run` (or computes them from
the store when run on its own), and hands out ready-to-display parts: header, headline table,
charts with their KPI box and drafted data comments, breakdown tables, definitions. Notebooks
hold no logic: they are the page's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from onapage.config import DEFAULT_PARAMS, Settings, load_booklet, load_settings
from onapage.indicators.catalogue import Indicator, in_section, indicator, sections
from onapage.pages.html import HtmlFragment, esc
from onapage.periods import Period
from onapage.registry import WHOLE_BOOKLET_PAGES
from onapage.results import load_results, load_summary, results_path

SYNTHETIC_NOTE = "Synthetic data: every child, date and figure on this page is invented for demonstration."


def benchmark_source(ind: Indicator) -> str:
    """Which DfE measure stands beside the indicator (its file, column and definition), or why none does."""
    if ind.benchmark:
        from onapage.benchmarks.comparators import load_measures

        measure = load_measures()[ind.benchmark]
        source = (f"{measure.file}, column {measure.value}" if measure.file
                  else f"worked out from {measure.derived.numerator} over {measure.derived.denominator}")
        return f"Benchmarks: the DfE's {measure.title} ({source}): {measure.definition}"
    return f"Benchmarks: none. {ind.benchmark_note}" if ind.benchmark_note else ""


def pages() -> dict[str, str]:
    """Every page a section notebook may open, with its title: the whole-booklet pages and each section's."""
    return {**WHOLE_BOOKLET_PAGES, **sections()}


def section_title(section: str) -> str:
    return pages()[section]


@dataclass
class Page:
    section: str
    period: Period
    settings: Settings
    long: pd.DataFrame
    chart_count: int = 0

    # ---------------------------------------------------------------- data
    @cached_property
    def indicators(self) -> list[Indicator]:
        return in_section(self.section) if self.section in sections() else []

    results_file: Path | None = None

    @cached_property
    def summary(self) -> pd.DataFrame:
        return load_summary(self.results_file).set_index("id", drop=False)

    @property
    def synthetic(self) -> bool:
        return self.settings.authority.synthetic

    # ---------------------------------------------------------------- parts
    def header(self) -> HtmlFragment:
        banner = f'<p class="synthetic-banner" role="note"><strong>{esc(SYNTHETIC_NOTE)}</strong></p>'
        return HtmlFragment(
            f'<header class="page-header" id="section-{self.section}" data-section="{self.section}">'
            f'<p class="authority">{esc(self.settings.authority.name)}</p>'
            f"<h2>{esc(section_title(self.section))}</h2>"
            f'<p class="page-kicker">Performance on a page ({self.period.end:%-d %B %Y})</p>'
            f"{banner if self.synthetic else ''}</header>"
        )

    def headline(self, ids: list[str] | None = None, caption: str | None = None) -> HtmlFragment:
        from onapage.pages.tables import headline_table

        ids = ids or [i.id for i in self.indicators if not i.breakdown]
        caption = caption or f"{section_title(self.section)}: headline measures, {self.period.label}"
        return headline_table(self.summary, self.long, ids, self.period, caption=caption)

    def trend(self, indicator_id: str, title: str | None = None, comments: bool = True) -> HtmlFragment:
        """A 13-month chart of the indicator with its KPI box and drafted data comments. `comments=False`
        leaves the comments out: the section templates show them in an editable commentary cell below the
        chart instead (filled by `onapage run` from `drafted_comments`)."""
        from onapage.pages.charts import trend_chart
        from onapage.pages.comments import comments_html, data_comments
        from onapage.pages.tables import kpi_box

        ind = indicator(indicator_id)
        row = self.summary.loc[indicator_id]
        self.chart_count += 1
        title = f"Chart {self.chart_count} - {title or ind.title}"
        target = None if pd.isna(row["target"]) else float(row["target"])
        chart = trend_chart(
            self.long,
            ind,
            self.period,
            target=target,
            colours=self.settings.colours,
            title=title,
            synthetic=self.synthetic,
        )
        parts = [chart.html, kpi_box(row, ind).html]
        if comments:
            parts.append(comments_html(data_comments(row, self.long, ind, self.period)).html)
        return HtmlFragment(f'<section class="chart-block">{"".join(parts)}</section>')

    def drafted_comments(self, indicator_id: str) -> str:
        """The indicator's drafted data comments as one Markdown paragraph (for a commentary cell)."""
        from onapage.pages.comments import data_comments
        from onapage.pages.html import markdown_text

        sentences = data_comments(self.summary.loc[indicator_id], self.long, indicator(indicator_id), self.period)
        return markdown_text(" ".join(sentences))

    def breakdown(self, indicator_id: str, caption: str | None = None) -> HtmlFragment:
        """A breakdown table; by team, in the order and groups of the settings' `teams:`."""
        from onapage.pages.tables import breakdown_table

        return breakdown_table(self.long, indicator_id, self.period, caption=caption or indicator(indicator_id).title,
                               teams=self.settings.teams)

    def grades(self, indicator_id: str, row_heading: str) -> HtmlFragment:
        """Gradings as a grid, a row per domain (or team) and a column per grade, for this month; teams in the
        order and groups of the settings' `teams:`."""
        from onapage.pages.workforce_qa import grades_table

        return grades_table(self.long, indicator_id, self.period, row_heading=row_heading, teams=self.settings.teams)

    def heat(self, indicator_id: str, months: int = 6, title: str | None = None) -> HtmlFragment:
        """A by-team breakdown over the last `months` months as a heat table, the teams in the order and groups
        of the settings' `teams:`."""
        from onapage.pages.workforce_qa import heat_table

        return heat_table(self.long, indicator_id, self.period, months=months, title=title, teams=self.settings.teams)

    def definitions(self) -> HtmlFragment:
        """The definitions and caveats of this page's indicators, straight from the catalogue."""
        items = []
        for ind in self.indicators:
            caveats = "".join(f"<li>{esc(c)}</li>" for c in ind.caveats)
            caveats = f'<ul class="caveats">{caveats}</ul>' if caveats else ""
            source = benchmark_source(ind)
            compared = f'<p class="benchmark-source">{esc(source)}</p>' if source else ""
            items.append(f"<dt>{esc(ind.title)}</dt><dd>{esc(ind.definition)}{caveats}{compared}</dd>")
        return HtmlFragment(
            f'<details class="definitions"><summary>Definitions</summary><dl>{"".join(items)}</dl></details>'
        )

    def dot_legend(self) -> HtmlFragment:
        from onapage.pages.tables import dot_legend

        return dot_legend()

    def contents(self) -> HtmlFragment:
        sections = load_booklet().product().sections
        items = "".join(f'<li><a href="#section-{s}">{esc(section_title(s))}</a></li>' for s in sections)
        return HtmlFragment(f'<nav class="contents" aria-label="Contents"><h3>Contents</h3><ol>{items}</ol></nav>')

    def scorecard(self) -> HtmlFragment:
        from onapage.pages.scorecard import scorecard_table

        return scorecard_table(self.summary, self.period)

    def revisions(self) -> HtmlFragment:
        """The measures a later extract has revised since an earlier booklet showed them, with both values."""
        from onapage.pages.data_quality import revisions_table

        return revisions_table(self.long, self.period)

    def history(self) -> HtmlFragment:
        """What the store's history holds of each list and extract."""
        from onapage.pages.data_quality import history_table

        return history_table(self.settings)

    # ------------------------------------------------------- the quarterly delivery-unit report
    def corporate_plan(self, product: str = "quarterly") -> HtmlFragment:
        """The corporate-plan indicators the product names in params/booklet.yml, as the seeds' table."""
        from onapage.pages.quarterly import corporate_plan_table

        return corporate_plan_table(self.summary, load_booklet().product(product).corporate_plan, self.period)

    def rag_overview(self) -> HtmlFragment:
        from onapage.pages.quarterly import rag_overview_table

        return rag_overview_table(self.summary, self.period)

    def budget(self, budget_type: str) -> HtmlFragment:
        """'Revenue' or 'Capital': budget, forecast outturn and variance by line, with a total."""
        from onapage.pages.quarterly import budget_table

        return budget_table(self.long, self.period, budget_type)

    def risk_heat_map(self) -> HtmlFragment:
        from onapage.pages.quarterly import heat_map, risk_register

        return heat_map(risk_register(self.settings, self.period), self.period)

    def risk_register(self) -> HtmlFragment:
        from onapage.pages.quarterly import risk_register, risk_register_table

        return risk_register_table(risk_register(self.settings, self.period), self.period)

    def commissioning_priorities(self) -> HtmlFragment:
        from onapage.pages.quarterly import commissioning_priorities, priorities_table

        return priorities_table(commissioning_priorities(self.settings, self.period), self.period)

    def appendix(self) -> HtmlFragment:
        from onapage.pages.quarterly import appendix_table

        return appendix_table(self.summary, self.period)

    def improvement_plan(self) -> HtmlFragment:
        from onapage.pages.scorecard import improvement_plan_table

        return improvement_plan_table(self.settings, self.period, self.summary, self.long)


def open_page(
    section: str, period: str | Period, *, params_file: str | Path | None = None, results: str | Path | None = None
) -> Page:
    """Everything a section notebook needs for one period."""
    from onapage import workspace

    workspace.activate_for(params_file)  # the kernel sees the workspace the command ran in
    if section not in pages():
        raise ValueError(f"unknown section {section!r}; known: {', '.join(pages())}")
    settings = load_settings(params_file or DEFAULT_PARAMS)
    period = period if isinstance(period, Period) else Period.parse(str(period))
    results = Path(results) if results else results_path(settings, period)
    return Page(
        section=section,
        period=period,
        settings=settings,
        long=load_results(settings, period, results),
        results_file=results,
    )


__all__ = ["Page", "open_page", "section_title"]
