"""Which edition of the Ofsted Annex A template the lists' headings follow.

Every edition's headings are accepted whatever the edition, so this never changes what is read:
it tells the analyst what they supplied ("the Ofsted Annex A template, 2026 edition"), and which
headings are worded otherwise, which is where a heading problem usually starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from onapage.contract import Template, load_contract, normalise_heading
from onapage.inputs.model import InputSet, Source

# Below this share of headings printed as in an edition, the lists are not in the template's layout.
TEMPLATE_SHARE = 0.9


@dataclass(frozen=True)
class TemplateMatch:
    """How closely the Annex A lists' headings follow the template's closest edition(s)."""

    editions: tuple[str, ...]  # the editions matching best (several when their headings agree)
    matched: int  # headings exactly as those editions print them (case, spacing, punctuation aside)
    compared: int  # template headings found in the lists
    differing: tuple[str, ...] = ()  # a few headings worded otherwise, as found

    @property
    def is_template(self) -> bool:
        return self.compared > 0 and self.matched / self.compared >= TEMPLATE_SHARE

    def describe(self) -> str:
        first, last = self.editions[0], self.editions[-1]
        which = f"{first} edition" if first == last else f"{first}-{last} editions"
        share = f"{self.matched} of {self.compared} headings as that template prints them"
        if not self.is_template:
            return f"Annex A lists: not in the Ofsted template's layout (closest: the {which}, {share})"
        others = f"; worded otherwise: {', '.join(map(repr, self.differing))}" if self.differing else ""
        return f"Annex A lists: the Ofsted Annex A template, {which} ({share}{others})"


def describe_layout(inputs: InputSet) -> str | None:
    """One line on the Annex A lists' layout: which template edition their headings follow."""
    match = template_match(inputs.sources)
    return match.describe() if match else None


def template_match(sources: dict[str, Source], template: Template | None = None) -> TemplateMatch | None:
    """The template edition(s) the supplied Annex A lists' headings follow best; None without lists."""
    template = template or load_contract().template
    found = {key: s.headings for key, s in sources.items() if key in template.headings}
    if not found:
        return None
    scores = {edition: _score(found, template.edition_headings(edition)) for edition in template.editions}
    # most headings as printed; then fewest columns printed that the lists lack (List 9 without the four
    # columns the 2023 edition added matches 2020 and 2023 alike, but only 2020 prints no more)
    best = max((matched, -lacking) for matched, _, _, lacking in scores.values())
    editions = tuple(e for e, (matched, _, _, lacking) in scores.items() if (matched, -lacking) == best)
    matched, compared, differing, _ = scores[editions[-1]]
    return TemplateMatch(editions, matched, compared, tuple(differing[:5]))


def _score(found: dict[str, dict[str, str]], printed: dict[str, dict[str, str]]) -> tuple[int, int, list[str], int]:
    """Headings as the edition prints them, headings compared, those worded otherwise, and how many
    of the columns the edition prints (for the lists found) the lists lack."""
    matched, compared, differing = 0, 0, []
    lacking = sum(1 for key, headings in found.items() for column in printed[key] if column not in headings)
    for key, headings in found.items():
        for column, heading in headings.items():
            expected = printed[key].get(column)
            if expected is None:
                continue
            compared += 1
            if normalise_heading(heading) == normalise_heading(expected):
                matched += 1
            else:
                differing.append(" ".join(heading.split()))
    return matched, compared, differing, lacking
