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


def load_targets(override: Path | list[Path] | None = None, defaults_dir: Path = DEFAULTS_DIR) -> dict[str, Target]:
    """The project's default targets (a file per section in `defaults_dir`), then each of the authority's
    files in `override` (one or a list; a later file wins); ConfigError naming the file and entry at fault."""
    targets: dict[str, Target] = {}
    for path in default_files(defaults_dir):
        targets |= _read(path)
    for path in [override] if isinstance(override, str | Path) else list(override or []):
        if not Path(path).exists():
            raise ConfigError(f"{path}: targets file not found")
        targets |= _read(Path(path))
    return targets


def default_files(defaults_dir: Path = DEFAULTS_DIR) -> list[Path]:
    """The project's default targets, one file per section; a file named after no section is refused here,
    so `validate` stops on it as `run` would."""
    from onapage.indicators.catalogue import sections

    files = sorted(Path(defaults_dir).glob("*.yml"))
    strays = [p for p in files if p.stem not in sections()]
    if strays:
        raise ConfigError(
            f"{strays[0]}: a file of default targets is named after its section, and {strays[0].stem!r} is no "
            f"section (the sections: {', '.join(sections())}); an authority's own targets go in the file its "
            "settings name as targets_file (a workspace's targets.yml), with any indicator's id")
    return files
