"""A year of monthly extracts cut from one simulated world, as an authority archives them.

Each month's Annex A extract is taken at the month's end and holds:

- lists 1 to 5: the events of the six months to that day (from the 1st of the month five months earlier;
  twelve months for the archive's first extract),
  leaving out those recorded after it (see `recording.py`);
- lists 6 to 8: the episodes open that day or closed within those six months, as they stood that day (an
  end date after it is blank, latest visits, reviews and placements are those by then);
- list 9: the care leavers of that day, with their snapshot fields as they were then (`care_leavers.as_at`);
- lists 10 and 11: adoption and adopters as that day saw them (later stages blank).

The supplementary extracts are re-exported whole each month: every row dated up to that day, as it stood then.
The last month, cut at the simulated history's end, holds what the full extract holds within those windows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from onapage.contract import load_contract
from onapage.periods import Period

from .dates import col, day
from .lists import strategy_discussions
from .world import World
from .writer import clean_texts, write_clean_texts

EVENT_MONTHS = 6  # the months lists 1 to 5 of a monthly extract cover
# The archive's first extract covers twelve months (Ofsted allows either): an authority starting its archive
# asks for the longer one, so its first booklet has last year's outturn and a full 12 months to its month.
FIRST_EVENT_MONTHS = 12

# Supplementary columns that say what happened later: {dataset: {date column: columns blank until that date}}.
LATER = {
    "mash_contacts": {"decision_made": ("outcome", "final_brag")},
    "placements": {"placement_end": ()},
    "missing_episodes": {"episode_end": ()},
    "youth_offending": {"order_end": ("ete_at_end",)},
    "complaints": {"responded": ("upheld", "outcome")},
    "subject_access_requests": {"responded": ()},
}


def cut_dates(end: date, months: int) -> list[date]:
    """The day each of the `months` monthly extracts ending with the month of `end` is taken: each month's
    last day, and `end` itself for the last."""
    last = Period.containing(end)
    return [min(last.shift(k - months + 1).end, end) for k in range(months)]


def leavers_by_date(world: World, dates: list[date]) -> dict[date, pd.DataFrame]:
    """The care leavers as at each date (month ends, or the end of the simulated history)."""
    return {d: world.leaver_history.at(d) for d in dates}


def monthly_extracts(world: World, tables: dict[str, pd.DataFrame], then: date) -> dict[str, pd.DataFrame]:
    """The supplementary extracts as exported on `then`, from the full extract's `tables`: the rows dated by
    then, with what happened later blank."""
    out = {}
    for key, (rows, not_yet) in cut_extracts(world, tables, then).items():
        frame = tables[key][rows].reset_index(drop=True)
        for later, blank in not_yet.items():
            frame[later] = frame[later].mask(blank)
            for name in LATER[key][later]:
                frame[name] = frame[name].astype(object).mask(blank, None)
        out[key] = frame
    return out


def cut_extracts(
    world: World, tables: dict[str, pd.DataFrame], then: date
) -> dict[str, tuple[np.ndarray, dict[str, np.ndarray]]]:
    """For each supplementary extract: which of the full extract's rows the export on `then` holds, and, for
    those rows, which later dates (with the columns that wait for them) it leaves blank."""
    contract = load_contract()
    next_day = np.datetime64(then, "D") + np.timedelta64(1, "D")
    recorded = _recorded_by_id(world)
    out = {}
    for key, frame in tables.items():
        rows = _dates(frame[contract.dataset(key).dated_by]) < next_day
        if key in recorded:
            id_column, on_system = recorded[key]
            rows &= frame[id_column].map(on_system).fillna(pd.Timestamp.max).to_numpy() < next_day
        not_yet = {later: _dates(frame[later])[rows] >= next_day for later in LATER.get(key, {})}
        out[key] = (rows, {later: blank for later, blank in not_yet.items() if blank.any()})
    return out


class ExtractTexts:
    """The supplementary extracts' clean CSV text, rendered once for the whole archive: each month's export
    is the rows it holds, with its later dates (and what waits for them) blank."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        contract = load_contract()
        self.texts = {key: clean_texts(frame, contract.dataset(key)) for key, frame in tables.items()}
        self.headings = {key: {c.name: c.heading for c in contract.dataset(key).column_list()} for key in tables}
        self.lines = {key: _csv_lines(texts) for key, texts in self.texts.items()}

    def write(self, out_dir: Path, cuts: dict[str, tuple[np.ndarray, dict[str, np.ndarray]]]) -> dict[str, int]:
        rows_written = {}
        for key, (rows, not_yet) in cuts.items():
            path = out_dir / f"{key}.csv"
            if not_yet:
                texts = self.texts[key][rows].reset_index(drop=True)
                for later, blank in not_yet.items():
                    for name in (later, *LATER[key][later]):
                        texts.loc[blank, self.headings[key][name]] = ""
                write_clean_texts(path, texts)
            else:  # nothing to blank: the month's rows as rendered once (the visits history is long)
                header, body = self.lines[key]
                path.write_text(header + "".join(body[rows]), encoding="utf-8", newline="")
            rows_written[f"{key}.csv"] = int(rows.sum())
        return rows_written


def _csv_lines(texts: pd.DataFrame) -> tuple[str, np.ndarray]:
    """The CSV's header line and each row's line, as `write_clean_texts` writes them (csv's minimal quoting)."""
    columns = [_csv_fields(texts[name].tolist()) for name in texts.columns]
    body = np.array([",".join(row) + "\n" for row in zip(*columns, strict=True)] if columns else [], dtype=object)
    return ",".join(_csv_field(h) for h in texts.columns) + "\n", body


def _csv_fields(texts: list[str]) -> list[str]:
    plain = not any(c in "".join(texts) for c in ',"\n\r')  # most columns: nothing to quote
    return texts if plain else [_csv_field(t) for t in texts]


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


def _dates(values: pd.Series) -> np.ndarray:
    """Dates or date-times as datetime64[ns] (blank as NaT, which compares False)."""
    return pd.to_datetime(values).to_numpy(dtype="datetime64[ns]")


def _recorded_by_id(world: World) -> dict[str, tuple[str, pd.Series]]:
    """When the records behind the MASH contacts and strategy attendance extracts were put on the system."""
    k = world.contacts
    contacts = pd.Series(k["recorded"].to_numpy(), index=[f"CT{n:07d}" for n in k["contact_no"]])
    sd = strategy_discussions(world.full())
    discussions = pd.Series(sd["strategy_recorded"].to_numpy(), index=sd["discussion_id"].to_numpy())
    return {"mash_contacts": ("contact_id", contacts), "strategy_attendance": ("discussion_id", discussions)}


# Lists 1 to 5: the world's events and when each was recorded.
EVENTS = {
    "list_1": ("contacts", "contact_date", "recorded"),
    "list_2": ("early_help", "start", "recorded"),
    "list_3": ("journeys", "referral_date", "referral_recorded"),
    "list_4": ("journeys", "assess_start", "assess_recorded"),
    "list_5": ("journeys", "strategy_date", "strategy_recorded"),
}


def late_events(world: World, first: date, last: date) -> dict[str, int]:
    """Events dated from `first` to `last` recorded after the end of their own month: each is missing from its
    month's extract and appears in a later one."""
    out = {}
    for key, (table, dated, recorded) in EVENTS.items():
        frame = getattr(world, table)
        when, on_system = col(frame, dated), col(frame, recorded)
        inside = (when >= day(first)) & (when <= day(last))
        out[key] = int((inside & (on_system.astype("datetime64[M]") > when.astype("datetime64[M]"))).sum())
    return out
