"""Write the Annex A lists exactly as the Ofsted template lays them out: its sheets, its headings in
its column order, its drop-down values ("a) Male", "C2: FCO", "a) Yes"), dates as date cells, and
ages as the template's formula shows them (17.21). A pure change of presentation: reading it back
gives the same records as the clean CSV files.
"""

from __future__ import annotations

import numpy as np

from onapage.contract import Column, Dataset, load_contract


class TemplateForm:
    """Presents the lists in one edition of the template (the latest unless told otherwise)."""

    def __init__(self, rng: np.random.Generator, edition: str | None = None):
        self.rng = rng
        self.template = load_contract().template
        self.edition = edition or self.template.latest
        self._headings = self.template.edition_headings(self.edition)

    def columns(self, ds: Dataset) -> list[Column]:
        """The list's columns in the template's order."""
        return [ds.columns[name] for name in self._headings[ds.key]]

    def headings(self, ds: Dataset) -> list[str]:
        return list(self._headings[ds.key].values())

    def cells(self, values: list, column: Column, *, excel: bool = True) -> list:
        if column.type == "code":
            return [None if v is None else self.template.dropdown(column.codes, v) or v for v in values]
        if column.type == "yn":
            return [None if v is None else self.template.yes_no[v] for v in values]
        if column.round_down:
            return self._formula_ages(values)
        return values

    def _formula_ages(self, ages: list) -> list:
        """Whole years plus the part year the template's formula shows, two decimals (never a whole year more)."""
        parts = np.floor(self.rng.random(len(ages)) * 100) / 100
        return [None if a is None else round(a + float(p), 2) for a, p in zip(ages, parts, strict=True)]
