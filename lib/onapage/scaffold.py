"""`onapage init`: a new authority's workspace, every file in it commented so the analyst can edit it.

The settings are filled from what the DfE's data knows of the authority (its name there, its region, its
ONS 0-17 populations); the targets are the project's defaults, written out for the authority to own; the
booklet file is a copy of the project's products. Nothing is written if the folder already holds any of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from onapage.config import DEFAULT_BOOKLET, PROJECT_ROOT, ConfigError, load_settings
from onapage.workspace import SETTINGS_NAME, Workspace

POPULATION_YEARS = 4  # the latest estimates written into the settings


@dataclass(frozen=True)
class NewAuthority:
    name: str
    la_code: int
    input_dir: Path
    short_name: str | None = None
    default_period: str | None = None  # YYYY-MM; the last whole month when not given

    @property
    def short(self) -> str:
        if self.short_name:
            return self.short_name
        trimmed = re.sub(r"\b(Metropolitan|Borough|County|City|District|Royal)?\s*Council\b|\bCouncil of\b", "",
                         self.name)
        return " ".join(trimmed.split()) or self.name

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.short.lower()).strip("_") or "authority"


def init_workspace(folder: Path, authority: NewAuthority, today: date | None = None) -> list[Path]:
    """Write the workspace into `folder` (made if missing); returns the files written. ConfigError, with
    nothing written, when the folder already holds a workspace's file or the LA code is not in the DfE data."""
    folder = Path(folder).resolve()
    files = _files(folder, authority, today or date.today())
    clashes = [path for path in files if path.exists()]
    if clashes:
        raise ConfigError(f"{folder} already holds {', '.join(p.name for p in clashes)}; init writes a new "
                          "workspace into an empty folder (or one without these files), and changes nothing here")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    load_settings(folder / SETTINGS_NAME)  # what was written reads back as valid settings
    return list(files)


def _files(folder: Path, authority: NewAuthority, today: date) -> dict[Path, str]:
    return {
        folder / SETTINGS_NAME: settings_text(folder, authority, today),
        folder / "targets.yml": targets_text(),
        folder / "booklet.yml": booklet_text(),
        folder / "indicators" / "README.md": INDICATORS_README,
        Workspace(folder).notebooks_dir / "README.md": NOTEBOOKS_README,
        folder / "outputs" / ".gitkeep": "",
        folder / ".gitignore": gitignore_text(folder, authority.input_dir),
        folder / "README.md": readme_text(authority),
    }


# --------------------------------------------------------------------------- settings.yml


def _dfe_facts(la_code: int) -> tuple[str, str, dict[int, int]]:
    """(name, region, {year: 0-17 population}) of the authority in the DfE's benchmark data."""
    from onapage.benchmarks.comparators import home_region, load_comparators

    home = home_region(la_code)
    if home is None:
        raise ConfigError(f"LA code {la_code} is not in the DfE's data; give the authority's three-digit 'old' LA "
                          "code (as in the DfE's children in need and looked-after children files, e.g. 919)")
    table = load_comparators()
    rows = table[(table["measure_id"] == "population_0_17") & (table["geography_level"] == "la")
                 & (table["area_code"] == str(la_code))].dropna(subset=["value"])
    latest = rows.sort_values("year").tail(POPULATION_YEARS)
    return home[0], home[1], {int(r.year): int(r.value) for r in latest.itertuples()}


def _last_complete_month(today: date) -> str:
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year}-{month:02d}"


def _relative(path: Path, folder: Path) -> str:
    path = Path(path).expanduser().resolve()
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


def settings_text(folder: Path, authority: NewAuthority, today: date) -> str:
    dfe_name, region, population = _dfe_facts(authority.la_code)
    populations = "\n".join(f"  {year}: {count}" for year, count in population.items()) or "  2024: 0  # fill in"
    return f"""\
# {authority.name}: the settings every onapage command in this folder uses (no --params needed).
# Every key is checked on load: a typo or a missing value stops the command and names the key.

authority:
  name: {_quoted(authority.name)}
  short_name: {_quoted(authority.short)}
  # The DfE's three-digit 'old' LA code ({dfe_name} in the DfE's data): it picks the published benchmarks.
  la_code: {authority.la_code}
  # The region whose published figures the booklet shows beside the authority's. Left out, the LA code's own
  # region in the DfE data ({region}); another (as the DfE files spell it) is used with a warning.
  # region: {region}
  # The logo on the booklet's cover (PNG, JPEG or SVG), relative to this folder.
  # logo: logo.png

# Where the month's extracts are dropped (Annex A lists and the supplementary extracts).
input_dir: {_quoted(_relative(authority.input_dir, folder))}
# The DuckDB store the extracts load into (it holds children's records: keep it out of git, as outputs/ is).
store: outputs/{authority.slug}.duckdb
# Executed pages and booklets, under a folder per month.
output_dir: outputs
# The month commands use when no --period is given (YYYY-MM): move it on each month.
default_period: {authority.default_period or _last_complete_month(today)}

# ONS mid-year estimates of the 0-17 population, from the DfE's data for LA {authority.la_code}. A rate for a period
# uses the previous calendar year's estimate, as the DfE does; add each year's as it is published.
population_0_17:
{populations}

# The authority's teams, grouped (by service area, say), in the order every by-team table shows them. A team in
# the data but not listed here is shown after these, with a note and a warning. Left out: the data's teams.
# teams:
#   front_door: [MASH, Duty and Assessment]
#   children_in_care: [Children in Care 1, Children in Care 2]

# The authority's targets (one file, or a list of files; later files win over earlier ones and over the
# project's defaults). `onapage validate` checks them.
targets_file: targets.yml

# House style for charts and pages.
colours:
  primary: "#1d4f7c"
  accent: "#c8553d"
  target: "#4d4d4d"
"""


def _quoted(text: str) -> str:
    return yaml.safe_dump(str(text), default_style='"').strip()


# --------------------------------------------------------------------------- targets.yml and booklet.yml


def targets_text() -> str:
    """The project's default targets written out, by section, for the authority to change."""
    from onapage.indicators.catalogue import sections
    from onapage.indicators.targets import default_files

    parts = ["# The authority's targets: <indicator id>: {target: <number>, tolerance: <number>}.",
             "# `tolerance` is the width of the amber band in the indicator's unit (percentage points for a",
             "# percentage): missing the target by no more than it is Amber, further is Red. Monitor indicators",
             "# take no target. These start as the project's defaults; an id left out keeps its default.", ""]
    titles = sections()
    for path in default_files():
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if entries:
            parts.append(f"# {titles.get(path.stem, path.stem)}")
            parts += [f"{ind}: {_target_text(spec)}" for ind, spec in entries.items()]
            parts.append("")
    return "\n".join(parts)


def _target_text(spec: dict) -> str:
    tolerance = f", tolerance: {spec['tolerance']:g}" if spec.get("tolerance") is not None else ""
    return f"{{target: {spec['target']:g}{tolerance}}}"


def booklet_text() -> str:
    header = ("# The authority's products and their sections, in order: drop a section by deleting its line, add\n"
              "# one of the workspace's own (notebooks/<section>.ipynb, indicators/<section>.yml) by naming it.\n"
              "# Copied from the project's params/booklet.yml when this workspace was made.\n")
    return header + DEFAULT_BOOKLET.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the READMEs


def readme_text(authority: NewAuthority) -> str:
    return f"""\
# {authority.name}: children's services performance booklets

This folder is {authority.short}'s onapage workspace. Run every command here; none needs `--params`.

    onapage validate              check this month's extracts (input_dir in settings.yml)
    onapage run                   validate, load, compute and build the month (default_period)
    onapage check                 this workspace's own indicators and booklet, checked
    onapage publish --to DIR      publish the signed-off booklet

`settings.yml`, `targets.yml`, `booklet.yml`, `indicators/` and `notebooks/` belong in git; `outputs/` never
does (it holds the store of children's records). Customising is described in the project's
docs/customise.md ({PROJECT_ROOT.name}).
"""


INDICATORS_README = """\
# The workspace's own indicators

Laid out as the project's catalogue is:

    indicators/<section>.yml          the entries, under `indicators:` (each with its hand-worked `tests:`)
    indicators/<section>/<id>.sql     each entry's query

`<section>` is one of the catalogue's sections (the entry joins its page) or a new one (then the file also
gives `title:` and the section needs a page in notebooks/). An id the catalogue already has is refused.
`onapage check` runs every entry's tests.
"""

NOTEBOOKS_README = """\
# The workspace's own pages

A notebook here named as a section (`child_protection.ipynb`) replaces the project's page for it; a new
section's page goes here too. Copy the project's page to start from. The other products' pages go in a
folder named as the product's `pages` in booklet.yml (`monitoring/`, ...). Commit notebooks without outputs.
"""

def gitignore_text(folder: Path, input_dir: Path) -> str:
    """Stores, pages and booklets (and the extracts, when they are dropped inside the workspace) never in git."""
    inputs = Path(input_dir).expanduser().resolve()
    extracts = (f"# The extracts: children's records.\n/{inputs.relative_to(folder).as_posix()}/\n"
                if inputs.is_relative_to(folder) and inputs != folder else "")
    return ("# Stores, executed pages and booklets hold or derive from children's records: never in git.\n"
            "/outputs/*\n!/outputs/.gitkeep\n.ipynb_checkpoints/\n" + extracts)
