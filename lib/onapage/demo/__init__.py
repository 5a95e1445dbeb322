"""The synthetic demo authority, Northbridge: Annex A lists and supplementary extracts for a fictional borough.

    from onapage.demo import generate_demo
    summary = generate_demo("data/demo", seed=2026)

Every record is invented: no real child, worker or carer. The same seed always writes the same bytes;
`messy=True` writes the same records the way real extracts look (drifted headings, prefixed codes, mixed
date formats), and `workbook=True` puts the eleven lists in one workbook as authorities usually send them.
`template=True` writes that workbook exactly as the Ofsted Annex A template lays it out (its headings,
column order and drop-down values; `template_edition` picks the edition, the latest by default).

    from onapage.demo import generate_monthly
    archive = generate_monthly("data/demo_archive", months=13, template=True)

writes instead the extracts the authority would have archived at the end of each of the 13 months to `end`,
one folder each (data/demo_archive/2025-10, ..., 2026-10), cut from the same simulated world: lists 1 to 5
hold six months of events (twelve in the first, where the archive starts), lists 6 to 8 the episodes open or
closed in them, list 9 the care leavers as they were that month (see `archive.py`).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from onapage.contract import load_contract

from . import archive, calibration, recording
from .extract_tables import supplementary
from .lists import annex_a
from .messy import Messifier
from .run import DemoRun, load_teams
from .template_form import TemplateForm
from .world import simulate
from .writer import WORKBOOK_NAME, check, write_all

__all__ = ["DemoSummary", "MonthlySummary", "generate_demo", "generate_many", "generate_monthly"]

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

    @property
    def form(self) -> str:
        if self.template:
            return f"Ofsted template ({self.template} edition) workbook + CSV"
        return ("messy " if self.messy else "clean ") + ("workbook + CSV" if self.workbook else "CSV")

    def __str__(self) -> str:
        head = (
            f"{AUTHORITY} (synthetic): seed {self.seed}, scale {self.scale}, {self.window_start} to {self.end} "
            f"({self.months} months), {self.form}, {sum(self.rows.values()):,} rows in {self.seconds:.1f} s"
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
    run = _run(seed, scale, end, months, teams)
    world = simulate(run)
    summary = _write_folder(
        out, run, annex_a(world), supplementary(world), end, run.months, run.window_start.astype(object),
        messy=messy, workbook=workbook, template=template, template_edition=template_edition,
    )
    (out / "manifest.json").write_text(_manifest(summary), encoding="utf-8")
    (out / "DEMO_README.md").write_text(_readme(summary), encoding="utf-8")
    return DemoSummary(**{**summary.__dict__, "seconds": round(time.perf_counter() - started, 2)})


def _run(seed, scale, end: date, months, teams) -> DemoRun:
    return DemoRun(
        seed=int(seed),
        scale=float(scale),
        end=end,
        months=int(months),
        teams={k: tuple(v) for k, v in teams.items()} if teams else load_teams(),
    )


def _write_folder(
    out: Path, run: DemoRun, lists, extracts, end: date, months: int, window_start: date, *, messy: bool,
    workbook: bool, template: bool, template_edition: str | None, write_extracts=None,
) -> DemoSummary:
    """Write one extract's lists and extracts into `out` in the form asked for; its summary (no timing).
    `write_extracts(out)`, if given, writes the (clean) extracts instead and returns their row counts."""
    out.mkdir(parents=True, exist_ok=True)
    messifier = Messifier(run.rng("messy")) if messy else None
    form = TemplateForm(run.rng("template"), template_edition) if template or template_edition else None
    workbook = workbook or form is not None
    rows = write_all(out, lists, extracts, workbook=workbook, messifier=messifier, when=end, template=form)
    if write_extracts is not None:
        rows.update(write_extracts(out))
    _remove_stale(out, workbook)
    return DemoSummary(
        out, run.seed, run.scale, end, months, window_start, messy, workbook, rows, form.edition if form else None
    )


@dataclass(frozen=True)
class MonthlySummary:
    out_root: Path
    seed: int
    scale: float
    end: date
    history_months: int
    extracts: list[DemoSummary]
    late_events: dict[str, int] = field(default_factory=dict)  # events missing from their own month's extract
    seconds: float = 0.0

    def __str__(self) -> str:
        head = (
            f"{AUTHORITY} (synthetic): seed {self.seed}, scale {self.scale}, {len(self.extracts)} monthly "
            f"extract{'s' if len(self.extracts) > 1 else ''} to {self.end}, {self.extracts[0].form}, "
            f"in {self.seconds:.1f} s"
        )
        lines = [
            f"  {s.out_dir.name}  {s.window_start} to {s.end}  {sum(s.rows.values()):>9,} rows" for s in self.extracts
        ]
        late = sum(self.late_events.values())
        tail = f"  {late:,} events of lists 1-5 recorded after their month's end (absent there, in a later extract)"
        return "\n".join([head, *lines, tail])

    @property
    def folders(self) -> list[Path]:
        return [s.out_dir for s in self.extracts]


def generate_monthly(
    out_root,
    months: int = 13,
    *,
    seed: int = 2026,
    scale: float = 1.0,
    end: date = date(2026, 10, 31),
    messy: bool = False,
    workbook: bool = False,
    template: bool = False,
    template_edition: str | None = None,
    history_months: int = 43,
    teams: dict[str, list[str]] | None = None,
) -> MonthlySummary:
    """Write the extracts the demo authority archived at the end of each of the `months` months ending with the
    month of `end`, into out_root/<YYYY-MM>/, each a complete input folder in the form asked for.

    The world is simulated once, exactly as `generate_demo` with the same seed, scale, end and `history_months`
    simulates it, and each month's extract is cut from it as it stood at that month's end (see `archive.py`).
    The last month's folder holds what the single extract holds within its windows.
    """
    started = time.perf_counter()
    if months < 1:
        raise ValueError(f"months must be at least 1, found {months}")
    needed = max(months + archive.EVENT_MONTHS - 1, archive.FIRST_EVENT_MONTHS)
    if needed > history_months:
        raise ValueError(
            f"{months} monthly extracts of {archive.EVENT_MONTHS} months (the first of "
            f"{archive.FIRST_EVENT_MONTHS}) need a history of at least {needed} months, found {history_months}"
        )
    root = Path(out_root)
    root.mkdir(parents=True, exist_ok=True)
    run = _run(seed, scale, end, history_months, teams)
    world = simulate(run)
    tables = supplementary(world)
    contract = load_contract()
    for key, frame in tables.items():
        check(frame, contract.dataset(key))
    texts = None if messy else archive.ExtractTexts(tables)  # the clean text is rendered once for every month
    dates = archive.cut_dates(end, months)
    leavers = archive.leavers_by_date(world, dates)
    summaries, first_day = [], None
    for then in dates:
        window_months = archive.FIRST_EVENT_MONTHS if then == dates[0] else archive.EVENT_MONTHS
        view = world.as_at(then, window_months, leavers[then])
        first_day = first_day or view.run.window_start.astype(object)
        out = root / f"{then:%Y-%m}"
        if texts is None:
            extracts, write_extracts = archive.monthly_extracts(world, tables, then), None
        else:
            cuts = archive.cut_extracts(world, tables, then)
            extracts, write_extracts = {}, lambda folder, cuts=cuts: texts.write(folder, cuts)
        summary = _write_folder(
            out, run, annex_a(view), extracts, then, window_months, view.run.window_start.astype(object),
            messy=messy, workbook=workbook, template=template, template_edition=template_edition,
            write_extracts=write_extracts,
        )
        (out / "manifest.json").write_text(_manifest(summary, _archive_facts(run, dates, then)), encoding="utf-8")
        note = _archive_note(run, dates, then, summary)
        (out / "DEMO_README.md").write_text(_readme(summary, note), encoding="utf-8")
        summaries.append(summary)
    _remove_stale_months(root, {f"{d:%Y-%m}" for d in dates})
    late = archive.late_events(world, first_day, end)
    result = MonthlySummary(root, run.seed, run.scale, end, run.months, summaries, late)
    (root / "manifest.json").write_text(_archive_manifest(result), encoding="utf-8")
    (root / "DEMO_README.md").write_text(_archive_readme(result), encoding="utf-8")
    return MonthlySummary(**{**result.__dict__, "seconds": round(time.perf_counter() - started, 2)})


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


def _manifest(s: DemoSummary, archive_facts: dict | None = None) -> str:
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
                **(archive_facts or {}),
                "row_counts": dict(sorted(s.rows.items(), key=_natural)),
            },
            indent=2,
        )
        + "\n"
    )


def _readme(s: DemoSummary, archive_note: str | None = None) -> str:
    files = "\n".join(f"| `{name}` | {n:,} |" for name, n in sorted(s.rows.items(), key=_natural))
    style = (
        "messy (as real extracts look: drifted headings, prefixed codes, mixed date formats)" if s.messy else "clean"
    )
    if s.template:
        style = f"the Annex A lists in the Ofsted template's layout ({s.template} edition), the extracts {style}"
    regenerate = f"""Regenerate with
`onapage.demo.generate_demo(out_dir, seed={s.seed}, scale={s.scale}, messy={s.messy}, workbook={s.workbook},
template_edition={s.template!r})`."""
    return f"""# {AUTHORITY} — synthetic demo data

**Everything in this folder is synthetic.** {AUTHORITY} is a fictional local authority; no record describes a
real child, family, carer or member of staff. Child IDs ("NB000123"), worker labels ("Worker 17"), adopter and
family IDs, placement postcodes (areas such as "NB3" and "QA7" that no real postcode uses) and URNs are invented.
The magnitudes are calibrated to published booklets of a London borough so that the reports look realistic.

- Seed {s.seed}, scale {s.scale} (0-17 population about {round(calibration.POPULATION_0_17 * s.scale):,})
- Window: {s.window_start.isoformat()} to {s.end.isoformat()} ({s.months} months), extracted as at {s.end.isoformat()}
- Presentation: {style}; Annex A lists as {"one workbook, " + WORKBOOK_NAME if s.workbook else "one CSV per list"}

{archive_note or regenerate}

| file | rows |
|---|---:|
{files}
"""


def _archive_facts(run: DemoRun, dates: list[date], then: date) -> dict:
    return {
        "archive": {
            "extract_month": f"{then:%Y-%m}",
            "first_month": f"{dates[0]:%Y-%m}",
            "last_month": f"{dates[-1]:%Y-%m}",
            "history_months": run.months,
            "history_window_start": run.window_start.astype(object).isoformat(),
            "late_recording_share": recording.LATE_SHARE,
        }
    }


def _archive_note(run: DemoRun, dates: list[date], then: date, s: DemoSummary) -> str:
    return f"""This folder is the extract for {then:%B %Y}, one of {len(dates)} monthly extracts ({dates[0]:%Y-%m} to
{dates[-1]:%Y-%m}) archived as the authority took them, each at its month's end, all cut from one simulated history
({run.months} months to {run.end.isoformat()}). Lists 1 to 5 hold the events of the {s.months} months to the extract
date (an event recorded late, after that date, is in a later month's extract); lists 6 to 8 the episodes open on that
date or closed in those months, as they stood then; list 9 the care leavers as they were then; the supplementary
extracts everything dated up to that date.

Regenerate the archive with
`onapage.demo.generate_monthly(out_root, months={len(dates)}, seed={run.seed}, scale={run.scale},
end=date.fromisoformat("{run.end.isoformat()}"), history_months={run.months}, messy={s.messy}, workbook={s.workbook},
template_edition={s.template!r})`."""


def _archive_manifest(m: MonthlySummary) -> str:
    return (
        json.dumps(
            {
                "authority": AUTHORITY,
                "synthetic": True,
                "generator_version": GENERATOR_VERSION,
                "archive": True,
                "seed": m.seed,
                "scale": m.scale,
                "end": m.end.isoformat(),
                "history_months": m.history_months,
                "late_recording_share": recording.LATE_SHARE,
                "months": [s.out_dir.name for s in m.extracts],
                "late_events": m.late_events,
            },
            indent=2,
        )
        + "\n"
    )


def _archive_readme(m: MonthlySummary) -> str:
    folders = "\n".join(
        f"| `{s.out_dir.name}/` | {s.window_start.isoformat()} to {s.end.isoformat()} | {sum(s.rows.values()):,} |"
        for s in m.extracts
    )
    return f"""# {AUTHORITY} — synthetic demo data: {len(m.extracts)} monthly extracts

**Everything in these folders is synthetic.** {AUTHORITY} is a fictional local authority; no record describes a
real child, family, carer or member of staff.

Each folder is the extract the authority archived at the end of one month, a complete input folder: load them
in order (`onapage load --history <this folder>`) and the store builds up the history. Lists 1 to 5 of each hold
six months of events (the first folder, where the archive starts, twelve); the last folder holds what the single
demo extract (`onapage demo-data`) holds within the same windows. About {recording.LATE_SHARE:.0%} of the events of \
lists 1 to 5 were recorded late, 1 to {recording.LATE_DAYS[1]} days after they happened: \
{sum(m.late_events.values()):,} of those in these months are missing from their own month's extract and appear in \
a later one.

Regenerate with `onapage.demo.generate_monthly(out_root, months={len(m.extracts)}, seed={m.seed}, \
scale={m.scale}, end=date.fromisoformat("{m.end.isoformat()}"), history_months={m.history_months})` (the form \
options as in each folder's README).

| folder | lists 1-5 cover | rows |
|---|---|---:|
{folders}
"""


def _remove_stale_months(root: Path, months: set[str]) -> None:
    """Drop month folders an earlier archive of this demo left in `root` that this one does not write."""
    for folder in root.iterdir():
        if not (folder.is_dir() and re.fullmatch(r"\d{4}-\d{2}", folder.name)) or folder.name in months:
            continue
        manifest = folder / "manifest.json"
        try:
            facts = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if facts.get("authority") == AUTHORITY and facts.get("synthetic") is True and "archive" in facts:
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    path.unlink()
            if not any(folder.iterdir()):
                folder.rmdir()
