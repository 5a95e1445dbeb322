"""The period's computed indicator values, saved once by the run and read by every page.

Saved as Parquet (written and read through DuckDB) in `<output_dir>/<period>/indicators_long.parquet`,
so twenty notebooks share one computation instead of repeating it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from onapage.atomic import replacing
from onapage.config import Settings
from onapage.periods import Period

RESULTS_FILE = "indicators_long.parquet"
SUMMARY_FILE = "indicators_summary.parquet"


def results_path(settings: Settings, period: Period) -> Path:
    return settings.output_dir / str(period) / RESULTS_FILE


def summary_path(results: Path) -> Path:
    return results.with_name(SUMMARY_FILE)


def save_frame(frame: pd.DataFrame, path: Path) -> Path:
    with replacing(path) as tmp, duckdb.connect() as con:
        con.register("frame", frame)
        con.execute(f"copy frame to '{tmp}' (format parquet)")
    return path


def read_frame(path: Path) -> pd.DataFrame:
    with duckdb.connect() as con:
        frame = con.execute("select * from read_parquet(?)", [str(path)]).df()
    for col in ("value", "numerator", "denominator"):
        if col in frame:
            frame[col] = frame[col].astype("Float64")
    return frame


def save_results(long: pd.DataFrame, summary: pd.DataFrame, path: Path) -> Path:
    """The long table and the period's summary, side by side."""
    save_frame(summary, summary_path(path))
    return save_frame(long, path)


def read_results(path: Path) -> pd.DataFrame:
    return read_frame(path)


def load_summary(results: Path) -> pd.DataFrame | None:
    """The summary saved with the results, if the run saved one."""
    path = summary_path(results)
    return read_frame(path) if path.exists() else None


def load_results(settings: Settings, period: Period, path: str | Path | None = None) -> pd.DataFrame:
    """The saved results for the period, or computed from the store when the run has not saved them."""
    path = Path(path) if path else results_path(settings, period)
    if path.exists():
        return read_results(path)
    from onapage.indicators.engine import periods_for_page
    from onapage.pipeline import compute_indicators

    return compute_indicators(settings, periods_for_page(period))
