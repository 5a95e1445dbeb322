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
from string import Template
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
    benchmark: str | None = None  # measure id in benchmarks/measures.yml
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
    def _known_section(cls, value: str) -> str:
        if value not in SECTIONS:
            raise ValueError(f"unknown section {value!r}; known: {', '.join(SECTIONS)}")
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

    def sql(self) -> str:
        if self.rate_of:
            return load_catalogue()[self.rate_of].sql()
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


def _entries_in(section_file) -> list[dict]:
    raw = load_yaml(section_file.read_text(encoding="utf-8")) or {}
    section = section_file.name.removesuffix(".yml")
    entries = raw.get("indicators", [])
    for entry in entries:
        entry.setdefault("section", section)
    return entries


@cache
def load_catalogue() -> dict[str, Indicator]:
    """Every indicator by id, in booklet section order."""
    folder = resources.files(__package__).joinpath("catalogue")
    files = {f.name.removesuffix(".yml"): f for f in folder.iterdir() if f.name.endswith(".yml")}
    unknown = set(files) - set(SECTIONS)
    if unknown:
        raise CatalogueError(f"catalogue files for unknown sections: {sorted(unknown)}")
    catalogue: dict[str, Indicator] = {}
    for section in SECTIONS:
        if section not in files:
            continue
        for entry in _entries_in(files[section]):
            try:
                indicator = Indicator.model_validate(entry)
            except Exception as exc:
                raise CatalogueError(f"catalogue/{section}.yml, entry {entry.get('id')!r}: {exc}") from exc
            if indicator.id in catalogue:
                raise CatalogueError(f"indicator id {indicator.id!r} is defined twice")
            catalogue[indicator.id] = indicator
    for ind in catalogue.values():
        counted = catalogue.get(ind.rate_of) if ind.rate_of else None
        if ind.rate_of and (counted is None or counted.unit != "count" or counted.rate_of):
            raise CatalogueError(f"{ind.id}: rate_of names {ind.rate_of!r}, which is not a count in the catalogue")
    return catalogue


def indicator(indicator_id: str) -> Indicator:
    try:
        return load_catalogue()[indicator_id]
    except KeyError:
        raise KeyError(f"unknown indicator {indicator_id!r}") from None


def in_section(section: str) -> list[Indicator]:
    return [i for i in load_catalogue().values() if i.section == section]
