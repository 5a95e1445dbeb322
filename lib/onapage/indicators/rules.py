"""The rules every catalogue entry keeps, the project's and a workspace's alike: the project's tests hold
the catalogue to them, and `onapage check` holds a workspace's own entries to them."""

from __future__ import annotations

from onapage.indicators.catalogue import Indicator, sections
from onapage.periods import Period

EMPTY_PERIODS = (Period(2019, 3), Period(2019, 4))


def entry_problems(ind: Indicator) -> list[str]:
    """What the entry lacks: a definition, a hand-built case, known sources, a benchmark like for like."""
    from onapage.benchmarks.like_for_like import link_problems
    from onapage.contract import load_contract

    problems = []
    if ind.section not in sections():
        problems.append(f"section {ind.section!r} is not a catalogue or workspace section")
    if len(ind.definition.strip()) <= 20:
        problems.append("its definition says too little to check the figure against (over 20 characters)")
    if not ind.tests:
        problems.append("it has no hand-built case under `tests:` (a small input whose answer was worked out by hand)")
    unknown = sorted(set(ind.sources) - set(load_contract().datasets))
    if unknown:
        problems.append(f"sources {unknown} are not datasets of the input contract")
    problems += [f"its benchmark is not like for like: {p}" for p in link_problems(ind)]
    return problems


def empty_store():
    """A store with every dataset marked supplied and no rows: every query must run on it."""
    from onapage import store
    from onapage.contract import load_contract

    con = store.in_memory()
    for ds in load_contract().datasets.values():
        con.execute("insert into _loads values (?, ?, null, 'x', 0, now())", [ds.key, ds.key])
    return con


def query_problems(ind: Indicator, con) -> list[str]:
    """Whether the query runs on the empty store and answers each period and basis exactly once."""
    from onapage.contract import load_contract
    from onapage.indicators.engine import compute_indicator, windows_frame

    windows = windows_frame(list(EMPTY_PERIODS), lambda _: 10_000)
    result = compute_indicator(con, ind, windows, set(load_contract().datasets))
    failed = result[result["status"] != "ok"]
    if not failed.empty:
        return [f"its query fails on an empty store: {'; '.join(map(str, failed['message'].dropna().unique()))}"]
    if ind.breakdown:
        return []
    got = sorted(zip(result["period"], result["basis"], strict=True))
    want = sorted((str(p), b) for p in EMPTY_PERIODS for b in ind.bases)
    return [] if got == want else [f"its query must return one row per period and basis: {want}, not {got}"]


def case_problems(ind: Indicator) -> list[str]:
    """Each hand-built case whose worked-out answer the query does not give."""
    from onapage.indicators.testing import case_failures, run_case

    problems = []
    for case in ind.tests:
        try:
            failures = case_failures(ind, case, run_case(ind, case))
        except Exception as exc:  # a case naming an unknown list or column, or a query that errors on it
            failures = [f"{type(exc).__name__}: {exc}"]
        problems += [f"case {case.name!r}: {failure}" for failure in failures]
    return problems
