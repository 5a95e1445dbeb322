"""One number format for tables, charts and comments; escaping; wording an indicator as a noun."""

import math

import pandas as pd
import pytest

from onapage.pages.html import HtmlFragment, esc, fmt, fmt_points, fmt_variance, subject_phrase


@pytest.mark.parametrize(("value", "unit", "decimals", "expected"), [
    (1234, "count", 1, "1,234"),
    (1234.0, "count", 0, "1,234"),
    (12.5, "count", 1, "12.5"),  # an FTE count keeps its decimal
    (85.25, "percent", 1, "85.3%"),
    (100, "percent", 1, "100.0%"),
    (23.44, "rate_per_10k", 1, "23.4"),
    (12, "days", 1, "12.0"),
    (3.25, "weeks", 1, "3.3"),
    (18.04, "average", 1, "18.0"),
    (-7, "count", 0, "-7"),
    (-0.04, "percent", 1, "0.0%"),  # never '-0.0%'
    (None, "count", 0, "-"),
    (float("nan"), "percent", 1, "-"),
    (pd.NA, "rate_per_10k", 1, "-"),
])
def test_fmt_by_unit(value, unit, decimals, expected):
    assert fmt(value, unit, decimals) == expected


def test_fmt_trim_drops_trailing_zeros_only_after_the_point():
    assert fmt(85.0, "percent", 1, trim=True) == "85%"
    assert fmt(85.5, "percent", 1, trim=True) == "85.5%"
    assert fmt(100, "count", 0, trim=True) == "100"


@pytest.mark.parametrize(("variance", "expected"), [
    ((75 - 95) / 95, "(21.1%)"), (0.05, "5.0%"), (0.0, "0.0%"), (None, "-"), (math.nan, "-"),
])
def test_variance_in_brackets_when_negative(variance, expected):
    assert fmt_variance(variance) == expected


def test_percentage_points_singular_and_plural():
    assert fmt_points(1.0) == "1.0 percentage point"
    assert fmt_points(-1.04) == "1.0 percentage point"
    assert fmt_points(2.5) == "2.5 percentage points"


def test_escape_everything_from_data():
    assert esc('<b>"Team" & co</b>') == "&lt;b&gt;&quot;Team&quot; &amp; co&lt;/b&gt;"
    assert esc(None) == ""


def test_fragment_shows_in_a_notebook_with_its_stylesheet():
    frag = HtmlFragment("<p>hi</p>")
    assert frag.html == "<p>hi</p>"
    assert frag._repr_html_().startswith('<div class="onapage"><style>')
    assert ".visually-hidden" in frag._repr_html_()


@pytest.mark.parametrize(("title", "unit", "expected"), [
    ("Assessments completed within 45 working days (%)", "percent",
     "the percentage of assessments completed within 45 working days"),
    ("Number of children with child in need plans", "count", "the number of children with child in need plans"),
    ("Child in need plans started", "count", "the number of child in need plans started"),
    ("CIN plans", "count", "the number of CIN plans"),
    ("Rate of children in care per 10,000 children", "rate_per_10k",
     "the rate of children in care per 10,000 children"),
    ("Referrals per 10,000 children", "rate_per_10k", "the rate of referrals per 10,000 children"),
    ("Vacancy rate", "percent", "the vacancy rate"),
    ("Average caseload per social worker", "average", "the average caseload per social worker"),
])
def test_subject_phrase(title, unit, expected):
    assert subject_phrase(title, unit) == expected


def test_monthly_subject_drops_from_april():
    assert subject_phrase("New child protection plans from April", "count", monthly=True) == \
        "the number of new child protection plans"


def test_a_target_shows_its_amber_tolerance_beside_it():
    from onapage.pages.html import fmt_target

    assert fmt_target(95.0, 5.0, "percent", 1) == "95.0%\u00a0±5"
    assert fmt_target(426, 61, "days", 0) == "426\u00a0±61" and fmt_target(3.0, 1.5, "percent", 1) == "3.0%\u00a0±1.5"
    assert fmt_target(16.0, None, "percent", 1) == "16.0%" and fmt_target(16.0, 0, "percent", 1) == "16.0%"
    assert fmt_target(None, 5.0, "percent", 1) == "-"
