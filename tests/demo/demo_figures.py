"""Headline figures measured from the demo's written files, the way a reader of the booklet would count them."""

from __future__ import annotations

from pathlib import Path

import holidays
import numpy as np
import pandas as pd

from onapage.contract import load_contract


def read(folder: Path, key: str) -> pd.DataFrame:
    """A clean CSV with contract column names; dates parsed, blanks as NaN/NaT."""
    ds = load_contract().dataset(key)
    raw = pd.read_csv(folder / f"{key}.csv", dtype=str, keep_default_na=False)
    assert list(raw.columns) == [c.heading for c in ds.column_list()], f"{key}: headings differ from the contract"
    frame = raw.set_axis(list(ds.columns), axis=1).replace("", np.nan)
    for c in ds.columns.values():
        if c.type in ("date", "datetime"):
            frame[c.name] = pd.to_datetime(frame[c.name], format="%Y-%m-%d" if c.type == "date" else "%Y-%m-%d %H:%M")
        elif c.type in ("int",):
            frame[c.name] = pd.to_numeric(frame[c.name]).astype("Int64")
    return frame


def month_ends(first: str, last: str) -> list[pd.Timestamp]:
    return list(pd.date_range(first, last, freq="ME"))


def open_at(frame: pd.DataFrame, start: str, end: str, on: pd.Timestamp) -> pd.DataFrame:
    return frame[(frame[start] <= on) & (frame[end].isna() | (frame[end] > on))]


def per_month(dates: pd.Series, first: str, last: str) -> float:
    inside = dates[(dates >= first) & (dates <= last)]
    months = len(pd.period_range(first, last, freq="M"))
    return len(inside) / months


def working_days(start: pd.Series, stop: pd.Series) -> np.ndarray:
    years = range(start.dt.year.min(), stop.dt.year.max() + 2)
    bank = np.array(sorted(holidays.country_holidays("GB", subdiv="ENG", years=years)), dtype="datetime64[D]")
    return np.busday_count(
        start.to_numpy().astype("datetime64[D]"), stop.to_numpy().astype("datetime64[D]"), holidays=bank
    )


def headline(folder: Path, first: str = "2023-04-01", last: str = "2026-10-31") -> dict[str, float]:
    """The figures the calibration is judged on, averaged over every month end in the window."""
    ends = month_ends(first, last)
    l3, l4, l5 = read(folder, "list_3"), read(folder, "list_4"), read(folder, "list_5")
    l6, l7, l8, l9 = read(folder, "list_6"), read(folder, "list_7"), read(folder, "list_8"), read(folder, "list_9")
    done = l4.dropna(subset=["assessment_authorised"])
    done = done[done["assessment_authorised"] >= pd.Timestamp(first) + pd.DateOffset(months=3)]
    cp_end = [open_at(l7, "cpp_start", "cpp_end", m) for m in ends]
    cla_end = [open_at(l8, "cla_start", "cla_end", m) for m in ends]
    cp_all = pd.concat(cp_end)
    cla_all = pd.concat(cla_end)
    new_plans = l7[l7["cpp_start"] >= first]
    at_end = cla_end[-1]
    leavers_19_21 = l9[l9["age_years"].between(19, 21)]
    fy_ceased = l8[(l8["cla_end"] >= "2024-04-01") & (l8["cla_end"] < "2026-04-01")]
    return {
        "contacts_per_month": per_month(read(folder, "list_1")["contact_date"], first, last),
        "referrals_per_month": per_month(l3["referral_date"], first, last),
        "re_referral_pct": 100 * (l3["referrals_last_12m"] > 1).mean(),
        "assessments_completed_per_month": len(done) / (len(ends) - 3),
        "assessments_in_45_wd_pct": 100
        * (working_days(done["assessment_start"], done["assessment_authorised"]) <= 45).mean(),
        "s47_per_month": per_month(l5["strategy_discussion_date"], first, last),
        "icpc_per_month": per_month(l5["icpc_date"].dropna(), first, last),
        "cp_at_month_end": float(np.mean([len(f) for f in cp_end])),
        "cp_neglect_pct": 100 * (cp_all["latest_category"] == "Neglect").mean(),
        "cp_emotional_pct": 100 * (cp_all["latest_category"] == "Emotional").mean(),
        "cp_second_plan_pct": 100 * (new_plans["previous_cp_plans"] > 0).mean(),
        "cp_2_years_plus_at_month_end": float(
            np.mean([(m - f["cpp_start"]).dt.days.ge(730).sum() for m, f in zip(ends, cp_end, strict=True)])
        ),
        "cin_at_month_end": float(np.mean([len(open_at(l6, "cin_start", "cin_closed", m)) for m in ends])),
        "cla_at_month_end": float(np.mean([len(f) for f in cla_end])),
        "uasc_at_month_end": float(np.mean([(f["uasc"] == "Y").sum() for f in cla_end])),
        "uasc_male_pct": 100 * (cla_all.loc[cla_all["uasc"] == "Y", "gender"] == "Male").mean(),
        "c2_pct_at_end": 100 * (at_end["legal_status"] == "C2").mean(),
        "v2_pct_at_end": 100 * (at_end["legal_status"] == "V2").mean(),
        "three_placements_pct_at_end": 100 * (at_end["placements_last_12m"] >= 3).mean(),
        "care_leavers_18_21": float(l9["age_years"].between(18, 21).sum()),
        "care_leavers_eet_19_21_pct": 100
        * leavers_19_21["activity"].isin(["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"]).mean(),
        "care_leavers_suitable_19_21_pct": 100 * (leavers_19_21["accommodation_suitable"] == "Suitable").mean(),
        "adoptions_and_sgos_per_year": fy_ceased["reason_ceased"].isin(["E11", "E12", "E45", "E46", "E47", "E48"]).sum()
        / 2,
    }
