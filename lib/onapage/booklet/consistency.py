"""One booklet, one truth: every figure shown from the saved results is the same wherever it appears.

Pages tag each figure they show with the (indicator, period, basis) it is (`pages.html.figure_tag`):
`data-indicator`, `data-period` and `data-basis` on the element whose text is the figure. This module
collects every tagged figure of a built booklet and lists each (indicator, period, basis) shown with
more than one value: a scorecard row that disagrees with its section page, a KPI box with its table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Figure:
    indicator: str
    period: str
    basis: str
    text: str
    where: str  # the section the figure is on ('' before the first section)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.period, self.basis)


@dataclass(frozen=True)
class Disagreement:
    key: tuple[str, str, str]
    shown: dict[str, list[str]]  # value shown -> the sections showing it

    def __str__(self) -> str:
        indicator, period, basis = self.key
        values = "; ".join(f"{text!r} on {', '.join(dict.fromkeys(w or 'the front pages' for w in where))}"
                           for text, where in self.shown.items())
        return f"{indicator} for {period} ({basis}) is shown as {values}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[Figure] = []
        self._section = ""
        self._open: list[list] = []  # [tag attrs, depth at start, collected text]
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        ident = found.get("id") or ""
        if ident.startswith("section-") and tag != "a":
            self._section = ident.removeprefix("section-")
        if tag in _VOID:
            return
        self._depth += 1
        if "data-indicator" in found:
            self._open.append([found, self._depth, []])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._open and self._open[-1][1] == self._depth:
            attrs, _, text = self._open.pop()
            self.figures.append(Figure(attrs.get("data-indicator") or "", attrs.get("data-period") or "",
                                       attrs.get("data-basis") or "", " ".join("".join(text).split()),
                                       self._section))
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        for item in self._open:
            item[2].append(data)


def tagged_figures(html: str) -> list[Figure]:
    """Every tagged figure in a booklet's HTML, in the order shown, with the section it is on."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.figures


def disagreements(figures: list[Figure]) -> list[Disagreement]:
    """Each (indicator, period, basis) shown with two or more values."""
    by_key: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for fig in figures:
        by_key[fig.key][fig.text].append(fig.where)
    return [Disagreement(key, {t: list(w) for t, w in shown.items()})
            for key, shown in by_key.items() if len(shown) > 1]


class BookletDisagrees(ValueError):
    """A built booklet shows one figure with two values."""


def check_booklet(path: Path) -> list[Figure]:
    """The booklet's tagged figures; raises `BookletDisagrees` naming every figure shown two ways."""
    figures = tagged_figures(Path(path).read_text(encoding="utf-8"))
    found = disagreements(figures)
    if found:
        lines = "\n".join(f"  {d}" for d in found)
        raise BookletDisagrees(f"{path}: {len(found)} figure(s) shown with more than one value:\n{lines}")
    return figures
