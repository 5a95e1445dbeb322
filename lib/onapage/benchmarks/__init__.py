"""Published DfE benchmarks: England, regions, statistical neighbours (REPORT_SPEC §4).

``dfe`` reads the Explore Education Statistics CSVs as published; ``comparators`` turns them
into the shipped ``comparators.csv`` (one tidy long table, measures defined in
``measures.yml``) and answers "what are this authority's benchmarks for this measure?".

The names below are imported lazily so that ``python -m onapage.benchmarks.comparators``
runs without the module being imported twice.
"""

from __future__ import annotations

import importlib

__all__ = [
    "Benchmark",
    "benchmarks_for",
    "build_comparators",
    "load_comparators",
    "load_measures",
    "load_statistical_neighbours",
    "measure_ids",
    "write_comparators",
]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("onapage.benchmarks.comparators"), name)
    raise AttributeError(f"module 'onapage.benchmarks' has no attribute {name!r}")
