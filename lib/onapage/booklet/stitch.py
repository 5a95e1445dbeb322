"""Built-in stitching: the executed section notebooks into one self-contained HTML booklet.

Each notebook goes through nbconvert's HTMLExporter with our minimal template
(`templates/onapage_section/`: outputs and markdown only; no code, prompts, streams, scripts,
MathJax or CDN), and the fragments are laid out by `templates/booklet.html.j2` (cover, contents,
navigation, print styles). The page parts' stylesheet, which every notebook output carries a copy
of, is included once; any other style block once per distinct content.

The page forbids itself any fetch (a Content-Security-Policy of `default-src 'none'`), so whatever
slipped in (an analyst's image link, a script in a markdown cell) is blocked by the browser rather
than fetched; the stitcher also removes such things and reports them as warnings.
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import logging
import os
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from onapage.booklet.content import NOT_WRITTEN, PreparedSection, prepare, replace_placeholders
from onapage.booklet.grouping import group_cells
from onapage.periods import Period
from onapage.sanitise import sanitise_html
from onapage.workspace import command

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
SECTION_TEMPLATE = "onapage_section"
LAYOUT_TEMPLATE = "booklet.html.j2"
BODY_TEMPLATE = "booklet_body.html.j2"

# Survives markdown untouched (no underscores or asterisks), replaced after conversion.
_SENTINEL = "ONAPAGECOMMENTARYNOTYETWRITTEN"
MISSING_HTML = f'<p class="commentary-missing">{NOT_WRITTEN}</p>'
SYNTHETIC_COVER_NOTE = ("Every child, date and figure in this booklet is invented for demonstration; "
                        "it describes no real person.")
# Sections whose page header the booklet's cover replaces (their remaining content keeps its own headings).
COVER_SECTIONS = {"cover"}

_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>|<script\b[^>]*/>", re.IGNORECASE | re.DOTALL)
_FETCHING = re.compile(r"<(?:link|iframe|object|embed|base|meta)\b[^>]*>(?:\s*</(?:iframe|object)>)?",
                       re.IGNORECASE | re.DOTALL)
_EXTERNAL_ATTR = re.compile(r"""\s(src|srcset|poster|data|xlink:href|href)\s*=\s*(["'])\s*((?:https?:)?//[^"']*)\2""",
                            re.IGNORECASE)
_EXTERNAL_CSS = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", re.IGNORECASE)
_ID = re.compile(r'\bid="([^"]+)"')
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class BookletError(Exception):
    """The booklet cannot be built (missing notebooks, a renderer that is not installed, ...)."""


@dataclass
class Part:
    """One section as it appears in the booklet."""

    section: str
    label: str  # its name in the contents and navigation
    target: str  # the id the contents link goes to
    html: str = ""
    own_heading: str | None = None  # a heading the layout adds (when the notebook shows none)
    missing: bool = False
    commentary: str = "none"  # draft | written | none
    sha256: str | None = None  # of the executed notebook
    notebook: str | None = None


@dataclass
class Stitched:
    html: str
    parts: list[Part]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    context: dict = field(default_factory=dict)  # what the layout was rendered from (see render_body)


# --------------------------------------------------------------------------- nbconvert


@cache
def _exporter_class():
    """HTMLExporter without its final BeautifulSoup pass, which re-parses the whole output only to add alt
    text to images without one and tabindex to JupyterLab's classes: our template writes every <img> with
    an alt and uses no JupyterLab classes, and the pass took two thirds of the stitching time."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class SectionExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(parent=self)))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return SectionExporter


def section_exporter():
    """nbconvert's HTMLExporter with our template: no input, no prompts, no anchor links, images inlined,
    and only static mimetypes (HTML, SVG, PNG, JPEG, markdown, plain text) in that order of preference."""
    from traitlets.config import Config

    config = Config()
    config.NbConvertBase.display_data_priority = ["text/html", "image/svg+xml", "image/png", "image/jpeg",
                                                  "text/markdown", "text/plain"]
    exporter = _exporter_class()(
        config=config,
        template_name=SECTION_TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )
    exporter.register_filter("sanitise_html", sanitise_html)  # every markdown cell: see onapage.sanitise
    return exporter


def _render_notebook(exporter, prepared: PreparedSection) -> str:
    for cell in prepared.nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("onapage", {}).get("commentary"):
            cell.source = replace_placeholders(cell.source, _SENTINEL)
    resources = {"metadata": {"path": str(prepared.path.parent), "name": prepared.name}}
    body, _ = exporter.from_notebook_node(prepared.nb, resources=resources)
    body = re.sub(rf"<p>\s*{_SENTINEL}\s*</p>", MISSING_HTML, body)
    return group_cells(body.replace(_SENTINEL, NOT_WRITTEN))


# --------------------------------------------------------------------------- cleaning the HTML


def collect_styles(html: str, seen: dict[str, None], skip: set[str]) -> str:
    """The HTML without its <style> blocks; each block's content is added to `seen` (once) unless in `skip` or
    a copy of the page stylesheet (any edition: the booklet carries the current one, and an older copy from a
    notebook executed before an upgrade would override the print layout)."""
    from onapage.pages.html import PAGE_STYLES_MARK

    def take(m: re.Match) -> str:
        css = m.group(1).strip()
        if css and css not in skip and not css.startswith(PAGE_STYLES_MARK):
            seen.setdefault(css, None)
        return ""

    return _STYLE.sub(take, html)


def neutralise(html: str, section: str, warnings: list[str]) -> str:
    """Remove anything that would run code or fetch from the network when the booklet is opened."""
    if _SCRIPT.search(html):
        warnings.append(f"{section}: removed a <script> (the booklet runs no code from notebooks)")
        html = _SCRIPT.sub("", html)
    if _FETCHING.search(html):
        warnings.append(f"{section}: removed a <link>, <iframe>, <object>, <embed>, <base> or <meta> element")
        html = _FETCHING.sub("", html)

    def external(m: re.Match) -> str:
        attr, quote, url = m.group(1), m.group(2), m.group(3)
        if attr.lower() == "href":
            return m.group(0)  # a link is followed only when clicked; nothing is fetched on opening
        warnings.append(f"{section}: removed a reference to {url} (the booklet fetches nothing)")
        return f" {attr}={quote}{quote}"

    html = _EXTERNAL_ATTR.sub(external, html)
    if _EXTERNAL_CSS.search(html):
        warnings.append(f"{section}: a style refers to an external resource; the booklet blocks it")
    return html


def external_references(html: str) -> list[str]:
    """Everything in the HTML that would make a browser fetch from elsewhere when it is opened
    (used by the tests; an empty list for a good booklet)."""
    found = [m.group(0) for m in _SCRIPT.finditer(html) if re.search(r"\ssrc\s*=", m.group(0), re.IGNORECASE)]
    found += [m.group(0) for m in _FETCHING.finditer(html) if not m.group(0).lower().startswith("<meta")]
    found += [m.group(3) for m in _EXTERNAL_ATTR.finditer(html) if m.group(1).lower() != "href"]
    found += [m.group(0) for m in _EXTERNAL_CSS.finditer(html)]
    return found


def dedupe_ids(parts: list[Part]) -> None:
    """Ids unique across the booklet: a later section's id that an earlier one already uses is prefixed
    with the section name, with its references (href="#", url(#), aria-labelledby ...) to match."""
    seen: set[str] = set()
    for part in parts:
        ids = _ID.findall(part.html)
        clash = {i for i in ids if i in seen}
        seen.update(ids)
        if not clash:
            continue
        html = part.html
        for old in clash:
            new = f"{part.section}-{old}"
            html = (html.replace(f'id="{old}"', f'id="{new}"').replace(f'href="#{old}"', f'href="#{new}"')
                    .replace(f"url(#{old})", f"url(#{new})"))
            seen.add(new)

        def refs(m: re.Match, clash=clash, section=part.section) -> str:
            tokens = [f"{section}-{t}" if t in clash else t for t in m.group(2).split()]
            return f'{m.group(1)}="{" ".join(tokens)}"'

        part.html = re.sub(r'(aria-labelledby|aria-describedby|aria-controls|for)="([^"]*)"', refs, html)


def _first_heading(html: str) -> str | None:
    m = _HEADING.search(html)
    return _html.unescape(_TAG.sub("", m.group(1))).strip() if m else None


# --------------------------------------------------------------------------- the booklet


def _accent(colour: str) -> str:
    """The authority's primary colour, darkened until white text on it (and it on white) reads at 4.5:1."""
    try:
        from onapage.pages.charts import with_contrast

        return with_contrast(colour, 4.5)
    except Exception:  # noqa: BLE001 - a default colour is better than no booklet
        return "#1d4f7c"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onapage")
    except PackageNotFoundError:
        return "unknown"


def build_time() -> datetime:
    """Now, in UTC; SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


@cache
def _layout(name: str = LAYOUT_TEMPLATE):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    return env.get_template(name)


def _read(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def accent_colour(settings) -> str:
    """The colour the booklet's top bar, links and headings use: the authority's primary colour (params),
    darkened to 4.5:1 if it needs to be."""
    return _accent(settings.colours.primary)


def house_stylesheet(settings) -> str:
    """booklet.css with its --accent set to the authority's colour (accent_colour)."""
    return _read("booklet.css").replace("--accent:#1d4f7c", f"--accent:{accent_colour(settings)}")


def logo_data_uri(logo: Path | None) -> str | None:
    """The authority's logo inside the booklet (a data: URI), so the one file carries it and the page's
    content policy, which loads nothing from elsewhere, lets it show."""
    if logo is None:
        return None
    from onapage.config import LOGO_TYPES

    kind = LOGO_TYPES[Path(logo).suffix.lower()]
    return f"data:{kind};base64,{base64.b64encode(Path(logo).read_bytes()).decode()}"


def csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def stitch(settings, period: Period, sections: list[str], notebooks_dir: Path, *, product,
           allow_missing: bool = False) -> Stitched:
    """The booklet's HTML from `notebooks_dir/<section>.ipynb` for each section, in order.

    A missing notebook is an error (naming the runner's `.failed.ipynb` when there is one) unless
    `allow_missing`, when the section shows a notice instead.
    """
    from markupsafe import Markup

    from onapage.pages import section_title
    from onapage.pages.html import STYLESHEET
    from onapage.pages.tables import reading_key

    started = time.perf_counter()
    notebooks_dir = Path(notebooks_dir)
    missing = [s for s in sections if not (notebooks_dir / f"{s}.ipynb").exists()]
    if missing and not allow_missing:
        failed = [s for s in missing if (notebooks_dir / f"{s}.failed.ipynb").exists()]
        detail = f" ({', '.join(failed)} failed: see the .failed.ipynb beside them)" if failed else ""
        raise BookletError(f"no executed notebook for {', '.join(missing)} in {notebooks_dir}{detail}; "
                           f"run `{command(f'run --period {period}')}` first")

    exporter = section_exporter()
    styles: dict[str, None] = {}
    skip = {STYLESHEET.strip()}
    warnings: list[str] = []
    parts: list[Part] = []
    for section in sections:
        title = _title(section_title, section)
        path = notebooks_dir / f"{section}.ipynb"
        if not path.exists():
            warnings.append(f"{section}: no executed notebook; the booklet shows a notice in its place")
            parts.append(Part(section, title, f"section-{section}", own_heading=title, missing=True,
                              html=(f'<p class="missing-section" role="note">This section could not be produced '
                                    f"for {_html.escape(period.label)}. The analysts have been told; see the run "
                                    "log.</p>")))
            continue
        prepared = prepare(path, section, drop_header=section in COVER_SECTIONS)
        warnings.extend(prepared.warnings)
        body = _render_notebook(exporter, prepared)
        body = collect_styles(body, styles, skip)
        body = neutralise(body, section, warnings)
        part = Part(section, title, f"section-{section}", html=body, commentary=prepared.commentary,
                    sha256=prepared.sha256, notebook=path.name)
        if not prepared.has_header:
            heading = _first_heading(body)
            part.target = f"part-{section}"
            if heading:
                part.label = heading
            else:
                part.own_heading = title
                part.target = f"section-{section}"
        parts.append(part)
    dedupe_ids(parts)

    script = _read("booklet.js")
    stylesheet = house_stylesheet(settings)
    built = build_time()
    scorecard = next((p for p in parts if p.section == "scorecard" and not p.missing), None)
    context = dict(
        csp=Markup(csp(script)),
        version=_version(),
        period=str(period),
        period_label=period.label,
        period_end=f"{period.end:%-d %B %Y}",
        financial_year=period.financial_year_label,
        product=product,
        authority=settings.authority,
        logo=logo_data_uri(settings.authority.logo),
        reading_key=Markup(reading_key(period.kind).html),
        synthetic=settings.authority.synthetic,
        synthetic_note=SYNTHETIC_COVER_NOTE if settings.authority.synthetic else "",
        stylesheet=Markup(STYLESHEET + "\n" + stylesheet),
        extra_styles=[Markup(css) for css in styles],
        script=Markup(script),
        contents=parts,
        drafts=sum(p.commentary == "draft" for p in parts),
        sections=[_markup(p, Markup) for p in parts],
        scorecard_target=scorecard.target if scorecard else None,
        built_label=f"{built:%-d %B %Y at %H:%M} UTC",
    )
    html = _layout().render(**context)
    return Stitched(html=html, parts=parts, warnings=warnings, seconds=time.perf_counter() - started,
                    context=context)


def render_body(context: dict, main_tag: str = "main") -> str:
    """Only the booklet's visible page (what the layout puts in <body>, less its script), from a stitch's
    context: for renderers that write their own <head> (Quarto). `main_tag` 'div' when the renderer already
    wraps the page in its own <main>."""
    return _layout(BODY_TEMPLATE).render(**context, main_tag=main_tag)


def _title(section_title, section: str) -> str:
    try:
        return section_title(section)
    except KeyError:
        return section.replace("_", " ").capitalize()


def _markup(part: Part, markup) -> Part:
    out = Part(**{**part.__dict__})
    out.html = markup(part.html)
    return out
