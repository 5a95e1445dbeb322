"""The month's booklet from its executed section notebooks: one HTML file, a PDF, a Quarto document.

    build_booklet(settings, period)   ->  <output_dir>/<period>/booklet.html   one self-contained file
                                          <output_dir>/<period>/booklet.pdf    the same, printed (Chromium)
                                          <output_dir>/<period>/booklet.json   what was built from what
                                          <output_dir>/<period>/quarto/        booklet.qmd + its theme

The HTML is stitched by onapage itself (nbconvert + our templates; no Quarto needed). With
`renderer='quarto'` (or 'auto' when `quarto` is on PATH) Quarto also renders the same booklet, as one
self-contained `quarto/booklet.html` in a Quarto theme of the house style (see onapage.booklet.quarto);
`booklet.html` and the PDF are the built-in ones either way, so what is published does not depend on which
tools a machine happens to have.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from onapage.atomic import replacing
from onapage.booklet.content import commentary_file, commentary_status
from onapage.booklet.files import readable, sha256
from onapage.booklet.quarto import DOCUMENT, QuartoError, quarto_command
from onapage.booklet.stitch import BookletError, build_time, external_references
from onapage.config import Settings, load_booklet
from onapage.layout import OutputLayout, PeriodFolder
from onapage.periods import Period
from onapage.workspace import command

log = logging.getLogger(__name__)

RECORD_FILE = "booklet.json"
RENDERERS = ("auto", "builtin", "quarto")


@dataclass
class SectionRecord:
    section: str
    title: str
    notebook: str | None
    sha256: str | None
    commentary: str  # draft | written | none
    missing: bool = False
    commentary_sha256: str | None = None  # of the commentary file the booklet shows (its sign-off), if any


@dataclass
class BuildResult:
    period: str
    html: Path
    pdf: Path | None
    record: Path
    quarto_project: Path | None
    quarto_output: Path | None
    renderer: str  # builtin | quarto: what rendered besides the built-in booklet
    sections: list[SectionRecord]
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    html_bytes: int = 0
    pdf_bytes: int = 0
    product: str = "monthly_booklet"

    def summary(self) -> str:
        parts = [f"{self.html} ({self.html_bytes / 1e6:.1f} MB, stitched in {self.timings.get('stitch', 0):.1f} s)"]
        if self.pdf:
            parts.append(f"{self.pdf} ({self.pdf_bytes / 1e6:.1f} MB, printed in {self.timings.get('pdf', 0):.1f} s)")
        if self.quarto_output:
            parts.append(f"{self.quarto_output} (Quarto, {self.timings.get('quarto', 0):.1f} s)")
        elif self.quarto_project:
            render = " ".join(quarto_command(DOCUMENT))
            parts.append(f"Quarto document in {self.quarto_project} (render there: {render})")
        drafts = [s.section for s in self.sections if s.commentary == "draft"]
        if drafts:
            parts.append(f"commentary not yet written in full in {len(drafts)} section(s) (a prompt left in any "
                         f"cell counts): {', '.join(drafts)}; "
                         f"`{command('commentary status' + self._options)}` lists each block")
        return "\n".join(parts)

    @property
    def _options(self) -> str:
        """The options that name this booklet again on the command line."""
        product = "" if self.product == "monthly_booklet" else f" --product {self.product}"
        return f"{product} --period {self.period}"


def resolve_renderer(renderer: str) -> str:
    """'auto' -> 'quarto' when `quarto` is on PATH, else 'builtin'; 'quarto' without Quarto is an error."""
    if renderer not in RENDERERS:
        raise BookletError(f"unknown renderer {renderer!r}; choose one of {', '.join(RENDERERS)}")
    found = shutil.which("quarto")
    if renderer == "auto":
        return "quarto" if found else "builtin"
    if renderer == "quarto" and not found:
        raise QuartoError("renderer 'quarto' needs the `quarto` command on PATH, and it is not installed; "
                          "use --renderer builtin (or auto), which needs nothing more")
    return renderer


def build_booklet(settings: Settings, period: Period | str, *, renderer: str = "auto", pdf: bool = True,
                  product: str = "monthly_booklet", booklet_file: Path | str | None = None,
                  notebooks: Path | str | None = None, out_dir: Path | str | None = None,
                  allow_missing: bool = False, quarto: bool = True) -> BuildResult:
    """Build the period's booklet from its executed notebooks (`<output_dir>/<period>/notebooks/` unless
    `notebooks` says otherwise) into `out_dir` (default `<output_dir>/<period>/`).

    renderer: 'builtin' stitches the single HTML file; 'quarto' also renders it with Quarto (Quarto must
    be installed); 'auto' is 'quarto' when Quarto is on PATH, else 'builtin'.
    pdf: also print booklet.pdf with headless Chromium. quarto: write the Quarto document (always, unless
    False). A section without an executed notebook is an error unless `allow_missing`.
    """
    period = period if isinstance(period, Period) else Period.parse(str(period))
    chosen = resolve_renderer(renderer)
    product_cfg = load_booklet(booklet_file).product(product)
    sections = list(product_cfg.sections)
    here = OutputLayout(settings.output_dir).period(period)
    source = Path(notebooks) if notebooks else here.notebooks
    out = Path(out_dir) if out_dir else here.path
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}

    from onapage.booklet.stitch import stitch

    started = time.perf_counter()
    stitched = stitch(settings, period, sections, source, product=product_cfg, allow_missing=allow_missing)
    leaks = external_references(stitched.html)
    if leaks:  # neutralise() removes them all; this is the belt to its braces
        raise BookletError(f"the booklet would fetch from outside the file: {leaks[:5]}")
    folder = PeriodFolder(out)
    html_path = folder.html
    with replacing(html_path) as tmp:
        tmp.write_text(stitched.html, encoding="utf-8")
    readable(html_path)
    timings["stitch"] = round(time.perf_counter() - started, 3)
    warnings = list(stitched.warnings)
    from onapage.booklet.labels import period_label_problems

    warnings += period_label_problems(stitched.html, period.kind)

    pdf_path = None
    if not pdf:
        folder.pdf.unlink(missing_ok=True)  # an older PDF no longer matches the HTML
    else:
        from onapage.booklet.pdf import long_sections, section_page_counts, write_pdf

        result = write_pdf(html_path, folder.pdf, authority=settings.authority.name, title=product_cfg.title,
                           period_label=period.label, synthetic=settings.authority.synthetic)
        pdf_path = readable(result.path)
        timings["pdf"] = round(result.seconds, 3)
        warnings += [f"PDF: blocked a request for {u}" for u in result.blocked]
        warnings += [f"PDF: console error: {e}" for e in result.console_errors]
        warnings += long_sections(section_page_counts(pdf_path))

    project_dir = quarto_out = None
    if quarto or chosen == "quarto":
        from onapage.booklet import quarto as q

        q_started = time.perf_counter()
        doc = q.write_document(folder.quarto, stitched, settings)
        project_dir = readable(doc.directory)
        if chosen == "quarto":
            rendered = q.render(doc)
            quarto_out = readable(rendered.output)
            warnings += rendered.warnings
        timings["quarto"] = round(time.perf_counter() - q_started, 3)

    records = [SectionRecord(p.section, p.label, p.notebook, p.sha256, p.commentary, p.missing,
                             commentary_file_sha256(source, p.section)) for p in stitched.parts]
    result = BuildResult(period=str(period), html=html_path, pdf=pdf_path, record=out / RECORD_FILE,
                         quarto_project=project_dir, quarto_output=quarto_out, renderer=chosen, sections=records,
                         warnings=warnings, timings=timings, html_bytes=html_path.stat().st_size,
                         pdf_bytes=pdf_path.stat().st_size if pdf_path else 0, product=product)
    _write_record(result, settings, product_cfg)
    for w in warnings:  # returned for the caller to show (the command line prints each once); logged in detail
        log.info(w)
    return result


build = build_booklet  # the name the CLI uses


def commentary_file_sha256(notebooks: Path, section: str) -> str | None:
    path = commentary_file(notebooks, section)
    return sha256(path) if path and path.exists() else None


def _write_record(result: BuildResult, settings: Settings, product) -> None:
    """booklet.json: what was built, when, from which notebooks (their hashes), for `publish`."""
    from onapage.booklet.stitch import _version

    record = {
        "period": result.period,
        "product": product.title,
        "authority": settings.authority.name,
        "synthetic": settings.authority.synthetic,
        "built_at": build_time().isoformat(timespec="seconds"),
        "onapage_version": _version(),
        "renderer": result.renderer,
        "html": {"file": result.html.name, "sha256": sha256(result.html), "bytes": result.html_bytes},
        "pdf": ({"file": result.pdf.name, "sha256": sha256(result.pdf), "bytes": result.pdf_bytes}
                if result.pdf else None),
        "quarto_project": result.quarto_project.name if result.quarto_project else None,
        "sections": [asdict(s) for s in result.sections],
        "warnings": result.warnings,
        "timings": result.timings,
    }
    with replacing(result.record) as tmp:
        tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    readable(result.record)


__all__ = ["BookletError", "BuildResult", "QuartoError", "build", "build_booklet", "commentary_status",
           "quarto_command", "resolve_renderer"]
