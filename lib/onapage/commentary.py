"""Commentary kept outside the executed notebooks, so re-running a section never loses what an analyst wrote.

Each period and section has one plain Markdown file:

    <output_dir>/<period>/commentary/<section>.md

holding every commentary cell of the section as a block under a marker line that names the cell's key:

    <!-- commentary: service-analysis status=draft -->
    ## Service analysis
    ...the analyst's text...

A cell's key is stable across runs and template edits that do not touch it: the cell's tags other than
`commentary` (or `commentary` when it has no other), plus the slug of its first heading line in the
TEMPLATE when that differs (`commentary`, `service-analysis`,
`director:early-help-children-in-need-of-help-and-protection`). Cell ids are not used. When a section is
prepared for execution the key is also stored in the cell's metadata (`onapage.commentary_key`), so
harvesting from an executed notebook finds it even if the analyst rewrote the heading.

Before a section executes (`prepare`):
  1. the executed notebook, if any, is harvested and merged with the text file. What each side held at the
     last run is remembered in `commentary/.state.json`; a side that changed since then wins. When both
     changed differently the notebook wins, a warning is logged and the text file as it was is kept as
     `<section>.md.conflict-<timestamp>`.
  2. the merged text file is written (atomically);
  3. a copy of the template with the texts put into its commentary cells is written to
     `<output_dir>/<period>/.inputs/<section>.ipynb`, which papermill executes.

Before a build (`bring_in`), steps 1 and 2 are done the same way (nothing redrafted) and the merged texts are
written into the executed notebook's commentary cells, so words edited in the text file reach the booklet
without running the section again.

A commentary cell the template has and the executed notebook was given, but no longer holds, is lost: its
words are taken from the text file, with a warning, and the cell comes back at the next run. A cell the
template gained since (a chart added with its data comments) is not: the notebook never had it.

A section renamed in `params/booklet.yml` (`renamed_sections`) takes over the files under its former name.
A period with no file yet for a section starts from the previous month's file (every block `status=draft`,
prefixed `_Carried forward from <Month YYYY>: edit or replace._`), or from the template's placeholders.
Blocks whose key matches no cell of the template are kept in the file, after an "Unplaced commentary"
marker, so nothing is lost.

Data comments: a commentary cell tagged `data-comments` under a chart (metadata `onapage.indicator`, key
`data-comments:<indicator id>`) holds the sentences drafted from the figures. `prepare` fills it with a fresh
draft on every run unless an analyst has overridden it: the block's text is neither the template's
placeholder, nor empty, nor the draft the last run put there (its hash is in the state). An override is kept,
with a warning when the figures behind it have changed; a new month carries forward overrides only.
"""

from __future__ import annotations

import codecs
import copy
import datetime as _dt
import hashlib
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat

from onapage.atomic import write_atomically
from onapage.layout import BadSectionName, OutputLayout, Pages, PeriodFolder, section_name
from onapage.periods import Period

log = logging.getLogger(__name__)

COMMENTARY_TAG = "commentary"
DATA_COMMENTS_TAG = "data-comments"
IGNORED_TAGS = {COMMENTARY_TAG, "remove-cell", "remove-input", "hide-input"}
DRAFT, REVIEWED, SIGNED_OFF = "draft", "reviewed", "signed-off"
STATUSES = (DRAFT, REVIEWED, SIGNED_OFF)
STATE_FILE = ".state.json"
META = "onapage"

_MARKER = re.compile(r"^<!--\s*commentary:\s*(?P<key>[^\s>]+)(?P<attrs>.*?)\s*-->\s*$")
_ATTR = re.compile(r'(\w+)=(?:"([^"]*)"|(\S+))')
_UNPLACED = ("<!-- Unplaced commentary: the blocks below match no commentary cell of the template; "
             "kept so nothing is lost. -->")
_HEADER = ("<!-- onapage commentary: {section} {period}. Edit the text under each `commentary:` marker; "
           "keep the marker lines. -->")
# A placeholder paragraph: the template's italic prompt to the analyst or the director.
PLACEHOLDER = re.compile(r"^\s*[_*]\s*(?:Analyst|Director)\s*:", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    text: str
    status: str = DRAFT
    by: str | None = None
    at: str | None = None


# --------------------------------------------------------------------------- keys and cells


def slugify(text: str) -> str:
    text = re.sub(r"[*_`\[\]()]", "", text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _paragraphs(source: str) -> list[str]:
    """Markdown split at blank lines (a placeholder is always a paragraph of its own)."""
    return re.split(r"\n[ \t]*\n", source.strip("\n"))


def cell_tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_commentary(cell) -> bool:
    return cell.get("cell_type") == "markdown" and COMMENTARY_TAG in cell_tags(cell)


def _first_heading(source: str) -> str:
    for line in source.split("\n"):
        m = _HEADING.match(line)
        if m:
            return m.group(1)
    return ""


# A chart cell names its indicator first: page.trend("cp_rate_per_10k", ...).
CHART_CALL = re.compile(r"""\bpage\.\w+\(\s*["']([a-z][a-z0-9_]*)["']""")


def read_template(path: Path):
    """A section's page template, each data-comments cell tied to the indicator the chart above it draws."""
    return link_data_comments(nbformat.read(str(path), as_version=4))


def link_data_comments(nb):
    """Each data-comments cell's indicator is the one the nearest code cell above it draws (the code
    decides, so a chart added or pointed at another indicator by hand gets its own data comments with no
    metadata to edit); a cell with no chart above keeps the indicator its metadata names."""
    drawn = None
    for cell in nb.cells:
        if cell.cell_type == "code":
            charts = CHART_CALL.findall(cell.source)
            drawn = charts[0] if charts else None
        elif drawn and is_commentary(cell) and DATA_COMMENTS_TAG in cell_tags(cell):
            cell.setdefault("metadata", {}).setdefault(META, {})["indicator"] = drawn
    return nb


def data_comments_indicator(cell) -> str | None:
    """The indicator whose drafted data comments a cell holds (None for other cells)."""
    if not is_commentary(cell) or DATA_COMMENTS_TAG not in cell_tags(cell):
        return None
    return cell.get("metadata", {}).get(META, {}).get("indicator")


def is_data_comments_key(key: str) -> bool:
    return key.startswith(f"{DATA_COMMENTS_TAG}:")


def cell_key(cell) -> str:
    """The key of a commentary cell: `data-comments:<indicator>` for a chart's data comments, else from its
    tags and first heading line."""
    indicator = data_comments_indicator(cell)
    if indicator:
        return f"{DATA_COMMENTS_TAG}:{indicator}"
    prefix = "-".join(t for t in cell_tags(cell) if t not in IGNORED_TAGS) or COMMENTARY_TAG
    slug = slugify(_first_heading(cell.source))
    return f"{prefix}:{slug}" if slug and slug != prefix else prefix


def template_keys(nb) -> list[tuple[int, str]]:
    """(cell index, key) of each commentary cell of a template; a repeated key gets '-2', '-3'..."""
    out, seen = [], {}
    for i, cell in enumerate(nb.cells):
        if is_commentary(cell):
            key = cell_key(cell)
            seen[key] = seen.get(key, 0) + 1
            out.append((i, key if seen[key] == 1 else f"{key}-{seen[key]}"))
    return out


def _stored_key(cell) -> str | None:
    return cell.get("metadata", {}).get(META, {}).get("commentary_key")


def _source(cell) -> str:
    src = cell.source
    return "".join(src) if isinstance(src, list) else src


# --------------------------------------------------------------------------- notebooks


def harvest(executed_nb_path: Path, template=None) -> dict[str, str]:
    """The commentary cells' texts of an executed notebook, by key: the key stored when the section was
    prepared; else, given the template (a notebook or a path), the key of the template's commentary cell
    in the same position; else the key computed from the cell itself."""
    return _read_executed(executed_nb_path, template)[0]


def _keyed_cells(nb, template=None) -> list[tuple[object, str]]:
    """(cell, key) of each commentary cell of an executed notebook, keyed as `harvest` says."""
    keys_by_position: list[str] = []
    if template is not None:
        tnb = template if hasattr(template, "cells") else read_template(template)
        keys_by_position = [k for _, k in template_keys(tnb)]
    return [(cell, _stored_key(cell) or (keys_by_position[n] if n < len(keys_by_position) else cell_key(cell)))
            for n, cell in enumerate(c for c in nb.cells if is_commentary(c))]


def _read_executed(path: Path, template=None) -> tuple[dict[str, str], list[str] | None]:
    """The executed notebook's commentary texts by key, and the keys of the commentary cells it was given when
    it was prepared (None for a notebook prepared before they were recorded)."""
    nb = nbformat.read(str(path), as_version=4)
    given = nb.metadata.get(META, {}).get("commentary_keys")
    return {key: _source(cell) for cell, key in _keyed_cells(nb, template)}, given


def apply(template_nb, blocks: Mapping[str, Block | str]):
    """A copy of the template with each commentary cell's source replaced by its block's text (by key) and
    its key stored in the cell's metadata; the notebook's metadata lists every cell's key
    (`onapage.commentary_keys`), so a cell deleted from it later is told from one the template gains. Cells
    with no block keep the template's placeholder. Keys of `blocks` that match no cell are listed in the
    notebook's metadata (`onapage.unplaced_commentary`) and stay in the text file."""
    nb = copy.deepcopy(template_nb)
    placed = set()
    keys = template_keys(nb)
    nb.metadata.setdefault(META, {})["commentary_keys"] = [key for _, key in keys]  # what the notebook was given
    for index, key in keys:
        cell = nb.cells[index]
        cell.metadata.setdefault(META, {})["commentary_key"] = key
        block = blocks.get(key)
        if block is None:
            continue
        text = block.text if isinstance(block, Block) else block
        cell.source = text
        if isinstance(block, Block):
            cell.metadata[META].update(commentary_status=block.status)
        placed.add(key)
    unplaced = [k for k in blocks if k not in placed]
    if unplaced:
        nb.metadata.setdefault(META, {})["unplaced_commentary"] = unplaced
    return nb


# --------------------------------------------------------------------------- text files


def decode(data: bytes, where: object = "") -> str:
    """A commentary file's text, whatever common encoding an editor saved it in: UTF-8 (with or without a byte
    order mark), UTF-16 (with a byte order mark, or without one when every other byte is zero) or
    Windows-1252 (a `£` typed in Notepad); '\r\n' and '\r' line ends become '\n'."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    elif len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        text = data.decode("utf-16-le")
    elif len(data) >= 4 and data[0::2].count(0) > len(data) // 4:
        text = data.decode("utf-16-be")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            log.warning("%s: not UTF-8; read as Windows-1252 and written back as UTF-8", where or "commentary")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    return decode(Path(path).read_bytes(), path)


def repeated_key(key: str, n: int) -> str:
    """The key a block gets when its marker repeats an earlier one in the same file (`key~2`, `key~3`...)."""
    return f"{key}~{n}"


def read_file(path: Path) -> dict[str, Block]:
    """The blocks of a commentary file, by key, in file order ({} when the file does not exist). A marker that
    repeats an earlier one starts a block of its own, `<key>~2`, kept (after the Unplaced marker when the file
    is written again) with a warning, so neither block's words are lost."""
    path = Path(path)
    if not path.exists():
        return {}
    text = read_text(path)
    blocks: dict[str, Block] = {}
    key, attrs, lines = None, {}, []

    def close():
        if key is not None:
            body = "\n".join(lines).removesuffix("\n")  # the blank line before the next marker (text keeps its own)
            if body.endswith("\n" + _UNPLACED) or body == _UNPLACED:  # and the one before the Unplaced marker
                body = body[: -len(_UNPLACED)].removesuffix("\n").removesuffix("\n")
            blocks[key] = Block(body, attrs.get("status", DRAFT), attrs.get("by"), attrs.get("at"))

    for line in text.split("\n"):
        m = _MARKER.match(line)
        if m:
            close()
            key, lines = m.group("key"), []
            if key in blocks:
                n = 2
                while repeated_key(key, n) in blocks:
                    n += 1
                log.warning("%s: the marker 'commentary: %s' appears more than once; the later block is kept as "
                            "%s (move its words into the first block, then delete it)", path, key,
                            repeated_key(key, n))
                key = repeated_key(key, n)
            attrs = {a: (b or q) for a, q, b in _ATTR.findall(m.group("attrs")) if b or q}
        elif key is not None:
            lines.append(line)
    close()
    return blocks


def _marker(key: str, block: Block) -> str:
    attrs = [f"status={block.status}"]
    for name in ("by", "at"):
        value = getattr(block, name)
        if value:
            value = value.replace('"', "'")
            attrs.append(f'{name}="{value}"' if re.search(r"\s", value) else f"{name}={value}")
    return f"<!-- commentary: {key} {' '.join(attrs)} -->"


def render(blocks: Mapping[str, Block], *, order: list[str] | None = None, section: str = "",
           period: str = "") -> str:
    """The file's text: the template's keys in `order` first, then any others after the Unplaced marker."""
    order = order if order is not None else list(blocks)
    placed = [k for k in order if k in blocks]
    unplaced = [k for k in blocks if k not in set(order)]
    parts = [_HEADER.format(section=section or "section", period=period).replace(" .", ".")]
    for key in placed:
        parts.append(f"{_marker(key, blocks[key])}\n{blocks[key].text}")
    if unplaced:
        parts.append(_UNPLACED)
        for key in unplaced:
            parts.append(f"{_marker(key, blocks[key])}\n{blocks[key].text}")
    return "\n\n".join(p for p in parts if p) + "\n"


def write_file(path: Path, blocks: Mapping[str, Block], *, order: list[str] | None = None, section: str = "",
               period: str = "") -> Path:
    """Write a commentary file atomically (UTF-8, '\\n' line ends)."""
    content = render(blocks, order=order, section=section, period=period)

    def _write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)

    return write_atomically(path, _write)


# --------------------------------------------------------------------------- merging


def text_hash(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def commentary_dir(output_root: Path, period: Period | str) -> Path:
    return OutputLayout(output_root).period(period).commentary


def commentary_path(output_root: Path, period: Period | str, section: str) -> Path:
    return OutputLayout(output_root).period(period).commentary_file(section)


def file_in(period_folder: Path, section: str) -> Path:
    """The section's commentary file in a period's folder (the one holding `notebooks/`)."""
    return PeriodFolder(Path(period_folder)).commentary_file(section)


def _read_state(folder: Path) -> dict:
    path = folder / STATE_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("%s: unreadable, ignored", path)
        return {}


def _write_state(folder: Path, state: dict) -> None:
    content = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False)
    write_atomically(folder / STATE_FILE, lambda tmp: tmp.write_text(content, encoding="utf-8"))


_CARRIED = re.compile(r"\A_Carried forward from [^\n]*: edit or replace\._\n\n")


def carried_forward(blocks: Mapping[str, Block], previous: Period) -> dict[str, Block]:
    """The previous month's blocks as drafts, each prefixed with a note saying where it came from (a note
    carried from an earlier month is replaced, not stacked)."""
    note = f"_Carried forward from {previous.label}: edit or replace._"
    return {k: Block(f"{note}\n\n{_CARRIED.sub('', b.text)}", DRAFT) for k, b in blocks.items()}


@dataclass
class Prepared:
    blocks: dict[str, Block]
    notebook: object  # the template with the commentary applied
    conflict: Path | None = None
    carried_from: Period | None = None
    missing: list[str] = field(default_factory=list)  # template cells the notebook had lost (rebuilt)


def former_names(section: str, renamed: Mapping[str, str] | None) -> list[str]:
    """The names the section had before (`renamed`: old name -> new name, possibly in steps), newest first."""
    renamed = renamed or {}
    out, frontier = [], [section]
    while frontier:
        earlier = [old for old, new in renamed.items() if new in frontier and old not in out and old != section]
        out += earlier
        frontier = earlier
    return out


def _first_existing(folder: Path, names: list[str], suffix: str) -> str | None:
    return next((n for n in names if (folder / f"{n}{suffix}").exists()), None)


def _merge_sides(file_blocks: Mapping[str, Block], notebook: Mapping[str, str], state: Mapping,
                 template_text: Mapping[str, str]) -> tuple[dict[str, Block], list[str]]:
    """The text file's blocks merged with the executed notebook's texts: a side changed since the last run wins;
    when both changed the notebook wins and the key is listed as a conflict."""
    merged: dict[str, Block] = {}
    conflicts = []
    for key in list(dict.fromkeys([*file_blocks, *notebook])):
        fb, nt = file_blocks.get(key), notebook.get(key)
        if nt is None or (fb is not None and nt == fb.text):
            merged[key] = fb
            continue
        if fb is None:
            merged[key] = Block(nt)
            continue
        seen = state.get(key, {})
        nb_changed = text_hash(nt) not in {seen.get("text"), seen.get("notebook")}
        if not nb_changed or nt == template_text.get(key):
            # the file changed, or holds what the last (perhaps failed) run was given; or the notebook was
            # executed from the bare template (e.g. by `onapage bench`): a placeholder is never an edit
            merged[key] = fb
            continue
        if text_hash(fb.text) != seen.get("text"):
            conflicts.append(key)
        # the notebook's text wins; an edit after sign-off makes it a draft again
        merged[key] = Block(nt) if fb.status != DRAFT else replace(fb, text=nt)
    return merged, conflicts


def _carried(output_root: Path, previous: Period, names: list[str], template_text: Mapping[str, str]
             ) -> dict[str, Block]:
    """The previous month's commentary (under the section's name or a former one) to start from, as drafts.
    A placeholder left as it was is not carried, nor a drafted data comment (the new figures redraft it)."""
    folder = commentary_dir(output_root, previous)
    name = _first_existing(folder, names, ".md")
    if name is None:
        return {}
    drafts = {k: v.get("drafted") for k, v in _read_state(folder).get(name, {}).items()}
    blocks = {k: b for k, b in read_file(folder / f"{name}.md").items()
              if b.text != template_text.get(k) and not _is_draft(b.text, drafts.get(k))}
    return carried_forward(blocks, previous) if blocks else {}


def _keep_conflict(path: Path, keys: list[str], where: str, now: _dt.datetime | None) -> Path:
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%dT%H%M%S")
    kept = path.with_name(f"{path.name}.conflict-{stamp}")
    kept.write_bytes(path.read_bytes())
    log.warning("%s: commentary %s edited both in the notebook and in %s; the notebook's text is kept, the "
                "file's is saved as %s", where, ", ".join(keys), path.name, kept.name)
    return kept


def merge(section: str, period: Period, template_nb, *, output_root: Path, executed: Path | None = None,
          drafted: Mapping[str, str] | None = None, renamed: Mapping[str, str] | None = None,
          now: _dt.datetime | None = None) -> Prepared:
    """Merge the executed notebook's commentary with the text file (see the module docstring), write the
    text file and the state, and return the blocks and the template with them applied. `drafted` holds this
    run's drafted data comments by block key. `renamed` (old section name -> new) lets a renamed section take
    over its commentary under its former name, this month or the last; the old files are left as they were."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    section_name(section)
    where = f"{section} {period}"
    names = [section, *former_names(section, renamed)]
    folder = commentary_dir(output_root, period)
    path = folder / f"{section}.md"
    order = [k for _, k in template_keys(template_nb)]
    template_text = {k: _source(template_nb.cells[i]) for i, k in template_keys(template_nb)}
    if executed is None:
        notebooks = OutputLayout(output_root).period(period).notebooks
        executed = notebooks / f"{_first_existing(notebooks, names, '.ipynb') or section}.ipynb"
    notebook, given = _read_executed(executed, template_nb) if Path(executed).exists() else ({}, None)
    state_all = _read_state(folder)
    found = _first_existing(folder, names, ".md")
    state = state_all.get(found or section, {})
    missing = lost_cells(order, notebook, given, state)
    if missing:
        log.warning("%s: the notebook has lost its commentary cell%s %s; the words kept in %s.md are used and "
                    "the cell%s rebuilt at the next run", where, "s" if len(missing) > 1 else "", ", ".join(missing),
                    section, "s are" if len(missing) > 1 else " is")
    conflict_path, carried_from = None, None

    if found:
        if found != section:
            log.info("%s: commentary taken over from %s.md (the section's former name)", where, found)
        merged, conflicts = _merge_sides(read_file(folder / f"{found}.md"), notebook, state, template_text)
        if conflicts:
            conflict_path = _keep_conflict(folder / f"{found}.md", conflicts, where, now)
    else:
        previous = period.shift(-1)
        merged = _carried(output_root, previous, names, template_text)
        carried_from = previous if merged else None
        for key, text in notebook.items():  # written in a notebook before commentary files existed
            if text != template_text.get(key) or key not in merged:
                merged[key] = Block(text)
    for key in order:  # every template cell has a block to write in
        merged.setdefault(key, Block(template_text[key]))
    if drafted is None:  # a save in JupyterLab: nothing redrafted, the last run's drafts still remembered
        drafted_hashes = {k: state.get(k, {}).get("drafted") for k in merged}
    else:
        drafted = dict(drafted)
        _redraft(merged, drafted, state, template_text, where)
        drafted_hashes = {k: text_hash(drafted.get(k)) for k in merged}

    write_file(path, merged, order=order, section=section, period=str(period))
    state_all[section] = {k: {"text": text_hash(b.text), "notebook": text_hash(notebook.get(k)),
                              "drafted": drafted_hashes[k]} for k, b in merged.items()}
    _write_state(folder, state_all)
    return Prepared(merged, apply(template_nb, merged), conflict_path, carried_from, missing)


def lost_cells(order: list[str], notebook: Mapping[str, str], given: list[str] | None, state: Mapping) -> list[str]:
    """The template's commentary cells (keys in `order`) the executed notebook has lost: given to it when it was
    prepared (`given`, from its metadata) and no longer in it (`notebook`). A cell the template gained since the
    notebook was prepared (a chart added with its data comments) is not lost: the notebook never had it. For a
    notebook prepared before the keys it was given were recorded, the last merge (`state`) stands for them: the
    keys the notebook held then, or, when it held none (its first run), every key the last merge knew."""
    if given is None:
        if not notebook:
            return []
        given = [k for k, seen in state.items() if isinstance(seen, dict) and seen.get("notebook")] or list(state)
    return [k for k in order if k in given and k not in notebook]


def bring_in(section: str, period: Period | str, template_nb, *, output_root: Path, executed: Path | None = None,
             renamed: Mapping[str, str] | None = None, now: _dt.datetime | None = None) -> Prepared | None:
    """Before a build: the section's commentary file merged with its executed notebook under the rules of a run
    (`merge`: the side changed since the last run wins, a conflict keeps the file as `.conflict-<time>`; nothing
    is redrafted), and the merged words written into the executed notebook's commentary cells, so the booklet
    shows what an analyst wrote in the file without running the section again. A cell the notebook has lost
    comes back at the next run. None (nothing done) without an executed notebook or a commentary file."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    names = [section_name(section), *former_names(section, renamed)]
    if executed is None:
        executed = OutputLayout(output_root).period(period).notebook(section)
    if not Path(executed).exists() or _first_existing(commentary_dir(output_root, period), names, ".md") is None:
        return None
    prepared = merge(section, period, template_nb, output_root=output_root, executed=executed, drafted=None,
                     renamed=renamed, now=now)
    nb = nbformat.read(str(executed), as_version=4)
    changed = False
    for cell, key in _keyed_cells(nb, template_nb):
        block = prepared.blocks.get(key)
        if block is not None and _source(cell) != block.text:
            cell.source = block.text
            cell.metadata.setdefault(META, {}).update(commentary_key=key, commentary_status=block.status)
            changed = True
    if changed:
        def _write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                nbformat.write(nb, fh)

        write_atomically(Path(executed), _write)
        from onapage.trust import sign_notebook

        sign_notebook(Path(executed))  # still opens trusted in JupyterLab
    return prepared


def _is_draft(text: str, last_drafted_hash: str | None) -> bool:
    """Whether a data-comments block holds no analyst's words: empty, or the draft the last run wrote."""
    return not text.strip() or (last_drafted_hash is not None and text_hash(text) == last_drafted_hash)


def _redraft(blocks: dict[str, Block], drafted: Mapping[str, str], state: Mapping, template_text: Mapping,
             where: str) -> None:
    """Put this run's drafted data comments into `blocks` unless an analyst overrode them (in place). A block
    whose text changes becomes a draft again: a sign-off is for the words signed."""
    for key, fresh in drafted.items():  # every template cell has a block by now
        text, seen = blocks[key].text, state.get(key, {})
        if text == template_text.get(key) or _is_draft(text, seen.get("drafted")):
            if text != fresh:
                blocks[key] = Block(fresh)
        elif seen.get("drafted") and seen["drafted"] != text_hash(fresh):
            log.warning("%s: the data comments %s were written by an analyst and the figures have changed since; "
                        "check them (empty the cell to have them drafted again)", where, key)


def template_indicators(template_nb) -> dict[str, str]:
    """{block key: indicator id} of the template's data-comments cells."""
    found = {key: data_comments_indicator(template_nb.cells[i]) for i, key in template_keys(template_nb)}
    return {key: indicator for key, indicator in found.items() if indicator}


def prepare(section: str, period: Period | str, *, notebooks_dir: Pages | Path, output_root: Path,
            drafts: Callable[[str, Period, list[str]], Mapping[str, str]] | None = None,
            renamed: Mapping[str, str] | None = None) -> Path:
    """Merge the section's commentary for the period and write the papermill input (the template with the
    commentary applied) to `<output_root>/<period>/.inputs/<section>.ipynb`; returns that path. A section
    with no template returns the (missing) template path, which the runner reports as skipped.
    `drafts(section, period, indicator_ids)` returns the drafted data comments by indicator id; `renamed`:
    see `merge`."""
    template = Pages.of(notebooks_dir).template(section_name(section))
    if not template.exists():
        return template
    period = period if isinstance(period, Period) else Period.parse(str(period))
    tnb = read_template(template)
    wanted = template_indicators(tnb)
    drafted: dict[str, str] = {}
    if drafts is not None and wanted:
        by_indicator = drafts(section, period, list(wanted.values()))
        drafted = {key: by_indicator[ind] for key, ind in wanted.items() if ind in by_indicator}
    prepared = merge(section, period, tnb, output_root=output_root, drafted=drafted, renamed=renamed)
    target = OutputLayout(output_root).period(period).prepared_notebook(section)

    def _write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            nbformat.write(prepared.notebook, fh)

    return write_atomically(target, _write)


class Preparer:
    """`prepare` bound to a notebooks folder, an output root and a drafter of data comments: run_sections'
    `prepare_input` hook (section, period -> papermill input path)."""

    def __init__(self, notebooks_dir: Pages | Path, output_root: Path, drafts=None,
                 renamed: Mapping[str, str] | None = None):
        self.notebooks_dir, self.output_root = Pages.of(notebooks_dir), Path(output_root)
        self.drafts, self.renamed = drafts, dict(renamed or {})

    def __call__(self, section: str, period: Period) -> Path:
        return prepare(section, period, notebooks_dir=self.notebooks_dir, output_root=self.output_root,
                       drafts=self.drafts, renamed=self.renamed)


class PageDrafts:
    """Drafts data comments from a period's saved indicator results, as the section's page would show them:
    `Preparer`'s `drafts` for `onapage run`. `results_for(period)` gives the results file."""

    def __init__(self, params_file: Path | str, results_for: Callable[[Period], Path]):
        self.params_file, self.results_for = params_file, results_for
        self._page = None  # the last period's page: sections come period by period

    def __call__(self, section: str, period: Period, indicator_ids: list[str]) -> dict[str, str]:
        from onapage.pages import open_page

        if self._page is None or self._page.period != period:  # a page holds every section's figures
            self._page = open_page(section, period, params_file=self.params_file, results=self.results_for(period))
        return {ind: self._page.drafted_comments(ind) for ind in indicator_ids}


# --------------------------------------------------------------------------- sign-off


class SignOffError(ValueError):
    """A sign-off named an unknown status, section or block."""


def sign(output_root: Path, period: Period | str, section: str, status: str, by: str, *, key: str | None = None,
         at: str | None = None) -> dict[str, Block]:
    """Set the status (draft / reviewed / signed-off), who and when, of every block of a section's commentary
    file (or of block `key`); the texts are unchanged. Returns the blocks as written."""
    if status not in STATUSES:
        raise SignOffError(f"status must be one of {', '.join(STATUSES)}, found {status!r}")
    try:
        section_name(section)
    except BadSectionName as exc:
        raise SignOffError(str(exc)) from None
    path = commentary_path(output_root, period, section)
    blocks = read_file(path)
    if not blocks:
        raise SignOffError(f"{path}: no commentary file for {section} {period} (run the section first)")
    if key is not None and key not in blocks:
        raise SignOffError(f"{section} {period} has no commentary block {key!r}; blocks: {', '.join(blocks)}")
    at = at or _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    blocks = {k: (replace(b, status=status, by=by, at=at) if key in (None, k) else b) for k, b in blocks.items()}
    text = read_text(path)
    unplaced_at = text.find(_UNPLACED)
    placed_keys = _keys_in(text if unplaced_at < 0 else text[:unplaced_at])
    order = [k for k in placed_keys if k in blocks]  # the unplaced blocks stay after their marker
    write_file(path, blocks, order=order, section=section, period=str(period))
    return blocks


def _keys_in(text: str) -> list[str]:
    """The block keys of part of a commentary file, repeated markers numbered as read_file numbers them."""
    keys: list[str] = []
    for m in filter(None, map(_MARKER.match, text.split("\n"))):
        key, n = m.group("key"), 2
        if key in keys:
            while repeated_key(key, n) in keys:
                n += 1
            key = repeated_key(key, n)
        keys.append(key)
    return keys


def section_status(output_root: Path, period: Period | str, section: str) -> dict:
    """The sign-off of a section's commentary: {"status": the lowest of its blocks' statuses, or "no-file",
    "blocks": {key: {"status", "by", "at"}}}."""
    return status_in(OutputLayout(output_root).period(period).path, section)


def status_in(period_folder: Path, section: str) -> dict:
    """section_status for `<period_folder>/commentary/<section>.md`."""
    blocks = read_file(file_in(period_folder, section))
    if not blocks:
        return {"status": "no-file", "blocks": {}}
    lowest = min((b.status if b.status in STATUSES else DRAFT for b in blocks.values()), key=STATUSES.index)
    return {"status": lowest, "blocks": {k: {"status": b.status, "by": b.by, "at": b.at} for k, b in blocks.items()}}


# --------------------------------------------------------------------------- progress

EMPTY, CARRIED, DRAFTED = "empty", "carried forward", "drafted"
# A template's own structure, not words: a heading line, or a question in bold on its own.
_STRUCTURE = re.compile(r"\A\s*(#{1,6}\s[^\n]*|\*\*[^\n]*\*\*)\s*\Z")
PROGRESS_ORDER = (EMPTY, CARRIED, DRAFTED, DRAFT, REVIEWED, SIGNED_OFF)


@dataclass(frozen=True)
class BlockProgress:
    section: str
    key: str
    state: str  # one of PROGRESS_ORDER
    by: str | None = None
    at: str | None = None
    partly: bool = False  # words written, but a placeholder prompt left in too


def block_state(text: str, block: Block, drafted_hash: str | None = None) -> tuple[str, bool]:
    """(state, partly) of one block: `empty` (nothing but the template's prompts), `carried forward` (last
    month's words, not yet edited), `drafted` (data comments as drafted from the figures), else its sign-off
    status. `partly` marks words written beside a prompt that is still there."""
    paragraphs = [p for p in _paragraphs(text) if p.strip() and not _STRUCTURE.match(p)]
    prompts = [p for p in paragraphs if PLACEHOLDER.match(p)]
    if len(prompts) == len(paragraphs):
        return EMPTY, False
    partly = bool(prompts)
    if block.status in (REVIEWED, SIGNED_OFF):
        return block.status, partly
    if text.startswith("_Carried forward from "):
        return CARRIED, partly
    if drafted_hash and text_hash(text) == drafted_hash:
        return DRAFTED, partly
    return DRAFT, partly


def progress(output_root: Path, period: Period | str, sections: list[str]) -> list[BlockProgress]:
    """Every block of every section's commentary file for the period, with its state (see block_state); a
    section without a file is one `empty` row with key '-'."""
    folder = commentary_dir(output_root, period)
    state = _read_state(folder)
    rows = []
    for section in sections:
        blocks = read_file(folder / f"{section_name(section)}.md")
        if not blocks:
            rows.append(BlockProgress(section, "-", EMPTY))
        for key, block in blocks.items():
            drafted = state.get(section, {}).get(key, {}).get("drafted")
            what, partly = block_state(block.text, block, drafted)
            rows.append(BlockProgress(section, key, what, block.by, block.at, partly))
    return rows
