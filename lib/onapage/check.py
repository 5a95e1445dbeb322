"""`onapage check`: the authority's own parts held to the project's rules before a booklet goes out.

- its settings and targets read back cleanly (every command checks these first);
- its own catalogue entries keep the catalogue's rules: documented, tested by hand-built cases that pass,
  sourced from the input contract, their queries answering every period and basis;
- every product in its booklet file has every part (a page for each section, the indicators it names);
- its built booklet for the period, when there is one, shows each figure once with one value, labels no
  figure of a quarterly or annual booklet by the month, and its PDF has no blank page and no section over
  two pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from onapage.config import ConfigError, Settings, load_booklet
from onapage.layout import OutputLayout
from onapage.periods import Period


@dataclass
class Check:
    name: str
    problems: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the check had nothing to look at

    @property
    def ok(self) -> bool:
        return not self.problems


def run_checks(settings: Settings, period: Period, on_check: Callable[[Check], None] | None = None,
               product: str = "monthly_booklet") -> list[Check]:
    """Every check, in order; each reported to `on_check` as it finishes. The booklet checked is `product`'s."""
    done = []
    for check in _checks(settings, period, product):
        done.append(check)
        if on_check:
            on_check(check)
    return done


def _checks(settings: Settings, period: Period, product: str) -> Iterator[Check]:
    yield from own_indicator_checks()
    yield product_check()
    yield from booklet_checks(settings, period, product)


def own_indicator_checks() -> Iterator[Check]:
    """The workspace's entries, each against the catalogue's rules and its own hand-built cases."""
    from onapage.indicators.catalogue import load_catalogue
    from onapage.indicators.rules import case_problems, empty_store, entry_problems, query_problems

    own = [ind for ind in load_catalogue().values() if ind.own_to_workspace]
    if not own:
        yield Check("own indicators", skipped="the workspace has no indicators of its own (indicators/)")
        return
    con = empty_store()
    try:
        for ind in own:
            problems = entry_problems(ind) + query_problems(ind, con)
            yield Check(f"indicator {ind.id} ({len(ind.tests)} case{'s' if len(ind.tests) != 1 else ''})",
                        problems + (case_problems(ind) if ind.tests else []))
    finally:
        con.close()


def product_check() -> Check:
    """Every product of the booklet file in force has a page for each section and knows each indicator."""
    from onapage.registry import product_sections

    problems = []
    for product in load_booklet().products:
        try:
            product_sections(product)
        except ConfigError as exc:
            problems.append(str(exc))
    return Check(f"products ({', '.join(load_booklet().products)})", problems)


def booklet_checks(settings: Settings, period: Period, product: str = "monthly_booklet") -> Iterator[Check]:
    """The product's built booklet for the period: one value per figure, labels that fit its kind of period,
    no blank page, no section over two pages."""
    from onapage.booklet.consistency import BookletDisagrees, check_booklet
    from onapage.booklet.labels import period_label_problems
    from onapage.booklet.pdf import blank_pages, long_sections, section_page_counts
    from onapage.registry import product_output_dir

    folder = OutputLayout(product_output_dir(settings.output_dir, product)).period(period)
    html, pdf = folder.html, folder.pdf
    if not html.exists():
        yield Check(f"booklet {period}", skipped=f"no booklet built for {period} yet ({html})")
        return
    try:
        figures = check_booklet(html)
        yield Check(f"booklet {period}: {len(figures)} figures, each with one value")
    except BookletDisagrees as exc:
        yield Check(f"booklet {period}: figures", [str(exc)])
    yield Check(f"booklet {period}: labels fit a {period.kind}",
                period_label_problems(html.read_text(encoding="utf-8"), period.kind))
    if not pdf.exists():
        yield Check(f"booklet {period}: PDF pages", skipped=f"no PDF built ({pdf})")
        return
    blank = blank_pages(pdf)
    problems = [f"page {n} of {pdf.name} is blank" for n in blank] + long_sections(section_page_counts(pdf))
    yield Check(f"booklet {period}: PDF pages", problems)
