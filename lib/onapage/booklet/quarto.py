"""The period's booklet as a Quarto book project, for authorities that publish with Quarto.

`<output_dir>/<period>/quarto/` holds `_quarto.yml` (a book: `index.qmd` for the cover, then the
executed section notebooks in booklet order, cleaned as for the built-in booklet), nothing executed
again (`execute: enabled: false`), code hidden (`echo: false`), Quarto's own bundled theme only (no
MathJax or mermaid from a CDN). `quarto render <dir> --to html` renders it into `_book/`.

Quarto is optional and never installed by onapage: the single-file `booklet.html` (and the PDF) are
always built-in. Quarto documents `embed-resources` for single documents; in a book project each
chapter page is rendered self-contained where Quarto supports it, but the book stays a folder of pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from onapage.booklet.content import NOT_WRITTEN, prepare, replace_placeholders

PROJECT_FILE = "_quarto.yml"
OUTPUT_DIR = "_book"
CHAPTERS_DIR = "chapters"
QUARTO_MARKER = f"::: {{.commentary-missing}}\n**{NOT_WRITTEN}**\n:::"


class QuartoError(RuntimeError):
    """Quarto is not installed, or `quarto render` failed."""


def quarto_executable() -> str | None:
    return shutil.which("quarto")


def quarto_command(project_dir: Path | str) -> list[str]:
    """The exact command that renders the project: `quarto render <dir> --to html`."""
    return ["quarto", "render", str(project_dir), "--to", "html"]


def project_config(*, title: str, subtitle: str, authority: str, period_label: str, chapters: list[str]) -> dict:
    book = {"title": title, "author": authority, "date": period_label, "chapters": ["index.qmd", *chapters],
            "search": False, "downloads": []}
    if subtitle:
        book["subtitle"] = subtitle
    return {
        "project": {"type": "book", "output-dir": OUTPUT_DIR},
        "book": book,
        "execute": {"enabled": False, "echo": False, "warning": False, "error": False},
        "format": {"html": {
            "embed-resources": True,
            "echo": False,
            "code-tools": False,
            "html-math-method": "plain",  # no MathJax from a CDN
            "number-sections": False,
            "toc": True,
            "css": ["booklet.css"],
        }},
        "lang": "en-GB",
    }


def _index_qmd(*, title: str, subtitle: str, authority: str, period_label: str, synthetic: bool) -> str:
    front = {"title": title}
    lines = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip(), "---", "",
             f"**{authority}**", ""]
    if subtitle:
        lines += [subtitle, ""]
    lines += [f"## {period_label}", ""]
    if synthetic:
        lines += ["::: {.callout-warning}",
                  "Synthetic data: every child, date and figure in this booklet is invented for demonstration.",
                  ":::", ""]
    return "\n".join(lines)


QUARTO_CSS = """
.commentary-missing{border:2px dashed #b10e1e;background:#fdf0f0;padding:0.3rem 0.7rem;display:inline-block}
"""


@dataclass
class QuartoProject:
    directory: Path
    chapters: list[Path]

    @property
    def config_file(self) -> Path:
        return self.directory / PROJECT_FILE

    @property
    def output(self) -> Path:
        return self.directory / OUTPUT_DIR / "index.html"


def _chapter(path: Path, section: str, title: str) -> nbformat.NotebookNode:
    prepared = prepare(path, section, drop_header=False, demote=False)
    nb = prepared.nb
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("onapage", {}).get("commentary"):
            cell.source = replace_placeholders(cell.source, QUARTO_MARKER)
        if cell.cell_type == "code":
            tags = list(cell.metadata.get("tags", []))
            if "remove-input" not in tags:
                cell.metadata["tags"] = [*tags, "remove-input"]
    front = nbformat.v4.new_raw_cell(f"---\ntitle: {yaml.safe_dump(title, allow_unicode=True).strip()}\n---")
    nb.cells.insert(0, front)
    return nb


def write_project(directory: Path, sections: list[tuple[str, Path]], *, title: str, subtitle: str,
                  authority: str, period_label: str, synthetic: bool, stylesheet: str = "") -> QuartoProject:
    """Write the Quarto book for `sections` ([(section, executed notebook)], in booklet order) into
    `directory`, replacing what was there in one swap (a reader of the folder never sees half of it)."""
    from onapage.pages import section_title

    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        (staging / CHAPTERS_DIR).mkdir()
        chapters: list[str] = []
        for i, (section, path) in enumerate(sections, start=1):
            try:
                name = section_title(section)
            except KeyError:
                name = section.replace("_", " ").capitalize()
            nb = _chapter(path, section, name)
            rel = f"{CHAPTERS_DIR}/{i:02d}-{section}.ipynb"
            nbformat.write(nb, staging / rel)
            chapters.append(rel)
        config = project_config(title=title, subtitle=subtitle, authority=authority, period_label=period_label,
                                chapters=chapters)
        (staging / PROJECT_FILE).write_text(
            "# Written by `onapage build`: a Quarto book of this period's executed notebooks.\n"
            f"# Render with: quarto render {directory} --to html\n"
            + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        (staging / "index.qmd").write_text(_index_qmd(title=title, subtitle=subtitle, authority=authority,
                                                      period_label=period_label, synthetic=synthetic),
                                           encoding="utf-8")
        (staging / "booklet.css").write_text(stylesheet + QUARTO_CSS, encoding="utf-8")
        old = None
        if directory.exists():
            old = directory.with_name(f".{directory.name}.old-{os.getpid()}-{time.monotonic_ns()}")
            os.rename(directory, old)
        os.rename(staging, directory)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return QuartoProject(directory, [directory / c for c in chapters])


def render(project: QuartoProject, *, timeout: int = 900) -> Path:
    """Run `quarto render <dir> --to html`; the rendered book's index.html, or QuartoError."""
    if quarto_executable() is None:
        raise QuartoError("renderer 'quarto' needs Quarto (https://quarto.org) on PATH; it is not installed. "
                          "Use --renderer builtin (the default when Quarto is absent).")
    command = quarto_command(project.directory)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise QuartoError(f"`{' '.join(command)}` did not finish in {timeout} s") from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout or "").strip().splitlines()[-15:]
        raise QuartoError(f"`{' '.join(command)}` failed (exit {done.returncode}):\n" + "\n".join(tail))
    if not project.output.exists():
        raise QuartoError(f"`{' '.join(command)}` finished but wrote no {project.output}")
    return project.output
