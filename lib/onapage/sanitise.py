"""Analysts' words made safe to show: the HTML of every markdown cell (commentary above all) goes through
nh3, a maintained allow-list sanitiser, before it reaches the booklet's HTML or PDF.

Kept: text formatting, headings, lists, tables, quotes, code, links within the booklet (`#...`) and images
held in the page itself (`data:image/...`). Removed: scripts, event handlers (`onerror=`, `onload=`),
forms and their controls, SVG, frames, and every URL that would run code or leave the page
(`javascript:`, `file:`, `http(s):`, relative paths). A link's words stay when its target goes.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
GENERIC_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "role", "aria-label"}
ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
}
# Dropped with everything inside them (not just the tags).
DROPPED_WITH_CONTENT = {"script", "style", "form", "svg", "math", "iframe", "object", "embed", "template",
                        "textarea", "select", "button", "noscript"}


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if value.startswith("#") else None
    if attribute == "src":
        return value if value.lower().startswith("data:image/") and "svg" not in value[:20].lower() else None
    return value


def sanitise_html(html: str) -> str:
    """`html` with only the allowed elements, attributes and URLs left (see the module docstring)."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"*": GENERIC_ATTRIBUTES, **ATTRIBUTES},
        attribute_filter=_keep_url,
        url_schemes={"data"},
        link_rel=None,
        strip_comments=True,
    )
