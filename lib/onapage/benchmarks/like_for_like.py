"""Whether a catalogue entry and the DfE measure it links to are the same measure: the same unit, a figure
standing at the same kind of time (a picture on a date, or events over a year), and the same scope (what is
counted, of what). A link that fails is not drawn: the entry names no benchmark and says why in
`benchmark_note`, shown where the comparison would be."""

from __future__ import annotations

from onapage.benchmarks.comparators import Measure, load_measures
from onapage.indicators.catalogue import Indicator

# Which DfE reference times an entry of each kind compares with.
# - a snapshot (at the period end) with a picture on a date;
# - a rolling 12 months with a year's events, or with a picture on a date that looks back over its year (the
#   children looked after at 31 March who had 3 or more placements in the year);
# - a month or the year to date with a year's events only as a share of them (a percentage): the same share
#   over a shorter time; a month's count or rate is never a year's.
PICTURES = {"at_31_march", "at_30_september", "at_birthday_in_year_to_31_march"}
YEARS = {"in_year_to_31_march", "in_year_to_30_september"}
COMPARES_WITH = {"snapshot": PICTURES, "rolling_12": YEARS | PICTURES}
SHARES_COMPARE_WITH = {"in_month": YEARS, "cumulative": YEARS}  # percentages only


def link_problems(ind: Indicator, measures: dict[str, Measure] | None = None) -> list[str]:
    """How the entry and its benchmark differ (none: like for like, or no benchmark named)."""
    if not ind.benchmark:
        return []
    measures = measures if measures is not None else load_measures()
    measure = measures.get(ind.benchmark)
    if measure is None:
        return [f"benchmark {ind.benchmark!r} is not a measure in benchmarks/measures.yml"]
    if measure.reference is None or measure.scope is None:
        return [f"{measure.id} does not say when it stands and what it counts (reference, scope)"]
    problems = []
    if ind.unit != measure.unit:
        problems.append(f"a {ind.unit} set against the DfE's {measure.unit} ({measure.id})")
    allowed = COMPARES_WITH.get(ind.kind) or (SHARES_COMPARE_WITH[ind.kind] if ind.unit == "percent" else set())
    if measure.reference not in allowed:
        problems.append(f"a {ind.kind} figure set against one {measure.reference.replace('_', ' ')} ({measure.id})")
    if ind.benchmark_scope != measure.scope:
        problems.append(f"counts {ind.benchmark_scope or '(no benchmark_scope given)'}, the DfE's {measure.id} "
                        f"counts {measure.scope}")
    if ind.unit == "rate_per_10k" and not _per_children(measure, measures):
        problems.append(f"a rate per 10,000 children set against {measure.id}, which is not per 10,000 children")
    return problems


def _per_children(measure: Measure, measures: dict[str, Measure]) -> bool:
    """A DfE rate per 10,000 of the 0-17 population: derived over it, or published as such."""
    if measure.derived is not None:
        return measures[measure.derived.denominator].scope == "population_0_17" and measure.derived.per == 10_000
    return measure.unit == "rate_per_10k"
