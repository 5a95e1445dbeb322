"""Which improvement-plan measures the indicator catalogue computes (`params/improvement_plan.yml`).

Such a measure is shown from the catalogue (its figures and target, as on its section page); the improvement
plan extract gives only the other measures, and each measure's value at inspection.
"""

from __future__ import annotations

from pathlib import Path

from onapage.config import PROJECT_ROOT
from onapage.indicators.catalogue import load_catalogue
from onapage.yamlfile import load_yaml

PLAN_MEASURES = PROJECT_ROOT / "params" / "improvement_plan.yml"


def plan_measures_from_catalogue(path: Path = PLAN_MEASURES) -> list[dict]:
    """The plan measures the catalogue computes (plan ID, theme, indicator); an unknown indicator or a row
    missing a key is an error naming the file and the row."""
    if not path.exists():
        return []
    rows = (load_yaml(path.read_text(encoding="utf-8")) or {}).get("from_catalogue") or []
    catalogue = load_catalogue()
    for n, row in enumerate(rows, 1):
        absent = [k for k in ("plan_id", "theme", "indicator") if not isinstance(row, dict) or k not in row]
        if absent:
            raise ValueError(f"{path}: from_catalogue row {n}: expected plan_id, theme and indicator; "
                             f"missing {', '.join(absent)}")
        if row["indicator"] not in catalogue:
            raise ValueError(f"{path}: from_catalogue row {n}: {row['indicator']!r} is not a catalogue indicator")
    return [{k: str(row[k]) for k in ("plan_id", "theme", "indicator")} for row in rows]
