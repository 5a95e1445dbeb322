"""Builders for hand-made LONG and SUMMARY tables (the shapes the engine and summary produce), as fixtures."""

import pandas as pd
import pytest

from onapage.indicators.catalogue import Indicator
from onapage.indicators.engine import RESULT_COLUMNS
from onapage.indicators.summary import SUMMARY_COLUMNS


def _indicator(**kw) -> Indicator:
    base = dict(id="x_pct", title="Assessments completed within 45 working days (%)", section="assessments",
                unit="percent", kind="in_month", polarity="bigger_is_better", sources=("list_4",),
                definition="A hand-built indicator for the page tests.")
    return Indicator(**(base | kw))


def _row(indicator_id, period, basis, value, *, category=None, breakdown=None, numerator=None,
         denominator=None, status="ok", message=None) -> dict:
    return {"indicator_id": indicator_id, "period": period, "basis": basis, "breakdown": breakdown,
            "category": category, "value": value, "numerator": numerator, "denominator": denominator,
            "status": status, "message": message}


def _long(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    for col in ("value", "numerator", "denominator"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Float64")
    return frame


def _summary(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).set_index("id", drop=False)


@pytest.fixture
def make_indicator():
    return _indicator


@pytest.fixture
def long_row():
    return _row


@pytest.fixture
def long_frame():
    return _long


@pytest.fixture
def summary_frame():
    return _summary
