"""The period's booklet rendered by Quarto: one Quarto document, one self-contained HTML file.

`<output_dir>/<period>/quarto/` holds

    booklet.qmd    the document: the booklet's page (top bar, contents, cover, every executed section as the
                   built-in stitcher prepared it, build stamp, back-to-contents links) as one raw HTML block
    onapage.scss   its Quarto theme: Bootstrap's variables from the authority's colours (params), then the
                   house stylesheet (the page parts' and the booklet's) as the theme's rules
    booklet.html   `quarto render booklet.qmd --to html`, with `embed-resources`: a single file

Why one document, and why the sections go in as HTML rather than as notebooks: see docs/quarto.md (rendering
the notebooks as a Quarto book took minutes and gigabytes, fetched require.js and jQuery from a CDN and lost
the house layout; this takes seconds and fetches nothing). The document has no code cells, so Quarto runs
no Jupyter kernel and adds no scripts for widget output. A Content-Security-Policy forbids any fetch.

Quarto is optional and never installed by onapage; its warnings (stderr) become build warnings.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DOCUMENT = "booklet.qmd"
THEME = "onapage.scss"
OUTPUT = "booklet.html"
FENCE = "`" * 10  # longer than any backtick run the booklet's HTML holds (checked)
# The page may use inline and data: styles, scripts, images and fonts (that is how Quarto embeds its own),
# and may fetch nothing at all.
QUARTO_CSP = ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline' data:; "
              "script-src 'unsafe-inline' data:; base-uri 'none'; form-action 'none'")
_WARNING = re.compile(r"^\s*(?:\x1b\[[0-9;]*m)*\s*(WARN(?:ING)?|ERROR)\b[:\s(]", re.IGNORECASE)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_INLINE_SCRIPT = re.compile(r"(<script\b[^>]*>).*?(</script\s*>)", re.IGNORECASE | re.DOTALL)
_FETCHING_TAG = re.compile(r"<(?:script|link|img|iframe|source|video|audio|object|embed|track)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\s(?:src|href|srcset|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_DATA_CSS = re.compile(r"""href\s*=\s*["']data:text/css(;base64)?,([^"']*)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?(?!data:|#|["')])([^"')\s]+)|@import\s+([^;]+)""", re.IGNORECASE)


class QuartoError(RuntimeError):
    """Quarto is not installed, or `quarto render` failed."""


def quarto_executable() -> str | None:
    return shutil.which("quarto")


def quarto_command(document: Path | str) -> list[str]:
    """The exact command that renders the document: `quarto render <booklet.qmd> --to html`."""
    return ["quarto", "render", str(document), "--to", "html"]


def theme_scss(primary: str, rules: str) -> str:
    """The Quarto (Bootstrap) theme: `primary` (the authority's colour, already at 4.5:1 on white) for links
    and buttons; `rules` (plain CSS, no Sass interpolation; its --accent is the same colour) after Bootstrap's."""
    return "\n".join([
        "/*-- scss:defaults --*/",
        "// Written by `onapage build` from the authority's colours in params/; edit those, not this.",
        f"$primary: {primary};",
        "$link-color: $primary;",
        "$body-color: #0b0c0c;",
        "$body-bg: #fff;",
        "$font-size-root: 16px;",
        '$font-family-sans-serif: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;',
        "$link-decoration: underline;",
        "",
        "/*-- scss:rules --*/",
        expanded_css(rules + _QUARTO_RULES),
        "",
    ])


_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_INNER_BLOCK = re.compile(r"\{([^{}]*)\}")


def expanded_css(css: str) -> str:
    """The stylesheet with comments dropped and one `property: value;` per line. The same rules, but in the
    shape Quarto's own SCSS reader (which exports the theme's colours as CSS variables) accepts: it fails,
    with a warning and a stray file, on compact declarations such as `color:#0b0c0c`. Assumes no `;`, `{`
    or `}` inside quoted strings (the house stylesheets have none)."""

    def block(m: re.Match) -> str:
        lines = []
        for declaration in m.group(1).split(";"):
            prop, colon, value = declaration.strip().partition(":")
            if colon:
                lines.append(f"  {prop.strip()}: {value.strip()};")
        return "{\n" + "\n".join(lines) + "\n}"

    return _INNER_BLOCK.sub(block, _COMMENT.sub("", css))


# What Bootstrap's reboot changes that the house style relies on being otherwise.
_QUARTO_RULES = """
/* Bootstrap under the house style */
#quarto-content > main.content { margin: 0; padding: 0; max-width: none; }
.layout table { caption-side: top; }
.layout h1, .layout h2, .layout h3, .layout h4 { line-height: 1.2; }
.layout a:not(:hover) { text-decoration: underline; }
"""


def document_text(*, title: str, body: str, synthetic: bool, script: str, single_file: bool = True) -> str:
    """booklet.qmd: front matter (no title block: the booklet's cover has the title) and the page as raw HTML."""
    if FENCE in body:
        raise QuartoError("the booklet's HTML contains a run of ten backticks; it cannot be fenced for Quarto")
    html = {
        "embed-resources": single_file,
        "theme": ["default", THEME],
        "page-layout": "custom",
        "toc": False,
        "anchor-sections": False,
        "smooth-scroll": False,
        "html-math-method": "plain",  # no MathJax from a CDN
        "html-table-processing": "none",  # keep the tables as written (row headers stay <th scope="row">)
        "link-external-icon": False,
        "code-copy": False,
        "include-in-header": [{"text": f'<meta http-equiv="Content-Security-Policy" content="{QUARTO_CSP}">'}],
        "include-after-body": [{"text": f"<script>{script}</script>"}],
    }
    if synthetic:
        html["body-classes"] = "synthetic"
    front = {"pagetitle": title, "lang": "en-GB", "format": {"html": html}}
    return ("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10_000) + "---\n\n"
            + f"{FENCE}{{=html}}\n{body}\n{FENCE}\n")


@dataclass
class QuartoDocument:
    directory: Path
    single_file: bool = True

    @property
    def document(self) -> Path:
        return self.directory / DOCUMENT

    @property
    def theme(self) -> Path:
        return self.directory / THEME

    @property
    def output(self) -> Path:
        return self.directory / OUTPUT


@dataclass
class Rendered:
    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    peak_rss_mb: float = 0.0  # of the largest process Quarto ran (deno, pandoc, dart-sass)


def write_document(directory: Path, stitched, settings, *, single_file: bool = True) -> QuartoDocument:
    """Write booklet.qmd and onapage.scss for the stitched booklet (see onapage.booklet.stitch) into
    `directory`, replacing what was there in one swap."""
    from onapage.booklet.stitch import _read, accent_colour, house_stylesheet, render_body
    from onapage.pages.html import STYLESHEET

    ctx = stitched.context
    title = f"{ctx['product'].title}: {ctx['period_label']}, {settings.authority.name}"
    body = render_body(ctx, main_tag="div")  # Quarto's page is the <main>
    text = document_text(title=title, body=body, synthetic=settings.authority.synthetic,
                         script=_read("booklet.js"), single_file=single_file)
    rules = STYLESHEET + "\n" + house_stylesheet(settings)  # --accent is $primary, from the same setting
    theme = theme_scss(accent_colour(settings), rules)
    directory = Path(directory)
    _swap_in(directory, {DOCUMENT: text, THEME: theme})
    return QuartoDocument(directory, single_file)


def _swap_in(directory: Path, files: dict[str, str]) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
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


def quarto_warnings(stderr: str) -> list[str]:
    """Quarto's warnings and errors from its stderr (without colour codes), in order; progress lines left out."""
    return [_ANSI.sub("", line).strip() for line in stderr.splitlines() if _WARNING.match(line)]


def fetching_references(html: str) -> list[str]:
    """What in Quarto's output would make a browser fetch something not inside the file when it is opened:
    a script, stylesheet, image or frame not given as data: (a link is followed only when clicked), or a
    url() or @import in a style (Quarto embeds stylesheets as data:text/css links, read here too)."""
    import base64
    from urllib.parse import unquote

    tags = _INLINE_SCRIPT.sub(lambda m: m.group(1) + m.group(2), html)
    found = []
    for tag in _FETCHING_TAG.finditer(tags):
        for attr in _ATTR.finditer(tag.group(0)):
            value = next(v for v in attr.groups() if v is not None).strip()
            if value and not value.lower().startswith(("data:", "#")):
                found.append(value)
    styles = [m.group(1) for m in _STYLE_BLOCK.finditer(tags)]
    for m in _DATA_CSS.finditer(tags):
        styles.append(base64.b64decode(m.group(2)).decode("utf-8", "replace") if m.group(1) else unquote(m.group(2)))
    for css in styles:
        found += [(m.group(1) or m.group(2)).strip() for m in _CSS_URL.finditer(css)]
    return found


def render(doc: QuartoDocument, *, timeout: float = 600) -> Rendered:
    """Run `quarto render booklet.qmd --to html` in the document's folder; Quarto's warnings are returned
    (and the run fails with QuartoError when Quarto does, or when the file would fetch from elsewhere)."""
    if quarto_executable() is None:
        raise QuartoError("renderer 'quarto' needs Quarto (https://quarto.org) on PATH; it is not installed. "
                          "Use --renderer builtin (the default when Quarto is absent).")
    command = quarto_command(DOCUMENT)
    started = time.perf_counter()
    returncode, stderr, peak = run_measured(command, doc.directory, timeout)
    seconds = time.perf_counter() - started
    if returncode != 0:
        tail = _ANSI.sub("", stderr).strip().splitlines()[-15:]
        raise QuartoError(f"`{' '.join(command)}` in {doc.directory} failed (exit {returncode}):\n"
                          + "\n".join(tail))
    if not doc.output.exists():
        raise QuartoError(f"`{' '.join(command)}` finished but wrote no {doc.output}")
    warnings = [f"Quarto: {w}" for w in quarto_warnings(stderr)]
    if doc.single_file:
        leaks = fetching_references(doc.output.read_text(encoding="utf-8"))
        if leaks:
            raise QuartoError(f"Quarto's {doc.output} would fetch from outside the file: {leaks[:5]}")
    return Rendered(doc.output, seconds, warnings, peak)


def run_measured(command: list[str], cwd: Path, timeout: float) -> tuple[int, str, float]:
    """Run `command` in `cwd`: (exit code, its stdout and stderr, the peak memory in MB of the largest process
    it ran, from wait4 as `/usr/bin/time -v` reports it). QuartoError when it outlasts `timeout` seconds."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise QuartoError(f"`{' '.join(command)}` in {cwd} did not finish in {timeout:.0f} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return proc.returncode, text, usage.ru_maxrss / 1024
