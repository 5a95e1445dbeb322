"""Authority settings (a workspace's `settings.yml`, or a file in `params/`): validated on load, with the file
and key named on error; and the products a booklet file defines."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from onapage.layout import section_name
from onapage.periods import Period


def find_project_root(package_file: str | Path = __file__) -> Path:
    """The folder holding the project's own `params/` and `notebooks/` (the demo's settings, the stock
    booklet, targets and pages): the checkout this package runs from (an editable install), else the copy
    installed inside the package (`onapage/_project/`, put there when the package is built)."""
    package = Path(package_file).resolve().parent
    checkout = package.parents[1]
    if (checkout / "params" / "booklet.yml").exists():
        return checkout
    return package / "_project"


PROJECT_ROOT = find_project_root()
DEFAULT_PARAMS = PROJECT_ROOT / "params" / "demo.yml"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
log = logging.getLogger(__name__)


class ConfigError(Exception):
    """A settings file is missing, unreadable or has a wrong or unknown key."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Authority(Strict):
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    la_code: int = Field(ge=100, le=999, description="DfE 'old' three-digit LA code, used to pick benchmarks")
    # The region whose published figures the booklet shows beside the authority's; left out, the
    # authority's own region in the DfE data (from la_code).
    region: str | None = None
    synthetic: bool = False
    # The authority's logo on the booklet's cover (PNG, JPEG or SVG), relative to the settings' folder.
    logo: Path | None = None

    @field_validator("logo")
    @classmethod
    def _an_image(cls, value: Path | None) -> Path | None:
        if value is not None and value.suffix.lower() not in LOGO_TYPES:
            raise ValueError(f"the logo is an image file ({', '.join(sorted(LOGO_TYPES))}), found {value.name!r}")
        return value

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from onapage.benchmarks.comparators import known_regions

        known = known_regions()
        if value in known:
            return value
        close = [k for k in known if k.casefold() == value.strip().casefold()]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"unknown region {value!r}{hint}; the DfE benchmark data's regions are: {', '.join(known)}")


class Colours(Strict):
    primary: str = "#1d4f7c"
    accent: str = "#c8553d"
    target: str = "#4d4d4d"

    @field_validator("primary", "accent", "target")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not HEX_COLOUR.match(value):
            raise ValueError(f"expected a colour like '#1d4f7c', found {value!r}")
        return value


class Settings(Strict):
    authority: Authority
    input_dir: Path
    store: Path
    output_dir: Path
    default_period: Period
    population_0_17: dict[int, int] = Field(min_length=1)
    # The authority's teams, grouped (by service area, say) and in the order every by-team table shows them.
    teams: dict[str, list[str]] = {}
    # The authority's targets: one file or a list of them (later files win), overriding the project's defaults.
    targets_file: Path | list[Path] | None = None
    colours: Colours = Colours()
    # Lists 1-8 must reach the period's end: their last record no more working days before it than this.
    coverage_working_days: int = Field(default=10, ge=0, le=23)

    @field_validator("default_period", mode="before")
    @classmethod
    def _period(cls, value) -> Period:
        return Period.parse(str(value))

    @field_validator("population_0_17")
    @classmethod
    def _positive(cls, value: dict[int, int]) -> dict[int, int]:
        bad = {year: n for year, n in value.items() if n <= 0}
        if bad:
            raise ValueError(f"populations must be positive, found {bad}")
        return value

    @field_validator("teams")
    @classmethod
    def _teams_once_each(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        seen: dict[str, str] = {}
        for group, names in value.items():
            if not str(group).strip():
                raise ValueError("a group of teams needs a name")
            for name in names:
                if not name.strip():
                    raise ValueError(f"{group}: a team needs a name")
                if name in seen:
                    where = "twice" if seen[name] == group else f"in both {seen[name]} and {group}"
                    raise ValueError(f"team {name!r} is listed {where}; list each team once")
                seen[name] = group
        return value

    @property
    def targets_files(self) -> list[Path]:
        files = self.targets_file
        return [] if files is None else list(files) if isinstance(files, list) else [files]

    def population_for(self, on: date) -> int:
        """The 0-17 population for rates at a date: the previous calendar year's estimate (as DfE), else the nearest."""
        wanted = on.year - 1
        earlier = [y for y in self.population_0_17 if y <= wanted]
        year = max(earlier) if earlier else min(self.population_0_17)
        return self.population_0_17[year]


def _problems(exc: ValidationError) -> str:
    """Each problem as 'key.path: message', so the analyst can find the line to fix."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


def _resolve(path: Path, base: Path) -> Path:
    return path if path.is_absolute() else (base / path)


def _warn_of_another_region(authority: Authority, path: Path) -> None:
    """The settings' region wins over the authority's own region in the DfE data, but not silently."""
    if authority.region is None:
        return
    from onapage.benchmarks.comparators import home_region

    home = home_region(authority.la_code)
    if home is not None and home[1] != authority.region:
        name, own = home
        log.warning(
            "%s: authority.region is %s but the DfE data puts LA %s (%s) in %s; the booklet compares with %s, "
            "as the settings say", path, authority.region, authority.la_code, name, own or "no region",
            authority.region,
        )


def settings_base(path: Path) -> Path:
    """What relative paths in a settings file are relative to: a workspace's folder for its settings.yml, the
    project's folder for a file in its params/, else the folder above the file's (a copy of params/)."""
    from onapage import workspace

    resolved = path.resolve()
    if (own := workspace.of_settings(resolved)) is not None:
        return own.root
    return PROJECT_ROOT if resolved.is_relative_to(PROJECT_ROOT) else resolved.parent.parent


def load_settings(path: Path | str = DEFAULT_PARAMS) -> Settings:
    """Read and check an authority settings file; relative paths in it are relative to `settings_base`."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: settings file not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_problems(exc)}") from None
    _warn_of_another_region(settings.authority, path)
    base = settings_base(path)
    updates = {k: _resolve(getattr(settings, k), base) for k in ("input_dir", "store", "output_dir")}
    if settings.targets_file:
        resolved = [_resolve(f, base) for f in settings.targets_files]
        updates["targets_file"] = resolved if isinstance(settings.targets_file, list) else resolved[0]
    if settings.authority.logo is not None:
        logo = _resolve(settings.authority.logo, base)
        if not logo.is_file():
            raise ConfigError(f"{path}: authority.logo: {logo} not found")
        updates["authority"] = settings.authority.model_copy(update={"logo": logo})
    return settings.model_copy(update=updates)


PeriodKind = Literal["month", "quarter", "year"]


class Product(Strict):
    title: str
    subtitle: str = ""
    # The kind of period it is produced for, or a list of kinds (the first is the default).
    period_kind: PeriodKind | list[PeriodKind] = "month"
    sections: list[str] = Field(min_length=1)
    corporate_plan: list[str] = []  # indicator ids of its corporate-plan table, in order
    # A product other than the monthly booklet has its own pages (notebooks/<pages>/) and its own
    # outputs (<output_dir>/<product>/<period>/), so it never overwrites the booklet's.
    pages: str | None = None

    @property
    def period_kinds(self) -> list[str]:
        return [self.period_kind] if isinstance(self.period_kind, str) else list(self.period_kind)

    @field_validator("sections")
    @classmethod
    def _section_names(cls, names: list[str]) -> list[str]:
        return [section_name(n) for n in names]


class Booklet(Strict):
    products: dict[str, Product]
    service_areas: list[str] = []
    renamed_sections: dict[str, str] = {}  # old name: new name, so commentary follows a renamed section

    @field_validator("renamed_sections")
    @classmethod
    def _no_loops(cls, renamed: dict[str, str]) -> dict[str, str]:
        for old, new in renamed.items():
            section_name(old), section_name(new)
        for old in renamed:
            seen, name = {old}, renamed[old]
            while name in renamed:
                if name in seen:
                    raise ValueError(f"renamed_sections goes round in a loop from {old!r}")
                seen.add(name)
                name = renamed[name]
        return renamed

    def product(self, name: str = "monthly_booklet") -> Product:
        if name not in self.products:
            raise ConfigError(f"unknown product {name!r}; known: {', '.join(self.products)}")
        return self.products[name]


DEFAULT_BOOKLET = PROJECT_ROOT / "params" / "booklet.yml"


def booklet_file() -> Path:
    """The booklet file in force: the workspace's own booklet.yml, else the project's."""
    from onapage import workspace

    own = workspace.active().own("booklet.yml") if workspace.active() else None
    return own or DEFAULT_BOOKLET


def load_booklet(path: Path | str | None = None) -> Booklet:
    """Which sections make up which product (the booklet file in force unless `path`), checked like the
    authority settings."""
    path = Path(path) if path is not None else booklet_file()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return Booklet.model_validate(raw)
    except FileNotFoundError:
        raise ConfigError(f"{path}: booklet file not found") from None
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_problems(exc)}") from None
