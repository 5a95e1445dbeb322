"""A product's sections and everything each one is made of, derived from `params/booklet.yml` and the
folders' layout, and checked before a run starts.

A section `x` of a product is:
- its page, `notebooks/x.ipynb` (every section has one);
- its indicators, `lib/onapage/indicators/catalogue/x.yml` with a query per indicator in `x/` (the
  sections that show indicators; the cover and the scorecard draw on all of them);
- its default targets, `params/targets/x.yml` (optional);
- its title, from the catalogue's list of sections or the pages' own.

So a section is added by naming it in `params/booklet.yml` and adding its files; a name in one place
and not the others is reported with what is missing, before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from onapage.config import PROJECT_ROOT, ConfigError, load_booklet
from onapage.indicators.catalogue import SECTIONS, load_catalogue

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


def product_pages(product: str = "monthly_booklet") -> Path:
    """The folder of the product's notebooks: notebooks/ for the monthly booklet, notebooks/<pages>/ for a
    product that names its own `pages`."""
    pages = load_booklet().product(product).pages
    return PROJECT_ROOT / "notebooks" / pages if pages else PROJECT_ROOT / "notebooks"


def product_sections(
    product: str = "monthly_booklet", notebooks_dir: Path | None = None, targets_dir: Path = TARGETS_DIR
) -> list[Section]:
    """The product's sections in booklet order, each with its parts; ConfigError listing every part missing."""
    notebooks_dir = Path(notebooks_dir or product_pages(product))
    names = load_booklet().product(product).sections
    counts: dict[str, int] = {}
    for ind in load_catalogue().values():
        counts[ind.section] = counts.get(ind.section, 0) + 1
    problems, out = [], []
    for name in names:
        notebook = notebooks_dir / f"{name}.ipynb"
        if not notebook.exists():
            problems.append(f"section {name!r} has no page: {notebook} is missing")
        if name not in SECTIONS and name not in WHOLE_BOOKLET_PAGES:
            problems.append(f"section {name!r} is not in the indicator catalogue's sections ({', '.join(SECTIONS)})")
        targets = targets_dir / f"{name}.yml"
        title = WHOLE_BOOKLET_PAGES.get(name) or SECTIONS.get(name, name)
        out.append(Section(name, title, notebook, counts.get(name, 0), targets if targets.exists() else None))
    catalogue = load_catalogue()
    product_cfg = load_booklet().product(product)
    problems += [f"corporate_plan names {i!r}, which is not in the indicator catalogue"
                 for i in product_cfg.corporate_plan if i not in catalogue]
    strays = sorted(p.stem for p in targets_dir.glob("*.yml") if p.stem not in SECTIONS) if targets_dir.is_dir() else []
    problems += [f"targets file {targets_dir / f'{s}.yml'} names no section" for s in strays]
    if problems:
        raise ConfigError(f"product {product!r} in params/booklet.yml: " + "; ".join(problems))
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
