"""Mutation report over the Python whose mistakes change figures or lose words, by mutmut.

mutmut writes each small change it can make to the modules in `MODULES` (a comparison turned round, a
number moved by one, a string altered, a call's argument dropped) and runs the fast tests in `TESTS` that
reach the changed function against it: a mutant is killed when a test fails. mutmut wants the package under
`src/`, so the run works in a copy of the project laid out that way (`<out>/mutmut/`), never in the checkout.

Mutants no input can tell from the code are listed, with the reason, in `python_mutation_equivalent.yml`
and left out of the rate. Each entry names the mutant and the line its change wrote, so an entry goes stale
(and the mutant is counted again) when the code under it changes.
"""

from __future__ import annotations

import argparse
import ast
import csv
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]  # the checkout: lib/, tests/, params/, ...
EQUIVALENT_FILE = Path(__file__).with_name("python_mutation_equivalent.yml")

MODULES = [  # under lib/
    "onapage/indicators/judgements.py",
    "onapage/calendar.py",
    "onapage/periods.py",
    "onapage/validation/rules/*.py",
    "onapage/commentary.py",
    "onapage/booklet/consistency.py",
]
TESTS = [
    "tests/indicators/test_judgements.py",
    "tests/indicators/test_judgements_near_misses.py",
    "tests/test_calendar.py",
    "tests/test_periods.py",
    "tests/test_periods_boundaries.py",
    "tests/validation",
    "tests/commentary",
    "tests/booklet/test_consistency.py",
]
# commentary.py is large (1,400 mutants) and most of it is paths, sign-off and plumbing: only the functions that
# read, merge and write the analysts' words are mutated.
ONLY_FUNCTIONS = {
    "onapage/commentary.py": [
        "_paragraphs", "_first_heading", "cell_key", "_stored_key", "_source", "harvest", "_keyed_cells", "apply",
        "read_file", "_marker", "render", "carried_forward", "_merge_sides", "_carried", "merge", "lost_cells",
        "_is_draft", "_redraft", "block_state",
    ],
}
SLOW_TESTS = [  # whole pipelines, a real notebook run or the demo booklet: seconds each, for every mutant they reach
    "tests/booklet/test_consistency.py::test_the_demo_booklet_shows_every_figure_one_way",
    "tests/validation/test_caveats_reach_the_figures.py",
    "tests/commentary/test_commentary_runner.py",
]
PROJECT_FOLDERS = ["params", "notebooks", "docs"]  # read by the package from its checkout (config.PROJECT_ROOT)
KILLED = {"killed", "timeout"}


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's: onapage.calendar.x_working_days__mutmut_3
    module: str  # lib/onapage/calendar.py
    status: str  # mutmut's: killed, survived, no tests, timeout, ...
    diff: str
    note: str = ""

    @property
    def killed(self) -> bool:
        return self.status in KILLED

    @property
    def equivalent(self) -> bool:
        return self.status == "equivalent"

    @property
    def change(self) -> str:
        """The line the mutant wrote, as in its diff."""
        return next((line[1:].strip() for line in self.diff.splitlines()
                     if line.startswith("+") and not line.startswith("+++")), "")


def equivalents() -> dict[str, dict[str, str]]:
    """mutant name -> {change: the line it wrote, reason: why no input tells it from the code}."""
    return yaml.safe_load(EQUIVALENT_FILE.read_text(encoding="utf-8")) or {}


def _selected(only: set[str]) -> list[str]:
    """The modules to mutate: all of `MODULES`, or each file among them whose path contains one of `only`
    (so one validation rule can be chosen by its name)."""
    if not only:
        return MODULES
    files = [path.relative_to(ROOT / "lib").as_posix() for m in MODULES for path in sorted((ROOT / "lib").glob(m))]
    chosen = [f for f in files if any(word in f for word in only)]
    if not chosen:
        raise SystemExit(f"--only {' '.join(sorted(only))} names none of: {', '.join(MODULES)}")
    return chosen


def lay_out(work: Path, modules: list[str]) -> None:
    """A fresh copy of the project at `work` as mutmut reads it: the package under src/, the tests, the
    project folders, and a pyproject.toml holding the mutmut and pytest settings."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "_project", "*.egg-info")
    shutil.copytree(ROOT / "lib", work / "src", ignore=junk)
    for module, functions in ONLY_FUNCTIONS.items():
        _mutate_only(work / "src" / module, functions)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=junk)
    for folder in PROJECT_FOLDERS:
        shutil.copytree(ROOT / folder, work / folder, ignore=junk)
    settings = {
        "source_paths": ["src"],
        "only_mutate": [f"src/{m}" for m in modules],
        "pytest_add_cli_args_test_selection": TESTS,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q", *[f"--deselect={t}" for t in SLOW_TESTS]],
        "also_copy": PROJECT_FOLDERS,
        "use_git_change_detection": False,
    }
    lines = ["[tool.mutmut]", *(f"{k} = {_toml(v)}" for k, v in settings.items()),
             "", "[tool.pytest.ini_options]", 'testpaths = ["tests"]', ""]
    (work / "pyproject.toml").write_text("\n".join(lines), encoding="utf-8")


def _mutate_only(path: Path, functions: list[str]) -> None:
    """Mark every other top-level function and class of the copy at `path` `# pragma: no mutate`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    spans = [(min([n.lineno, *(d.lineno for d in n.decorator_list)]), n.end_lineno)
             for n in ast.parse("\n".join(lines)).body
             if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n.name not in functions]
    for first, last in reversed(spans):
        lines[last:last] = ["# pragma: no mutate end"]
        lines[first - 1:first - 1] = ["# pragma: no mutate start"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


# mutmut first checks that a mutant failing everywhere fails the tests. Here that failure comes as pytest's
# "could not load a conftest" (exit 4, which mutmut reads as a bad command line): the booklet and commentary
# tests' conftests build a `Period` when they load. The same command line ran the clean tests just before,
# so that exit is the failure being checked for.
LAUNCH = """
import mutmut.__main__ as tool
from mutmut.runners.harness import BadTestExecutionCommandsException

checked = tool.run_forced_fail_test

def run_forced_fail_test(runner):
    try:
        checked(runner)
    except BadTestExecutionCommandsException:
        pass

tool.run_forced_fail_test = run_forced_fail_test
tool.cli()
"""


def run_mutmut(work: Path, children: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ONAPAGE_HOME"}
    command = [sys.executable, "-c", LAUNCH, "run", "--max-children", str(children)]
    log = work / "mutmut.log"
    with log.open("w", encoding="utf-8") as handle:
        done = subprocess.run(command, cwd=work, env=env, stdout=handle, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").replace("\r", "\n").splitlines()[-30:])
        raise SystemExit(f"mutmut stopped (exit {done.returncode}); its output is in {work / 'mutmut.log'}:\n{tail}")


def read_results(work: Path) -> list[Mutant]:
    """Every mutant of the run in `work`, with its status and diff; the equivalent ones marked so."""
    known = equivalents()
    here = Path.cwd()
    os.chdir(work)  # mutmut reads its settings and results from the working folder
    try:
        from mutmut.mutation.data import SourceFileMutationData
        from mutmut.mutation.diff_apply import get_diff_for_mutant
        from mutmut.stats import status_by_exit_code
        from mutmut.utils.file_utils import walk_mutatable_files

        found = []
        for path in sorted(walk_mutatable_files()):
            data = SourceFileMutationData(path=path)
            data.load()
            module = "lib/" + str(path).removeprefix("src/")
            for name, code in sorted(data.exit_code_by_key.items(), key=lambda kv: _order(kv[0])):
                status = status_by_exit_code[code]
                diff = "" if status in KILLED else get_diff_for_mutant(name, path=path)
                found.append(_judged(Mutant(name, module, status, diff), known.get(name)))
        return found
    finally:
        os.chdir(here)


def _order(name: str) -> tuple[str, int]:
    function, _, number = name.rpartition("__mutmut_")
    return function, int(number) if number.isdigit() else 0


def _judged(mutant: Mutant, entry: dict[str, str] | None) -> Mutant:
    if entry is None:
        return mutant
    if mutant.killed:
        return Mutant(mutant.name, mutant.module, mutant.status, mutant.diff,
                      "listed as equivalent, but a test kills it: take it off the list")
    if " ".join(str(entry.get("change", "")).split()) != " ".join(mutant.change.split()):
        return Mutant(mutant.name, mutant.module, mutant.status, mutant.diff,
                      "listed as equivalent for another change (the code moved): look at it again")
    return Mutant(mutant.name, mutant.module, "equivalent", mutant.diff, str(entry.get("reason", "")))


def summary(mutants: list[Mutant]) -> str:
    counted = [m for m in mutants if not m.equivalent]
    killed = sum(m.killed for m in counted)
    rate = f"{100 * killed / len(counted):.1f}%" if counted else "n/a"
    return (f"Python mutants: {killed} killed of {len(counted)} ({rate}); "
            f"not counted: {len(mutants) - len(counted)} equivalent")


def write_report(mutants: list[Mutant], folder: Path, seconds: float) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md, table = folder / "python_mutants.md", folder / "python_mutants.csv"
    md.write_text(_markdown(mutants, seconds), encoding="utf-8")
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["module", "mutant", "status", "change", "note"])
        for m in mutants:
            writer.writerow([m.module, m.name, m.status, m.change, m.note])
    return [md, table]


def _markdown(mutants: list[Mutant], seconds: float) -> str:
    by_module: dict[str, Counter] = {}
    for m in mutants:
        by_module.setdefault(m.module, Counter())[
            "equivalent" if m.equivalent else "killed" if m.killed else "survived"] += 1
    lines = ["# Python mutants", "", f"{summary(mutants)}.", "",
             f"mutmut over the modules below, each mutant run against the fast tests that reach it "
             f"({', '.join(TESTS)}; not the slow ones: {', '.join(SLOW_TESTS)}). "
             f"Equivalent mutants (no input can tell them from the code) are listed with the reason in "
             f"`lib/onapage/{EQUIVALENT_FILE.name}` and left out of the rate. Run time {seconds / 60:.1f} minutes.",
             "", "| module | killed | of | rate | survived | equivalent |", "|---|---:|---:|---:|---:|---:|"]
    for module, n in by_module.items():
        counted = n["killed"] + n["survived"]
        rate = f"{100 * n['killed'] / counted:.1f}%" if counted else "n/a"
        lines.append(f"| {module} | {n['killed']} | {counted} | {rate} | {n['survived']} | {n['equivalent']} |")
    survivors = [m for m in mutants if not m.killed and not m.equivalent]
    lines += ["", f"## Survived ({len(survivors)})", ""]
    for m in survivors:
        lines += [f"### `{m.name}` ({m.status})", "", *([f"{m.note}", ""] if m.note else []),
                  "```diff", m.diff.strip(), "```", ""]
    equivalent = [m for m in mutants if m.equivalent]
    lines += [f"## Equivalent ({len(equivalent)})", "", "| mutant | change | why no input tells it apart |",
              "|---|---|---|"]
    lines += [f"| `{m.name}` | `{m.change}` | {m.note} |" for m in equivalent]
    stale = [m for m in mutants if m.killed and m.note]
    if stale:
        lines += ["", "## Stale equivalent entries", ""] + [f"- `{m.name}`: {m.note}" for m in stale]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Mutation report over the core Python modules, by mutmut")
    parser.add_argument("--out", type=Path, default=Path("outputs/mutation"))
    parser.add_argument("--only", nargs="*", help="words naming modules to mutate (default: all of them)")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    parser.add_argument("--reuse", action="store_true", help="read the last run's results without running")
    args = parser.parse_args(argv)
    work = args.out.resolve() / "mutmut"
    start = time.monotonic()
    if not args.reuse:
        lay_out(work, _selected(set(args.only or ())))
        run_mutmut(work, args.children)
    mutants = read_results(work)
    paths = write_report(mutants, args.out, time.monotonic() - start)
    print(f"{summary(mutants)} (report: {paths[0]})")


if __name__ == "__main__":
    main()
