"""The demo authority's year of monthly extracts, loaded month by month, against its single full extract.

Loading the 13 archived extracts in order must give, for the latest month, the figures the single extract
gives, save where the history is shorter than a measure's look-back (a second plan within two years of the
last needs 24 months before the year to date; the archive starts 12 months before its first month-end). And
the earlier months of a snapshot field's trend, n/a from the single extract, have figures from the history.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import yaml

from onapage import pipeline, store
from onapage.config import DEFAULT_PARAMS, load_settings
from onapage.demo import generate_demo, generate_monthly
from onapage.indicators.catalogue import load_catalogue
from onapage.periods import Period
from onapage.run import Run
from onapage.store.history import extracts

SCALE, END, MONTH = 0.1, date(2026, 10, 31), Period(2026, 10)
# Needs more history than the archive holds: its figures are n/a from the history, with the reason.
LONGER_THAN_THE_ARCHIVE = {"cp_second_subsequent_2_years"}


def _settings(root, inputs, name):
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(input_dir=str(inputs), store=str(root / f"{name}.duckdb"), output_dir=str(root / name))
    path = root / f"{name}.yml"
    path.write_text(yaml.safe_dump(raw))
    return load_settings(path), path


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("history_demo")
    single = generate_demo(root / "single", scale=SCALE, end=END, template=True).out_dir
    archive = generate_monthly(root / "archive", 13, scale=SCALE, end=END, template=True).out_root
    one, one_params = _settings(root, single, "single")
    run = Run(one, one_params, [MONTH])
    run.load(*run.validate())
    many, _ = _settings(root, archive / "2026-10", "history")
    loaded = pipeline.load_history(many, archive)
    trend = MONTH.trend()
    return pipeline.compute_indicators(one, trend), pipeline.compute_indicators(many, trend), loaded, many


def _lists_empty_in_the_latest_extract(settings) -> set[str]:
    """Lists the latest month's extract holds no rows of (a small authority can go months with nobody in the
    adoption process): the store takes an empty list as covering no window, so their figures are n/a from the
    history, where the single extract, reaching further back, has some."""
    with store.connect(settings.store, read_only=True) as con:
        loaded = extracts(con)
    latest = loaded[loaded["window_end"] == loaded["window_end"].max()]
    return set(latest.loc[latest["rows"] == 0, "dataset"])


def _figures(long: pd.DataFrame, period: str) -> pd.DataFrame:
    rows = long[long["period"] == period]
    return rows.set_index(["indicator_id", "basis", rows["category"].fillna("")]).sort_index()


def test_every_month_of_the_archive_is_loaded_in_order(both):
    _, _, loaded, _ = both
    assert [str(m.month) for m in loaded] == [str(MONTH.shift(k)) for k in range(-12, 1)]
    assert all(m.report is not None for m in loaded)


def test_the_latest_month_reads_the_same_from_the_history_as_from_the_single_extract(both):
    single, history, _, settings = both
    one, many = _figures(single, str(MONTH)), _figures(history, str(MONTH))
    assert set(one.index) == set(many.index)
    joined = one[["value"]].join(many[["value"]], suffixes=("_one", "_many"))
    same = ((joined["value_one"] - joined["value_many"]).abs().lt(1e-9).fillna(False)
            | (joined["value_one"].isna() & joined["value_many"].isna())).astype(bool)
    differ = set(joined.index[~same].get_level_values(0))
    empty = _lists_empty_in_the_latest_extract(settings)
    unread = {i for i in differ if set(load_catalogue()[i].sources) & empty}
    assert differ - unread == LONGER_THAN_THE_ARCHIVE
    assert (many.loc[sorted(unread), "message"].str.contains("is loaded up to")).all()
    lookback = many.loc["cp_second_subsequent_2_years"]
    assert (lookback["status"] == "not_computable").all()
    assert lookback["message"].str.contains("with the 24 months before it").all()


def test_a_snapshot_fields_trend_comes_from_the_history(both):
    single, history, _, _ = both
    earlier = str(MONTH.shift(-6))
    one = _figures(single, earlier).loc[("cl_in_touch_pct", "snapshot", "")]
    many = _figures(history, earlier).loc[("cl_in_touch_pct", "snapshot", "")]
    assert one["status"] == "not_computable" and pd.isna(one["value"])
    assert many["status"] == "ok" and 0 < many["value"] <= 100
