"""The data-quality gate: every rule in `validation/rules/` run over the inputs, before any figure.

A rule is one file there defining `RULE`: its name (the file's), a title, what it checks in a
sentence (for `docs/data_quality_rules.md`), the check, and hand-built cases (`given` inputs,
`expect`ed findings) that `tests/validation/test_rule_cases.py` runs. Adding a rule is adding a file.

    findings = validate(inputs, period=Period.parse("2026-10"))
    print(summarise(findings))
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from onapage.contract import load_contract
from onapage.periods import Period
from onapage.validation.findings import Finding
from onapage.validation.table import Table

if TYPE_CHECKING:
    from onapage.inputs.model import InputSet


# Lists 1-8 record events every working day; one whose last record is more than this many working
# days before the period ends was cut short or extracted early (settings: coverage_working_days).
COVERAGE_WORKING_DAYS = 10


@dataclass(frozen=True)
class Case:
    """A rule's worked example: raw inputs (dataset key -> rows of heading: cell text) and the
    findings they must give, as (severity, column heading or None, spreadsheet row or None)."""

    name: str
    given: dict[str, list[dict[str, str]]]
    expect: list[tuple[str, str | None, int | None]]
    period: str | None = None
    as_of: date = date(2019, 3, 10)
    allow_partial: bool = False


@dataclass(frozen=True)
class Rule:
    name: str
    order: int  # rules run (and report) in this order
    title: str
    explains: str
    check: Callable[[Context], Iterable[Finding]]
    cases: tuple[Case, ...] = ()


@dataclass
class Context:
    """What a rule may look at: every dataset read, the period asked for, today, and the options."""

    inputs: InputSet
    period: Period | None = None
    as_of: date = field(default_factory=date.today)
    allow_partial: bool = False
    coverage_working_days: int = COVERAGE_WORKING_DAYS  # how far before the period's end an event list may stop

    def tables(self, rule: str) -> list[Table]:
        contract = load_contract()
        return [
            Table(contract.dataset(key), frame, self.inputs.sources.get(key), rule)
            for key, frame in self.inputs.frames.items()
        ]


def per_table(check: Callable[[Table, Context], Iterable[Finding]], name: str) -> Callable[[Context], list[Finding]]:
    """A rule that looks at one dataset at a time."""
    return lambda ctx: [f for table in ctx.tables(name) for f in check(table, ctx)]


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule in `onapage.validation.rules`, in order; a rule's name is its file's name."""
    from onapage.validation import rules as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        rule = module.RULE
        if rule.name != info.name:
            raise ValueError(f"rule {rule.name!r} is defined in {info.name}.py: a rule's name is its file's")
        found.append(rule)
    return tuple(sorted(found, key=lambda r: (r.order, r.name)))


def validate(
    inputs: InputSet,
    *,
    period: Period | None = None,
    as_of: date | None = None,
    allow_partial: bool = False,
    coverage_working_days: int = COVERAGE_WORKING_DAYS,
    rules: Iterable[Rule] | None = None,
) -> list[Finding]:
    """All findings for a run: those from reading the inputs, then every rule's."""
    ctx = Context(inputs, period, as_of or date.today(), allow_partial, coverage_working_days)
    findings = list(inputs.findings)
    for rule in rules if rules is not None else all_rules():
        findings += rule.check(ctx)
    return findings


# --- a rule's cases --------------------------------------------------------------------------


def run_case(rule: Rule, case: Case) -> list[tuple[str, str | None, int | None]]:
    """The rule's findings on the case's inputs, as (severity, column, row), in the rule's order."""
    from onapage.inputs import read_inputs

    with tempfile.TemporaryDirectory() as folder:
        for key, rows in case.given.items():
            _write_csv(Path(folder) / f"{key}.csv", rows)
        inputs = read_inputs(Path(folder))
    period = Period.parse(case.period) if case.period else None
    findings = validate(inputs, period=period, as_of=case.as_of, allow_partial=case.allow_partial, rules=[rule])
    return [(f.severity, f.column, f.row) for f in findings if f.rule == rule.name]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    headings = list(dict.fromkeys(h for row in rows for h in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        writer.writerows([row.get(h, "") for h in headings] for row in rows)
