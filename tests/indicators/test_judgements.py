import pytest

from onapage.indicators.judgements import direction, rag, variance


@pytest.mark.parametrize(
    ("value", "target", "tolerance", "polarity", "expected"),
    [
        (95.0, 95.0, 5, "bigger_is_better", "Green"),  # meeting the target exactly is green
        (90.0, 95.0, 5, "bigger_is_better", "Amber"),  # at the edge of tolerance
        (89.9, 95.0, 5, "bigger_is_better", "Red"),
        (16.0, 16.0, 2, "smaller_is_better", "Green"),
        (17.5, 16.0, 2, "smaller_is_better", "Amber"),
        (18.1, 16.0, 2, "smaller_is_better", "Red"),
        (12.0, 10.0, None, "smaller_is_better", "Red"),  # no tolerance: no amber band
        (50.0, 40.0, 5, "monitor", None),
        (None, 40.0, 5, "bigger_is_better", None),
        (50.0, None, 5, "bigger_is_better", None),
    ],
)
def test_rag(value, target, tolerance, polarity, expected):
    assert rag(value, target, tolerance, polarity) == expected


def test_variance_matches_the_seed_kpi_box():
    # Seed 002: Target 95.0%, Latest 75.0%, Variance (21.1%)
    assert round(variance(75.0, 95.0) * 100, 1) == -21.1
    assert variance(10, 0) is None and variance(None, 5) is None


def test_variance_is_positive_when_better_than_target_whichever_way_the_measure_improves():
    """One sign convention, stated in the key: brackets (negative) always mean worse than target."""
    assert round(variance(90.0, 80.0, "bigger_is_better") * 100, 1) == 12.5  # 10 above a target of 80: better
    assert round(variance(12.0, 10.0, "smaller_is_better") * 100, 1) == -20.0  # 2 over a ceiling of 10: worse
    assert round(variance(8.0, 10.0, "smaller_is_better") * 100, 1) == 20.0  # 2 under it: better
    assert variance(10.0, 10.0, "smaller_is_better") == 0


@pytest.mark.parametrize(
    ("latest", "previous", "polarity", "arrow", "label"),
    [
        (80, 70, "bigger_is_better", "↑", "positive upward change"),
        (60, 70, "bigger_is_better", "↓", "negative downward change"),
        (80, 70, "smaller_is_better", "↑", "negative upward change"),
        (60, 70, "smaller_is_better", "↓", "positive downward change"),
        (70.04, 70.0, "bigger_is_better", "↔", "no change"),  # invisible at one decimal
        (80, 70, "monitor", "↑", "upward change"),
    ],
)
def test_direction_of_travel_reads_through_polarity(latest, previous, polarity, arrow, label):
    d = direction(latest, previous, polarity)
    assert (d.arrow, d.label) == (arrow, label)


def test_no_direction_without_a_previous_value():
    assert direction(5, None, "bigger_is_better") is None
