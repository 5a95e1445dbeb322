"""A product's sections and everything each one is made of, derived from the booklet file in force
(a workspace's `booklet.yml`, else `params/booklet.yml`) and the folders' layout, checked before a run starts.

A section `x` of a product is:
- its page, `notebooks/x.ipynb` (every section has one); a workspace's `notebooks/x.ipynb` overrides the
  project's (`Pages`);
- its indicators, `lib/onapage/indicators/catalogue/x.yml` with a query per indicator in `x/`, and a
  workspace's `indicators/x.yml` (the sections that show indicators; the cover and the scorecard draw on
  all of them);
- its default targets, `params/targets/x.yml` (optional);
- its title, from the catalogue's list of sections (`sections()`) or the pages' own.

So a section is added by naming it in the booklet file and adding its files; a name in one place
and not the others is reported with what is missing, before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from onapage import workspace
from onapage.config import PROJECT_ROOT, ConfigError, booklet_file, load_booklet
from onapage.indicators.catalogue import load_catalogue, sections
from onapage.layout import Pages

# Pages that gather every section's figures rather than show their own.
WHOLE_BOOKLET_PAGES = {
    "cover": "Cover, contents and director commentary",
    "scorecard": "Scorecard",
    "data_quality": "Appendix: the data behind the figures",
    # the other products' own pages
    "delivery_unit": "Delivery unit dashboard: achievements, challenges and summary",
    "corporate_plan": "Delivering the corporate plan",
    "year_plan": "Corporate plan indicators for the year",
    "commissioning": "Commissioning priorities",
    "risk_register": "Risk overview and register",
    "kpi_appendix": "Appendix: every KPI",
    "monitoring_scorecard": "Monitoring scorecard",
    "complaints_annual": "Annual complaints and compliments report",
}
TARGETS_DIR = PROJECT_ROOT / "params" / "targets"


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    notebook: Path
    indicators: int  # how many catalogue indicators the section shows
    targets: Path | None  # its default targets file, if it has one


def product_pages(product: str = "monthly_booklet") -> Pages:
    """The product's page templates: notebooks/ for the monthly booklet, notebooks/<pages>/ for a product
    that names its own `pages`; a workspace's own folder of the same name first."""
    pages = load_booklet().product(product).pages
    stock = PROJECT_ROOT / "notebooks" / pages if pages else PROJECT_ROOT / "notebooks"
    ws = workspace.active()
    if ws is None:
        return Pages((stock,))
    own = ws.notebooks_dir / pages if pages else ws.notebooks_dir
    return Pages((own, stock))


def product_output_dir(output_dir: Path, product: str = "monthly_booklet") -> Path:
    """Where a product's periods are written: the settings' output folder for the monthly booklet; a product
    with pages of its own writes under `<output_dir>/<product>/`, so it never overwrites the booklet's."""
    return Path(output_dir) / product if load_booklet().product(product).pages else Path(output_dir)


def product_sections(
    product: str = "monthly_booklet", notebooks_dir: Pages | Path | None = None, targets_dir: Path = TARGETS_DIR
) -> list[Section]:
    """The product's sections in booklet order, each with its parts; ConfigError listing every part missing."""
    pages = Pages.of(notebooks_dir or product_pages(product))
    names = load_booklet().product(product).sections
    titles = sections()
    counts: dict[str, int] = {}
    for ind in load_catalogue().values():
        counts[ind.section] = counts.get(ind.section, 0) + 1
    problems, out = [], []
    for name in names:
        notebook = pages.template(name)
        if not notebook.exists():
            problems.append(f"section {name!r} has no page: {notebook} is missing")
        if name not in titles and name not in WHOLE_BOOKLET_PAGES:
            problems.append(f"section {name!r} is not in the indicator catalogue's sections ({', '.join(titles)})")
        targets = targets_dir / f"{name}.yml"
        title = WHOLE_BOOKLET_PAGES.get(name) or titles.get(name, name)
        out.append(Section(name, title, notebook, counts.get(name, 0), targets if targets.exists() else None))
    catalogue = load_catalogue()
    product_cfg = load_booklet().product(product)
    problems += [f"corporate_plan names {i!r}, which is not in the indicator catalogue"
                 for i in product_cfg.corporate_plan if i not in catalogue]
    if problems:
        raise ConfigError(f"product {product!r} in {booklet_file()}: " + "; ".join(problems))
    return out


def check_periods(product: str, periods) -> None:
    """A product is made for one kind of period, or a few (`period_kind` in params/booklet.yml): a quarterly
    report for a month is refused, naming the form expected."""
    kinds = load_booklet().product(product).period_kinds
    wrong = [str(p) for p in periods if p.kind not in kinds]
    if wrong:
        examples = {"month": "2026-10", "quarter": "2026-Q2", "year": "2025-26"}
        expected = " or ".join(f"a {kind} (as --period {examples[kind]})" for kind in kinds)
        raise ConfigError(f"product {product!r} is made for {expected}; found {', '.join(wrong)}")
