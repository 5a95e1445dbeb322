"""The `onapage` command line. Each command's docstring is its --help."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.logging import RichHandler

from onapage import workspace
from onapage.config import DEFAULT_PARAMS, ConfigError, Settings, load_settings
from onapage.layout import OutputLayout
from onapage.periods import Period
from onapage.trust import trust_notebooks

console = Console(stderr=True)
log = logging.getLogger("onapage")


class PeriodType(click.ParamType):
    name = "PERIOD"

    def convert(self, value, param, ctx):
        if isinstance(value, Period):
            return value
        try:
            return Period.parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


PERIOD = PeriodType()


def with_settings(command):
    """Shared options: --params (the authority settings file) and --verbose; passes `settings`."""

    @click.option(
        "--params",
        "params_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Authority settings file.  [default: the workspace's settings.yml, found from this folder upwards or "
        "ONAPAGE_HOME; outside a workspace, the demo's params/demo.yml]",
    )
    @click.option("-v", "--verbose", is_flag=True, help="Log each step in detail.")
    @functools.wraps(command)
    def wrapper(*args, params_file: Path | None, verbose: bool, **kwargs):
        from onapage.indicators.targets import load_targets

        _configure_logging(verbose)
        try:
            params_file = _settings_file(params_file)
            click.get_current_context().params["params_file"] = params_file
            workspace.activate_for(params_file, afresh=True)
            settings = load_settings(params_file)
            load_targets(settings.targets_file)  # a broken targets file stops here, before any work
            _say_if_demo(params_file, settings)
            return command(*args, settings=settings, **kwargs)
        except (ConfigError, workspace.WorkspaceError) as exc:
            raise click.ClickException(str(exc)) from None
        except ValueError as exc:  # the workspace's catalogue entries, checked as they are read
            from onapage.indicators.catalogue import CatalogueError

            if isinstance(exc, CatalogueError):
                raise click.ClickException(str(exc)) from None
            raise

    return wrapper


def _settings_file(given: Path | None) -> Path:
    """The settings the command runs on: --params; else the workspace's (from this folder upwards, or
    ONAPAGE_HOME); else the demo's. Hints the command prints name --params when it was needed."""
    found = workspace.find()
    default = found.settings_file if found else DEFAULT_PARAMS
    chosen = Path(given).resolve() if given is not None else default
    workspace.name_settings(chosen if chosen != default.resolve() else None)
    return chosen


def _say_if_demo(params_file: Path, settings: Settings) -> None:
    """A command run on the bundled demo settings says so first, so nobody signs off the demo authority's
    booklet as their own."""
    if Path(params_file).resolve() == Path(DEFAULT_PARAMS).resolve():
        console.print(f"Using the demo settings ({DEFAULT_PARAMS.name}): {settings.authority.name}, synthetic data. "
                      "For your own authority make a workspace (onapage init DIR) and run commands in it, or add "
                      "--params <your settings file>.", highlight=False)


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, show_time=False)],
        force=True,
    )


class _Commands(click.Group):
    """Every command: a failure nobody foresaw still ends in one line, not a traceback
    (ONAPAGE_DEBUG=1 shows where it happened)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("ONAPAGE_DEBUG"):
                raise
            logging.getLogger(__name__).debug("unexpected failure", exc_info=True)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise click.ClickException(
                f"{type(exc).__name__}: {first} (this is a fault in onapage or an input it did not expect; "
                "ONAPAGE_DEBUG=1 shows where)"
            ) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="onapage")
def main():
    """Children's services performance booklets, reproducibly.

    Reads an authority's Ofsted Annex A lists and supplementary extracts, checks them,
    loads them into a DuckDB store and builds the monthly "performance on a page" booklet.

    \b
    An authority's own workspace, once:
      onapage init DIR --name NAME --la-code 919 --input EXTRACTS
    then, in DIR (no --params needed):
      onapage validate --period YYYY-MM   check the month's extracts
      onapage run --period YYYY-MM        validate, load and build the month
      onapage check                       the workspace's own indicators and booklet

    \b
    A period is a month (2026-10), a quarter of the financial year (2026-Q2; Q1 is
    April-June, Q4 January-March, so 2026-Q4 is January-March 2027) or a financial
    year (2025-26: 1 April 2025 to 31 March 2026).

    \b
    Try it on the synthetic demo authority (a year of monthly extracts, then its month):
      onapage demo-data --monthly 13 && onapage load --history data/demo && onapage run
    """


@main.command("demo-data")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the demo authority's inputs into.  [default: data/demo/<YYYY-MM of --end>, the demo "
    "settings' input_dir; with --monthly, data/demo, a folder per month]")
@click.option(
    "--seed", type=int, default=2026, show_default=True, help="Random seed: the same seed gives the same data."
)
@click.option(
    "--scale",
    type=float,
    default=1.0,
    show_default=True,
    help="Size of the authority relative to the demo (0-17 population about 97,000 x scale).",
)
@click.option(
    "--messy", is_flag=True, help="Write the data as real extracts look: drifted headings, prefixed codes, mixed dates."
)
@click.option("--workbook", is_flag=True, help="Write Annex A as one Excel workbook (sheets 'List 1'..'List 11').")
@click.option(
    "--template",
    "template_edition",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[EDITION]",
    help="Write Annex A as the Ofsted template workbook: its headings, column order and drop-down values "
    "(the latest edition, or the one named, e.g. --template 2024).",
)
@click.option(
    "--authorities",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Generate this many authorities (into OUT/authority_01, ...), for scale tests.",
)
@click.option(
    "--end",
    type=click.DateTime(["%Y-%m-%d"]),
    default="2026-10-31",
    show_default=True,
    help="Last day of the generated history (the extract date).",
)
@click.option(
    "--monthly",
    type=click.IntRange(min=1),
    default=None,
    metavar="MONTHS",
    help="Write instead the extracts the authority archived at the end of each of the last MONTHS months "
    "to --end, one complete input folder per month named by it (OUT/2025-10, ..., OUT/2026-10), all cut from "
    "one simulated history: lists 1-5 hold that month's last six months of events (twelve in the first, "
    "where the archive starts; the few recorded late "
    "are in a later month's extract), lists 6-8 the episodes open then or closed in those months, list 9 the "
    "care leavers as they were that month, the other extracts everything up to that month's end. Load them "
    "with 'onapage load --history OUT'. The last folder holds what the single extract holds within its "
    "windows.",
)
def demo_data(
    out: Path | None, seed: int, scale: float, messy: bool, workbook: bool, template_edition, authorities: int, end,
    monthly: int | None,
):
    """Generate a synthetic demo authority's Annex A lists and extracts.

    Every child, date and figure is invented: the data describes no real person and every
    output built from it says so. Deterministic from --seed.

    With --monthly 13, a year of monthly extracts instead, as the authority would have
    archived them:  onapage demo-data --monthly 13 --template
    """
    from onapage import demo

    started = time.perf_counter()
    out = out or (Path("data/demo") if monthly or authorities > 1 else Path("data/demo") / f"{end:%Y-%m}")
    if monthly and authorities > 1:
        raise click.UsageError("--monthly writes one authority's archive: leave out --authorities")
    if authorities > 1:
        demo.generate_many(out, authorities, seed=seed, scale=scale)
        console.print(f"Wrote {authorities} synthetic authorities under {out} in {time.perf_counter() - started:.1f} s")
        return
    from onapage.contract import load_contract

    editions = load_contract().template.editions
    if template_edition not in (None, "latest") and template_edition not in editions:
        raise click.BadParameter(
            f"{template_edition!r}: the template editions are {', '.join(editions)}", param_hint="--template"
        )
    options = dict(
        seed=seed,
        scale=scale,
        messy=messy,
        workbook=workbook,
        template=template_edition is not None,
        template_edition=None if template_edition in (None, "latest") else template_edition,
        end=end.date(),
    )
    if monthly:
        try:
            archive = demo.generate_monthly(out, monthly, **options)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--monthly") from None
        seconds = time.perf_counter() - started
        console.print(f"Wrote {monthly} synthetic monthly extracts under {out} in {seconds:.1f} s")
        console.print(str(archive))
        console.print(f"Next: onapage load --history {out}", highlight=False)
        return
    summary = demo.generate_demo(out, **options)
    console.print(f"Wrote synthetic demo inputs to {out} in {time.perf_counter() - started:.1f} s")
    console.print(str(summary))


def _default_period(settings: Settings, product: str = "monthly_booklet") -> Period:
    """Without --period: the settings' default_period, or for a quarterly (yearly) product the latest
    quarter (financial year) complete by the end of that month."""
    from onapage.config import load_booklet
    from onapage.periods import latest_complete

    try:
        kind = load_booklet().product(product).period_kinds[0]
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    return latest_complete(kind, settings.default_period)


def _month(settings: Settings, periods: list[Period] | None = None, **options):
    """The Run for this command: the settings, the --params file, the periods and options."""
    from onapage.run import Run

    return Run(settings, _params_file(), periods or [settings.default_period], **options)


def _read_and_validate(run):
    """Step 1 with a spinner; a missing folder is a clear error, not a traceback."""
    input_dir = run.input_dir or run.settings.input_dir
    try:
        with console.status(f"Reading and checking {input_dir} ..."):
            return run.validate()
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


def _report(findings) -> bool:
    """Print the findings; True when there are errors."""
    from onapage.validation import summarise
    from onapage.validation.findings import has_errors

    if findings:
        click.echo(summarise(findings))
    return has_errors(findings)


def _validate_and_load(run):
    """Steps 1 and 2: nothing is loaded when the gate finds an error."""
    from onapage import pipeline

    inputs, findings = _read_and_validate(run)
    if _report(findings):
        raise click.ClickException(str(pipeline.InputErrors(findings)))
    with console.status("Loading the store ..."):
        report = run.load(inputs, findings)
    console.print(f"Store {run.settings.store}: {report}")
    return report


def _holding(run):
    """The run's lock, its refusal a clear error naming who holds it."""
    from onapage.locks import Locked

    @contextlib.contextmanager
    def held():
        try:
            with run.lock():
                yield
        except Locked as exc:
            raise click.ClickException(str(exc)) from None

    return held()


input_option = click.option(
    "--input",
    "input_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the Annex A lists and extracts [default: input_dir in the settings].",
)
period_option = click.option(
    "--period", type=PERIOD,
    help="Month (2026-10), financial-year quarter (2026-Q2; Q1 is April-June, so 2026-Q4 is January-March 2027) "
    "or financial year (2025-26, 1 April 2025 to 31 March 2026) [default: default_period in the settings].")
product_option = click.option(
    "--product",
    default="monthly_booklet",
    show_default=True,
    metavar="NAME",
    help="Which product in params/booklet.yml: monthly_booklet; monitoring (a month); workforce_qa (a month or "
    "a quarter); quarterly (the delivery-unit report, for a quarter such as 2026-Q2); committee_eoy (a "
    "financial year such as 2025-26). A product other than the monthly booklet writes to "
    "<output_dir>/<product>/<period>/.",
)
partial_option = click.option(
    "--allow-partial",
    is_flag=True,
    help="Go on when an Annex A list stops short of the period's end (more than coverage_working_days "
    "before it): a warning instead of an error, and the figures using that list are marked partial.",
)


@main.command()
@input_option
@period_option
@partial_option
@with_settings
def validate(settings: Settings, input_dir: Path | None, period: Period | None, allow_partial: bool):
    """Put every input through the data-quality gate and list each problem with file, sheet, row,
    column and what was expected, then a table of the rules run.

    Coverage is checked for the period. Exits with status 1 if any error is found; warnings
    are listed and do not fail. The rules are described in docs/data_quality_rules.md.
    """
    from onapage.validation import rules_table

    run = _month(settings, [period or settings.default_period], input_dir=input_dir, allow_partial=allow_partial)
    input_dir, period = input_dir or settings.input_dir, run.last
    inputs, findings = _read_and_validate(run)
    from onapage.inputs.layout import describe_layout

    if layout := describe_layout(inputs):
        click.echo(layout)
    failed = _report(findings)
    click.echo("\n" + rules_table(findings))
    if failed:
        sys.exit(1)
    click.echo(f"{input_dir}: inputs are valid for {period}" + (" (with warnings)" if findings else ""))


@main.command()
@input_option
@period_option
@partial_option
@click.option(
    "--history", "archive", type=click.Path(file_okay=False, path_type=Path),
    help="Load an archive of monthly extracts instead: a folder with one sub-folder per month "
    "(ARCHIVE/2026-05/, ARCHIVE/2026-06/, ...), each holding that month's extract as it was taken. They are "
    "loaded oldest first, each through the data-quality gate for its own month.")
@with_settings
def load(settings: Settings, input_dir: Path | None, period: Period | None, allow_partial: bool,
         archive: Path | None):
    """Validate the inputs and merge them into the DuckDB store's history (unchanged files are skipped).

    An extract's event lists cover its window (often the last six months): within the window its
    records replace what the store held, and records from before it are kept, so the history builds
    up month by month. A figure is computed only where the history covers every month it needs.

    Nothing is written unless every input passes validation; a failure midway leaves the
    store exactly as it was. With --history, each month is loaded in turn; a month the store already
    holds is skipped, so a load stopped by an error goes on from that month once it is fixed.
    """
    if archive is not None:
        if input_dir is not None or period is not None:
            raise click.UsageError("--history loads each month's folder for its own month: leave out --input "
                                   "and --period")
        run = _month(settings, [settings.default_period], allow_partial=allow_partial)
        with _holding(run):
            _load_history(settings, archive, allow_partial)
        return
    run = _month(settings, [period or settings.default_period], input_dir=input_dir, allow_partial=allow_partial)
    with _holding(run):
        _validate_and_load(run)


def _load_history(settings: Settings, archive: Path, allow_partial: bool) -> None:
    """`load --history`: every month of the archive, with a progress bar and a line per month."""
    from rich.progress import Progress

    from onapage import pipeline
    from onapage.store.history import OutOfOrder

    started = time.perf_counter()
    try:
        months = pipeline.history_months(archive)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Loading the archive", total=len(months))

        def step(month: Period, what: str) -> None:
            progress.update(task, description=f"{month.label}: {what}")
            if what == "loading":
                progress.advance(task)

        try:
            loaded = pipeline.load_history(settings, archive, allow_partial=allow_partial, on_month=step)
        except pipeline.InputErrors as exc:
            _report(exc.findings)
            raise click.ClickException(str(exc)) from None
        except (FileNotFoundError, OutOfOrder) as exc:
            raise click.ClickException(str(exc)) from None
    for item in loaded:
        if item.report is None:
            console.print(f"{item.month.label}: already in the history, skipped")
        else:
            hint = f"`{workspace.command(f'validate --input {item.folder} --period {item.month}')}`"
            note = f" ({item.warnings} warning(s): {hint} lists them)" if item.warnings else ""
            console.print(f"{item.month.label}: {item.report}{note}")
    console.print(f"Store {settings.store}: {len(loaded)} month{'s' if len(loaded) != 1 else ''} from {archive} in "
                  f"{time.perf_counter() - started:.1f} s")


def _write_indicators(run, fmt: str = "csv", out: Path | None = None, *, save: bool = True) -> None:
    """Compute the run's indicators from the store and export them (a run also saves them for the pages)."""
    with console.status(f"Computing indicators for {len(run.periods)} month(s) ..."):
        computed = run.compute(fmt, out, save=save)
    for period, (_, table) in computed.items():
        counts = ", ".join(f"{v} {k}" for k, v in table["status"].value_counts().items())
        console.print(f"Wrote {len(table)} indicators to {out or run.layout.period(period).indicators(fmt)} ({counts})")


def _params_file() -> Path:
    """The --params file of the running command, absolute (notebooks run in the project root)."""
    return Path(click.get_current_context().params["params_file"]).resolve()


def _periods(settings: Settings, period: Period | None, first: Period | None, last: Period | None) -> list[Period]:
    from onapage.periods import period_range

    if (first is None) != (last is None):
        raise click.UsageError("--from and --to go together")
    if first is not None:
        if period is not None:
            raise click.UsageError("give --period or --from/--to, not both")
        try:
            return period_range(first, last)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    return [period or settings.default_period]


def _sections(run) -> list[str]:
    from onapage import runner

    try:
        return run.sections()
    except runner.UnknownSections as exc:
        raise click.BadParameter(str(exc), param_hint="'--sections'") from None
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


sections_option = click.option(
    "--sections",
    "only",
    multiple=True,
    metavar="NAME[,NAME...]",
    help="Run only these sections (repeat or comma-separate) [default: every notebook, in booklet order].",
)
workers_option = click.option(
    "--workers", type=click.IntRange(min=1), help="Notebooks executed at once [default: the number of cores]."
)
fresh_option = click.option(
    "--fresh-kernels",
    is_flag=True,
    help="Start a fresh kernel for every notebook (papermill's usual way; slower) "
    "instead of one warm kernel per worker, reset between notebooks.",
)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", required=True, help='The authority\'s name, as the booklet shows it ("Anytown Council").')
@click.option("--la-code", type=click.IntRange(100, 999), required=True,
              help="The DfE's three-digit 'old' LA code (919): it picks the benchmarks and the populations.")
@click.option("--input", "input_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder the month's extracts are dropped into (settings' input_dir).")
@click.option("--short-name", default=None, help="The short name page headers use.  [default: the name without "
              "'Council' and the like]")
@click.option("--period", type=PERIOD, default=None, help="The month commands use when given no --period (YYYY-MM; "
              "the settings' default_period).  [default: the last whole month]")
def init(folder: Path, name: str, la_code: int, input_dir: Path, short_name: str | None, period: Period | None):
    """Make a new authority's workspace in FOLDER, to keep in the authority's own repository.

    \b
    FOLDER/settings.yml   the authority's settings, filled from the DfE's data for the LA code
    FOLDER/targets.yml    its targets (the project's defaults, to change)
    FOLDER/booklet.yml    its products and their sections (a copy of the project's, to edit)
    FOLDER/indicators/    its own indicators, laid out as the catalogue is
    FOLDER/notebooks/     its own pages, and any of the project's it overrides
    FOLDER/outputs/       stores, executed pages and booklets (git-ignored)

    Every command run in FOLDER (or with ONAPAGE_HOME=FOLDER) then uses it, with no --params:
    cd FOLDER && onapage validate && onapage run
    """
    from onapage.scaffold import NewAuthority, init_workspace

    _configure_logging(False)
    try:
        if period is not None and period.kind != "month":
            raise click.BadParameter("the default period is a month, as 2026-10", param_hint="--period")
        authority = NewAuthority(name, la_code, input_dir, short_name, str(period) if period else None)
        written = init_workspace(folder, authority)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    root = folder.resolve()
    console.print(f"Made the workspace for {name} in {root}:", highlight=False)
    for path in written:
        console.print(f"  {path.relative_to(root)}", highlight=False)
    console.print(f"Next: cd {folder} && onapage validate && onapage run   (`onapage check` checks the workspace)",
                  highlight=False)


@main.command()
@period_option
@product_option
@with_settings
def check(settings: Settings, period: Period | None, product: str):
    """Check the workspace: its own indicators and its booklet, against the project's rules.

    \b
    - each of the workspace's own indicators (indicators/) is documented, sourced from the input contract,
      answers every period and basis, and gives the answers worked out by hand in its `tests:`;
    - every product in booklet.yml has a page for each section and knows each indicator it names;
    - the product's booklet built for the period (when there is one) shows every figure with one value,
      labels no figure of a quarterly or annual booklet by the month, and its PDF has no blank page and no
      section over two pages.

    Exits non-zero when any check fails. Settings and targets are checked first, as by every command.
    """
    from onapage.check import run_checks

    def show(check) -> None:
        if check.skipped:
            console.print(f"[dim]skipped[/] {check.name}: {check.skipped}", highlight=False)
        elif check.ok:
            console.print(f"[green]ok[/]      {check.name}", highlight=False)
        else:
            console.print(f"[red]FAILED[/]  {check.name}", highlight=False)
            for problem in check.problems:
                console.print(f"          {problem}", markup=False, highlight=False)

    try:
        checked = period or _default_period(settings, product)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    checks = run_checks(settings, checked, on_check=show, product=product)
    failed = [c for c in checks if not c.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(checks)} checks failed")
    console.print(f"All {len(checks)} checks passed ({sum(1 for c in checks if c.skipped)} with nothing to check).")


@main.command()
@period_option
@click.option("--from", "first", type=PERIOD,
              help="First period of a backfill (with --to): months, quarters or years, as --period.")
@click.option("--to", "last", type=PERIOD, help="Last period of a backfill (with --from), of the same kind as --from.")
@product_option
@sections_option
@workers_option
@fresh_option
@input_option
@partial_option
@with_settings
def run(
    settings: Settings,
    product: str,
    period: Period | None,
    first: Period | None,
    last: Period | None,
    only: tuple[str, ...],
    workers: int | None,
    fresh_kernels: bool,
    input_dir: Path | None,
    allow_partial: bool,
):
    """Produce a month: validate and load the inputs, compute every indicator, execute every section notebook.

    \b
    Steps: 1 validate  2 load into the store  3 compute indicators
           4 write outputs/<period>/indicators.csv and the saved results
           5 execute notebooks/<section>.ipynb for the period, in parallel,
             into outputs/<period>/notebooks/<section>.ipynb
           6 stitch outputs/<period>/booklet.html and booklet.pdf (`onapage build`)
    A range (--from 2018-04 --to 2019-03) backfills every month in it. If a section fails, the
    others are still written, its partial notebook is kept as <section>.failed.ipynb, and the
    command exits with status 1 naming the section, the failing cell and the exception.
    With --sections only those sections are executed; the booklet is then rebuilt with every
    other section as its notebook already is.
    """
    from onapage import runner

    run = _month(
        settings,
        _periods(settings, period or (None if first else _default_period(settings, product)), first, last),
        product=product,
        only=list(only) or None,
        input_dir=input_dir,
        allow_partial=allow_partial,
    )
    _sections(run)  # an unknown --sections name, or a period of the wrong kind, is refused before any work
    periods = run.periods
    label = " (SYNTHETIC DEMO DATA)" if settings.authority.synthetic else ""
    span = periods[0].label if len(periods) == 1 else f"{periods[0].label} to {periods[-1].label}"
    console.print(f"[bold]{settings.authority.name}[/] - {span}{label}")
    with _holding(run):
        _validate_and_load(run)
        _write_indicators(run)
        started = time.perf_counter()
        results = run.execute(workers=workers, reuse_kernels=not fresh_kernels, console=console)
        console.print(runner.results_table(results))
        counts = runner.summary_counts(results)
        console.print(
            f"{len(results)} notebook{'' if len(results) == 1 else 's'} in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{n} {status}" for status, n in counts.items())
        )
        report = runner.failure_report(results)
        if report:
            console.print(report, style="red", markup=False, highlight=False, soft_wrap=True)
            sys.exit(1)
        if not run.complete:
            unrun = _not_yet_run(run)
            if unrun:
                console.print(f"The booklet was not rebuilt: {', '.join(unrun)} ha{'s' if len(unrun) == 1 else 've'} "
                              f"no notebook yet. `{workspace.command(f'run --period {periods[-1]}')}` runs every "
                              "section and builds it.", markup=False)
                return
            console.print(f"Rebuilding the booklet with {', '.join(_sections(run))} as just run and every other "
                          "section as its notebook now is.", markup=False)
        for p in periods:
            _build(run, p, "auto", pdf=True)


@main.command()
@period_option
@sections_option
@workers_option
@click.option(
    "--backfill-months",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also time a backfill of this many months ending with the period (12 for the target).",
)
@click.option(
    "--import",
    "import_statement",
    default="import onapage.pages",
    show_default=True,
    help="What the floor imports after starting each kernel (the notebooks' first code cell).",
)
@click.option("--no-fresh", is_flag=True, help="Skip the comparison run with a fresh kernel per notebook.")
@with_settings
def bench(
    settings: Settings,
    period: Period | None,
    only: tuple[str, ...],
    workers: int | None,
    backfill_months: int,
    import_statement: str,
    no_fresh: bool,
):
    """Time the pipeline on the loaded store: the data steps, then the month's notebooks.

    \b
    Measures in one run (run `onapage run` first):
      reading and validating the inputs; loading them into a fresh store
      computing every indicator for the last 36 months in one pass
      the runner, all sections of the month, in parallel
      the same with a fresh kernel per notebook
      papermill executing the same notebooks one after another
      the floor: start a kernel and run the import, per section
      the month's booklet by each renderer (built-in, Quarto when on PATH): wall time, peak memory,
      size, and opened in headless Chromium with the network blocked (requests, axe-core)
    and prints ratios and where the time goes. Saves outputs/bench.json and bench.md.
    """
    from onapage import bench as benchmark
    from onapage.atomic import write_atomically

    period = period or settings.default_period
    periods = period.trend(backfill_months) if backfill_months else [period]
    run = _month(settings, periods, only=list(only) or None)
    sections = _sections(run)
    with console.status("Timing the data steps ..."):
        data = benchmark.data_steps(settings, period)
    with console.status("Computing the indicators the pages read ..."):
        run.compute()
    report = benchmark.bench(
        sections,
        period,
        notebooks_dir=run.notebooks_dir,
        output_root=settings.output_dir,
        parameters=run.parameters,
        workers=workers,
        import_statement=import_statement,
        backfill_months=backfill_months,
        compare_fresh=not no_fresh,
        console=console,
        preparer_for=run.preparer,  # as `onapage run` prepares each notebook
    )
    report.data = data
    from onapage.booklet.measure import compare

    with console.status("Building the booklet with each renderer and opening it ..."):
        report.renderers = compare(run.params_file, period, run.product, settings.output_dir / "bench" / "renderers")
    click.echo(report.to_markdown())
    layout = OutputLayout(settings.output_dir)
    out, md = layout.bench_report("json"), layout.bench_report("md")
    write_atomically(out, lambda tmp: tmp.write_text(report.to_json(), encoding="utf-8"))
    write_atomically(md, lambda tmp: tmp.write_text(report.to_markdown(), encoding="utf-8"))
    console.print(f"Wrote {out} and {md}")


@main.command()
@period_option
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True, help="File format."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write [default: outputs/<authority>/<period>/indicators.<format>].",
)
@with_settings
def indicators(settings: Settings, period: Period | None, fmt: str, out: Path | None):
    """Export the period's indicators from the store, ready to paste into other returns.

    One row per indicator: id, title, section, unit, value, numerator, denominator, year to
    date, previous month, same month last year, last year's outturn, target, RAG, direction
    of travel, variance and published benchmarks (England, region, statistical neighbours).
    Run `onapage load` (or `run`) first.
    """
    try:
        _write_indicators(_month(settings, [period or settings.default_period]), fmt, out, save=False)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


@main.command("history")
@with_settings
def history_command(settings: Settings):
    """Show what the store's history holds: for each list and extract, the days its extracts' windows
    cover, and every extract loaded, with its window and when it was loaded.

    A figure is computed only where these days cover every day it needs; otherwise it is n/a and says
    why. Aggregates only: no child's record is shown.
    """
    import pandas as pd
    from rich.table import Table

    from onapage import store
    from onapage.contract import load_contract
    from onapage.store.history import coverage, extracts

    try:
        with store.connect(settings.store, read_only=True) as con:
            covered, loaded = coverage(con), extracts(con)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    spans = Table(title=f"What the store holds ({settings.store})")
    for heading in ("List or extract", "Days covered", "Extracts with rows"):
        spans.add_column(heading)
    for dataset in load_contract().datasets.values():
        if dataset.key in covered:
            cov = covered[dataset.key]
            days = "; ".join(str(w) for w in cov.spans) or "no rows loaded"
            rows = int(((loaded["dataset"] == dataset.key) & (loaded["rows"] > 0)).sum())
            spans.add_row(dataset.label, days, str(rows))
    console.print(spans)
    annex = loaded[loaded["dataset"].str.startswith("list_")].drop_duplicates(["sha256", "window_end"])
    extracts_table = Table(title="Annex A extracts loaded, oldest first")
    for heading in ("Window", "File", "Loaded at"):
        extracts_table.add_column(heading)
    for row in annex.itertuples():
        window = "-" if pd.isna(row.window_start) else f"{row.window_start:%d/%m/%Y} to {row.window_end:%d/%m/%Y}"
        extracts_table.add_row(window, row.source_file, f"{row.loaded_at:%d/%m/%Y %H:%M}")
    console.print(extracts_table)


def _not_yet_run(run) -> list[str]:
    """The product's sections without an executed notebook in one of the run's periods."""
    from dataclasses import replace

    every = replace(run, only=None).sections()
    return [s for s in every if any(not run.layout.period(p).notebook(s).exists() for p in run.periods)]


def _build(run, period: Period, renderer: str, pdf: bool) -> None:
    """Stitch the booklet; without a browser the PDF is skipped with a warning, never the HTML."""
    from onapage.booklet import BookletError, QuartoError
    from onapage.booklet.consistency import BookletDisagrees
    from onapage.booklet.pdf import BrowserUnavailable

    try:
        with console.status(f"Building the booklet for {period.label} ..."):
            try:
                result = run.build(period, renderer=renderer, pdf=pdf)
            except BrowserUnavailable as exc:
                console.print(f"[yellow]warning[/] no PDF: {exc}")
                result = run.build(period, renderer=renderer, pdf=False)
    except (BookletError, QuartoError, FileNotFoundError, BookletDisagrees) as exc:
        raise click.ClickException(str(exc)) from None
    for warning in result.warnings:
        console.print(f"[yellow]warning[/] {warning}")
    console.print(result.summary())


@main.command()
@period_option
@click.option(
    "--renderer",
    type=click.Choice(["auto", "builtin", "quarto"]),
    default="auto",
    show_default=True,
    help="builtin: onapage stitches the booklet itself; quarto: also render it with Quarto, into "
    "quarto/booklet.html (needs Quarto); auto: quarto when it is installed.",
)
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also print booklet.pdf with headless Chromium.")
@product_option
@with_settings
def build(settings: Settings, period: Period | None, renderer: str, pdf: bool, product: str):
    """Stitch the period's executed notebooks into one self-contained booklet.html (and booklet.pdf).

    \b
    Writes <output_dir>/<period>/booklet.html   cover, contents, every section; opens offline
           <output_dir>/<period>/booklet.pdf    the same for the committee pack (page numbers)
           <output_dir>/<period>/quarto/        booklet.qmd (+ booklet.html with --renderer quarto)
    Nothing is re-executed: build again after writing commentary, in seconds. Commentary edited in
    <output_dir>/<period>/commentary/<section>.md is brought into the notebooks first, as a run
    would. Refused, naming who, while a run or another build holds the store's lock.
    """
    from onapage.locks import Locked

    run = _month(settings, [period or _default_period(settings, product)], product=product)
    _sections(run)
    try:
        with run.lock("building the booklet for"):
            _build(run, run.last, renderer, pdf)
    except Locked as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@period_option
@click.option(
    "--to",
    "to_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to publish into (e.g. the intranet's web folder).",
)
@click.option("--replace", is_flag=True, help="Replace the period if it is already published.")
@click.option(
    "--allow-unsigned",
    is_flag=True,
    help="Publish although some sections' commentary is not signed off (the booklet marks it draft).",
)
@product_option
@with_settings
def publish(settings: Settings, period: Period | None, to_dir: Path, replace: bool, allow_unsigned: bool,
            product: str):
    """Copy the built booklet (HTML and PDF) to TO/<period>/ with a manifest and refresh TO/index.html.

    Atomic: a failure leaves what was published before untouched, and a folder that cannot be written
    (read-only, or no permission) is named. Refuses to replace a published period
    without --replace; commentary not signed off without --allow-unsigned; and a booklet older than its
    notebooks or commentary files (a sign-off after the build): build again first. The manifest records
    the inputs' hashes, the package version, who published and each section's sign-off.
    """
    from onapage.publish import PublishError
    from onapage.publish import publish as publish_booklet

    period = period or _default_period(settings, product)
    settings = _month(settings, [period], product=product).settings  # the product's own output folder
    try:
        done = publish_booklet(settings, period, to_dir, replace=replace, allow_unsigned=allow_unsigned,
                               product=product)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    verb = "Replaced" if done.replaced else "Published"
    console.print(f"{verb} {period.label} in {done.folder}; index {done.index}")


@main.group("commentary")
def commentary_group():
    """Analysts' commentary, kept in <output_dir>/<period>/commentary/<section>.md beside the notebooks."""


@commentary_group.command("sign")
@period_option
@click.option("--section", required=True, help="The section (notebook name), e.g. child_protection.")
@click.option("--status", type=click.Choice(["draft", "reviewed", "signed-off"]), required=True, help="The new status.")
@click.option("--by", "by", required=True, help="Who reviewed or signed it off.")
@click.option("--block", "key", default=None, help="One block's key [default: every block of the section].")
@product_option
@with_settings
def commentary_sign(
    settings: Settings, period: Period | None, section: str, status: str, by: str, key: str | None, product: str
):
    """Set the status (draft / reviewed / signed-off), who and when of a section's commentary.

    Publishing refuses a period whose commentary is not signed off, unless --allow-unsigned.
    Build again afterwards so the booklet shows the new status (publish checks that you did).
    """
    from onapage import commentary

    run = _month(settings, [period or _default_period(settings, product)], product=product)
    period, settings = run.last, run.settings  # the product's own output folder
    known = _sections(run)
    if section not in known:
        raise click.BadParameter(f"{section!r} is not a section of the booklet; sections: {', '.join(known)}",
                                 param_hint="'--section'")
    try:
        blocks = commentary.sign(settings.output_dir, period, section, status, by, key=key)
    except commentary.SignOffError as exc:
        raise click.ClickException(str(exc)) from None
    for k, b in blocks.items():
        console.print(f"{section} {period} {k}: {b.status} by {b.by} at {b.at}", markup=False)


@commentary_group.command("status")
@period_option
@sections_option
@product_option
@with_settings
def commentary_status(settings: Settings, period: Period | None, only: tuple[str, ...], product: str):
    """What is still to write, review or sign: every block of every section's commentary, as empty (only the
    template's prompts), carried forward (last month's words, not yet edited), drafted (data comments drafted
    from the figures), draft, reviewed or signed off, with who and when. "partly" marks words written
    beside a prompt still left in."""
    from rich.table import Table

    from onapage import commentary

    run = _month(settings, [period or _default_period(settings, product)], only=list(only) or None, product=product)
    period = run.last
    rows = commentary.progress(run.settings.output_dir, period, _sections(run))
    table = Table(title=f"Commentary for {period.label}")
    for column in ("section", "block", "state", "by", "at"):
        table.add_column(column)
    for row in rows:
        state = row.state + (" (partly)" if row.partly else "")
        table.add_row(row.section, row.key, state, row.by or "", row.at or "", style=None)
    console.print(table)
    counts = {state: sum(r.state == state for r in rows) for state in commentary.PROGRESS_ORDER}
    console.print(", ".join(f"{n} {state}" for state, n in counts.items() if n) + f" ({len(rows)} blocks)",
                  markup=False)
    todo = sorted({r.section for r in rows if r.state in (commentary.EMPTY, commentary.CARRIED) or r.partly})
    if todo:
        console.print(f"Still to write: {', '.join(todo)}", markup=False)
    unsigned = sorted({r.section for r in rows if r.state != commentary.SIGNED_OFF})
    if unsigned:
        console.print(f"Not yet signed off: {', '.join(unsigned)}", markup=False)




# JupyterLab asks the internet for news and new versions; a council desktop should not be made to.
LAB_OFFLINE = [
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
]
# Saving a section notebook writes its commentary file (onapage.labhook).
LAB_SAVE_HOOK = "--ContentsManager.post_save_hook=onapage.labhook.post_save"
# Settings every onapage lab starts with: no "receive news?" prompt, no update checks.
LAB_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def lab_settings_dir(output_dir: Path) -> Path:
    """JupyterLab's application settings folder for `onapage lab` (`<output_dir>/.lab/settings`), holding
    LAB_OVERRIDES as its overrides.json."""
    import json

    from onapage.atomic import write_atomically

    folder = Path(output_dir) / ".lab" / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    content = json.dumps(LAB_OVERRIDES, indent=1)
    write_atomically(folder / "overrides.json", lambda tmp: tmp.write_text(content, encoding="utf-8"))
    return folder


def lab_command(folder: Path, *, browser: bool = True, port: int | None = None,
                settings_dir: Path | None = None) -> list[str]:
    """The command that starts JupyterLab on `folder` with this Python (the kernel sees the installed package),
    saving commentary on every save."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", *LAB_OFFLINE, LAB_SAVE_HOOK]
    if settings_dir is not None:
        command.append(f"--LabApp.app_settings_dir={settings_dir}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # a container's only user: JupyterLab would refuse to start
        command.append("--allow-root")
    if not browser:
        command.append("--no-browser")
    if port:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    return command


@main.command()
@period_option
@click.option("--no-browser", is_flag=True, help="Start the server without opening a browser (print its address).")
@click.option("--port", type=int, default=None, help="Port to serve on [default: JupyterLab's, 8888 or the next free].")
@product_option
@with_settings
def lab(settings: Settings, period: Period | None, no_browser: bool, port: int | None, product: str):
    """Open JupyterLab on the period's executed notebooks, to read the figures and write commentary.

    Commentary cells are the ones under the charts (data comments) and at the end of each page
    (commentary and the three service-analysis questions); the code cells are collapsed. Replace
    each italic prompt with your words. Every save (Ctrl+S) also writes them as text to
    <output_dir>/<period>/commentary/<section>.md, and they are kept when the month is run again;
    if that file was changed too, the notebook's words win, the file's are kept beside it as a
    conflict copy, and JupyterLab says so. Notebooks are signed as trusted, so their charts and
    tables show as in the booklet. Afterwards, `onapage build` re-stitches the booklet.
    """
    import subprocess

    run = _month(settings, [period or _default_period(settings, product)], product=product)
    period, folder = run.last, run.layout.period(run.last).notebooks
    if not folder.is_dir():
        again = "" if product == "monthly_booklet" else f" --product {product}"
        rerun = workspace.command(f"run{again} --period {period}")
        raise click.ClickException(f"{folder}: no executed notebooks; run `{rerun}` first")
    trust_notebooks(folder)
    console.print(f"JupyterLab on {folder} (Ctrl+C to stop)", markup=False)
    command = lab_command(folder, browser=not no_browser, port=port,
                          settings_dir=lab_settings_dir(run.settings.output_dir))
    sys.exit(subprocess.call(command))


@main.group()
def benchmarks():
    """Published DfE comparator figures: England, regions, every authority, statistical neighbours."""


@benchmarks.command("refresh")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder holding the DfE CSVs exactly as downloaded from Explore Education Statistics.",
)
@click.option("--replace", is_flag=True, help="Build only from the folder instead of merging it over the table.")
def benchmarks_refresh(source: Path, replace: bool):
    """Rebuild the comparator table from next year's published CSVs (newer figures win)."""
    from onapage.benchmarks.comparators import main as build

    sys.exit(build(["--from", str(source), *(["--replace"] if replace else [])]))


@benchmarks.command("show")
@with_settings
def benchmarks_show(settings: Settings):
    """Print the authority's latest published figures beside England, its region and its neighbours."""
    from onapage.benchmarks import benchmarks_for, measure_ids

    for measure_id in measure_ids():
        try:
            b = benchmarks_for(settings.authority.la_code, measure_id, region=settings.authority.region).summary()
        except KeyError as exc:
            click.echo(f"{measure_id:40s} {exc}")
            continue
        figures = "  ".join(
            f"{name} {_number(b[key]):>9}"
            for name, key in (("LA", "la"), ("England", "england"), ("region", "region"), ("SN mean", "sn_mean"))
        )
        click.echo(f"{measure_id:38s} {b['year'] or '':8s} {figures}")


def _number(value) -> str:
    return "-" if value is None else f"{value:,.1f}"


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("docs/input_contract.md"),
    show_default=True,
    help="Where to write the reference.",
)
def contract(out: Path):
    """Write the input contract reference (every list, extract, column and code) as Markdown."""
    from onapage.contract.reference import contract_markdown

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(contract_markdown(), encoding="utf-8")
    console.print(f"Wrote {out}")


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the rules as Markdown here (docs/data_quality_rules.md) instead of listing them.",
)
def rules(out: Path | None):
    """List the data-quality gate's rules: what each checks, and whether it stops the run or warns."""
    from onapage.validation import all_rules
    from onapage.validation.reference import rules_markdown

    if out is None:
        for rule in all_rules():
            click.echo(f"{rule.title} ({rule.name}): {rule.explains}\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rules_markdown(), encoding="utf-8")
    console.print(f"Wrote {out}")


if __name__ == "__main__":
    main()
