"""Teams and synthetic worker labels ("Worker 17", "Personal Adviser 3"): never a real name."""

from __future__ import annotations

import numpy as np

from . import calibration as cal
from .run import DemoRun


class Staffing:
    def __init__(self, run: DemoRun):
        self.run = run
        self.teams = run.teams
        all_teams = [t for group in run.teams.values() for t in group]
        self.per_team = run.count(cal.WORKERS_PER_TEAM, minimum=4)
        self._first_worker = {team: i * self.per_team + 1 for i, team in enumerate(all_teams)}

    def group(self, name: str) -> np.ndarray:
        return np.array(self.teams[name], dtype=object)

    def named(self, group: str, word: str) -> str:
        """The team of a group whose name contains a word ("UASC", "Disab"), else the group's last team."""
        teams = self.teams[group]
        return next((t for t in teams if word.lower() in t.lower()), teams[-1])

    def choose(self, rng: np.random.Generator, group: str, n: int, *, exclude: tuple[str, ...] = ()) -> np.ndarray:
        teams = np.array([t for t in self.teams[group] if t not in exclude] or list(self.teams[group]), dtype=object)
        return teams[rng.integers(0, len(teams), n)]

    def workers(self, rng: np.random.Generator, teams: np.ndarray, *, label: str = "Worker") -> np.ndarray:
        first = np.array([self._first_worker.get(t, 1) for t in teams], dtype="int64")
        k = rng.integers(0, self.per_team, len(teams))
        return np.array([f"{label} {w}" for w in first + k], dtype=object)
