"""Targets and amber tolerances: defaults in params/targets/, overridden by the authority's own file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from onapage.config import PROJECT_ROOT, ConfigError
from onapage.indicators.catalogue import load_catalogue

DEFAULTS_DIR = PROJECT_ROOT / "params" / "targets"


@dataclass(frozen=True)
class Target:
    target: float
    tolerance: float | None = None


def _read(path: Path) -> dict[str, Target]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    catalogue = load_catalogue()
    out = {}
    for ind_id, spec in raw.items():
        where = f"{path}: {ind_id}"
        if ind_id not in catalogue:
            raise ConfigError(f"{where}: no indicator has this id")
        if catalogue[ind_id].polarity == "monitor":
            raise ConfigError(f"{where}: a monitor indicator takes no target")
        if not isinstance(spec, dict) or set(spec) - {"target", "tolerance"} or "target" not in spec:
            raise ConfigError(f"{where}: expected {{target: <number>, tolerance: <number>}}, found {spec!r}")
        try:
            out[ind_id] = Target(
                float(spec["target"]), None if spec.get("tolerance") is None else float(spec["tolerance"])
            )
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: target and tolerance must be numbers, found {spec!r}") from None
    return out


def load_targets(override: Path | None = None, defaults_dir: Path = DEFAULTS_DIR) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for path in sorted(defaults_dir.glob("*.yml")):
        targets |= _read(path)
    if override is not None:
        if not Path(override).exists():
            raise ConfigError(f"{override}: targets file not found")
        targets |= _read(Path(override))
    return targets
