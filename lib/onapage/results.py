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
from onapage.layout import OutputLayout, results_of
from onapage.periods import Period
from onapage.workspace import command


def results_path(settings: Settings, period: Period) -> Path:
    return OutputLayout(settings.output_dir).period(period).results


def summary_path(results: Path) -> Path:
    return results_of(results).summary


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


class MissingResults(FileNotFoundError):
    """A page was opened for a period whose results the run has not saved."""


def load_summary(results: Path) -> pd.DataFrame:
    """The period's summary, saved beside its results by the run."""
    path = summary_path(results)
    if not path.exists():
        raise MissingResults(f"{path}: no saved summary of the indicators here; "
                             f"run `{command('run --period PERIOD')}` for the period")
    return read_frame(path)


def load_results(settings: Settings, period: Period, path: str | Path | None = None) -> pd.DataFrame:
    """The results the run saved for the period. Pages only ever read these (one source for every
    figure); a period the run has not saved is an error naming the command that saves it."""
    path = Path(path) if path else results_path(settings, period)
    if not path.exists():
        raise MissingResults(
            f"{path}: no saved results for {period.label}; run `{command(f'run --period {period}')}` first"
        )
    return read_results(path)
