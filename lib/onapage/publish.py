"""Publish a built booklet to a shared folder (the intranet's web root, a SharePoint-synced folder).

    <to>/index.html                   every published period, newest first
    <to>/<period>/booklet.html        the self-contained booklet
    <to>/<period>/booklet.pdf         the same for the committee pack
    <to>/<period>/manifest.json       what was published, from which inputs, by whom, when

Atomic: everything is staged in a hidden folder inside `<to>` (same file system, so renames are
atomic) and swapped in with renames; a failure at any point leaves the previously published booklet
and index exactly as they were, and a folder that cannot be written (read-only, or no permission) is named in
the error (`NotWritable`). A period already published is replaced only with `replace=True`. One
publisher at a time: `<to>/.publishing.lock` names who is publishing, and is removed when they finish.

The booklet must be current: `onapage build` records the hash of each notebook it stitched and of each
section's commentary file (booklet.json); either changed since (commentary written or signed off after
the build, which the booklet would not show) stops the publish until the booklet is built again.
Commentary not signed off stops it too, unless `allow_unsigned=True`; the manifest records each section's
sign-off either way.
"""

from __future__ import annotations

import errno
import getpass
import html as _html
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from onapage.booklet.files import readable, sha256
from onapage.config import Settings
from onapage.layout import HTML_FILE, PDF_FILE, OutputLayout, PeriodFolder
from onapage.locks import holding
from onapage.periods import Period
from onapage.workspace import command

MANIFEST = "manifest.json"
LOCK = ".publishing.lock"
INDEX = "index.html"
RECORD_FILE = "booklet.json"
_PERIOD_DIR = re.compile(r"^\d{4}-\d{2}$")


class PublishError(Exception):
    """The booklet cannot be published (not built, out of date, already published, ...)."""


@dataclass
class Published:
    period: str
    folder: Path
    index: Path
    manifest: dict
    replaced: bool  # an earlier publication of the period was replaced


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onapage")
    except PackageNotFoundError:
        return "unknown"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container): still publish
        return "unknown"


def input_hashes(settings: Settings) -> list[dict]:
    """The files the store was loaded from: dataset, source file name (no folder), sheet and SHA-256."""
    from onapage import store

    if not Path(settings.store).exists():
        return []
    with store.connect(settings.store, read_only=True) as con:
        rows = con.execute(f"select dataset, source_file, sheet, sha256 from {store.LOADS_TABLE} "
                           "order by dataset").fetchall()
    return [{"dataset": d, "source_file": Path(f).name if f else None, "sheet": s, "sha256": h}
            for d, f, s, h in rows]


def _read_record(folder: Path, period: Period) -> dict:
    record_path = folder / RECORD_FILE
    html = folder / HTML_FILE
    if not html.exists() or not record_path.exists():
        raise PublishError(f"no built booklet for {period} in {folder}; "
                           f"run `{command(f'build --period {period}')}` first")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    if record.get("period") != str(period):
        raise PublishError(f"{record_path} is the booklet for {record.get('period')}, not {period}")
    if record.get("html", {}).get("sha256") != sha256(html):
        raise PublishError(f"{html} is not the booklet recorded in {record_path} (changed since the build); "
                           f"run `{command(f'build --period {period}')}` again")
    pdf = folder / PDF_FILE
    if not record.get("pdf") or not pdf.exists():
        raise PublishError(f"no booklet.pdf for {period}; run `{command(f'build --period {period}')}` (with the PDF)")
    if record["pdf"].get("sha256") != sha256(pdf):
        raise PublishError(f"{pdf} does not match the booklet recorded in {record_path}; "
                           f"run `{command(f'build --period {period}')}` again")
    return record


def _check_current(record: dict, notebooks: Path, period: Period) -> None:
    """Every stitched notebook and commentary file unchanged since the build (else the published booklet would
    miss the change: new words, or a sign-off its draft marks do not show)."""
    from onapage.booklet import commentary_file_sha256

    changed, signed = [], []
    for sec in record.get("sections", []):
        if sec.get("missing") or not sec.get("notebook"):
            continue
        path = notebooks / sec["notebook"]
        if not path.exists() or sha256(path) != sec.get("sha256"):
            changed.append(sec["section"])
        elif "commentary_sha256" in sec and commentary_file_sha256(notebooks, sec["section"]) != \
                sec["commentary_sha256"]:
            signed.append(sec["section"])
    rebuild = f"run `{command(f'build --period {period}')}` again, then publish"
    if changed:
        raise PublishError(f"the notebooks for {', '.join(changed)} changed after the booklet was built; {rebuild}")
    if signed:
        raise PublishError(f"the commentary files for {', '.join(signed)} changed after the booklet was built "
                           f"(a sign-off or an edit the booklet does not show); {rebuild}")


def _signoff(record: dict, source: Path) -> dict:
    """Each stitched section's commentary sign-off, from `<source>/commentary/<section>.md` (see
    onapage.commentary): {"status": draft | reviewed | signed-off | no-file, "blocks": {key: ...}}. A section
    without a commentary file (run before commentary files existed) is "no-file" and does not stop a publish."""
    from onapage.commentary import status_in

    return {sec["section"]: status_in(source, sec["section"]) for sec in record.get("sections", [])
            if not sec.get("missing")}


def build_manifest(settings: Settings, period: Period, record: dict) -> dict:
    return {
        "period": str(period),
        "period_label": period.label,
        "product": record.get("product"),
        "authority": {"name": settings.authority.name, "short_name": settings.authority.short_name,
                      "la_code": settings.authority.la_code},
        "synthetic": settings.authority.synthetic,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "published_by": _user(),
        "onapage_version": _version(),
        "built_at": record.get("built_at"),
        "built_with": record.get("onapage_version"),
        "files": {name: {"sha256": record[key]["sha256"], "bytes": record[key]["bytes"]}
                  for name, key in ((HTML_FILE, "html"), (PDF_FILE, "pdf"))},
        "inputs": input_hashes(settings),
        # whether each section's commentary is written or still the placeholder (sign-off: commentary_signoff)
        "commentary": {sec["section"]: ("missing" if sec.get("missing") else sec.get("commentary", "none"))
                       for sec in record.get("sections", [])},
    }


# --------------------------------------------------------------------------- the index page

def _published(to_dir: Path, skip: str | None = None) -> list[dict]:
    out = []
    for folder in to_dir.iterdir() if to_dir.exists() else []:
        if not folder.is_dir() or not _PERIOD_DIR.match(folder.name) or folder.name == skip:
            continue
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {"period": folder.name}
        out.append(manifest)
    return out


def _size(n: int | None) -> str:
    if not n:
        return ""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{max(1, round(n / 1e3))} kB"


def index_html(entries: list[dict], *, authority: str, product: str | None) -> str:
    """The list of published periods, newest first: an accessible table of links, inline styles only."""
    esc = _html.escape
    rows = []
    for m in sorted(entries, key=lambda e: e.get("period", ""), reverse=True):
        period = m.get("period", "")
        try:
            label = Period.parse(period).label
        except ValueError:
            label = period
        files = m.get("files", {})
        drafts = sum(1 for v in (m.get("commentary") or {}).values() if v == "draft")
        status = f"Draft: commentary not written in {drafts} section{'s' if drafts != 1 else ''}" if drafts else \
            "Commentary written"
        when = (m.get("published_at") or "")[:16].replace("T", " ")
        synthetic = ' <strong class="tag">Synthetic data</strong>' if m.get("synthetic") else ""
        html_size = _size(files.get(HTML_FILE, {}).get("bytes"))
        pdf_size = _size(files.get(PDF_FILE, {}).get("bytes"))
        rows.append(
            f'<tr><th scope="row">{esc(label)}{synthetic}</th>'
            f'<td><a href="{esc(period)}/{HTML_FILE}">Booklet<span class="vh"> for {esc(label)}</span></a>'
            f'{" (web page, " + esc(html_size) + ")" if html_size else ""}</td>'
            f'<td><a href="{esc(period)}/{PDF_FILE}">PDF<span class="vh"> for {esc(label)}</span></a>'
            f'{" (" + esc(pdf_size) + ")" if pdf_size else ""}</td>'
            f"<td>{esc(when)}{' UTC' if when else ''}</td><td>{esc(status)}</td></tr>")
    title = f"{product or 'Performance booklets'}: published booklets"
    style = ("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#0b0c0c;margin:0;"
             "padding:1.5rem 2rem;line-height:1.45;max-width:70rem}a{color:#1d4f7c}"
             "a:focus-visible{outline:3px solid #ffdd00;box-shadow:0 0 0 5px #0b0c0c}"
             "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600;padding:0 0 .5rem}"
             "th,td{border-bottom:1px solid #b1b4b6;padding:.45rem .6rem;text-align:left;vertical-align:top}"
             "thead th{background:#f3f2f1}.tag{background:#ffdd00;padding:0 .3rem;font-size:.85rem;margin-left:.4rem}"
             ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}"
             "p.meta{color:#505a5f}")
    body = "".join(rows) or '<tr><td colspan="5">Nothing published yet.</td></tr>'
    return (f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{esc(title)}</title><style>{style}</style></head><body><main>"
            f"<h1>{esc(product or 'Performance booklets')}</h1><p>{esc(authority)}</p>"
            f'<table><caption>Published booklets, newest first</caption><thead><tr><th scope="col">Month</th>'
            f'<th scope="col">Booklet</th><th scope="col">PDF</th><th scope="col">Published</th>'
            f'<th scope="col">Commentary</th></tr></thead><tbody>{body}</tbody></table>'
            f'<p class="meta">Each month\'s folder also holds a manifest.json recording its inputs and build.</p>'
            f"</main></body></html>\n")


# --------------------------------------------------------------------------- publishing

def publish(settings: Settings, period: Period | str, to_dir: Path | str, *, replace: bool = False,
            allow_unsigned: bool = False, source_dir: Path | str | None = None,
            product: str | None = None) -> Published:
    """Copy the period's booklet.html and booklet.pdf (from `<output_dir>/<period>/`, or `source_dir`) to
    `<to>/<period>/` with a manifest, and refresh `<to>/index.html`; atomically (see the module docstring).
    An already published period is an error unless `replace`; unsigned commentary unless `allow_unsigned`."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    to_dir = Path(to_dir)
    source = Path(source_dir) if source_dir else OutputLayout(settings.output_dir).period(period).path
    target = OutputLayout(to_dir).period(period).path
    if target.exists() and not replace:
        raise PublishError(f"{period} is already published in {to_dir}; use --replace to replace it")
    record = _read_record(source, period)
    if product is not None:
        _check_product(record, product, period)
    _check_current(record, PeriodFolder(source).notebooks, period)
    manifest = build_manifest(settings, period, record)
    signoff = _signoff(record, source)
    manifest["commentary_signoff"] = signoff
    unsigned = [s for s, v in signoff.items() if v["status"] not in ("signed-off", "no-file")]
    if unsigned and not allow_unsigned:
        sign = command(f"commentary sign --period {period} --section S --status signed-off --by NAME")
        raise PublishError(f"commentary not signed off for {', '.join(unsigned)}; sign it off (`{sign}`), "
                           f"build again, and publish; or publish with --allow-unsigned (the booklet marks it draft)")

    try:
        to_dir.mkdir(parents=True, exist_ok=True)
        with _lock(to_dir, period):
            if target.exists() and not replace:  # published by someone else since the check above
                raise PublishError(f"{period} has just been published in {to_dir}; use --replace to replace it")
            return _swap_in(settings, period, to_dir, source, manifest)
    except OSError as exc:
        refused = not_writable(exc, to_dir, target)
        if refused is None:
            raise
        raise refused from exc


class NotWritable(PublishError):
    """The publish folder (or the period's folder in it) is read-only or may not be written by this user."""


def not_writable(exc: OSError, to_dir: Path, target: Path) -> NotWritable | None:
    """The error to show for `exc` when it is the publish folder `to_dir` (or a folder above it still to be
    made) or the period's folder `target` refusing to be written: permission denied, a read-only file system.
    None for any other failure."""
    if not (isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)):
        return None
    to_dir, target = Path(os.path.abspath(to_dir)), Path(os.path.abspath(target))
    where = Path(os.path.abspath(exc.filename)) if exc.filename else to_dir
    cannot = f"is read-only or cannot be written by you ({exc.strerror or 'permission denied'})"
    if where == target or target in where.parents:
        what = f"cannot replace {target.name} in {to_dir}: its folder {target} {cannot}"
    elif where == to_dir or to_dir in where.parents:
        what = f"cannot publish into {to_dir}: the folder {cannot}"
    elif where in to_dir.parents:
        what = f"cannot publish into {to_dir}: it cannot be made, as {where} {cannot}"
    else:
        return None  # not the publish folder: reading the built booklet, say
    return NotWritable(f"{what}. Nothing was published, and what was published there before is untouched; ask "
                       "for write access to the folder, or publish to one you can write to")


def _check_product(record: dict, product: str, period: Period) -> None:
    """The booklet built for the period is the product asked for (its title, as params/booklet.yml names it)."""
    from onapage.config import load_booklet

    title = load_booklet().product(product).title
    if record.get("product") != title:
        raise PublishError(f"the booklet built for {period} is {record.get('product')!r}, not {title!r} "
                           f"(--product {product}); "
                           f"run `{command(f'build --product {product} --period {period}')}` first")


def _lock(to_dir: Path, period: Period):
    """One publisher at a time per folder: two at once could each write an index missing the other's month."""
    return holding(to_dir / LOCK, f"publishing {period} to {to_dir}", error=PublishError)


def _swap_in(settings: Settings, period: Period, to_dir: Path, source: Path, manifest: dict) -> Published:
    """Stage the period's files and the new index in a hidden folder of `to_dir`, then swap them in."""
    target = OutputLayout(to_dir).period(period).path
    stage = Path(tempfile.mkdtemp(prefix=".publishing-", dir=to_dir))
    old: Path | None = None
    swapped = False
    try:
        staged = OutputLayout(stage).period(period).path
        staged.mkdir()
        for name in (HTML_FILE, PDF_FILE):
            shutil.copy2(source / name, staged / name)
            if sha256(staged / name) != manifest["files"][name]["sha256"]:
                raise PublishError(f"{name} changed while it was being copied; try again")
        (staged / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        entries = [*_published(to_dir, skip=str(period)), manifest]
        (stage / INDEX).write_text(index_html(entries, authority=settings.authority.name,
                                              product=manifest.get("product")), encoding="utf-8")
        readable(stage)

        # the swap: old period aside, new period in, new index in; undone if any step fails
        if target.exists():
            old = stage / f"replaced-{period}"
            os.rename(target, old)
        try:
            os.rename(staged, target)
            swapped = True
            os.replace(stage / INDEX, to_dir / INDEX)
        except BaseException:
            if swapped:
                os.rename(target, staged)
                swapped = False
            if old is not None:
                os.rename(old, target)
                old = None
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return Published(str(period), target, to_dir / INDEX, manifest, replaced=old is not None)
