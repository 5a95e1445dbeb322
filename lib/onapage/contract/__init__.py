"""The input contract: what each Annex A list and supplementary extract *is*.

The YAML files beside this module are the single source of truth; this module only gives
them a typed, validated shape so that the reader, the validator, the store, the demo
generator and the generated documentation all read the same definitions.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from onapage.yamlfile import load_yaml

ColumnType = Literal["id", "text", "int", "number", "date", "datetime", "yn", "code"]

# Store (DuckDB) type for each contract type.
DUCKDB_TYPES: dict[str, str] = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "int": "INTEGER",
    "number": "DOUBLE",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "yn": "VARCHAR",
    "code": "VARCHAR",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(Strict):
    name: str = ""
    heading: str
    aliases: tuple[str, ...] = ()
    type: ColumnType
    codes: str | None = None
    required: bool = True  # the heading must be present in the input
    nullable: bool = True  # a value may be blank
    personal: bool = False  # identifies a person: never printed in outputs or logs
    round_down: bool = False  # whole numbers given with decimals (ages as 17.21) are read rounded down
    month_start: bool = False  # a date that names a month, always its 1st (tells 10/01/2026 is US order)
    planned: bool = False  # a date planned ahead (a deadline, a milestone due): may be after today
    minimum: float | None = 0  # numbers: the least a value can be (None: no bound; counts are never negative)
    maximum: float | None = None  # numbers: the most a value can be
    # The Annex A template edition that added the column: a file of an earlier edition lacks it, and a
    # figure whose query reads it is n/a, with that reason.
    since: str | None = None

    @model_validator(mode="after")
    def _codes_only_for_code_columns(self) -> Column:
        if (self.type == "code") != (self.codes is not None):
            raise ValueError(f"column {self.heading!r}: 'codes' is required for, and only for, type 'code'")
        return self

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.type]

    def headings(self) -> tuple[str, ...]:
        return (self.heading, self.name, *self.aliases)


class Dataset(Strict):
    """One Annex A list or one supplementary extract."""

    key: str = ""  # "list_7" or "visits"
    kind: Literal["annex_a", "extract"] = "annex_a"
    table: str
    title: str
    sheet: str | None = None
    purpose: str | None = None
    dated_by: str
    # flow: events over time (coverage of the period is checked); snapshot: a picture on the
    # extract date; periodic: termly or irregular returns. Only flows are checked for coverage.
    coverage: Literal["flow", "snapshot", "periodic"] = "flow"
    # A list of episodes (plans, periods in care): the dates that close one, the first filled one
    # counting. An extract holds the episodes open at its end or closed within its window, so an
    # episode closed before that window is kept in the store's history from earlier extracts.
    ended_by: tuple[str, ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()
    columns: dict[str, Column]
    order: tuple[tuple[str, str], ...] = ()  # pairs (earlier, later) that must not be reversed
    at_most: tuple[tuple[str, str], ...] = ()  # pairs of numbers (part, whole): the first never above the second

    @model_validator(mode="after")
    def _references_exist(self) -> Dataset:
        known = set(self.columns)
        named = ({self.dated_by, *self.ended_by} | {c for key in self.unique for c in key}
                 | {c for pair in self.order for c in pair})
        if missing := named - known:
            raise ValueError(f"{self.key}: unknown columns referenced: {sorted(missing)}")
        return self

    @property
    def label(self) -> str:
        """How messages name it: 'List 3 (Referrals)', 'visits.csv (Statutory visits history)'."""
        return f"{self.sheet} ({self.title})" if self.kind == "annex_a" else f"{self.key}.csv ({self.title})"

    @property
    def file_stem(self) -> str:
        return self.key

    def column_list(self) -> list[Column]:
        return list(self.columns.values())

    def date_columns(self) -> list[Column]:
        return [c for c in self.columns.values() if c.type in ("date", "datetime")]


class Template(Strict):
    """The Ofsted Annex A template: its headings by edition and its drop-down values."""

    editions: dict[str, dict[str, str]]  # edition -> {column name: heading it renamed}
    headings: dict[str, dict[str, str]]  # list key -> {column name: heading}, in template order
    yes_no: dict[str, str]  # "Y" / "N" -> drop-down value
    dropdowns: dict[str, dict[str, tuple[str, ...]]]  # code list -> code -> values (first: as written now)
    # edition -> list key -> the columns that edition added (a column's `since`): earlier editions lack them
    added: dict[str, dict[str, tuple[str, ...]]] = {}

    @model_validator(mode="after")
    def _added_columns_exist(self) -> Template:
        for edition, lists in self.added.items():
            if edition not in self.editions or edition == next(iter(self.editions)):
                known = ", ".join(self.editions)
                raise ValueError(f"'since: {edition}' is not a template edition after the first ({known})")
            for key, columns in lists.items():
                if unknown := [c for c in columns if c not in self.headings.get(key, {})]:
                    raise ValueError(f"{key}: {unknown} added by the {edition} edition are not template headings")
        return self

    def edition_headings(self, edition: str) -> dict[str, dict[str, str]]:
        """Every list's headings as the given edition prints them (without the columns later editions added)."""
        renamed: dict[str, str] = {}
        for name, changes in self.editions.items():
            renamed |= changes
            if name == edition:
                break
        else:
            raise KeyError(f"unknown template edition {edition!r}; known: {', '.join(self.editions)}")
        later = self.later_than(edition)
        absent = {(key, c) for e in later for key, columns in self.added.get(e, {}).items() for c in columns}
        return {
            key: {c: renamed.get(c, h) for c, h in cols.items() if (key, c) not in absent}
            for key, cols in self.headings.items()
        }

    def earlier_than(self, edition: str) -> tuple[str, ...]:
        names = list(self.editions)
        return tuple(names[: names.index(edition)])

    def later_than(self, edition: str) -> tuple[str, ...]:
        names = list(self.editions)
        return tuple(names[names.index(edition) + 1 :])

    @property
    def latest(self) -> str:
        return list(self.editions)[-1]

    def dropdown(self, code_list: str, code: str) -> str | None:
        """The drop-down value the template writes for a code (None when it offers none)."""
        values = self.dropdowns.get(code_list, {}).get(code)
        return values[0] if values else None


class Contract(Strict):
    codes: dict[str, dict[str, tuple[str, ...]]]
    datasets: dict[str, Dataset]
    template: Template

    @property
    def annex_a(self) -> list[Dataset]:
        return [d for d in self.datasets.values() if d.kind == "annex_a"]

    @property
    def extracts(self) -> list[Dataset]:
        return [d for d in self.datasets.values() if d.kind == "extract"]

    def code_list(self, name: str) -> dict[str, tuple[str, ...]]:
        return self.codes[name]

    def dataset(self, key: str) -> Dataset:
        try:
            return self.datasets[key]
        except KeyError:
            raise KeyError(f"unknown list or extract {key!r}; known: {', '.join(self.datasets)}") from None


def _read_yaml(filename: str) -> dict:
    return load_yaml(resources.files(__package__).joinpath(filename).read_text(encoding="utf-8"))


def _columns(raw: dict, common: dict) -> dict[str, Column]:
    extra = raw.get("common_extra", {})
    shared = {
        name: dict(common[name], aliases=_merged(common[name], extra.get(name, []))) for name in raw.get("common", [])
    }
    merged = shared | raw["columns"]
    return {name: Column(name=name, **spec) for name, spec in merged.items()}


def _datasets(raw_sets: dict, kind: str, common: dict) -> dict[str, Dataset]:
    out = {}
    for key, raw in raw_sets.items():
        fields = {k: v for k, v in raw.items() if k not in ("columns", "common", "common_extra")}
        out[key] = Dataset(key=key, kind=kind, columns=_columns(raw, common), **fields)
    return out


def _template(raw: dict, lists: dict) -> Template:
    dropdowns = {
        name: {str(code): (v,) if isinstance(v, str) else tuple(v) for code, v in values.items()}
        for name, values in raw["dropdowns"].items()
    }
    added: dict[str, dict[str, tuple[str, ...]]] = {}
    for key, spec in lists.items():  # the edition that added a column is its `since` in annex_a.yml
        for name, column in spec["columns"].items():
            if since := column.get("since"):
                edition = added.setdefault(str(since), {})
                edition[key] = (*edition.get(key, ()), name)
    return Template(
        editions={str(k): v or {} for k, v in raw["editions"].items()},
        headings=raw["headings"],
        yes_no={str(k): v for k, v in raw["yes_no"].items()},
        dropdowns=dropdowns,
        added=added,
    )


_LETTER = re.compile(r"^\(?[a-z0-9]{1,2}\)\s*", re.IGNORECASE)
_CODED = re.compile(r"^([^\s:]{1,8})\s*(?::|\s-\s)\s*(.+)$")


def dropdown_words(value: str, code: str) -> str:
    """A drop-down value's words without its letter and code: 'f) U6: Foster placement - not FFA' ->
    'Foster placement - not FFA'; 'a) Male' -> 'Male'."""
    bare = _LETTER.sub("", value, count=1).strip()
    if (match := _CODED.match(bare)) and normalise_heading(match.group(1)) == normalise_heading(code):
        return match.group(2).strip()
    return bare


def _with_dropdowns(codes: dict, template: Template) -> dict[str, dict[str, tuple[str, ...]]]:
    """Code lists with the template's drop-down values as accepted spellings, and their words alone
    ("FCO") where only one code of the list has those words ("Individual" is 1A, 1B, 1C and 1D)."""
    out = {name: dict(code_list) for name, code_list in codes.items()}
    for name, values in template.dropdowns.items():
        if name not in out:
            raise ValueError(f"template drop-downs name an unknown code list {name!r}")
        words = {code: {dropdown_words(t, code) for t in texts} for code, texts in values.items()}
        owners: dict[str, set[str]] = {}
        for code, spellings in [*words.items(), *((c, {c, *alts}) for c, alts in out[name].items())]:
            for spelling in spellings:
                owners.setdefault(_folded(spelling), set()).add(code)
        for code, texts in values.items():
            if code not in out[name]:
                raise ValueError(f"template drop-down {name}: {code!r} is not a code of that list")
            alone = [w for w in sorted(words[code]) if owners[_folded(w)] == {code}]
            unlettered = [_LETTER.sub("", t, count=1).strip() for t in texts]  # "1A: Individual"
            out[name][code] = tuple(dict.fromkeys([*out[name][code], *texts, *unlettered, *alone]))
    return out


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def _with_template_headings(lists: dict, raw_template: dict, template: Template) -> dict:
    """List definitions whose columns also accept every edition's heading and the SSD scripts' names."""
    ssd = raw_template.get("ssd", {})
    editions = [template.edition_headings(e) for e in template.editions]
    out = {}
    for key, raw in lists.items():
        raw = dict(raw, columns=dict(raw["columns"]))
        for name in [*raw.get("common", []), *raw["columns"]]:
            extra = [headings.get(key, {}).get(name) for headings in editions]
            extra += ssd.get("common", {}).get(name, []) + ssd.get(key, {}).get(name, [])
            if name in raw["columns"]:
                spec = raw["columns"][name]
                raw["columns"][name] = dict(spec, aliases=_merged(spec, extra))
            else:  # a common column: this list gets its own copy with the extra spellings
                raw.setdefault("common_extra", {})[name] = extra
        out[key] = raw
    return out


def _merged(spec: dict, extra: list) -> list[str]:
    known = {normalise_heading(h) for h in [spec["heading"], *spec.get("aliases", [])]}
    added = [h for h in extra if h and normalise_heading(h) not in known]
    return [*spec.get("aliases", []), *dict.fromkeys(added)]


@cache
def load_contract() -> Contract:
    annex = _read_yaml("annex_a.yml")
    extracts = _read_yaml("extracts.yml")
    raw_template = _read_yaml("annex_a_template.yml")
    template = _template(raw_template["template"], annex["lists"])
    codes = {**annex["codes"], **extracts["codes"]}
    codes = {name: {str(k): tuple(str(a) for a in v) for k, v in cl.items()} for name, cl in codes.items()}
    codes = _with_dropdowns(codes, template)
    lists = _with_template_headings(annex["lists"], raw_template, template)
    datasets = _datasets(lists, "annex_a", annex["common_columns"])
    datasets |= _datasets(extracts["extracts"], "extract", {})
    contract = Contract(codes=codes, datasets=datasets, template=template)
    for ds in contract.datasets.values():
        for col in ds.columns.values():
            if col.codes and col.codes not in codes:
                raise ValueError(f"{ds.key}.{col.name}: unknown code list {col.codes!r}")
    return contract


def normalise_heading(text: str) -> str:
    """Fold a heading to letters and digits only, so drift in case, spacing and punctuation matches."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


# Words that carry no meaning in a heading: the template phrases some headings as questions ("Is this
# a second ... period ...?", "Does the Child have a Disability") and marks Y/N columns "(Y/N)".
_FILLER = frozenset(
    ["is", "this", "a", "an", "the", "was", "were", "did", "does", "do", "has", "have", "be", "being", "been"]
    + ["yn", "y", "n"]
)
_WORD = re.compile(r"[a-z0-9]+")


def loose_heading(text: str) -> str:
    """A heading folded further than `normalise_heading`: filler words and "(Y/N)" dropped too.

    "Is this a second or subsequent period ... (Y/N)" and "Second or subsequent period ..." fold alike.
    """
    text = str(text).lower().replace("\u2019", "'").replace("y/n", " ")
    text = re.sub(r"'s\b", "s", text)
    return "".join(w for w in _WORD.findall(text) if w not in _FILLER)
