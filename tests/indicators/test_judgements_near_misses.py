"""Arrows and RAG on near misses: a change of one in the last digit shown is a change, less is none."""

import math

import pandas as pd
import pytest

from onapage.indicators.judgements import direction, rag


def _arrow(latest, previous, polarity="bigger_is_better", **kw):
    found = direction(latest, previous, polarity, **kw)
    return found and (found.arrow, found.judgement)


@pytest.mark.parametrize(("latest", "previous", "expected"), [
    (84.3, 84.2, ("↑", "positive")),  # one tenth up, as shown
    (84.2, 84.3, ("↓", "negative")),
    (84.9, 84.2, ("↑", "positive")),  # the same up to the decimal point, 0.7 apart
    (84.24, 84.2, ("↔", None)),  # 84.24 shows as 84.2: no change the reader can see
    (84.26, 84.2, ("↑", "positive")),  # 84.26 shows as 84.3
    (84.16, 84.2, ("↔", None)),  # 84.16 shows as 84.2
])
def test_a_percentage_moves_when_its_shown_tenth_moves(latest, previous, expected):
    assert _arrow(latest, previous) == expected


def test_a_count_moves_by_one():
    # counts are shown whole: 138 against 137 is one more, 137.4 against 137 shows as 137 both times
    assert _arrow(138, 137, decimals=0) == ("↑", "positive")
    assert _arrow(137, 138, "smaller_is_better", decimals=0) == ("↓", "positive")
    assert _arrow(137.4, 137, decimals=0) == ("↔", None)
    assert _arrow(137.6, 137, decimals=0) == ("↑", "positive")  # shows as 138


def test_two_decimals_tell_a_hundredth():
    assert _arrow(0.13, 0.12, decimals=2) == ("↑", "positive")
    assert _arrow(0.124, 0.12, decimals=2) == ("↔", None)


@pytest.mark.parametrize("gap", [None, math.nan, pd.NA, pd.NaT])
def test_no_arrow_without_both_values(gap):
    assert direction(gap, 84.2, "bigger_is_better") is None
    assert direction(84.2, gap, "bigger_is_better") is None


@pytest.mark.parametrize(("value", "target", "tolerance", "polarity", "expected"), [
    (84.3, 84.3, 0, "bigger_is_better", "Green"),  # meets it exactly
    (84.2, 84.3, 0, "bigger_is_better", "Red"),  # a tenth short, no tolerance
    (84.2, 84.3, None, "bigger_is_better", "Red"),  # no tolerance given is none
    (84.5, 85.0, None, "bigger_is_better", "Red"),  # half a point short, no tolerance
    (84.5, 85.0, 0.2, "bigger_is_better", "Red"),  # half a point short, beyond 0.2
    (84.5, 85.0, 0.5, "bigger_is_better", "Amber"),  # short by exactly the tolerance
    (137, 138, 1, "bigger_is_better", "Amber"),
    (137, 138, 0, "bigger_is_better", "Red"),
    (138, 137, 0, "smaller_is_better", "Red"),  # one over a ceiling
    (137, 137.5, 0, "smaller_is_better", "Green"),
])
def test_rag_near_misses(value, target, tolerance, polarity, expected):
    assert rag(value, target, tolerance, polarity) == expected


@pytest.mark.parametrize("gap", [math.nan, pd.NA])
def test_no_rag_without_a_value_or_a_target(gap):
    assert rag(gap, 84.3, 0, "bigger_is_better") is None
    assert rag(84.3, gap, 0, "bigger_is_better") is None
