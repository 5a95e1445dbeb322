"""The synthetic demo authority, Northbridge: Annex A lists and supplementary extracts for a fictional borough.

    from onapage.demo import generate_demo
    summary = generate_demo("data/demo", seed=2026)

Every record is invented: no real child, worker or carer. The same seed always writes the same bytes;
`messy=True` writes the same records the way real extracts look (drifted headings, prefixed codes, mixed
date formats), and `workbook=True` puts the eleven lists in one workbook as authorities usually send them.
`template=True` writes that workbook exactly as the Ofsted Annex A template lays it out (its headings,
column order and drop-down values; `template_edition` picks the edition, the latest by default).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import calibration
from .extract_tables import supplementary
from .lists import annex_a
from .messy import Messifier
from .run import DemoRun, load_teams
from .template_form import TemplateForm
from .world import simulate
from .writer import WORKBOOK_NAME, write_all

__all__ = ["DemoSummary", "generate_demo", "generate_many"]

GENERATOR_VERSION = "1"
AUTHORITY = "Northbridge"


@dataclass(frozen=True)
class DemoSummary:
    out_dir: Path
    seed: int
    scale: float
    end: date
    months: int
    window_start: date
    messy: bool
    workbook: bool
    rows: dict[str, int] = field(default_factory=dict)
    template: str | None = (
        None  # the template edition the workbook follows, if any  # file (or "annex_a.xlsx:List 3") -> data rows
    )
    seconds: float = 0.0

    def __str__(self) -> str:
        form = ("messy " if self.messy else "clean ") + ("workbook + CSV" if self.workbook else "CSV")
        if self.template:
            form = f"Ofsted template ({self.template} edition) workbook + CSV"
        head = (
            f"{AUTHORITY} (synthetic): seed {self.seed}, scale {self.scale}, {self.window_start} to {self.end} "
            f"({self.months} months), {form}, {sum(self.rows.values()):,} rows in {self.seconds:.1f} s"
        )
        return "\n".join([head, *(f"  {name:<32} {n:>9,}" for name, n in sorted(self.rows.items(), key=_natural))])

    @property
    def files(self) -> list[Path]:
        names = {name.split(":")[0] for name in self.rows} | {"DEMO_README.md", "manifest.json"}
        return sorted(self.out_dir / n for n in names)


def generate_demo(
    out_dir,
    *,
    seed: int = 2026,
    scale: float = 1.0,
    messy: bool = False,
    workbook: bool = False,
    template: bool = False,
    template_edition: str | None = None,
    end: date = date(2026, 10, 31),
    months: int = 43,
    teams: dict[str, list[str]] | None = None,
) -> DemoSummary:
    """Write the demo authority's Annex A lists and extracts for the `months` ending with the month of `end`.

    `scale` multiplies the 0-17 population (~97,000 at 1.0) and every volume. `teams` overrides the team
    names read from params/demo.yml (groups: front_door, intervention, children_in_care, care_leavers, early_help).
    """
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    run = DemoRun(
        seed=int(seed),
        scale=float(scale),
        end=end,
        months=int(months),
        teams={k: tuple(v) for k, v in teams.items()} if teams else load_teams(),
    )
    world = simulate(run)
    messifier = Messifier(run.rng("messy")) if messy else None
    form = TemplateForm(run.rng("template"), template_edition) if template or template_edition else None
    workbook = workbook or form is not None
    rows = write_all(
        out, annex_a(world), supplementary(world), workbook=workbook, messifier=messifier, when=end, template=form
    )
    _remove_stale(out, workbook)
    summary = DemoSummary(
        out,
        run.seed,
        run.scale,
        end,
        run.months,
        run.window_start.astype(object),
        messy,
        workbook,
        rows,
        form.edition if form else None,
    )
    (out / "manifest.json").write_text(_manifest(summary), encoding="utf-8")
    (out / "DEMO_README.md").write_text(_readme(summary), encoding="utf-8")
    return DemoSummary(**{**summary.__dict__, "seconds": round(time.perf_counter() - started, 2)})


def generate_many(out_root, n: int, *, seed: int = 2026, scale: float = 1.0, **options) -> list[DemoSummary]:
    """`n` demo authorities in out_root/authority_01, authority_02, ..., each from its own seed (seed, seed+1, ...)."""
    root = Path(out_root)
    return [generate_demo(root / f"authority_{i + 1:02d}", seed=seed + i, scale=scale, **options) for i in range(n)]


def _natural(item: tuple[str, int]) -> list:
    """Sort 'list_2' before 'list_10'."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", item[0])]


def _remove_stale(out: Path, workbook: bool) -> None:
    """A folder holds one form of the lists: drop list CSVs when writing the workbook, and vice versa."""
    stale = [out / f"list_{i}.csv" for i in range(1, 12)] if workbook else [out / WORKBOOK_NAME]
    for path in stale:
        path.unlink(missing_ok=True)


def _manifest(s: DemoSummary) -> str:
    return (
        json.dumps(
            {
                "authority": AUTHORITY,
                "synthetic": True,
                "generator_version": GENERATOR_VERSION,
                "seed": s.seed,
                "scale": s.scale,
                "population_0_17": round(calibration.POPULATION_0_17 * s.scale),
                "end": s.end.isoformat(),
                "months": s.months,
                "window_start": s.window_start.isoformat(),
                "messy": s.messy,
                "workbook": s.workbook,
                "template_edition": s.template,
                "row_counts": dict(sorted(s.rows.items(), key=_natural)),
            },
            indent=2,
        )
        + "\n"
    )


def _readme(s: DemoSummary) -> str:
    files = "\n".join(f"| `{name}` | {n:,} |" for name, n in sorted(s.rows.items(), key=_natural))
    style = (
        "messy (as real extracts look: drifted headings, prefixed codes, mixed date formats)" if s.messy else "clean"
    )
    if s.template:
        style = f"the Annex A lists in the Ofsted template's layout ({s.template} edition), the extracts {style}"
    return f"""# {AUTHORITY} — synthetic demo data

**Everything in this folder is synthetic.** {AUTHORITY} is a fictional local authority; no record describes a
real child, family, carer or member of staff. Child IDs ("NB000123"), worker labels ("Worker 17"), adopter and
family IDs, placement postcodes (areas such as "NB3" and "QA7" that no real postcode uses) and URNs are invented.
The magnitudes are calibrated to published booklets of a London borough so that the reports look realistic.

- Seed {s.seed}, scale {s.scale} (0-17 population about {round(calibration.POPULATION_0_17 * s.scale):,})
- Window: {s.window_start.isoformat()} to {s.end.isoformat()} ({s.months} months), extracted as at {s.end.isoformat()}
- Presentation: {style}; Annex A lists as {"one workbook, " + WORKBOOK_NAME if s.workbook else "one CSV per list"}

Regenerate with
`onapage.demo.generate_demo(out_dir, seed={s.seed}, scale={s.scale}, messy={s.messy}, workbook={s.workbook},
template_edition={s.template!r})`.

| file | rows |
|---|---:|
{files}
"""
