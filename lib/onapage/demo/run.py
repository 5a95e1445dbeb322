"""One generation run: its dates, scale, teams and independent random streams."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from onapage.periods import Period

from .dates import WorkCalendar, day

# Teams used when params/demo.yml cannot be read (the generator must work from an installed wheel too).
DEFAULT_TEAMS: dict[str, tuple[str, ...]] = {
    "front_door": ("MASH", "Duty and Assessment 1", "Duty and Assessment 2"),
    "intervention": (
        "Intervention and Planning North",
        "Intervention and Planning South",
        "Intervention and Planning West",
        "Children with Disabilities",
    ),
    "children_in_care": ("Children in Care 1", "Children in Care 2", "UASC Team"),
    "care_leavers": ("Onwards and Upwards",),
    "early_help": ("Early Help North", "Early Help South", "Early Help West"),
}

BURN_IN_MONTHS = 36  # front-door history simulated before the window, so stocks and 12-month counts are right
LEGACY_YEARS = 19  # care history invented before that, so long stays and care leavers up to 25 exist


def load_teams() -> dict[str, tuple[str, ...]]:
    """Teams from params/demo.yml, falling back to the same names built in."""
    try:
        from onapage.config import load_settings

        teams = load_settings().teams
    except Exception:  # noqa: BLE001 - any problem reading settings means "use the built-in teams"
        return dict(DEFAULT_TEAMS)
    merged = dict(DEFAULT_TEAMS)
    merged.update({group: tuple(names) for group, names in teams.items() if names})
    return merged


@dataclass(frozen=True)
class DemoRun:
    seed: int
    scale: float
    end: date
    months: int
    teams: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_TEAMS))

    def __post_init__(self):
        if self.scale <= 0:
            raise ValueError(f"scale must be positive, found {self.scale}")
        if self.months < 1:
            raise ValueError(f"months must be at least 1, found {self.months}")
        missing = set(DEFAULT_TEAMS) - set(self.teams)
        if missing:
            raise ValueError(f"teams missing groups: {sorted(missing)}")

    @property
    def end_day(self) -> np.datetime64:
        return day(self.end)

    @property
    def window_start(self) -> np.datetime64:
        """First day of the first reported month: `months` calendar months ending with the month of `end`."""
        return day(Period.containing(self.end).shift(-(self.months - 1)).start)

    @property
    def sim_start(self) -> np.datetime64:
        return day(Period.containing(self.end).shift(-(self.months - 1 + BURN_IN_MONTHS)).start)

    @property
    def legacy_start(self) -> np.datetime64:
        start = self.sim_start.astype(object)
        return day(date(start.year - LEGACY_YEARS, start.month, 1))

    def calendar(self) -> WorkCalendar:
        # Events are simulated a few years past `end` and then cut off, so cover those years too.
        return WorkCalendar(self.legacy_start.astype(object).year, self.end.year + 4)

    def rng(self, part: str) -> np.random.Generator:
        """An independent stream per component: changing one component never shifts another's draws."""
        return np.random.default_rng([self.seed, zlib.crc32(part.encode())])

    def volume(self, per_month: float) -> float:
        """A monthly volume at scale 1.0, scaled."""
        return per_month * self.scale

    def count(self, n: float, minimum: int = 1) -> int:
        """A fixed count (teams, workers, measures) scaled, never below `minimum`."""
        return max(minimum, int(round(n * self.scale)))
