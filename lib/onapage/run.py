"""One product run for one or more periods: every step, in order, in one place.

    run = Run(settings, params_file, periods=[Period(2026, 10)])
    inputs, findings = run.validate()        1 the inputs through the data-quality gate
    run.load(inputs, findings)               2 into the store, all or nothing
    run.compute()                            3 every indicator, saved for the pages, indicators.csv
    run.preparer()                           4 commentary put back into each template, data comments drafted
    run.execute()                            5 the section notebooks, in parallel
    run.build()                              6 the booklet: HTML, PDF, Quarto project

`onapage run`, `onapage bench`, `onapage lab` and the tests all run a month through this object, so
the wiring (which sections, which notebook parameters, how commentary is prepared, where every file
goes) is written once. Paths come from `onapage.layout`; a run holds the store's lock while it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from onapage import workspace
from onapage.config import Settings, load_booklet
from onapage.layout import OutputLayout, Pages
from onapage.locks import holding
from onapage.periods import Period


@dataclass
class Run:
    """A product (`params/booklet.yml`) for `periods`, with the authority's `settings` read from `params_file`."""

    settings: Settings
    params_file: Path
    periods: list[Period] = field(default_factory=list)
    product: str = "monthly_booklet"
    only: list[str] | None = None  # run just these sections (--sections)
    input_dir: Path | None = None
    allow_partial: bool = False
    notebooks_dir: Pages | Path | None = None  # the product's pages unless given (tests)

    def __post_init__(self):
        from onapage.registry import product_output_dir, product_pages

        self.params_file = Path(self.params_file).resolve()
        workspace.activate_for(self.params_file)  # its catalogue, booklet and pages, for the run and its kernels
        self.periods = list(self.periods) or [self.settings.default_period]
        load_booklet().product(self.product)  # an unknown product is an error here
        self.notebooks_dir = Pages.of(self.notebooks_dir or product_pages(self.product))
        output_dir = product_output_dir(self.settings.output_dir, self.product)
        self.settings = self.settings.model_copy(update={"output_dir": output_dir})

    # --- what the run is about ---------------------------------------------------------------

    @property
    def layout(self) -> OutputLayout:
        return OutputLayout(self.settings.output_dir)

    @property
    def last(self) -> Period:
        return self.periods[-1]

    def sections(self) -> list[str]:
        """The product's sections in booklet order (just `only` when given), every part of each checked
        first (`onapage.registry`): a section named without its page is an error before anything runs."""
        from onapage.registry import check_periods, product_sections
        from onapage.runner import discover_sections

        check_periods(self.product, self.periods)
        order = [s.name for s in product_sections(self.product, self.notebooks_dir)]
        return [s for s in discover_sections(self.notebooks_dir, order, self.only or None) if s in order]

    def parameters(self, period: Period) -> dict:
        """What each section notebook is given, beside its period and section."""
        return {"params_file": str(self.params_file), "results": str(self.layout.period(period).results)}

    def lock(self, doing: str = "running"):
        """Held while the run (or a build: `doing` says which) writes: one at a time per store (a second names
        the first)."""
        store = Path(self.settings.store)
        span = str(self.periods[0]) if len(self.periods) == 1 else f"{self.periods[0]} to {self.last}"
        return holding(store.with_name(store.name + ".lock"), f"{doing} {span} with the store {store}")

    # --- the steps ---------------------------------------------------------------------------

    def validate(self):
        """Step 1: every input read and put through the data-quality gate, for the last period."""
        from onapage import pipeline

        return pipeline.read_and_validate(
            self.input_dir or self.settings.input_dir,
            self.last,
            allow_partial=self.allow_partial,
            coverage_working_days=self.settings.coverage_working_days,
        )

    def load(self, inputs, findings):
        """Step 2: the inputs into the store (refused, the store untouched, when there are errors)."""
        from onapage import pipeline

        last_month = Period(self.last.end.year, self.last.end.month)  # a quarter's or a year's last month
        return pipeline.load(self.settings, inputs, findings, last_month)

    def compute(self, fmt: str = "csv", out: Path | None = None, *, save: bool = True) -> dict:
        """Step 3: every indicator for the periods in one pass; saved for the pages (unless `save` is off,
        for an export alone), and each period's table written for other returns. Returns {period: (long, table)}."""
        from onapage import pipeline

        computed = pipeline.compute_periods(self.settings, self.periods, save=save)
        for period, (_, table) in computed.items():
            path = out or self.layout.period(period).indicators(fmt)
            pipeline.export_indicators(table, path, fmt, synthetic=self.settings.authority.synthetic)
        return computed

    def preparer(self, output_root: Path | None = None) -> Callable:
        """Step 4 (done by the runner, notebook by notebook): the analysts' commentary put back into each
        template and data comments drafted from the figures (commentary under `output_root`, by default
        the settings' output folder)."""
        from onapage import commentary

        layout = self.layout
        drafts = commentary.PageDrafts(self.params_file, lambda period: layout.period(period).results)
        renamed = load_booklet().renamed_sections
        return commentary.Preparer(
            self.notebooks_dir, output_root or self.settings.output_dir, drafts=drafts, renamed=renamed
        )

    def execute(self, *, workers: int | None = None, reuse_kernels: bool = True, console=None, **options):
        """Step 5: every section notebook for every period, in parallel."""
        from onapage.runner import run_sections

        return run_sections(
            self.sections(),
            self.periods,
            notebooks_dir=self.notebooks_dir,
            output_root=self.settings.output_dir,
            parameters=self.parameters,
            workers=workers,
            console=console,
            reuse_kernels=reuse_kernels,
            prepare_input=self.preparer(),
            **options,
        )

    def build(self, period: Period, *, renderer: str = "auto", pdf: bool = True):
        """Step 6: the period's booklet from its executed notebooks, the commentary files' words brought into
        them first (`bring_in_commentary`), then checked: a figure shown with two values (the same indicator,
        period and basis) is an error naming each (`BookletDisagrees`)."""
        from onapage.booklet import build_booklet
        from onapage.booklet.consistency import check_booklet

        self.bring_in_commentary(period)
        result = build_booklet(self.settings, period, renderer=renderer, pdf=pdf, product=self.product)
        check_booklet(result.html)
        return result

    def bring_in_commentary(self, period: Period) -> list:
        """Every section's commentary file merged into its executed notebook as a run merges them
        (`commentary.bring_in`), so the booklet shows words edited in the files; returns what each merged."""
        from onapage import commentary

        booklet = load_booklet()
        done = []
        for section in booklet.product(self.product).sections:
            template = self.notebooks_dir.template(section)
            if template.exists():
                merged = commentary.bring_in(section, period, commentary.read_template(template),
                                             output_root=self.settings.output_dir,
                                             renamed=booklet.renamed_sections)
                done += [merged] if merged else []
        return done

    @property
    def complete(self) -> bool:
        """Whether every section runs (with --sections the booklet is built from the others' notebooks as they are)."""
        return not self.only
