"""Where everything lives: the one module that builds an output path.

<output_dir>/
  <period>/                    PeriodFolder: one product's period (2026-10)
    indicators.csv             the period's indicator table, for other returns
    indicators_long.parquet    the saved results every page reads
    indicators_summary.parquet
    notebooks/<section>.ipynb  the executed pages (<section>.failed.ipynb when one failed)
    commentary/<section>.md    the analysts' words, kept across runs
    .inputs/<section>.ipynb    each template with its commentary put back, as executed
    booklet.html, booklet.pdf  the stitched booklet
    quarto/                    the Quarto project
    .run.lock                  held while a run writes the period
  bench/, bench.json, bench.md `onapage bench`
<publish folder>/<period>/     a published booklet with its manifest
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from onapage.periods import Period

RESULTS_FILE = "indicators_long.parquet"
SUMMARY_FILE = "indicators_summary.parquet"
HTML_FILE, PDF_FILE, QUARTO_DIR = "booklet.html", "booklet.pdf", "quarto"
FAILED_SUFFIX = ".failed.ipynb"
INPUTS_DIR = ".inputs"
LOCK_FILE = ".run.lock"


SECTION_NAME = re.compile(r"[a-z0-9][a-z0-9_]*\Z")


class BadSectionName(ValueError):
    """A section name that could not be a section: it would make a path outside the period's folder."""


def section_name(name: str) -> str:
    """`name` when it could name a section (lower-case letters, digits and underscores, as in
    params/booklet.yml); BadSectionName otherwise, so no name from a command line or a file makes a path that
    leaves its folder (`../x`, `a/b`, an absolute path)."""
    if not isinstance(name, str) or not SECTION_NAME.match(name):
        raise BadSectionName(f"{name!r} is not a section name (lower-case letters, digits and underscores, "
                             "as in params/booklet.yml)")
    return name


@dataclass(frozen=True)
class PeriodFolder:
    """The folder of one period's outputs (also a published copy, or a folder an analyst names)."""

    path: Path

    @property
    def notebooks(self) -> Path:
        return self.path / "notebooks"

    def notebook(self, section: str) -> Path:
        return self.notebooks / f"{section_name(section)}.ipynb"

    def failed_notebook(self, section: str) -> Path:
        return failed_beside(self.notebook(section))

    @property
    def commentary(self) -> Path:
        return self.path / "commentary"

    def commentary_file(self, section: str) -> Path:
        return self.commentary / f"{section_name(section)}.md"

    @property
    def prepared(self) -> Path:
        """The templates with their commentary put back, as the runner executes them."""
        return self.path / INPUTS_DIR

    def prepared_notebook(self, section: str) -> Path:
        return self.prepared / f"{section_name(section)}.ipynb"

    @property
    def results(self) -> Path:
        return self.path / RESULTS_FILE

    @property
    def summary(self) -> Path:
        return self.path / SUMMARY_FILE

    def indicators(self, fmt: str) -> Path:
        return self.path / f"indicators.{fmt}"

    @property
    def html(self) -> Path:
        return self.path / HTML_FILE

    @property
    def pdf(self) -> Path:
        return self.path / PDF_FILE

    @property
    def quarto(self) -> Path:
        return self.path / QUARTO_DIR

    @property
    def lock(self) -> Path:
        return self.path / LOCK_FILE


@dataclass(frozen=True)
class OutputLayout:
    """An output folder: one PeriodFolder per period, and the benchmark's files."""

    root: Path

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root))

    def period(self, period: Period | str) -> PeriodFolder:
        return PeriodFolder(self.root / str(period))

    @property
    def bench(self) -> Path:
        return self.root / "bench"

    def bench_report(self, suffix: str) -> Path:
        return self.root / f"bench.{suffix}"


def failed_beside(notebook: Path) -> Path:
    """Where a notebook that failed is kept: beside where it would have been, as <section>.failed.ipynb."""
    return notebook.with_name(notebook.name.removesuffix(".ipynb") + FAILED_SUFFIX)


def results_of(results: Path) -> PeriodFolder:
    """The period folder a saved results file is in (pages are given the results file's path)."""
    return PeriodFolder(Path(results).parent)


@dataclass(frozen=True)
class Pages:
    """A product's page templates: each section's notebook from the first folder that has one (a workspace's
    own pages, then the project's)."""

    folders: tuple[Path, ...]

    @classmethod
    def of(cls, where: Pages | Path | str) -> Pages:
        return where if isinstance(where, Pages) else cls((Path(where),))

    def template(self, section: str) -> Path:
        """The section's notebook: the first folder's that exists, else where the last folder would hold it."""
        found = [f / f"{section}.ipynb" for f in self.folders if (f / f"{section}.ipynb").exists()]
        return found[0] if found else self.folders[-1] / f"{section}.ipynb"

    def notebooks(self) -> list[Path]:
        """Every notebook in any of the folders (a name in two, once: the first folder's)."""
        seen: dict[str, Path] = {}
        for folder in self.folders:
            for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
                seen.setdefault(path.name, path)
        return list(seen.values())

    def __str__(self) -> str:
        return " then ".join(str(f) for f in self.folders)
