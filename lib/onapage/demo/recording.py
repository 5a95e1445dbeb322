"""When each event of lists 1 to 5 was recorded: most on the day, a few weeks late.

About one event in two hundred (LATE_SHARE) is put on the system 1 to 40 days after it happened. An extract taken
before the recording leaves the event out; a later one holds it with its real date, so the later extract
revises the earlier month's counts, as real archives do.

A recording is late only where it still falls on or before the run's `end`: an extract at `end` holds every
event dated up to `end`, exactly as before recording dates existed. In a journey nothing is recorded before
what led to it: a referral not before its contact, an assessment or strategy discussion not before its
referral.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import NAT, col, maximum
from .draw import chance
from .run import DemoRun

LATE_SHARE = 0.005
LATE_DAYS = (1, 40)


def record_events(run: DemoRun, contacts: pd.DataFrame, journeys: pd.DataFrame, early_help: pd.DataFrame) -> None:
    """Add the recording dates: contacts["recorded"], early_help["recorded"], and the journeys'
    "referral_recorded", "assess_recorded" and "strategy_recorded" (NaT where the event did not happen)."""
    rng = run.rng("late-recording")
    contacts["recorded"] = _recorded(run, rng, col(contacts, "contact_date"))
    early_help["recorded"] = _recorded(run, rng, col(early_help, "start"))
    by_contact = col(contacts, "recorded")[journeys["contact_no"].to_numpy() - 1]
    referral = maximum(_recorded(run, rng, col(journeys, "referral_date")), by_contact)
    journeys["referral_recorded"] = referral
    for event, name in (("assess_start", "assess_recorded"), ("strategy_date", "strategy_recorded")):
        day = col(journeys, event)
        journeys[name] = np.where(np.isnat(day), NAT, maximum(_recorded(run, rng, day), referral))


def _recorded(run: DemoRun, rng: np.random.Generator, day: np.ndarray) -> np.ndarray:
    n = len(day)
    late = chance(rng, LATE_SHARE, n)
    lag = rng.integers(LATE_DAYS[0], LATE_DAYS[1] + 1, n).astype("timedelta64[D]")
    later = day + lag
    return np.where(late & (later <= run.end_day), later, day)  # NaT compares False: stays NaT


def known(recorded: np.ndarray, on: np.datetime64) -> np.ndarray:
    """Events on the system by `on`."""
    return ~np.isnat(recorded) & (recorded <= on)
