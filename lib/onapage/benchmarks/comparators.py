"""Published comparators: one tidy table of DfE benchmark figures, and the benchmarks for one authority.

The table (``comparators.csv``, shipped with the package) has one row per measure, year and
area:

=============== ===========================================================================
measure_id      an id from ``measures.yml`` ("cla_rate_per_10k")
year            int; the later year of a financial year (2025 for 2024/25)
year_label      "2024/25" (years to 31 March) or "2025" (workforce census, ONS mid-year)
geography_level "la", "region" or "england"
area_code       old LA code as text ("302"; "314 / 318" where published jointly), the region
                name for a region ("London"), "E92000001" for England
area_name       "Barnet", "London", "England"
region          for an authority, its region ("London" for Inner and Outer London boroughs);
                empty otherwise. Taken from the LA rows' region columns.
value           float; empty when not published
suppression     the published symbol when there is no number (c, u, z, x, k, low), else empty
=============== ===========================================================================

Regenerate (or refresh with next year's files) with::

    python -m onapage.benchmarks.comparators --from DIR

which reads the EES CSVs in DIR, merges them over the existing table (new figures win; a
measure whose file is not in DIR keeps its existing rows, so releases can be added as they
come out) and rewrites ``comparators.csv`` and ``statistical_neighbours.csv``.
"""

from __future__ import annotations

import argparse
import functools
import math
import re
import statistics
import sys
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from onapage.benchmarks.dfe import LONDON_SUB_REGIONS, extract_measure, parse_time_period, read_ees_csv
from onapage.yamlfile import load_yaml

__all__ = [
    "COLUMNS",
    "Benchmark",
    "Measure",
    "benchmarks_for",
    "build_comparators",
    "home_region",
    "known_regions",
    "load_comparators",
    "load_measures",
    "load_statistical_neighbours",
    "main",
    "measure_ids",
    "read_statistical_neighbours",
    "write_comparators",
    "write_statistical_neighbours",
]

COLUMNS = [
    "measure_id",
    "year",
    "year_label",
    "geography_level",
    "area_code",
    "area_name",
    "region",
    "value",
    "suppression",
]
NEIGHBOUR_COLUMNS = ["la_code", "la_name", "neighbour_code", "neighbour_name", "rank", "closeness"]
_LEVEL_ORDER = {"england": 0, "region": 1, "la": 2}
_KEY = ["year", "geography_level", "area_code"]
_HERE = Path(__file__).resolve().parent
SHIPPED_COMPARATORS = _HERE / "comparators.csv"
SHIPPED_NEIGHBOURS = _HERE / "statistical_neighbours.csv"
SN_FILE_PATTERNS = ("sn_model_*_wide.csv", "New_Statistical_Neighbour_Groupings_*.csv")


# ---------------------------------------------------------------------------- measures


class Derived(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    numerator: str
    denominator: str
    denominator_year_offset: int = -1
    per: float = 10_000


class Measure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    unit: Literal["count", "percent", "rate_per_10k", "average"]
    period: Literal["year_to_31_march", "as_at_30_september", "mid_year", "calendar_year", "academic_year"]
    # When the figure stands, what it counts (of what), and the DfE's own words: what a catalogue entry that
    # links to it is held to (onapage.benchmarks.like_for_like); every shipped measure gives them.
    reference: Literal["at_31_march", "at_30_september", "at_birthday_in_year_to_31_march", "in_year_to_31_march",
                       "in_year_to_30_september", "mid_year"] | None = None
    scope: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")
    definition: str | None = None
    file: str | None = None
    filters: dict[str, str] = {}
    value: str | None = None
    derived: Derived | None = None
    decimals: int | None = None

    @model_validator(mode="after")
    def _one_source(self):
        from_file = self.file is not None and self.value is not None
        if from_file == (self.derived is not None):
            raise ValueError("give either file + value, or derived - not both, not neither")
        return self


def load_measures(path: str | Path | None = None) -> dict[str, Measure]:
    """The measures in ``measures.yml`` (the shipped one unless `path` is given), by id."""
    if path is None:
        text = resources.files("onapage.benchmarks").joinpath("measures.yml").read_text(encoding="utf-8")
        where = "onapage/benchmarks/measures.yml"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    raw = load_yaml(text) or {}
    entries = raw.get("measures")
    if not isinstance(entries, dict) or not entries:
        raise ValueError(f"{where}: expected a 'measures:' mapping of id -> definition")
    measures: dict[str, Measure] = {}
    for measure_id, body in entries.items():
        try:
            measures[measure_id] = Measure(id=measure_id, **(body or {}))
        except (ValidationError, TypeError) as exc:
            raise ValueError(f"{where}: measure {measure_id!r}: {exc}") from None
    for m in measures.values():
        if m.derived:
            for part in (m.derived.numerator, m.derived.denominator):
                if part not in measures:
                    raise ValueError(f"{where}: measure {m.id!r} is derived from unknown measure {part!r}")
                if measures[part].derived:
                    raise ValueError(f"{where}: measure {m.id!r} is derived from another derived measure {part!r}")
    return measures


@functools.lru_cache(maxsize=1)
def _shipped_measures() -> dict[str, Measure]:
    return load_measures()


def measure_ids(path: str | Path | None = None) -> list[str]:
    """The benchmark measure ids, in ``measures.yml`` order (the shipped file unless `path` is given)."""
    return list(_shipped_measures() if path is None else load_measures(path))


# ---------------------------------------------------------------------------- building the table


def _region_of(region_code: pd.Series, region_name: pd.Series) -> pd.Series:
    """Inner/Outer London (E13...) roll up to London, the region the booklet compares with."""
    return region_name.where(~region_code.isin(list(LONDON_SUB_REGIONS)), "London")


def _from_files(measure: Measure, paths: list[Path], cache: dict[Path, pd.DataFrame]) -> pd.DataFrame:
    parts = []
    for path in paths:
        if path not in cache:
            cache[path] = read_ees_csv(path)
        table = extract_measure(cache[path], measure.value, measure.filters, measure.period)
        table = table[table["geography_level"].isin(list(_LEVEL_ORDER))]
        dupes = table.duplicated(_KEY, keep=False)
        if dupes.any():
            example = table[dupes].iloc[0]
            raise ValueError(
                f"{path.name}: measure {measure.id!r} has more than one row for {example['area_name']} "
                f"{example['year_label']} - the filters {measure.filters} do not pick a single row"
            )
        table["_newest"] = table["year"].max()
        table["_file"] = path.name
        parts.append(table)
    combined = pd.concat(parts, ignore_index=True)
    # Where files overlap, the later publication (revised figures) wins.
    combined = combined.sort_values(["_newest", "_file"]).drop_duplicates(_KEY, keep="last")
    combined["region"] = ""
    is_la = combined["geography_level"] == "la"
    combined.loc[is_la, "region"] = _region_of(combined.loc[is_la, "region_code"], combined.loc[is_la, "region_name"])
    combined["measure_id"] = measure.id
    return combined[COLUMNS].reset_index(drop=True)


def _round_half_up(values: pd.Series, decimals: int) -> pd.Series:
    """Round halves away from zero, as DfE does (pandas/numpy round halves to even).

    A tiny allowance absorbs binary representation error: 249 / 40,000 x 10,000 is stored as
    62.24999..., and is 62.3 to one decimal place.
    """
    scale = 10.0**decimals
    scaled = values.abs() * scale + 0.5 + 1e-8
    return np.floor(scaled) / scale * np.sign(values)


def _derive(measure: Measure, numerators: pd.DataFrame, denominators: pd.DataFrame) -> pd.DataFrame:
    spec = measure.derived
    den = denominators[_KEY + ["value", "suppression"]].copy()
    den["year"] = den["year"] - spec.denominator_year_offset
    den = den.rename(columns={"value": "den_value", "suppression": "den_suppression"})
    merged = numerators.merge(den, on=_KEY, how="left", indicator=True)
    missing_den = merged["_merge"] == "left_only"
    usable = merged["den_value"].notna() & (merged["den_value"] > 0)
    value = merged["value"] / merged["den_value"].where(usable) * spec.per
    if measure.decimals is not None:
        value = _round_half_up(value, measure.decimals)
    # A missing rate keeps the numerator's symbol; if the count was published, the population's
    # symbol, or 'x' (not available) when there is no population row or it is zero.
    suppression = merged["suppression"].fillna("")
    needs_code = (suppression == "") & value.isna() & merged["value"].notna()
    den_code = merged["den_suppression"].fillna("").where(~missing_den, "x").replace("", "x")
    suppression = suppression.where(~needs_code, den_code)
    out = merged[COLUMNS].copy()
    out["value"] = value
    out["suppression"] = suppression
    out["measure_id"] = measure.id
    return out


def build_comparators(
    source_dir: str | Path,
    measures: dict[str, Measure] | str | Path | None = None,
    base: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The comparators table from the EES CSVs in `source_dir`.

    `measures`: a mapping from `load_measures`, a path to a measures file, or None for the
    shipped ``measures.yml``. `base`: an existing comparators table to refresh - its rows are
    kept where the new files do not give the same measure, year and area, and a measure with no
    file in `source_dir` keeps its existing rows. Without `base`, every measure's file must be
    there. Derived measures (rates per 10,000) are recomputed from the merged counts.
    """
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise FileNotFoundError(f"no such folder: {source_dir}")
    if measures is None or isinstance(measures, (str, Path)):
        measures = load_measures(measures)
    cache: dict[Path, pd.DataFrame] = {}
    frames: dict[str, pd.DataFrame] = {}
    missing: dict[str, list[str]] = {}
    for m in measures.values():
        if m.derived:
            continue
        paths = sorted(p for p in source_dir.glob(m.file) if p.is_file())
        old = base[base["measure_id"] == m.id][COLUMNS] if base is not None else None
        if not paths:
            if old is None or old.empty:
                missing.setdefault(m.file, []).append(m.id)
                continue
            frames[m.id] = old
            continue
        new = _from_files(m, paths, cache)
        if old is not None and not old.empty:
            new = pd.concat([old, new], ignore_index=True).drop_duplicates(_KEY, keep="last")
        frames[m.id] = new
    if missing:
        lines = "; ".join(f"{pattern} (for {', '.join(ids)})" for pattern, ids in missing.items())
        raise FileNotFoundError(f"no file in {source_dir} matching: {lines}")
    for m in measures.values():
        if m.derived:
            frames[m.id] = _derive(m, frames[m.derived.numerator], frames[m.derived.denominator])
    table = pd.concat([frames[m] for m in measures if m in frames], ignore_index=True)
    return _tidy(table)


def _tidy(table: pd.DataFrame) -> pd.DataFrame:
    table = table[COLUMNS].copy()
    table["year"] = table["year"].astype(int)
    table["value"] = table["value"].astype(float)
    for column in ("year_label", "geography_level", "area_code", "area_name", "region", "suppression"):
        table[column] = table[column].fillna("").astype(str)
    order = table["geography_level"].map(_LEVEL_ORDER).fillna(9)
    table = table.assign(_order=order).sort_values(["measure_id", "year", "_order", "area_code"], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def write_comparators(df: pd.DataFrame, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _tidy(df).to_csv(path, index=False, float_format="%.12g", lineterminator="\n")
    return path


def load_comparators(path: str | Path | None = None) -> pd.DataFrame:
    """The comparators table; the one shipped with the package unless `path` is given."""
    if path is None:
        return _shipped_comparators().copy()
    return _read_comparators(Path(path))


def _read_comparators(source) -> pd.DataFrame:
    text_columns = {c: str for c in COLUMNS if c not in ("year", "value")}
    df = pd.read_csv(source, dtype=text_columns, keep_default_na=False, na_values={"value": [""]})
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{source}: not a comparators table (missing columns {missing})")
    return _tidy(df)


@functools.lru_cache(maxsize=1)
def _shipped_comparators() -> pd.DataFrame:
    with resources.as_file(resources.files("onapage.benchmarks").joinpath("comparators.csv")) as path:
        return _read_comparators(path)


# ---------------------------------------------------------------------------- statistical neighbours


def read_statistical_neighbours(path: str | Path) -> pd.DataFrame:
    """A DfE statistical-neighbour file (wide: an authority then SN1..SN10 with closeness) as a long table.

    Reads the 2025 model layout (``old_la_code, la_name, region_ind, region_name, SN_1, SN_1P, ...``)
    and the 2021 one (``LA num, LA Name, LA number, GOInd, GOReg, SN1, SNP, SN2, SNP, ...``).
    Returns la_code, la_name, neighbour_code, neighbour_name, rank (1 = closest), closeness.
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", header=None)
    header = [str(h).replace("\ufeff", "").strip() for h in raw.iloc[0]]
    body = raw.iloc[1:].reset_index(drop=True)
    body = body.apply(lambda col: col.str.strip())
    lower = [h.lower() for h in header]

    def first(*names: str) -> int:
        for name in names:
            if name in lower:
                return lower.index(name)
        raise ValueError(f"{path.name}: no {' / '.join(names)} column; found {header}")

    code_at = first("old_la_code", "la number", "la num", "la_code")
    name_at = first("la_name", "la name")
    rank_columns = [(i, int(m.group(1))) for i, h in enumerate(lower) if (m := re.fullmatch(r"sn_?(\d+)", h))]
    if not rank_columns:
        raise ValueError(f"{path.name}: no SN1..SN10 columns; found {header}")
    rows = []
    for _, record in body.iterrows():
        code = record[code_at]
        if not code:
            continue
        for at, rank in rank_columns:
            neighbour = record[at]
            if not neighbour:
                continue
            closeness = record[at + 1] if at + 1 < len(header) and lower[at + 1].startswith("sn") else ""
            rows.append((int(code), record[name_at], int(neighbour), rank, closeness.capitalize()))
    long = pd.DataFrame(rows, columns=["la_code", "la_name", "neighbour_code", "rank", "closeness"])
    names = dict(zip(long["la_code"], long["la_name"], strict=False))
    long["neighbour_name"] = long["neighbour_code"].map(names).fillna("")
    return long[NEIGHBOUR_COLUMNS].sort_values(["la_code", "rank"]).reset_index(drop=True)


def write_statistical_neighbours(df: pd.DataFrame, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df[NEIGHBOUR_COLUMNS].to_csv(path, index=False, lineterminator="\n")
    return path


def load_statistical_neighbours(path: str | Path | None = None) -> pd.DataFrame:
    """The long statistical-neighbour table; the shipped one (2025 model) unless `path` is given."""
    if path is None:
        return _shipped_neighbours().copy()
    return _read_neighbours(Path(path))


def _read_neighbours(source) -> pd.DataFrame:
    df = pd.read_csv(source, dtype={"la_name": str, "neighbour_name": str, "closeness": str}, keep_default_na=False)
    for column in ("la_code", "neighbour_code", "rank"):
        df[column] = df[column].astype(int)
    return df[NEIGHBOUR_COLUMNS]


@functools.lru_cache(maxsize=1)
def _shipped_neighbours() -> pd.DataFrame:
    with resources.as_file(resources.files("onapage.benchmarks").joinpath("statistical_neighbours.csv")) as path:
        return _read_neighbours(path)


# ---------------------------------------------------------------------------- regions


def known_regions(comparators: pd.DataFrame | None = None) -> list[str]:
    """The regions the benchmark table has figures for, spelt as the DfE files spell them, A to Z.

    The shipped table unless `comparators` is given. London's Inner and Outer London figures are
    published as regions too, so they are among them."""
    table = _shipped_comparators() if comparators is None else comparators
    return sorted(table.loc[table["geography_level"] == "region", "area_name"].unique())


def home_region(la_code: int, comparators: pd.DataFrame | None = None) -> tuple[str, str] | None:
    """An authority's name and region as the benchmark table has them (its latest row), or None when
    the table does not have the authority."""
    table = _shipped_comparators() if comparators is None else comparators
    las = table[table["geography_level"] == "la"].sort_values("year", ascending=False, kind="stable")
    row, _ = _la_row(las, str(int(la_code)))
    return None if row is None else (str(row["area_name"]), str(row["region"]))


# ---------------------------------------------------------------------------- one authority's benchmarks


@dataclass(frozen=True)
class Benchmark:
    """Published figures to set an authority's own figure against, for one measure and year.

    Values are None when not published; the matching ``*_suppression`` field then holds the
    symbol (c, u, z, x, k, low) or '' when there is no row at all. `sn_mean` and `sn_median`
    are over the statistical neighbours with a published value that year (`sn_count` of them;
    the others are listed in `sn_excluded`).
    """

    measure_id: str
    title: str
    unit: str
    year: int
    year_label: str
    period_end: date | None
    la_code: int
    la_name: str
    value: float | None
    suppression: str
    england: float | None
    england_suppression: str
    region_name: str
    region: float | None
    region_suppression: str
    sn_mean: float | None
    sn_median: float | None
    sn_count: int
    sn_codes: tuple[int, ...]
    sn_excluded: tuple[int, ...]
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> dict:
        """The figures a scorecard row shows: year (its label), la, england, region, sn_mean, sn_median."""
        return {
            "year": self.year_label,
            "la": self.value,
            "england": self.england,
            "region": self.region,
            "region_name": self.region_name,
            "sn_mean": self.sn_mean,
            "sn_median": self.sn_median,
            "sn_count": self.sn_count,
        }


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _la_row(rows: pd.DataFrame, code: str) -> tuple[pd.Series | None, bool]:
    """The row for authority `code`, or the joint row that includes it ('314 / 318'). (row, joint?)"""
    exact = rows[rows["area_code"] == code]
    if not exact.empty:
        return exact.iloc[0], False
    joint = rows[rows["area_code"].str.contains("/", regex=False)]
    for _, row in joint.iterrows():
        if code in [part.strip() for part in row["area_code"].split("/")]:
            return row, True
    return None, False


def benchmarks_for(
    la_code: int,
    measure_id: str,
    year: int | None = None,
    comparators: pd.DataFrame | None = None,
    neighbours: pd.DataFrame | None = None,
    region: str | None = None,
) -> Benchmark:
    """The authority's published value with England, its region and its statistical neighbours.

    `year` is the year as in the table (2025 for 2024/25); None takes the latest year the
    measure has. `comparators`/`neighbours` default to the tables shipped with the package.
    `region` (a name from `known_regions`, as the settings' `authority.region` gives it) is the
    region to compare with; None takes the authority's own region in the table. A region other
    than the authority's own is used as given, with a note saying so.
    """
    table = _shipped_comparators() if comparators is None else comparators
    sn_table = _shipped_neighbours() if neighbours is None else neighbours
    rows = table[table["measure_id"] == measure_id]
    if rows.empty:
        known = ", ".join(sorted(table["measure_id"].unique()))
        raise KeyError(f"no benchmark figures for measure {measure_id!r}; the table has: {known}")
    if year is None:
        year = int(rows["year"].max())
    in_year = rows[rows["year"] == int(year)]
    if in_year.empty:
        years = ", ".join(str(y) for y in sorted(rows["year"].unique()))
        raise KeyError(f"no {measure_id} figures for {year}; years available: {years}")
    code = str(int(la_code))
    notes: list[str] = []

    la_rows = in_year[in_year["geography_level"] == "la"]
    own, joint = _la_row(la_rows, code)
    identity = own
    if identity is None:  # not published that year: name and region from any year, any measure
        everywhere = table[table["geography_level"] == "la"]
        identity, _ = _la_row(everywhere[everywhere["measure_id"] == measure_id], code)
        if identity is None:
            identity, _ = _la_row(everywhere, code)
    if identity is None:
        raise KeyError(f"authority {code} is not in the benchmark table")
    la_name = identity["area_name"]
    if joint:
        notes.append(f"published jointly as {own['area_name']} ({own['area_code']})")
        la_name = next(
            (n for c, n in zip(sn_table["la_code"], sn_table["la_name"], strict=False) if c == int(code)), la_name
        )
    if own is None:
        notes.append(f"no {measure_id} row for authority {code} in {in_year['year_label'].iloc[0]}")
    region_name = identity["region"]
    if region is not None:
        if region not in known_regions(table):
            known = ", ".join(known_regions(table))
            raise KeyError(f"no benchmark figures for region {region!r}; the table's regions are: {known}")
        if region != region_name:
            notes.append(f"compared with {region}, as the settings say, not with {la_name}'s own region, "
                         f"{region_name or 'which the table does not give'}")
        region_name = region

    england = in_year[in_year["geography_level"] == "england"]
    region = in_year[(in_year["geography_level"] == "region") & (in_year["area_code"] == region_name)]

    sn_codes = tuple(int(c) for c in sn_table[sn_table["la_code"] == int(code)].sort_values("rank")["neighbour_code"])
    if not sn_codes:
        notes.append(f"authority {code} has no statistical neighbours in the neighbour table")
    values: dict[str, float] = {}
    excluded: list[int] = []
    for neighbour in sn_codes:
        row, _ = _la_row(la_rows, str(neighbour))
        if row is None or pd.isna(row["value"]):
            excluded.append(neighbour)
        else:
            # A jointly published figure counts once, however many of the neighbours share it.
            values[row["area_code"]] = float(row["value"])
    for joint_code in (c for c in values if "/" in c):
        notes.append(f"neighbours' figure for {joint_code} is published jointly and counted once")

    spec = _shipped_measures().get(measure_id)
    period_end = parse_time_period(str(year), period=spec.period).end if spec else None
    first = in_year.iloc[0]
    return Benchmark(
        measure_id=measure_id,
        title=spec.title if spec else measure_id,
        unit=spec.unit if spec else "",
        year=int(year),
        year_label=str(first["year_label"]),
        period_end=period_end,
        la_code=int(code),
        la_name=la_name,
        value=_number(own["value"]) if own is not None else None,
        suppression=own["suppression"] if own is not None else "",
        england=_number(england["value"].iloc[0]) if not england.empty else None,
        england_suppression=england["suppression"].iloc[0] if not england.empty else "",
        region_name=region_name,
        region=_number(region["value"].iloc[0]) if not region.empty else None,
        region_suppression=region["suppression"].iloc[0] if not region.empty else "",
        sn_mean=statistics.fmean(values.values()) if values else None,
        sn_median=statistics.median(values.values()) if values else None,
        sn_count=len(values),
        sn_codes=sn_codes,
        sn_excluded=tuple(excluded),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------- command line


def _find_neighbour_file(source_dir: Path) -> Path | None:
    for pattern in SN_FILE_PATTERNS:
        found = sorted(source_dir.glob(pattern))
        if found:
            return found[-1]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m onapage.benchmarks.comparators",
        description="Build the comparators table from DfE EES CSVs (as downloaded) in a folder.",
    )
    parser.add_argument("--from", dest="source", required=True, type=Path, help="folder holding the EES CSVs")
    parser.add_argument("--out", type=Path, default=SHIPPED_COMPARATORS, help="comparators CSV to write")
    parser.add_argument("--neighbours-out", type=Path, default=SHIPPED_NEIGHBOURS, help="neighbours CSV to write")
    parser.add_argument("--measures", type=Path, default=None, help="measures file (default: the shipped one)")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="build only from the folder instead of merging it over the existing table",
    )
    args = parser.parse_args(argv)

    base = None
    if not args.replace and args.out.exists():
        base = _read_comparators(args.out)
    try:
        table = build_comparators(args.source, measures=args.measures, base=base)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_comparators(table, args.out)
    print(f"wrote {args.out} ({len(table):,} rows, {args.out.stat().st_size / 1e6:.2f} MB)")
    latest = table.groupby("measure_id")["year_label"].agg(lambda s: s.iloc[-1])
    for measure_id, label in latest.items():
        print(f"  {measure_id:40s} latest {label}")

    sn_file = _find_neighbour_file(args.source)
    if sn_file is None:
        print(f"no statistical-neighbour file in {args.source}; {args.neighbours_out} left as it was")
    else:
        neighbours = read_statistical_neighbours(sn_file)
        write_statistical_neighbours(neighbours, args.neighbours_out)
        print(f"wrote {args.neighbours_out} from {sn_file.name} ({neighbours['la_code'].nunique()} authorities)")
    _shipped_comparators.cache_clear()
    _shipped_neighbours.cache_clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
