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


def _history(period: str, value: float, numerator: int) -> pd.DataFrame:
    return pd.DataFrame([{"indicator_id": "cl_contact_2_months_pct", "period": period, "basis": "snapshot",
                          "breakdown": None, "category": None, "value": value, "numerator": numerator,
                          "denominator": 17}])


def test_a_month_whose_own_extract_was_recorded_shows_that_figure_and_the_others_stay_unavailable():
    ind = load_catalogue()["cl_contact_2_months_pct"]
    august = _rows().iloc[:1].assign(period="2026-08")
    rows = pd.concat([_rows(), august], ignore_index=True)
    out = _only_at_extract(rows, ind, Period(2026, 10), _history("2026-09", 82.4, 14))
    by_period = {r["period"]: r for r in out.to_dict("records")}
    assert (by_period["2026-10"]["value"], by_period["2026-10"]["status"]) == (88.2, "ok")
    assert (by_period["2026-09"]["value"], by_period["2026-09"]["numerator"]) == (82.4, 14)  # not 5.9, worked back
    assert by_period["2026-09"]["status"] == "ok"
    assert pd.isna(by_period["2026-08"]["value"]) and by_period["2026-08"]["status"] == "not_computable"
    assert len(out) == 3


def test_the_extract_month_is_the_one_its_lists_run_to():
    from datetime import date

    from onapage.pipeline import extract_month

    assert extract_month(date(2026, 10, 31)) == Period(2026, 10)
    assert extract_month(date(2026, 11, 4)) == Period(2026, 10)  # taken on the 4th: October's extract
    assert extract_month(date(2024, 3, 1)) == Period(2024, 2)  # a leap year's February
    assert extract_month(date(2027, 1, 6)) == Period(2026, 12)  # across the calendar year
    assert extract_month(date(2026, 10, 15)) == Period(2026, 10)  # a part month
    assert extract_month(None) is None


def test_snapshot_figures_build_up_month_by_month_as_each_extract_is_loaded(tmp_path):
    """September's extract, then October's: October's run shows September as September's extract gave it."""
    from datetime import date

    import yaml

    from onapage import pipeline, store
    from onapage.config import DEFAULT_PARAMS, load_settings
    from onapage.demo import generate_demo

    def month(end: date, name: str):
        generate_demo(tmp_path / name, seed=2026, scale=0.1, end=end)
        raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
        raw.update(input_dir=str(tmp_path / name), store=str(tmp_path / "store.duckdb"),
                   output_dir=str(tmp_path / "outputs"), default_period=f"{end:%Y-%m}")
        (tmp_path / f"{name}.yml").write_text(yaml.safe_dump(raw))
        settings = load_settings(tmp_path / f"{name}.yml")
        period = Period(end.year, end.month)
        inputs, findings = pipeline.read_and_validate(settings.input_dir, period, as_of=end)
        pipeline.load(settings, inputs, findings)
        return pipeline.compute_indicators(settings, [period.shift(-1), period])

    def figure(long, period):
        row = long[(long["indicator_id"] == "cla_health_assessments_in_time") & (long["period"] == period)]
        return row.iloc[0]["value"], row.iloc[0]["status"]

    september = month(date(2026, 9, 30), "september")
    assert figure(september, "2026-08")[1] == "not_computable"  # no August extract was ever loaded
    value, status = figure(september, "2026-09")
    assert status in ("ok", "caveat") and not pd.isna(value)
    october = month(date(2026, 10, 31), "october")
    assert figure(october, "2026-09") == (value, "ok")
    assert figure(october, "2026-10")[1] in ("ok", "caveat")
    with store.connect(tmp_path / "store.duckdb", read_only=True) as con:
        kept = store.snapshot_history(con)
    assert set(kept["period"]) == {"2026-09", "2026-10"} and "child_id" not in kept.columns


def test_a_quarter_ending_with_the_extracts_month_has_its_figure_and_an_earlier_one_its_recorded_month():
    ind = load_catalogue()["cl_contact_2_months_pct"]
    rows = _rows().assign(period=["2026-Q1", "2026-Q2"])  # April-June and July-September 2026
    out = _only_at_extract(rows, ind, Period(2026, 9), _history("2026-06", 70.6, 12))
    by_period = {r["period"]: r for r in out.to_dict("records")}
    assert (by_period["2026-Q2"]["value"], by_period["2026-Q2"]["status"]) == (88.2, "ok")  # ends with September
    assert (by_period["2026-Q1"]["value"], by_period["2026-Q1"]["numerator"]) == (70.6, 12)  # June's extract
