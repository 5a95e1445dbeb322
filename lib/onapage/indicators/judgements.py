"""Judgements on a value: RAG against target, direction of travel, variance from target.

All read through the indicator's polarity, and none is made for "monitor" indicators
(they show movement, never good or bad).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

RAG_SYMBOLS = {"Green": "●", "Amber": "▲", "Red": "■"}  # shape as well as colour: never colour alone


def _missing(x) -> bool:
    return x is None or bool(pd.isna(x))


def rag(value, target, tolerance, polarity: str) -> str | None:
    """Green meets the target; Amber misses it by no more than the tolerance; Red beyond.

    The tolerance is in the indicator's own unit (percentage points for a %).
    """
    if polarity == "monitor" or _missing(value) or _missing(target):
        return None
    tolerance = 0.0 if _missing(tolerance) else float(tolerance)
    shortfall = (target - value) if polarity == "bigger_is_better" else (value - target)
    if shortfall <= 0:
        return "Green"
    return "Amber" if shortfall <= tolerance else "Red"


def variance(latest, target, polarity: str = "bigger_is_better") -> float | None:
    """How far the result is from its target, as a share of the target: positive when it is better than the
    target, negative when worse, whichever way the measure improves (one sign convention, stated in every
    product's key); None without a usable target."""
    if _missing(latest) or _missing(target) or target == 0:
        return None
    gap = (latest - target) / abs(target)
    return -gap if polarity == "smaller_is_better" else gap


@dataclass(frozen=True)
class Direction:
    arrow: str  # ↑ ↓ ↔
    movement: str  # "up", "down", "no change"
    judgement: str | None  # "positive", "negative", or None (monitor or no change)

    @property
    def label(self) -> str:
        """The seeds' legend: 'positive upward change', 'negative downward change', 'no change'..."""
        if self.movement == "no change":
            return "no change"
        word = {"up": "upward", "down": "downward"}[self.movement]
        return f"{self.judgement} {word} change" if self.judgement else f"{word} change"


def direction(latest, previous, polarity: str, *, decimals: int = 1) -> Direction | None:
    """Compare latest with previous at the precision shown, so a change too small to see is no change."""
    if _missing(latest) or _missing(previous):
        return None
    delta = round(float(latest), decimals) - round(float(previous), decimals)
    if abs(delta) < 10 ** -(decimals + 3):
        return Direction("↔", "no change", None)
    movement = "up" if delta > 0 else "down"
    arrow = "↑" if movement == "up" else "↓"
    if polarity == "monitor":
        return Direction(arrow, movement, None)
    good = (movement == "up") == (polarity == "bigger_is_better")
    return Direction(arrow, movement, "positive" if good else "negative")
