"""The labels a booklet shows (captions, column and row headings, section and chart titles) fit the kind of
period it is made for: a quarterly or annual booklet never labels a figure by the month. Free text (a
definition's "one calendar month", a risk's "monthly reports") is the analysts' and is not judged here."""

from __future__ import annotations

import html as markup
import re

LABELS = re.compile(r"<(caption|th|h[1-6]|figcaption|summary|dt)\b[^>]*>(.*?)</\1>", re.S | re.I)
# "month" alone or "monthly"; "12 months", "the last 6 months" name a span, not the period's kind.
MONTH_WORD = re.compile(r"\bmonth(?:ly)?\b", re.I)


def period_label_problems(page: str, period_kind: str) -> list[str]:
    """Each label of a quarterly or annual booklet that speaks of the month, quoted (none for a monthly one)."""
    if period_kind == "month":
        return []
    found = []
    for match in LABELS.finditer(page):
        text = " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split())
        if MONTH_WORD.search(text) and text not in found:
            found.append(text)
    return [f"a {period_kind}'s booklet labels a figure by the month: {text!r}" for text in found]
