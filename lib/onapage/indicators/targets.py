"""Targets and amber tolerances: defaults in params/targets/, overridden by the authority's own file."""

from __future__ import annotations

import math
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
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{path}: expected indicator ids, each with {{target: <number>, tolerance: <number>}}, "
            f"found a {type(raw).__name__}"
        )
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
        target = _number(spec["target"], f"{where}: target")
        tolerance = None if spec.get("tolerance") is None else _number(spec["tolerance"], f"{where}: tolerance")
        if tolerance is not None and tolerance < 0:
            raise ConfigError(f"{where}: tolerance: the amber band cannot be negative, found {tolerance:g}")
        out[ind_id] = Target(target, tolerance)
    return out


def _number(value, where: str) -> float:
    """A finite number (YAML's yes/no, text, .nan and .inf are not targets)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ConfigError(f"{where}: expected a number, found {value!r}")
    return float(value)


def load_targets(override: Path | None = None, defaults_dir: Path = DEFAULTS_DIR) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for path in sorted(defaults_dir.glob("*.yml")):
        targets |= _read(path)
    if override is not None:
        if not Path(override).exists():
            raise ConfigError(f"{override}: targets file not found")
        targets |= _read(Path(override))
    return targets
