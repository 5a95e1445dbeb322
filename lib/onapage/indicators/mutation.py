"""Mutation testing of the catalogue's SQL: does each indicator's hand-built cases notice a plausible mistake?

Each mutant changes one thing in an indicator's query (as `Indicator.sql()` gives it, shape filled in):

    comparison   `<` <-> `<=`, `>` <-> `>=` (never the `<` of `<=`, `<>` or `->`)
    distinct     `distinct` dropped (not `is [not] distinct from`)
    window       the window shifted one day later: `window_start`, `window_end` and `fy_start` each read as
                 the day after (`window_end + 1`), so a case with a row on the window's first day, or on the
                 day after the period end, tells it apart
    join         `and` <-> `or` in a join's `on` condition (not the `and` of a `between`)
    count        `count(x)` -> `count(*)`, and `count(*)` -> `count(<a column of the same select>)`

Comments and quoted text are never changed. A mutant is killed when one of the indicator's cases (and of
the rates per 10,000 read from it: they share its query) fails or its query errors, and survives when
every case still passes. Each case runs beside the period before it, as a booklet's trend does, so a join
that lets one period's rows into another's window shows. A mutant that no input can tell from the query is
listed, with why, in `mutation_equivalent.yml`, and reported apart from the kill rate; so is a stillborn one,
whose query does not even bind (a shifted window date its query also groups by): it tests nothing.

    python -m onapage.indicators.mutation [--out outputs/mutation]
"""

from __future__ import annotations

import argparse
import csv
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb
from rich.progress import Progress

from onapage.indicators.catalogue import Case, Indicator, load_catalogue
from onapage.indicators.testing import case_failures, compute_case, store_with
from onapage.yamlfile import load_yaml

EQUIVALENT_FILE = "mutation_equivalent.yml"
WINDOW_COLUMNS = ("window_start", "window_end", "fy_start")
_NOT_A_COUNTED_COLUMN = {"period", "basis", *WINDOW_COLUMNS}


@dataclass(frozen=True)
class Mutant:
    indicator_id: str
    operator: str
    line: int
    column: int
    before: str
    after: str
    sql: str

    @property
    def description(self) -> str:
        """How the equivalents file names it: operator, where (line:column) and the change."""
        return f"{self.operator} at {self.line}:{self.column}: {self.before} -> {self.after}"


@dataclass(frozen=True)
class Edit:
    """One change to the query text: characters [start, end) become `text`."""

    operator: str
    start: int
    end: int
    text: str


# --- where the query is code (not a comment or quoted text) -----------------------------------------

_QUOTED = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", re.S)


def code_mask(sql: str) -> list[bool]:
    """True for each character of SQL code; false inside comments and string or identifier quotes."""
    mask = [True] * len(sql)
    for m in _QUOTED.finditer(sql):
        mask[m.start() : m.end()] = [False] * (m.end() - m.start())
    return mask


def _in_code(pattern: re.Pattern, sql: str, mask: list[bool], start: int = 0) -> Iterator[re.Match]:
    return (m for m in pattern.finditer(sql, start) if mask[m.start()] and mask[m.end() - 1])


_TOKEN = re.compile(r"\w+|[(),]")


def _tokens(sql: str, mask: list[bool], start: int = 0) -> Iterator[tuple[str, re.Match]]:
    return ((m.group().lower(), m) for m in _in_code(_TOKEN, sql, mask, start))


# --- the operators -------------------------------------------------------------------------------------

_COMPARISON = re.compile(r"<=|>=|<>|->>|->|=>|<|>")  # longest first: `<=` is one token, never its `<`
_FLIPPED = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}


def comparison_edits(sql: str, mask: list[bool]) -> Iterator[Edit]:
    for m in _in_code(_COMPARISON, sql, mask):
        if m.group() in _FLIPPED:
            yield Edit("comparison", m.start(), m.end(), _FLIPPED[m.group()])


_DISTINCT = re.compile(r"\bdistinct\b\s*", re.I)
_IS_DISTINCT = re.compile(r"\bis\s+(not\s+)?$", re.I)


def distinct_edits(sql: str, mask: list[bool]) -> Iterator[Edit]:
    for m in _in_code(_DISTINCT, sql, mask):
        if not _IS_DISTINCT.search(sql[max(0, m.start() - 12) : m.start()]):
            yield Edit("distinct", m.start(), m.end(), "")


_WINDOW = re.compile(r"\b(?:\w+\.)?(" + "|".join(WINDOW_COLUMNS) + r")\b")


def window_edits(sql: str, mask: list[bool]) -> Iterator[Edit]:
    """Each window date read as the day after; a select item keeps its name, so the query still binds."""
    for m in _in_code(_WINDOW, sql, mask):
        shifted = f"({m.group()} + 1)"  # a date plus a whole number is still a date
        if _is_select_item(sql, mask, m):
            shifted += f" as {m.group(1)}"
        yield Edit("window", m.start(), m.end(), shifted)


def _is_select_item(sql: str, mask: list[bool], m: re.Match) -> bool:
    before = [t for t, _ in _tokens(sql[: m.start()], mask)]
    after = next(_tokens(sql, mask, m.end()), ("", None))[0]
    return bool(before) and before[-1] in ("select", "distinct", ",") and after in (",", "from") and (
        _clause_of(before) == "select")


def _clause_of(tokens: list[str]) -> str:
    """The keyword of the clause the last token is in, at its own bracket depth."""
    depth = 0
    for token in reversed(tokens):
        depth += {")": 1, "(": -1}.get(token, 0)
        if depth < 0:
            return "("
        if depth == 0 and token in ("select", "from", "where", "group", "on", "having", "qualify", "order"):
            return token
    return ""


# Words that end a join's `on` condition at its own bracket depth.
_CLAUSE_ENDS = {"join", "left", "right", "inner", "full", "cross", "where", "group", "order", "qualify",
                "having", "window", "limit", "union", "except", "intersect", "select", ","}
_ON = re.compile(r"\bon\b", re.I)


def join_edits(sql: str, mask: list[bool]) -> Iterator[Edit]:
    for on in _in_code(_ON, sql, mask):
        for m in _join_connectives(sql, mask, on.end()):
            yield Edit("join", m.start(), m.end(), "or" if m.group().lower() == "and" else "and")


def _join_connectives(sql: str, mask: list[bool], start: int) -> Iterator[re.Match]:
    """The `and`s and `or`s of the condition starting at `start`, less each `between`'s own `and`."""
    depth, betweens = 0, []
    for token, m in _tokens(sql, mask, start):
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0 or (depth == 0 and token in _CLAUSE_ENDS):
            return
        if token == "between":
            betweens.append(depth)
        elif token == "and" and betweens and betweens[-1] == depth:
            betweens.pop()
        elif token in ("and", "or"):
            yield m


_COUNT_STAR = re.compile(r"\bcount\(\s*\*\s*\)", re.I)
_COUNT_OF = re.compile(r"\bcount\((?!\s*(\*|distinct\b))", re.I)


def count_edits(sql: str, mask: list[bool]) -> Iterator[Edit]:
    for m in _in_code(_COUNT_OF, sql, mask):
        yield Edit("count", m.start(), _closing_bracket(sql, mask, m.end()) + 1, "count(*)")
    for m in _in_code(_COUNT_STAR, sql, mask):
        if column := _counted_column(sql, mask, m.start()):
            yield Edit("count", m.start(), m.end(), f"count({column})")


def _closing_bracket(sql: str, mask: list[bool], start: int) -> int:
    depth = 1
    for token, m in _tokens(sql, mask, start):
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth == 0:
            return m.start()
    raise ValueError("unbalanced brackets")


_PLAIN_COLUMN = re.compile(r"^(?:coalesce\(\s*)?(\w+\.)?(\w+)\b")
_SELECT = re.compile(r"\bselect\b", re.I)
_COUNTED = re.compile(r"\bcount\(\s*(?:distinct\s+)?((?:\w+\.)?\w+)\s*\)", re.I)


def _counted_column(sql: str, mask: list[bool], at: int) -> str | None:
    """What a `count(*)` might have counted instead: the column another count of its select counts, else
    its select's first column that is not the window's (a breakdown), else nothing sensible."""
    items = _select_items(sql, mask, at)
    for item in items:
        if m := _COUNTED.search(item):
            return m.group(1)
    for item in items:
        m = _PLAIN_COLUMN.match(item)
        if m and m.group(2).lower() not in _NOT_A_COUNTED_COLUMN and not item.startswith(("case", "count")):
            return (m.group(1) or "") + m.group(2)
    return None


def _select_items(sql: str, mask: list[bool], at: int) -> list[str]:
    """The items of the select list that holds position `at`, split at its own commas."""
    select = max((m.end() for m in _in_code(_SELECT, sql, mask) if m.start() < at), default=0)
    items, depth, begin = [], 0, select
    for token, m in _tokens(sql, mask, select):
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth == 0 and token in (",", "from"):
            items.append(sql[begin : m.start()].strip().lower())
            begin = m.end()
        if depth < 0 or (depth == 0 and token == "from"):
            break
    return items


OPERATORS: tuple[Callable[[str, list[bool]], Iterator[Edit]], ...] = (
    comparison_edits, distinct_edits, window_edits, join_edits, count_edits)


def mutants(indicator_id: str, sql: str) -> list[Mutant]:
    """Every one-change mutant of the query, in the order the operators are listed."""
    mask = code_mask(sql)
    return [_applied(indicator_id, sql, edit) for operator in OPERATORS for edit in operator(sql, mask)]


def _applied(indicator_id: str, sql: str, edit: Edit) -> Mutant:
    before = " ".join(sql[edit.start : edit.end].split())
    after = edit.text or "(dropped)"
    line = sql.count("\n", 0, edit.start) + 1
    column = edit.start - sql.rfind("\n", 0, edit.start)
    return Mutant(indicator_id, edit.operator, line, column, before, after,
                  sql[: edit.start] + edit.text + sql[edit.end :])


# --- running the cases against each mutant ---------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    status: str  # killed, survived or equivalent
    note: str  # the case that killed it, or why it is equivalent


def families() -> list[list[Indicator]]:
    """Each query's entries: the indicator whose query it is first, then the rates per 10,000 read from it."""
    catalogue = load_catalogue()
    return [[ind] + [r for r in catalogue.values() if r.rate_of == ind.id]
            for ind in catalogue.values() if not ind.rate_of]


@cache
def equivalents() -> dict[str, dict[str, str]]:
    """Mutants no input can tell from their query, by indicator id and description, with the reason."""
    text = resources.files(__package__).joinpath(EQUIVALENT_FILE).read_text(encoding="utf-8")
    return load_yaml(text) or {}


def judge(family: list[Indicator], mutated: list[Mutant]) -> list[Outcome]:
    """Run every case of the family once against every mutant still alive; the first failure kills."""
    known = equivalents().get(family[0].id, {})
    stillborn = _stillborn(mutated)
    alive = [m for m in mutated if m.description not in known and m not in stillborn]
    killed: dict[Mutant, str] = {}
    for ind, case in [(member, case) for member in family for case in member.tests]:
        killed |= _kills(ind, case, [m for m in alive if m not in killed])
    return [Outcome(m, "equivalent", known[m.description]) if m.description in known
            else Outcome(m, "stillborn", stillborn[m]) if m in stillborn
            else Outcome(m, "killed", killed[m]) if m in killed else Outcome(m, "survived", "")
            for m in mutated]


def _stillborn(mutated: list[Mutant]) -> dict[Mutant, str]:
    """Mutants whose query does not parse or bind on an empty store, with the first line of the error."""
    con = store_with({})
    try:
        return {m: error for m in mutated if (error := _bind_error(con, m.sql))}
    finally:
        con.close()


def _bind_error(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    try:
        con.execute("explain " + sql)
    except (duckdb.BinderException, duckdb.ParserException) as exc:
        return str(exc).splitlines()[0]
    return ""


def _kills(ind: Indicator, case: Case, alive: list[Mutant]) -> dict[Mutant, str]:
    con = store_with(case.given)
    try:
        if _fails(con, ind, case, None):  # a case the query itself fails would kill every mutant
            raise ValueError(f"{ind.id}:{case.name} fails on the indicator's own query")
        return {m: f"{ind.id}:{case.name}" for m in alive if _fails(con, ind, case, m.sql)}
    finally:
        con.close()


def _fails(con: duckdb.DuckDBPyConnection, ind: Indicator, case: Case, sql: str | None) -> bool:
    return bool(case_failures(ind, case, compute_case(con, ind, case, sql, beside_previous=True)))


def run_all(progress: Progress | None = None, only: set[str] | None = None) -> list[Outcome]:
    """Every mutant judged; `only` keeps the queries of those indicator ids or sections."""
    chosen = [f for f in families() if not only or {f[0].id, f[0].section} & only]
    work = [(family, mutants(family[0].id, family[0].sql())) for family in chosen]
    task = progress.add_task("SQL mutants", total=sum(len(m) for _, m in work)) if progress else None
    outcomes = []
    for family, mutated in work:
        outcomes += judge(family, mutated)
        if progress:
            progress.advance(task, len(mutated))
    return outcomes


# --- the report ---------------------------------------------------------------------------------------------


def summary(outcomes: list[Outcome]) -> str:
    counted = [o for o in outcomes if o.status in ("killed", "survived")]
    killed = sum(o.status == "killed" for o in counted)
    rate = 100 * killed / len(counted) if counted else 100.0
    apart = {status: sum(o.status == status for o in outcomes) for status in ("equivalent", "stillborn")}
    return (f"SQL mutants: {killed} killed of {len(counted)} ({rate:.1f}%); not counted: "
            f"{apart['equivalent']} equivalent, {apart['stillborn']} stillborn")


def write_report(outcomes: list[Outcome], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    table, markdown = folder / "sql_mutants.csv", folder / "sql_mutants.md"
    with table.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["indicator", "operator", "line", "column", "before", "after", "status", "note"])
        for o in outcomes:
            m = o.mutant
            writer.writerow([m.indicator_id, m.operator, m.line, m.column, m.before, m.after, o.status, o.note])
    markdown.write_text(_markdown(outcomes), encoding="utf-8")
    return [markdown, table]


def _markdown(outcomes: list[Outcome]) -> str:
    lines = ["# Catalogue SQL mutants", "", summary(outcomes) + ".", "",
             "Equivalent mutants (no input can tell them from the query) and stillborn ones (the query does not "
             "bind) are listed apart and left out of the rate. Every mutant, with the case that killed it, is in "
             "`sql_mutants.csv`.", ""]
    for status in ("survived", "equivalent", "stillborn"):
        chosen = [o for o in outcomes if o.status == status]
        lines += [f"## {status.capitalize()} ({len(chosen)})", "", "| indicator | mutant | note |", "|---|---|---|"]
        lines += [f"| {o.mutant.indicator_id} | `{o.mutant.description}` | {o.note} |".replace("`|", "`\\|")
                  for o in chosen]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mutation report over the catalogue's SQL and its hand cases")
    parser.add_argument("--out", type=Path, default=Path("outputs/mutation"))
    parser.add_argument("--only", nargs="*", help="indicator ids or sections (default: the whole catalogue)")
    args = parser.parse_args(argv)
    logging.getLogger("onapage.indicators.engine").setLevel(logging.CRITICAL)  # mutants fail by design: no error log
    with Progress(transient=True) as progress:
        outcomes = run_all(progress, set(args.only or ()))
    paths = write_report(outcomes, args.out)
    print(f"{summary(outcomes)} (report: {paths[0]})")


if __name__ == "__main__":
    main()
