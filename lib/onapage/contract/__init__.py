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
    unique: tuple[tuple[str, ...], ...] = ()
    columns: dict[str, Column]
    order: tuple[tuple[str, str], ...] = ()  # pairs (earlier, later) that must not be reversed

    @model_validator(mode="after")
    def _references_exist(self) -> Dataset:
        known = set(self.columns)
        named = {self.dated_by} | {c for key in self.unique for c in key} | {c for pair in self.order for c in pair}
        if missing := named - known:
            raise ValueError(f"{self.key}: unknown columns referenced: {sorted(missing)}")
        return self

    @property
    def file_stem(self) -> str:
        return self.key

    def column_list(self) -> list[Column]:
        return list(self.columns.values())

    def date_columns(self) -> list[Column]:
        return [c for c in self.columns.values() if c.type in ("date", "datetime")]


class Contract(Strict):
    codes: dict[str, dict[str, tuple[str, ...]]]
    datasets: dict[str, Dataset]

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
    merged = {name: common[name] for name in raw.get("common", [])} | raw["columns"]
    return {name: Column(name=name, **spec) for name, spec in merged.items()}


def _datasets(raw_sets: dict, kind: str, common: dict) -> dict[str, Dataset]:
    out = {}
    for key, raw in raw_sets.items():
        fields = {k: v for k, v in raw.items() if k not in ("columns", "common")}
        out[key] = Dataset(key=key, kind=kind, columns=_columns(raw, common), **fields)
    return out


@cache
def load_contract() -> Contract:
    annex = _read_yaml("annex_a.yml")
    extracts = _read_yaml("extracts.yml")
    codes = {**annex["codes"], **extracts["codes"]}
    codes = {name: {str(k): tuple(str(a) for a in v) for k, v in cl.items()} for name, cl in codes.items()}
    datasets = _datasets(annex["lists"], "annex_a", annex["common_columns"])
    datasets |= _datasets(extracts["extracts"], "extract", {})
    contract = Contract(codes=codes, datasets=datasets)
    for ds in contract.datasets.values():
        for col in ds.columns.values():
            if col.codes and col.codes not in codes:
                raise ValueError(f"{ds.key}.{col.name}: unknown code list {col.codes!r}")
    return contract


def normalise_heading(text: str) -> str:
    """Fold a heading to letters and digits only, so drift in case, spacing and punctuation matches."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())
