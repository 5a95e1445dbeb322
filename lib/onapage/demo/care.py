"""Children in care: episodes (route, length, legal status, reason ceased) and placement histories.

Episodes come from referral journeys (from an assessment, a CP plan, a CIN plan, or an unaccompanied
child's arrival), from a few children returning to care, and from *legacy* entries: care that began before
the simulated front-door history, drawn at the steady rate the journeys produce, so the number in care
and the care leavers are right from the first reported month.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import NAT, birthday, col, days, maximum, minimum
from .draw import bands, chance, pick
from .people import Register
from .run import DemoRun

AGE_BANDS = np.array([0, 2, 5, 11, 16])
LEGAL_PHASES = 4  # at most four statuses in one episode, e.g. L2 -> C1 -> C2 -> E1


def entries_from_journeys(j: pd.DataFrame) -> pd.DataFrame:
    rows = ~np.isnat(col(j, "care_start"))
    return pd.DataFrame(
        {
            "child": j["child"].to_numpy()[rows],
            "start": col(j, "care_start")[rows],
            "source": j["care_source"].to_numpy()[rows],
        }
    )


def legacy_entries(run: DemoRun, entries: pd.DataFrame, children: pd.DataFrame, register: Register) -> pd.DataFrame:
    """Entries before the journeys reach their steady rate, resampled from the journeys' own entries.

    Each month before the window gets the shortfall between the steady monthly rate and the entries the
    journeys already made, separately for unaccompanied children and the rest (whose stays differ).
    """
    rng = run.rng("care-legacy")
    start = col(entries, "start")
    settled = _add_years(run.sim_start, 2)  # journeys feeding care (CP, CIN) have reached their steady rate
    steady = entries[(start >= settled) & (start <= run.end_day)]
    steady_months = max(1, (run.end_day.astype("datetime64[M]") - settled.astype("datetime64[M]")).astype(int) + 1)
    months = np.arange(run.legacy_start.astype("datetime64[M]"), run.window_start.astype("datetime64[M]"))
    parts = []
    for uasc in (True, False):
        kind = steady[(steady["source"] == "uasc") == uasc]
        made = start[(entries["source"] == "uasc").to_numpy() == uasc].astype("datetime64[M]")
        shortfall = np.maximum(len(kind) / steady_months - _smoothed_monthly(made, months), 0)
        parts.append(_resample(rng, kind, np.repeat(months, rng.poisson(shortfall)), children))
    frame = pd.concat(parts, ignore_index=True).sort_values("start", kind="stable").reset_index(drop=True)
    keys = register.add_new(rng, col(frame, "dob"), uasc=frame["uasc"].to_numpy())
    return pd.DataFrame(
        {"child": keys, "start": col(frame, "start"), "source": np.where(frame["uasc"], "uasc", "legacy")}
    )


def _smoothed_monthly(made: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Entries a month, averaged over a year: topping up each month's own count would add its noise as a bias."""
    counts = pd.Series(made).value_counts().reindex(months, fill_value=0).astype(float)
    return counts.rolling(12, center=True, min_periods=1).mean().to_numpy()


def _resample(rng, like: pd.DataFrame, month: np.ndarray, children: pd.DataFrame) -> pd.DataFrame:
    """New entries in the given months, each like a random steady entry (age on entry, unaccompanied or not)."""
    n = len(month)
    if not len(like):
        return pd.DataFrame(
            {"start": month.astype("datetime64[D]"), "dob": month.astype("datetime64[D]"), "uasc": False}
        )[:0]
    day = month.astype("datetime64[D]") + days(rng.uniform(0, 28, n))
    model = like.iloc[rng.integers(0, len(like), n)]
    age = (col(model, "start") - col(children, "dob")[model["child"].to_numpy()]).astype("int64")
    dob = minimum(day - days(age + rng.integers(-60, 60, n)), day - np.timedelta64(1, "D"))
    return pd.DataFrame({"start": day, "dob": dob, "uasc": model["source"].to_numpy() == "uasc"})


def _add_years(d: np.datetime64, years: int) -> np.datetime64:
    return birthday(np.array([d]), years)[0]


def build_episodes(
    run: DemoRun, entries: pd.DataFrame, children: pd.DataFrame, *, stream: str = "care-episodes"
) -> pd.DataFrame:
    """Route, end, reason ceased, legal-status phases and adoption steps for each entry."""
    rng = run.rng(stream)
    e = entries.sort_values(["start", "child"], kind="stable").reset_index(drop=True)
    adult = birthday(col(children, "dob")[e["child"].to_numpy()], 18)
    e = e[col(e, "start") < adult - np.timedelta64(7, "D")].reset_index(drop=True)  # care ends at 18
    n = len(e)
    dob = col(children, "dob")[e["child"].to_numpy()]
    start = col(e, "start")
    e["age_at_start"] = (start - dob).astype("int64") / 365.25
    e["uasc"] = e["source"].to_numpy() == "uasc"
    e["route"] = _routes(rng, e["age_at_start"].to_numpy(), e["uasc"].to_numpy())
    _adoption_steps(rng, e)
    e["end"], e["reason"] = _end_and_reason(rng, e, birthday(dob, 18))
    e["category_of_need"] = np.where(e["uasc"], "N8", pick(rng, cal.CARE_CATEGORY, n))
    e["category_of_need"] = np.where(e["source"].to_numpy() == "cp", "N1", e["category_of_need"])
    _legal_phases(rng, e)
    return e


def _routes(rng, age: np.ndarray, uasc: np.ndarray) -> np.ndarray:
    band = AGE_BANDS[np.searchsorted(AGE_BANDS, age, side="right") - 1]
    route = np.empty(len(age), dtype=object)
    for lower, mix in cal.ROUTES_BY_AGE.items():
        rows = band == lower
        route[rows] = pick(rng, mix, int(rows.sum()))
    return np.where(uasc, "uasc", route)


def _adoption_steps(rng, e: pd.DataFrame) -> None:
    """Decision, placement order, match, placement and order; a few plans are reversed before placement."""
    n = len(e)
    on_route = e["route"].to_numpy() == "adoption"
    step = col(e, "start")
    for name, (lo, hi) in cal.ADOPTION_STEPS_DAYS.items():
        step = step + days(rng.uniform(lo, hi, n))
        e[f"adopt_{name}"] = np.where(on_route, step, NAT)
    reversed_ = on_route & chance(rng, cal.ADOPTION_REVERSED, n)
    decision = col(e, "adopt_decision")
    e["adopt_reversed"] = np.where(reversed_, decision + days(rng.uniform(60, 300, n)), NAT)
    for name in ("matched", "placed", "order"):
        e[f"adopt_{name}"] = np.where(reversed_, NAT, col(e, f"adopt_{name}"))
    # The placement order may come after the reversal decision: then there was none.
    po = col(e, "adopt_placement_order")
    e["adopt_placement_order"] = np.where(reversed_ & (po >= col(e, "adopt_reversed")), NAT, po)
    e["adopt_ffa"] = np.where(on_route & chance(rng, cal.FFA, n), col(e, "start") + days(rng.uniform(3, 40, n)), NAT)
    e["route"] = np.where(reversed_, "long_term", e["route"].to_numpy())
    e["adoption_track"] = on_route


def _end_and_reason(rng, e: pd.DataFrame, adult: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(e)
    start = col(e, "start")
    route = e["route"].to_numpy()
    young = e["age_at_start"].to_numpy() < 11
    length = np.select(
        [route == "short", route == "court_return", route == "sgo", route == "remand", (route == "long_term") & young],
        [
            bands(rng, s, n)
            for s in (cal.SHORT_DAYS, cal.COURT_RETURN_DAYS, cal.SGO_DAYS, cal.REMAND_DAYS, cal.LONG_TERM_YOUNG_DAYS)
        ],
        40 * 365.25,  # long-term teenagers and UASC stay until 18
    )
    uasc_exit = pick(rng, {**cal.UASC_EARLY_EXIT, "stay": 1 - sum(cal.UASC_EARLY_EXIT.values())}, n)
    early = (route == "uasc") & (uasc_exit != "stay")
    length = np.where(early, rng.uniform(20, 300, n), length)
    end = start + days(length)
    end = np.where(e["adoption_track"].to_numpy() & (route == "adoption"), col(e, "adopt_order"), end)
    reversed_ = ~np.isnat(col(e, "adopt_reversed"))
    end = np.where(reversed_, maximum(end, col(e, "adopt_reversed") + np.timedelta64(30, "D")), end)

    reason = np.select(
        [route == "short", route == "court_return", route == "sgo", route == "remand", route == "long_term", early],
        [
            pick(rng, m, n)
            for m in (
                cal.SHORT_REASON,
                cal.COURT_RETURN_REASON,
                cal.SGO_REASON,
                cal.REMAND_REASON,
                cal.LONG_TERM_REASON,
            )
        ]
        + [uasc_exit],
        None,
    )
    reason = np.where(route == "adoption", np.where(chance(rng, 0.6, n), "E11", "E12"), reason)
    aged_out = end >= adult
    aged_reason = pick(rng, cal.AGED_OUT_REASON, n)
    disabled_adult = np.isin(aged_reason, ["E7"])
    return np.where(aged_out, adult, end), np.where(aged_out, np.where(disabled_adult, "E7", aged_reason), reason)


def _legal_phases(rng, e: pd.DataFrame) -> None:
    """Up to four (status, from) phases; the status on any date is the last phase begun by then."""
    n = len(e)
    start = col(e, "start")
    route = e["route"].to_numpy()
    teen = e["age_at_start"].to_numpy() >= 11
    status = np.full((LEGAL_PHASES, n), None, dtype=object)
    since = np.full((LEGAL_PHASES, n), NAT)

    s20_only = (route == "short") | ((route == "long_term") & teen & chance(rng, cal.TEEN_LONG_TERM_S20, n))
    short_status = pick(rng, {"V2": 0.95, "V3": 0.05}, n)
    remand_status = pick(rng, {"J1": 0.85, "J2": 0.10, "J3": 0.05}, n)
    first = pick(rng, cal.FIRST_LEGAL_STATUS, n)
    status[0] = np.select([route == "uasc", route == "remand", s20_only], ["V2", remand_status, short_status], first)
    since[0] = start

    court = ~np.isin(route, ["uasc", "remand"]) & ~s20_only
    to_ico = court & (first != "C1")
    ico_from = np.where(
        np.isin(first, ["L1", "L2"]), start + days(rng.uniform(1, 8, n)), start + days(rng.uniform(20, 150, n))
    )
    ico_from = np.where(first == "C1", start, ico_from)
    status[1] = np.where(to_ico, "C1", None)
    since[1] = np.where(to_ico, ico_from, NAT)

    full_from = ico_from + days(rng.uniform(*cal.ICO_TO_CARE_ORDER_DAYS, n))
    po = col(e, "adopt_placement_order")
    full_from = np.where(~np.isnat(po), minimum(full_from, po), full_from)
    status[2] = np.where(court, "C2", None)
    since[2] = np.where(court, full_from, NAT)
    status[3] = np.where(~np.isnat(po), "E1", None)
    since[3] = np.where(~np.isnat(po), po, NAT)
    for k in range(LEGAL_PHASES):
        e[f"legal_{k}"] = status[k]
        e[f"legal_from_{k}"] = since[k]


def legal_status_on(e: pd.DataFrame, on: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The legal status, and the date it began, in force on a date for each episode."""
    status = e["legal_0"].to_numpy().copy()
    since = col(e, "legal_from_0").copy()
    for k in range(1, LEGAL_PHASES):
        began = col(e, f"legal_from_{k}")
        now = ~np.isnat(began) & (began <= on)
        status = np.where(now, e[f"legal_{k}"].to_numpy(), status)
        since = np.where(now, began, since)
    return status, since


def re_entries(run: DemoRun, episodes: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    """Some children who went home come back into care within the year (a second period of care)."""
    rng = run.rng("care-re-entry")
    n = len(episodes)
    end = col(episodes, "end")
    dob = col(children, "dob")[episodes["child"].to_numpy()]
    back = end + days(rng.uniform(20, 330, n))
    candidates = (
        (episodes["reason"].to_numpy() == "E13")
        & (end <= run.end_day)
        & (back <= run.end_day + np.timedelta64(400, "D"))
    )
    candidates &= back < birthday(dob, 17)
    chosen = candidates & chance(rng, cal.RE_ENTRY, n)
    return pd.DataFrame({"child": episodes["child"].to_numpy()[chosen], "start": back[chosen], "source": "re-entry"})


# --- Placements --------------------------------------------------------------------------------------------


def build_placements(run: DemoRun, episodes: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    """Every placement of every episode: start, end, type, provider, location, LA, postcode and URN."""
    rng = run.rng("placements")
    e = episodes
    n = len(e)
    start = col(e, "start")
    stop = minimum(col(e, "end"), run.end_day + np.timedelta64(1, "D"))  # moves after `end` are unknowable
    span = np.maximum((stop - start).astype("int64"), 1)
    age = e["age_at_start"].to_numpy()
    dob = col(children, "dob")[e["child"].to_numpy()]

    emergency = chance(rng, cal.EMERGENCY_FIRST_PLACEMENT, n) & (span > 60) & (e["route"].to_numpy() != "remand")
    first_len = np.where(emergency, rng.uniform(3, 45, n), 0).astype("int64")
    rate = np.array([cal.MOVES_PER_YEAR[b] for b in (0, 0, 5, 11, 16)])[
        np.searchsorted(AGE_BANDS, age, side="right") - 1
    ]
    unstable = (age >= 11) & chance(rng, cal.UNSTABLE_TEEN, n)
    rate = np.where(unstable, cal.UNSTABLE_MOVES_PER_YEAR, rate)
    moves = rng.poisson(rate * (span - first_len) / 365.25)
    moves = np.minimum(moves, 15)

    rows = _placement_rows(rng, e, start, stop, first_len, moves, dob)
    rows = _drop_impossible_moves(rows, e, stop)
    rows = rows.sort_values(["episode", "start"], kind="stable").drop_duplicates(["episode", "start"], keep="last")
    rows = rows.reset_index(drop=True)
    rows["end"] = _placement_ends(rows, e)
    return _describe_placements(rng, rows, e, dob)


def _placement_rows(rng, e, start, stop, first_len, moves, dob) -> pd.DataFrame:
    n = len(e)
    # First placement, the move after an emergency placement, and the random moves.
    per = 1 + (first_len > 0) + moves
    episode = np.repeat(np.arange(n), per)
    offset = np.arange(len(episode)) - np.repeat(np.cumsum(per) - per, per)
    lo = np.where(offset == 0, 0, first_len[episode] + 1)
    hi = np.maximum((stop[episode] - start[episode]).astype("int64"), lo + 1)
    day = np.where(offset == 0, 0, np.where(offset == 1, first_len[episode], rng.uniform(lo, hi)))
    day = np.where((offset == 1) & (first_len[episode] == 0), rng.uniform(lo, hi), day)
    frame = pd.DataFrame(
        {"episode": episode, "start": start[episode] + days(day), "kind": np.where(offset == 0, "first", "move")}
    )
    frame["kind"] = np.where((offset == 0) & (first_len[episode] > 0), "emergency", frame["kind"])
    return pd.concat([frame, _planned_moves(rng, e, dob)], ignore_index=True)


def _drop_impossible_moves(rows: pd.DataFrame, e: pd.DataFrame, stop: np.ndarray) -> pd.DataFrame:
    """No move after the episode (or the extract) ends, and no random move once placed for adoption."""
    ep = rows["episode"].to_numpy()
    when = col(rows, "start")
    kind = rows["kind"].to_numpy()
    placed = col(e, "adopt_placed")[ep]
    keep = (kind == "first") | (kind == "emergency") | (when < stop[ep])
    keep &= ~((kind == "move") & ~np.isnat(placed) & (when >= placed))
    return rows[keep]


def _planned_moves(rng, e: pd.DataFrame, dob: np.ndarray) -> pd.DataFrame:
    """Moves the plan dictates: into the adoptive placement, and UASC into semi-independence at 16-17."""
    placed = col(e, "adopt_placed")
    adopt = np.flatnonzero(~np.isnat(placed))
    n = len(e)
    to_h5 = birthday(dob, 16) + days(rng.uniform(120, 400, n))
    uasc_move = np.flatnonzero(
        e["uasc"].to_numpy()
        & chance(rng, 0.55, n)
        & (to_h5 > col(e, "start") + np.timedelta64(30, "D"))
        & (to_h5 < col(e, "end"))
    )
    return pd.concat(
        [
            pd.DataFrame({"episode": adopt, "start": placed[adopt], "kind": "adoptive"}),
            pd.DataFrame({"episode": uasc_move, "start": to_h5[uasc_move], "kind": "semi_independent"}),
        ],
        ignore_index=True,
    )


def _placement_ends(rows: pd.DataFrame, e: pd.DataFrame) -> np.ndarray:
    episode = rows["episode"].to_numpy()
    next_start = np.append(col(rows, "start")[1:], NAT)
    same = np.append(episode[1:] == episode[:-1], False)
    return np.where(same, next_start, col(e, "end")[episode])


def _describe_placements(rng, rows: pd.DataFrame, e: pd.DataFrame, dob: np.ndarray) -> pd.DataFrame:
    n = len(rows)
    ep = rows["episode"].to_numpy()
    age = (col(rows, "start") - dob[ep]).astype("int64") / 365.25
    in_care = (col(rows, "start") - col(e, "start")[ep]).astype("int64")
    kind = rows["kind"].to_numpy()
    route = e["route"].to_numpy()[ep]
    uasc = e["uasc"].to_numpy()[ep]
    ptype = _placement_types(rng, age, route, uasc)
    ptype = np.where((ptype == "U6") & (in_care > 365) & chance(rng, 0.6, n), "U4", ptype)  # matched long term
    ptype = np.where(kind == "emergency", pick(rng, {"U6": 0.85, "K2": 0.1, "U3": 0.05}, n), ptype)
    ptype = np.where(kind == "semi_independent", "H5", ptype)
    ffa = ~np.isnat(col(e, "adopt_ffa")[ep])
    ptype = np.where(kind == "adoptive", np.where(ffa | chance(rng, 0.2, n), "A5", "A6"), ptype)
    ptype = np.where(ffa & (kind == "first"), "U5", ptype)
    ptype = np.where((route == "remand") & (kind == "first"), pick(rng, {"R5": 0.5, "K2": 0.3, "U6": 0.2}, n), ptype)
    rows["type"] = ptype
    rows["child"] = e["child"].to_numpy()[ep]
    inside = rng.random(n) < np.array([cal.IN_BOROUGH.get(t, 0.5) for t in ptype])
    rows["location"] = np.where(inside, "In", "Out")
    rows["provider"] = _providers(rng, ptype)
    rows["la"] = np.where(
        inside, "Northbridge", np.array(cal.OTHER_LAS, dtype=object)[rng.integers(0, len(cal.OTHER_LAS), n)]
    )
    rows["postcode"] = _postcodes(rng, rows["la"].to_numpy())
    registered = np.isin(ptype, ["K1", "K2", "R1", "S1", "H5"]) | (rows["provider"].to_numpy() == "PR4")
    rows["urn"] = np.where(registered, [f"SC{u:06d}" for u in rng.integers(400000, 999999, n)], None)
    return rows


def _placement_types(rng, age: np.ndarray, route: np.ndarray, uasc: np.ndarray) -> np.ndarray:
    mixes = [
        (uasc & (age < 16), {"U6": 0.85, "K2": 0.15}),
        (uasc & (age >= 16), {"H5": 0.55, "U6": 0.40, "K2": 0.05}),
        (route == "sgo", {"U3": 0.6, "U1": 0.1, "U6": 0.3}),
        (age < 1, {"U6": 0.68, "U3": 0.15, "R3": 0.12, "P1": 0.05}),
        (age < 11, {"U6": 0.55, "U4": 0.15, "U3": 0.15, "U1": 0.05, "P1": 0.06, "K2": 0.02, "S1": 0.02}),
        (
            age < 16,
            {
                "U6": 0.40,
                "U4": 0.20,
                "U3": 0.08,
                "U1": 0.04,
                "K2": 0.20,
                "P1": 0.04,
                "S1": 0.02,
                "K1": 0.01,
                "Z1": 0.01,
            },
        ),
        (np.ones(len(age), bool), {"U6": 0.30, "U4": 0.15, "H5": 0.30, "K2": 0.17, "U3": 0.05, "P1": 0.03}),
    ]
    out = np.full(len(age), None, dtype=object)
    for rows, mix in mixes:
        todo = rows & (out == None)  # noqa: E711 - elementwise test on an object array
        out[todo] = pick(rng, mix, int(todo.sum()))
    return out


def _providers(rng, ptype: np.ndarray) -> np.ndarray:
    out = np.full(len(ptype), "PR4", dtype=object)
    for t, mix in cal.PROVIDER.items():
        rows = ptype == t
        out[rows] = pick(rng, mix, int(rows.sum()))
    return out


def _postcodes(rng, la: np.ndarray) -> np.ndarray:
    """Synthetic postcodes: 'NB' for Northbridge, made-up areas elsewhere (no real UK area uses these)."""
    areas = {name: f"Q{chr(65 + i)}" for i, name in enumerate(cal.OTHER_LAS)} | {"Northbridge": "NB"}
    n = len(la)
    district = rng.integers(1, 20, n)
    sector = rng.integers(1, 10, n)
    letters = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))
    unit = letters[rng.integers(0, 20, n)].astype(object) + letters[rng.integers(0, 20, n)].astype(object)
    return np.array(
        [f"{areas[a]}{d} {s}{u}" for a, d, s, u in zip(la, district, sector, unit, strict=True)], dtype=object
    )


def count_placements_in_year(placements: pd.DataFrame, child: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Placements each child had in the 12 months to a date (any overlap with the year counts)."""
    p = placements[["child", "start", "end"]]
    frame = pd.DataFrame({"child": child, "on": on, "row": np.arange(len(child))}).merge(p, on="child", how="left")
    year_ago = col(frame, "on") - np.timedelta64(365, "D")
    end = col(frame, "end")
    hit = (col(frame, "start") <= col(frame, "on")) & (np.isnat(end) | (end >= year_ago))
    counts = pd.Series(hit.astype(int)).groupby(frame["row"].to_numpy()).sum()
    return counts.reindex(np.arange(len(child)), fill_value=0).to_numpy()
