"""The demo's snapshot-field indicators month by month, each from the extract taken at that month's end, as an
authority's archive of monthly extracts gives them (cheaper than writing and loading the archive: the world is
simulated once and only the lists these indicators read are cut from it each month)."""

from __future__ import annotations

import pandas as pd

from onapage import store
from onapage.config import Settings
from onapage.contract import load_contract
from onapage.demo import _run, archive, lists
from onapage.demo.extract_tables import visits
from onapage.demo.world import simulate
from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.engine import compute
from onapage.periods import Period

SEED = 2026
# The datasets the snapshot-field indicators read, cut from the world as at each month end.
CUT_LISTS = {"list_8": lists.list_8, "list_9": lists.list_9}


def snapshot_fields_by_month(settings: Settings, months: int) -> pd.DataFrame:
    """Each snapshot-field indicator that reads only the lists above (and the visits), for each of the
    `months` months to the settings' default period, from that month's own extract."""
    end = settings.default_period.end
    world = simulate(_run(SEED, 1.0, end, 43, None))
    all_visits = visits(world)
    indicators = [
        ind for ind in load_catalogue().values()
        if ind.at_extract_only and set(ind.sources) <= {*CUT_LISTS, "visits"}
    ]
    frames = []
    for then in archive.cut_dates(end, months):
        view = world.as_at(then, archive.EVENT_MONTHS, world.leaver_history.at(then))
        with store.in_memory() as con:
            for key, cut in CUT_LISTS.items():
                _insert(con, key, cut(view))
            _insert(con, "visits", all_visits[all_visits["visit_date"] <= pd.Timestamp(then)])
            frames.append(compute(con, [Period.containing(then)], settings.population_for, indicators))
    return pd.concat(frames, ignore_index=True)


def _insert(con, key: str, frame: pd.DataFrame) -> None:
    ds = load_contract().dataset(key)
    casts = ", ".join(f"cast({c.name} as {c.duckdb_type})" for c in ds.column_list())
    con.register("cut_rows", frame[list(ds.columns)].astype(object))
    con.execute(f"insert into {ds.table} select {casts} from cut_rows")
    con.unregister("cut_rows")
    con.execute("insert into _loads values (?, ?, null, 'demo', ?, now())", [key, f"{key}.csv", len(frame)])
