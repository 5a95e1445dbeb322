"""A section's cells grouped for layout, so a page reads as the seeds lay it out.

nbconvert writes one `<div class="nb-cell ...">` per cell, side by side. The booklet's stylesheet
needs a little structure above them: a chart and the data comments drafted under it kept together
(`chart-pair`), a run of charts laid out as a grid (`chart-grid`), a run of small breakdown tables
side by side (`table-grid`), and the section's commentary blocks stacked full width under the figures
(`commentary-group`); a breakdown table is marked `narrow` or `wide` when a printed page fits four of
it or two. Grouping only wraps cells in divs (and marks their width): nothing is moved, dropped or reordered, so
the reading order (and what a screen reader announces) is unchanged.
"""

from __future__ import annotations

import html
import re

_DIV = re.compile(r"<div\b|</div\s*>", re.IGNORECASE)
_CELL = re.compile(r'<div class="nb-cell ([^"]*)"')


def top_level_cells(html: str) -> list[str]:
    """The fragment cut into its top-level `<div class="nb-cell">` blocks and the text between them."""
    out: list[str] = []
    depth, start, last = 0, None, 0
    for m in _DIV.finditer(html):
        if m.group(0).lower().startswith("<div"):
            if depth == 0:
                if m.start() > last:
                    out.append(html[last:m.start()])
                start = m.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start is not None:
                out.append(html[start:m.end()])
                last, start = m.end(), None
            depth = max(depth, 0)
    out.append(html[last:])
    return [piece for piece in out if piece]


def kind(cell: str) -> str:
    """'chart', 'comments', 'table', 'commentary' or 'other' for one top-level block."""
    m = _CELL.match(cell)
    if not m:
        return "other"
    classes = m.group(1).split()
    if "data-comments" in classes:
        return "comments"
    if "commentary" in classes:
        return "commentary"
    if "nb-output" in classes and 'class="chart-block"' in cell:
        return "chart"
    if ("nb-output" in classes and cell.count("<table") == 1 and 'class="table-wrap"' in cell
            and "headline" not in cell and "scorecard" not in cell):
        return "table"
    return "other"


WIDE_TABLES = ("grades-table",)  # a column per grade: too wide for a third of the page
NARROW_COLUMNS = 5  # a category and four figures fit a quarter of a printed page...
NARROW_LABEL = 20  # ...when no category is longer than this, so none wraps
_COLUMN_HEAD = re.compile(r"""<th\b[^>]*\bscope=["']col["']""", re.IGNORECASE)
_ROW_LABEL = re.compile(r'<th scope="row"[^>]*>(.*?)</th>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def width_class(cell: str) -> str | None:
    """'wide' for a grid of gradings, 'narrow' for a table of at most five columns (its column headings)
    and short categories, else None."""
    if any(f"onapage-table {css}" in cell for css in WIDE_TABLES):
        return "wide"
    columns = len(_COLUMN_HEAD.findall(cell))
    labels = [html.unescape(_TAG.sub("", label)).strip() for label in _ROW_LABEL.findall(cell)]
    if 0 < columns <= NARROW_COLUMNS and max(map(len, labels), default=0) <= NARROW_LABEL:
        return "narrow"
    return None


def mark_width(cell: str) -> str:
    """The table cell with its width class (see width_class), so the print grid sizes it to fit."""
    width = width_class(cell)
    return cell.replace('<div class="nb-cell ', f'<div class="nb-cell {width} ', 1) if width else cell


def group_cells(html: str) -> str:
    """The fragment with its charts, breakdown tables and commentary wrapped for layout (see the module)."""
    blocks = top_level_cells(html)
    kinds = [kind(b) for b in blocks]
    # a chart and the data comments straight after it (blank text between them does not count)
    units: list[tuple[str, str]] = []
    i = 0
    while i < len(blocks):
        if kinds[i] == "chart":
            j = i + 1
            while j < len(blocks) and kinds[j] == "other" and not blocks[j].strip():
                j += 1
            if j < len(blocks) and kinds[j] == "comments":
                units.append(("pair", f'<div class="chart-pair">{blocks[i]}{blocks[j]}</div>'))
                i = j + 1
                continue
            units.append(("pair", f'<div class="chart-pair">{blocks[i]}</div>'))
        elif kinds[i] == "other" and not blocks[i].strip():
            units.append(("space", blocks[i]))
        else:
            units.append((kinds[i], blocks[i]))
        i += 1
    units = [(k, mark_width(text)) if k == "table" else (k, text) for k, text in units]
    wrappers = {"pair": "chart-grid", "table": "table-grid", "commentary": "commentary-group"}
    out: list[str] = []
    run: list[str] = []
    run_kind: str | None = None

    def flush() -> None:
        nonlocal run, run_kind
        if run:
            minimum = 1 if run_kind in ("pair", "commentary") else 2
            count = len([r for r in run if r.strip()])
            body = "".join(run)
            out.append(f'<div class="{wrappers[run_kind]}">{body}</div>' if count >= minimum else body)
        run, run_kind = [], None

    for k, text in units:
        if k == "space":
            (run if run else out).append(text)
            continue
        if k in wrappers and k == run_kind:
            run.append(text)
            continue
        flush()
        if k in wrappers:
            run, run_kind = [text], k
        else:
            out.append(text)
    flush()
    return "".join(out)
