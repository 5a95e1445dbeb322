"""The indicator catalogue: every measure defined once, as data, beside its query.

Layout (the id is the key everywhere, so `grep <id>` finds definition, query, tests and pages):

    catalogue/<section>.yml          entries for one booklet section
    catalogue/<section>/<id>.sql     each entry's query (plain DuckDB SQL, no templating)
    catalogue/shapes/<shape>.sql     a query shape several entries share: an entry that says
                                     `from: {shape: <shape>, <parameter>: <SQL text>, ...}` has no
                                     .sql file of its own; its query is the shape with each
                                     `${parameter}` replaced by the entry's text

A query reads the store's tables and a `windows` table with one row per period and basis
(columns: period, basis, window_start, window_end, fy_start, population), and returns
`period`, `basis`, any breakdown column, and either `value` or `numerator` + `denominator`
(the engine derives the value from those by the unit, so every percentage is auditable).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from onapage import workspace
from onapage.yamlfile import load_yaml

Unit = Literal["count", "percent", "rate_per_10k", "days", "weeks", "hours", "ratio", "average", "number"]
Kind = Literal["snapshot", "in_month", "cumulative", "rolling_12"]
Polarity = Literal["bigger_is_better", "smaller_is_better", "monitor"]

SECTIONS: dict[str, str] = {
    "front_door": "Front door / MASH",
    "early_help": "Early help",
    "families_programme": "Supporting Families",
    "s47_icpc": "Strategy discussions, S47 and ICPC",
    "assessments": "Assessments",
    "children_in_need": "Children in need",
    "child_protection": "Child protection",
    "children_in_care": "Children in care",
    "placement_stability": "Placement stability",
    "uasc": "Unaccompanied asylum-seeking children",
    "care_leavers": "Care leavers",
    "adoption": "Adoption and permanence",
    "youth_offending": "Youth offending",
    "vulnerable_adolescents": "Vulnerable adolescents and missing",
    "workforce": "Workforce",
    "quality_assurance": "Quality assurance",
    "improvement_plan": "Improvement plan",
    "organisational_effectiveness": "Organisational effectiveness",
    # the quarterly delivery-unit report's own measures
    "budget": "Revenue and capital budget",
    "managing_the_business": "Managing the business",
}

# Which windows an indicator is computed on, by kind; the first is its headline basis.
BASES: dict[str, tuple[str, ...]] = {
    "snapshot": ("snapshot",),
    "in_month": ("month", "ytd"),
    "cumulative": ("ytd", "month"),
    "rolling_12": ("rolling12",),
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Expectation(Strict):
    """Expected result for one (basis, breakdown category) of a test period."""

    basis: str | None = None  # defaults to the indicator's headline basis
    category: str | None = None  # for breakdowns
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: Literal["ok", "not_computable"] = "ok"


class Case(Strict):
    """A hand-built input whose right answer was worked out by hand from the definition."""

    name: str
    period: str
    given: dict[str, list[dict[str, Any]]]
    expect: list[Expectation]
    population: int = 10_000

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return value if isinstance(value, list) else [value]


class Indicator(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    section: str
    unit: Unit
    kind: Kind
    polarity: Polarity
    sources: tuple[str, ...] = Field(min_length=1)
    definition: str
    breakdown: str | None = None  # name of the breakdown column the query returns
    codes: str | None = None  # the input contract's code list its breakdown categories are codes of
    # Read from a field the lists hold only as its latest value (a care leaver's latest contact, a child's
    # last health assessment, current legal status): true only at the extract's month, never worked back.
    snapshot_field: bool = False
    # Months of history before its window the query reads (a previous plan ended within two years): the
    # figure needs the store's history to reach back over them too.
    lookback_months: int = Field(default=0, ge=0)
    benchmark: str | None = None  # measure id in benchmarks/measures.yml, compared like for like
    # What the entry counts (of what), in the measures' words: the same as its benchmark's `scope`, which a
    # test holds it to (onapage.benchmarks.like_for_like).
    benchmark_scope: str | None = None
    # Why no DfE figure stands beside this one, or how the nearest differs: shown where a benchmark would be.
    benchmark_note: str | None = None
    headline: bool = False  # a corporate-plan headline indicator
    decimals: int = 1
    caveats: tuple[str, ...] = ()
    tests: tuple[Case, ...] = ()
    # A rate per 10,000 children of another indicator's count: that indicator's query gives the
    # numerator and the 0-17 population the denominator, so the two never disagree.
    rate_of: str | None = None
    # A query shape several entries share (catalogue/shapes/<shape>.sql) and the SQL text of each of
    # its parameters, instead of a query file of the entry's own.
    from_: dict[str, str] | None = Field(default=None, alias="from")
    # A workspace's own entry: the folder its query lives in (the project's entries read the package's).
    _folder: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _rate_of_a_count(self) -> Indicator:
        if self.rate_of is not None and self.unit != "rate_per_10k":
            raise ValueError(f"rate_of is for rates per 10,000 children, and {self.id!r} is a {self.unit}")
        if self.rate_of is not None and self.from_ is not None:
            raise ValueError("an entry with rate_of reads its count's query and has no `from:`")
        return self

    @model_validator(mode="after")
    def _from_a_shape_with_every_parameter(self) -> Indicator:
        if self.from_ is None:
            return self
        name = self.from_.get("shape")
        params = self.shape_arguments()
        if name is None:
            raise ValueError("`from:` names its query shape: `shape: <name>` (catalogue/shapes/<name>.sql)")
        if name not in shape_names():
            raise ValueError(f"`from:` names an unknown shape {name!r}; known: {', '.join(sorted(shape_names()))}")
        wanted = set(shape_parameters(name))
        if set(params) != wanted:
            missing, unknown = sorted(wanted - set(params)), sorted(set(params) - wanted)
            raise ValueError(f"shape {name!r} takes {sorted(wanted)}; missing {missing}, unknown {unknown}")
        return self

    @field_validator("section")
    @classmethod
    def _known_section(cls, value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("sections", SECTIONS)
        if value not in known:
            raise ValueError(f"unknown section {value!r}; known: {', '.join(known)}")
        return value

    @property
    def bases(self) -> tuple[str, ...]:
        return BASES[self.kind]

    @property
    def at_extract_only(self) -> bool:
        """True when its figure stands only at an extract's own month: it reads a snapshot field, or a list
        that is a picture on the extract's date (List 9's care leavers), so an earlier month worked back from
        a later extract would show what never was. Its other months come from the figures the store recorded
        as each month's extract was loaded."""
        from onapage.contract import load_contract

        datasets = load_contract().datasets
        return self.snapshot_field or any(
            s in datasets and datasets[s].coverage == "snapshot" for s in self.sources)

    @property
    def headline_basis(self) -> str:
        return self.bases[0]

    @property
    def sql_resource(self) -> str:
        if self.rate_of:
            return load_catalogue()[self.rate_of].sql_resource
        if self.from_:
            return f"catalogue/shapes/{self.from_['shape']}.sql"
        return f"catalogue/{self.section}/{self.id}.sql"

    @property
    def own_to_workspace(self) -> bool:
        return self._folder is not None

    def sql(self) -> str:
        if self.rate_of:
            return load_catalogue()[self.rate_of].sql()
        if self._folder is not None and not self.from_:
            return (self._folder / self.section / f"{self.id}.sql").read_text(encoding="utf-8")
        text = resources.files(__package__).joinpath(self.sql_resource).read_text(encoding="utf-8")
        if self.from_:
            return f"-- {self.id}: catalogue/shapes/{self.from_['shape']}.sql\n" + Template(text).substitute(
                self.shape_arguments())
        return text

    def shape_arguments(self) -> dict[str, str]:
        """What fills the `${parameter}`s of the entry's shape: its `from:` values, and `${breakdown}` the
        entry's breakdown column."""
        args = {k: v for k, v in (self.from_ or {}).items() if k != "shape"}
        return args | ({"breakdown": self.breakdown} if self.breakdown else {})


def _shapes_folder():
    return resources.files(__package__).joinpath("catalogue", "shapes")


@cache
def shape_names() -> frozenset[str]:
    """The query shapes entries may name in `from:` (catalogue/shapes/<name>.sql)."""
    return frozenset(f.name.removesuffix(".sql") for f in _shapes_folder().iterdir() if f.name.endswith(".sql"))


@cache
def shape_parameters(name: str) -> tuple[str, ...]:
    """The `${parameter}`s a shape's SQL leaves for its entries to fill."""
    text = _shapes_folder().joinpath(f"{name}.sql").read_text(encoding="utf-8")
    return tuple(dict.fromkeys(Template(text).get_identifiers()))


class CatalogueError(ValueError):
    pass


def _read_section_file(section_file) -> dict:
    return load_yaml(section_file.read_text(encoding="utf-8")) or {}


def _entries_in(section_file) -> list[dict]:
    section = section_file.name.removesuffix(".yml")
    entries = _read_section_file(section_file).get("indicators") or []
    for entry in entries:
        entry.setdefault("section", section)
    return entries


def _workspace_indicators() -> Path | None:
    ws = workspace.active()
    return ws.indicators_dir if ws is not None else None


def forget() -> None:
    """Read the catalogue again (another workspace came into force)."""
    _catalogue.cache_clear()
    _workspace_sections.cache_clear()


workspace.when_changed(forget)


def sections() -> dict[str, str]:
    """Every section an indicator may belong to, with its title: the catalogue's, then the workspace's own
    (a workspace section file new to the catalogue gives its `title:`)."""
    return SECTIONS | _workspace_sections(_workspace_indicators())


@cache
def _workspace_sections(folder: Path | None) -> dict[str, str]:
    if folder is None or not folder.is_dir():
        return {}
    own = {}
    for path in sorted(folder.glob("*.yml")):
        name = path.stem
        if name in SECTIONS:
            continue
        title = _read_section_file(path).get("title")
        if not isinstance(title, str) or not title.strip():
            raise CatalogueError(f"{path}: {name!r} is not one of the catalogue's sections, so the file needs a "
                                 f"`title:` for its new section (the catalogue's: {', '.join(SECTIONS)})")
        own[name] = title.strip()
    return own


def load_catalogue() -> dict[str, Indicator]:
    """Every indicator by id, in booklet section order: the catalogue's, then the workspace's own."""
    return _catalogue(_workspace_indicators())


@cache
def _catalogue(workspace_folder: Path | None) -> dict[str, Indicator]:
    folder = resources.files(__package__).joinpath("catalogue")
    files = {f.name.removesuffix(".yml"): f for f in folder.iterdir() if f.name.endswith(".yml")}
    unknown = set(files) - set(SECTIONS)
    if unknown:
        raise CatalogueError(f"catalogue files for unknown sections: {sorted(unknown)}")
    catalogue: dict[str, Indicator] = {}
    for section in SECTIONS:
        if section in files:
            _add_entries(catalogue, files[section], f"catalogue/{section}.yml", SECTIONS)
    if workspace_folder is not None and workspace_folder.is_dir():
        _add_workspace_entries(catalogue, workspace_folder)
    for ind in catalogue.values():
        counted = catalogue.get(ind.rate_of) if ind.rate_of else None
        if ind.rate_of and (counted is None or counted.unit != "count" or counted.rate_of):
            raise CatalogueError(f"{ind.id}: rate_of names {ind.rate_of!r}, which is not a count in the catalogue")
    return catalogue


def _add_entries(catalogue: dict, section_file, where: str, known: dict[str, str], own: Path | None = None) -> None:
    for entry in _entries_in(section_file):
        try:
            indicator = Indicator.model_validate(entry, context={"sections": known})
        except Exception as exc:
            raise CatalogueError(f"{where}, entry {entry.get('id')!r}: {exc}") from exc
        if indicator.id in catalogue:
            first = catalogue[indicator.id]
            whose = "the workspace's" if first.own_to_workspace else "the catalogue's"
            raise CatalogueError(f"{where}: indicator id {indicator.id!r} is already {whose} (section "
                                 f"{first.section}); give the entry an id of its own")
        if own is not None:
            indicator._folder = own
        catalogue[indicator.id] = indicator


def _add_workspace_entries(catalogue: dict, folder: Path) -> None:
    """The workspace's entries, each with its query in `<folder>/<section>/<id>.sql` (or a catalogue shape)."""
    known = SECTIONS | _workspace_sections(folder)
    for path in sorted(folder.glob("*.yml")):
        before = set(catalogue)
        _add_entries(catalogue, path, str(path), known, own=folder)
        for ind_id in sorted(set(catalogue) - before):
            ind = catalogue[ind_id]
            query = folder / ind.section / f"{ind.id}.sql"
            if not ind.from_ and not ind.rate_of and not query.is_file():
                raise CatalogueError(f"{path}, entry {ind.id!r}: its query {query} is missing (or give it "
                                     "`from:` a catalogue shape, or `rate_of:` a count)")


def indicator(indicator_id: str) -> Indicator:
    try:
        return load_catalogue()[indicator_id]
    except KeyError:
        raise KeyError(f"unknown indicator {indicator_id!r}") from None


def in_section(section: str) -> list[Indicator]:
    return [i for i in load_catalogue().values() if i.section == section]
