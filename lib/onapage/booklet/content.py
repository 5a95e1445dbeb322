"""What of an executed section notebook goes into the booklet, and in what shape.

Shared by the built-in stitcher, the Quarto project and publishing (which records whether
each section's commentary is still the placeholder):

- the first markdown cell is a note for analysts, not for readers: dropped;
- the `parameters` / `injected-parameters` cells: dropped (they show nothing anyway);
- code cells keep their displayed outputs only; streams (logs, warnings) and errors are not for
  readers and are left out (an error is reported as a build warning);
- commentary cells (tagged `commentary`) are content and stay; a paragraph that is still the
  template's placeholder (`_Analyst: ..._`, `_Director: ..._`) is shown as "Commentary not yet
  written", so a reader never mistakes a draft booklet for a finished one;
- a chart's data comments (commentary cells also tagged `data-comments`) are shown under a "Data
  comments" label, without the draft note; one still holding the template's note (the section ran
  without `onapage run` drafting its comments) has nothing for readers and is dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from onapage.commentary import (
    COMMENTARY_TAG,
    DATA_COMMENTS_TAG,
    PLACEHOLDER,
    SIGNED_OFF,
    _paragraphs,
    cell_tags,
    file_in,
    read_file,
)

DATA_COMMENTS_NOTE = re.compile(r"^\s*_Data comments: drafted from the figures", re.IGNORECASE)
DROPPED_TAGS = {"parameters", "injected-parameters", "remove-cell"}
NOT_WRITTEN = "Commentary not yet written"

_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^(#{1,5})(?=\s)")

DRAFT, WRITTEN, NONE = "draft", "written", "none"


def is_commentary(cell) -> bool:
    """An analyst's commentary cell (a chart's data comments are not counted: they are drafted for them)."""
    tags = cell_tags(cell)
    return cell.get("cell_type") == "markdown" and COMMENTARY_TAG in tags and DATA_COMMENTS_TAG not in tags


def is_data_comments(cell) -> bool:
    return cell.get("cell_type") == "markdown" and DATA_COMMENTS_TAG in cell_tags(cell)


def has_placeholder(source: str) -> bool:
    return any(PLACEHOLDER.match(p) for p in _paragraphs(source))


def replace_placeholders(source: str, marker: str) -> str:
    """The markdown with every placeholder paragraph replaced by `marker` (a paragraph of its own)."""
    paras = _paragraphs(source)
    return "\n\n".join(marker if PLACEHOLDER.match(p) else p for p in paras)


def demote_headings(source: str, levels: int = 1) -> str:
    """ATX headings one level down ('## Trends' -> '### Trends'), outside fenced code, so a section's own
    sub-headings sit under the page title (h2) in the booklet's outline."""
    out, fenced = [], False
    for line in source.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _ATX.sub(lambda m: m.group(1) + "#" * levels if len(m.group(1)) + levels <= 6 else m.group(1),
                            line)
        out.append(line)
    return "\n".join(out)


def commentary_status(nb) -> str:
    """'draft' when any commentary cell still holds placeholder text, 'written' when every commentary cell
    has been written, 'none' for a section without commentary cells."""
    cells = [c for c in nb.cells if is_commentary(c)]
    if not cells:
        return NONE
    return DRAFT if any(has_placeholder(c.source) for c in cells) else WRITTEN


DRAFT_NOTE = '<p class="commentary-draft">Draft commentary ({status}): not yet signed off</p>'


def commentary_file(notebooks: Path, section: str) -> Path | None:
    """The section's commentary file (`<period>/commentary/<section>.md`, see onapage.commentary) for the
    executed notebooks in `notebooks` (`<period>/notebooks/`); None for notebooks kept anywhere else."""
    notebooks = Path(notebooks)
    return file_in(notebooks.parent, section) if notebooks.name == "notebooks" else None


def signoff_statuses(path: Path, section: str) -> dict[str, str]:
    """The sign-off status of each commentary block (by key) of the executed notebook at `path`; {} when it
    has no commentary file."""
    md = commentary_file(Path(path).parent, section)
    return {k: b.status for k, b in read_file(md).items()} if md else {}


def notebook_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------- output recognition

_CONTENTS_NAV = re.compile(r'<nav\b[^>]*class="[^"]*\bcontents\b', re.IGNORECASE)
_PAGE_HEADER = re.compile(r'<header\b[^>]*class="[^"]*\bpage-header\b', re.IGNORECASE)


def output_html(output) -> str:
    return str(output.get("data", {}).get("text/html", "") or "")


def is_contents_output(output) -> bool:
    """The cover notebook's own contents list (the booklet draws its own, with the navigation)."""
    return bool(_CONTENTS_NAV.search(output_html(output)))


def is_page_header_output(output) -> bool:
    return bool(_PAGE_HEADER.search(output_html(output)))


# --------------------------------------------------------------------------- preparing a notebook


@dataclass
class PreparedSection:
    """One section notebook made ready for a reader."""

    name: str
    path: Path
    nb: nbformat.NotebookNode
    commentary: str  # draft | written | none
    sha256: str
    has_header: bool  # the page header (title, authority, period) is among the outputs
    warnings: list[str] = field(default_factory=list)


def prepare(path: Path, section: str, *, drop_header: bool = False, drop_contents: bool = True,
            demote: bool = True) -> PreparedSection:
    """The executed notebook at `path`, cleaned for readers (see the module docstring).

    `drop_header` removes the page-header output (the booklet's cover replaces the cover notebook's);
    `demote` moves markdown headings one level down when the page header (an h2) is kept.
    Commentary cells get `metadata.onapage.commentary` = 'draft' | 'written' for the templates.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    status = commentary_status(nb)
    warnings: list[str] = []
    cells = []
    first_markdown_seen = False
    has_header = False
    for cell in nb.cells:
        tags = set(cell_tags(cell))
        if tags & DROPPED_TAGS:
            continue
        if is_data_comments(cell):
            if cell.source.strip() and not DATA_COMMENTS_NOTE.match(cell.source):
                cell.metadata.setdefault("onapage", {})["data_comments"] = True
                cell.source = f"**Data comments**\n\n{cell.source}"
                cells.append(cell)
            continue
        if cell.cell_type == "markdown" and not first_markdown_seen:
            first_markdown_seen = True
            if COMMENTARY_TAG not in tags:
                continue  # the note for analysts
        if cell.cell_type == "code":
            outputs = []
            for out in cell.get("outputs", []):
                kind = out.get("output_type")
                if kind == "stream":
                    continue
                if kind == "error":
                    warnings.append(f"{section}: a cell raised {out.get('ename', 'an error')}; its output is "
                                    "left out of the booklet")
                    continue
                if drop_contents and is_contents_output(out):
                    continue
                if is_page_header_output(out):
                    if drop_header:
                        continue
                    has_header = True
                outputs.append(out)
            if not outputs:
                continue
            cell.outputs = outputs
        cells.append(cell)
    signoff = signoff_statuses(path, section)
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        meta = cell.metadata.setdefault("onapage", {})
        if is_commentary(cell):
            meta["commentary"] = DRAFT if has_placeholder(cell.source) else WRITTEN
            signed = signoff.get(meta.get("commentary_key"))
            if signed and signed != SIGNED_OFF and meta["commentary"] == WRITTEN:
                meta["signoff"] = signed
                cell.source = f'{DRAFT_NOTE.format(status=signed)}\n\n{cell.source}'
        if demote and has_header:
            cell.source = demote_headings(cell.source)
    nb.cells = cells
    return PreparedSection(name=section, path=path, nb=nb, commentary=status, sha256=notebook_sha256(path),
                           has_header=has_header, warnings=warnings)
