"""Write the same values the way real extracts look: a pure change of presentation, never of content.

Per column, headings drift (an alias, a template edition's heading, changed case, spaces removed or
added); coded values gain a letter prefix ("a) Male"), or are written as their description or the
template's drop-down value ("f) U6: Foster placement - not FFA"); Y/N may be "a) Yes" or "Yes"; the
blanks of some columns become "-"; dates are dd/mm/yyyy or
ISO, and in a workbook also genuine date cells or Excel serial numbers. Every variant still means the same
value under the contract's matching rules, so reading a messy extract gives back the clean one.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from onapage.contract import Column, Dataset, load_contract, normalise_heading

from .xlsx import serial

HEADING_STYLES = {
    "as is": 0.25,
    "template": 0.1,
    "alias": 0.2,
    "lower": 0.1,
    "upper": 0.05,
    "no spaces": 0.1,
    "padded": 0.1,
    "double space": 0.1,
}
CODE_STYLES = {"code": 0.35, "prefixed": 0.25, "template": 0.15, "description": 0.1, "mixed": 0.15}
YN_STYLES = {"Y/N": 0.6, "template": 0.25, "words": 0.15}  # Y, "a) Yes" (the template's drop-down), Yes
DATE_STYLES_CSV = {"iso": 0.3, "dmy": 0.45, "mixed": 0.25}
DATE_STYLES_EXCEL = {"cell": 0.4, "serial": 0.2, "dmy": 0.15, "iso": 0.05, "mixed": 0.2}


def _choose(rng: np.random.Generator, styles: dict[str, float]) -> str:
    names = list(styles)
    weights = np.array(list(styles.values()))
    return names[rng.choice(len(names), p=weights / weights.sum())]


class Messifier:
    """Draws every presentation choice from its own random stream, so the records are untouched."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        contract = load_contract()
        self.codes = contract.codes
        self.template = contract.template
        self._editions = [self.template.edition_headings(e) for e in self.template.editions]

    # --- headings ---------------------------------------------------------------------------------------

    def columns(self, ds: Dataset) -> list[Column]:
        return ds.column_list()

    def headings(self, ds: Dataset) -> list[str]:
        columns = ds.column_list()
        return [self._heading(ds, c, [o for o in columns if o is not c]) for c in columns]

    def _heading(self, ds: Dataset, column: Column, others: list[Column]) -> str:
        taken = {normalise_heading(h) for o in others for h in o.headings()}
        aliases = [a for a in column.aliases if normalise_heading(a) not in taken]
        style = _choose(self.rng, HEADING_STYLES)
        h = column.heading
        if style == "template" and ds.key in self.template.headings:  # one edition's heading, at random
            edition = self._editions[int(self.rng.integers(len(self._editions)))]
            return edition[ds.key].get(column.name, h)
        if style == "alias" and aliases:
            return aliases[int(self.rng.integers(len(aliases)))]
        if style == "lower":
            return h.lower()
        if style == "upper":
            return h.upper()
        if style == "no spaces":
            return h.replace(" ", "")
        if style == "padded":
            return f"{h} " if self.rng.random() < 0.7 else f" {h}"
        if style == "double space" and " " in h:
            return h.replace(" ", "  ", 1)
        return h

    # --- cells ------------------------------------------------------------------------------------------

    def cells(self, values: list, column: Column, *, excel: bool) -> list:
        if column.type == "code":
            out = self._codes(values, column)
        elif column.type in ("date", "datetime"):
            out = self._dates(values, column, excel)
        elif column.type == "yn":
            out = self._yes_no(values)
        elif column.type in ("int", "number"):
            out = values if excel else ["" if v is None else _number_text(v) for v in values]
        else:
            out = ["" if v is None else v for v in values]
        return self._dashes(out, column)

    def _codes(self, values: list, column: Column) -> list:
        code_list = self.codes[column.codes]
        letters = {code: chr(97 + i % 26) for i, code in enumerate(code_list)}
        written = descriptions(code_list)
        style = _choose(self.rng, CODE_STYLES)
        per_cell = self.rng.choice(["code", "prefixed", "description"], size=len(values)) if style == "mixed" else None
        out = []
        for i, v in enumerate(values):
            if v is None:
                out.append("")
                continue
            how = per_cell[i] if per_cell is not None else style
            if how == "template":
                out.append(self.template.dropdown(column.codes, v) or v)
            elif how == "prefixed":
                out.append(f"{letters[v]}) {written[v]}")
            elif how == "description":
                out.append(written[v])
            else:
                out.append(v)
        return out

    def _yes_no(self, values: list) -> list:
        style = _choose(self.rng, YN_STYLES)
        words = {"Y": "Yes", "N": "No"}
        if style == "template":
            return ["" if v is None else self.template.yes_no[v] for v in values]
        if style == "words":
            return ["" if v is None else words[v] for v in values]
        return ["" if v is None else v for v in values]

    def _dates(self, values: list, column: Column, excel: bool) -> list:
        style = _choose(self.rng, DATE_STYLES_EXCEL if excel else DATE_STYLES_CSV)
        options = ["cell", "serial", "dmy", "iso"] if excel else ["dmy", "iso"]
        per_cell = self.rng.choice(options, size=len(values)) if style == "mixed" else None
        timed = column.type == "datetime"
        out = []
        for i, v in enumerate(values):
            if v is None:
                out.append(None if excel else "")
                continue
            how = per_cell[i] if per_cell is not None else style
            if how == "cell":
                out.append(v)
            elif how == "serial":
                out.append(serial(v))
            elif how == "dmy":
                out.append(v.strftime("%d/%m/%Y %H:%M" if timed else "%d/%m/%Y"))
            else:
                out.append(v.strftime("%Y-%m-%d %H:%M") if timed else v.isoformat())
        return out

    def _dashes(self, cells: list, column: Column) -> list:
        """Some extracts write every blank of a column as '-' (a third of the columns that may be blank).

        Every blank, not some: a column mixing '-' and empty cells is one the data-quality gate
        questions, since a dash may then stand for a value that was removed."""
        if not column.nullable or self.rng.random() > 1 / 3:
            return cells
        return ["-" if c is None or c == "" else c for c in cells]


def descriptions(code_list: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """What each code looks like written out: the code itself when it is already words ("Male"), else its first
    alternative that reads as words and names no other code ("WBRI" -> "White British"); the code when none does."""
    seen = Counter(normalise_heading(x) for code, alts in code_list.items() for x in {code, *alts})
    out = {}
    for code, alts in code_list.items():
        wordy = " " in code or any(ch.islower() for ch in code)
        shared = any(seen[normalise_heading(a)] > 1 for a in alts)
        words = [a for a in alts if len(a) > 2 and not a.isdigit() and seen[normalise_heading(a)] == 1]
        out[code] = code if wordy or shared or not words else words[0]
    return out


def _number_text(v) -> str:
    return str(v) if isinstance(v, int) else np.format_float_positional(v, trim="-")
