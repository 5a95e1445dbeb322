"""A measure read from a snapshot field has a figure only for the extract's month."""

import pandas as pd

from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.engine import RESULT_COLUMNS, _only_at_extract
from onapage.periods import Period


def _rows() -> pd.DataFrame:
    rows = [{"indicator_id": "cl_contact_2_months_pct", "period": p, "basis": "snapshot", "breakdown": None,
             "category": None, "value": v, "numerator": n, "denominator": 17, "status": "ok", "message": None}
            for p, v, n in (("2026-09", 5.9, 1), ("2026-10", 88.2, 15))]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def test_a_snapshot_field_keeps_only_the_extracts_month():
    ind = load_catalogue()["cl_contact_2_months_pct"]
    assert ind.snapshot_field
    out = _only_at_extract(_rows(), ind, Period(2026, 10))
    october, september = out[out["period"] == "2026-10"].iloc[0], out[out["period"] == "2026-09"].iloc[0]
    assert (october["value"], october["status"]) == (88.2, "ok")
    assert pd.isna(september["value"]) and pd.isna(september["numerator"])
    assert september["status"] == "not_computable" and "October 2026" in september["message"]


def test_a_measure_with_a_history_is_left_as_it_is():
    ind = load_catalogue()["cla_children_at_period_end"]  # counted from start and end dates: a true history
    assert not ind.snapshot_field
    out = _only_at_extract(_rows(), ind, Period(2026, 10))
    assert list(out["status"]) == ["ok", "ok"]
