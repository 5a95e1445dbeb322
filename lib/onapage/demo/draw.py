"""Small sampling helpers shared by the generators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .dates import WorkCalendar


def pick(rng: np.random.Generator, mix: Mapping[str, float], n: int) -> np.ndarray:
    """`n` labels drawn from a {label: weight} mix (weights need not sum to 1)."""
    labels = np.array(list(mix), dtype=object)
    weights = np.array(list(mix.values()), dtype=float)
    return labels[rng.choice(len(labels), size=n, p=weights / weights.sum())]


def bands(rng: np.random.Generator, spec: Sequence[tuple[float, float, float]], n: int) -> np.ndarray:
    """Floats from a mixture of uniform ranges [(weight, low, high), ...]: easy to read against a seed's bands."""
    weights = np.array([w for w, _, _ in spec], dtype=float)
    which = rng.choice(len(spec), size=n, p=weights / weights.sum())
    low = np.array([lo for _, lo, _ in spec])[which]
    high = np.array([hi for _, _, hi in spec])[which]
    return low + rng.random(n) * (high - low)


def chance(rng: np.random.Generator, p, n: int) -> np.ndarray:
    return rng.random(n) < p


def seasonal_days(
    rng: np.random.Generator,
    cal: WorkCalendar,
    first: np.datetime64,
    last: np.datetime64,
    per_month: float,
    month_factor: Mapping[int, float],
    *,
    weekend: float = 0.15,
    bank_holiday: float = 0.2,
    christmas: float = 0.55,
) -> np.ndarray:
    """Event days between two dates with a Poisson count per day: seasonal, quieter at weekends and holidays.

    The factors are normalised so the average month still holds `per_month` events.
    """
    all_days = np.arange(first, last + np.timedelta64(1, "D"))
    month = all_days.astype("datetime64[M]").astype("int64") % 12 + 1
    dom = (all_days - all_days.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") + 1
    weight = np.array([month_factor[m] for m in range(1, 13)])[month - 1]
    weight = weight * np.where(np.is_busday(all_days), 1.0, weekend)
    weight = weight * np.where(cal.is_holiday(all_days), bank_holiday, 1.0)
    weight = weight * np.where((month == 12) & (dom >= 20), christmas, 1.0)
    mean_per_day = per_month * 12 / 365.25
    counts = rng.poisson(mean_per_day * weight / weight.mean())
    return np.repeat(all_days, counts)
