"""Care leavers at the extract date: young people aged 18-24 who were looked after long enough after 14.

Eligibility follows the Children (Leaving Care) Act: 13 weeks looked after since the age of 14, some of it
after the 16th birthday. Most stay in touch to 21; fewer of those aged 22-24 still take up support.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import age_on, birthday, col, days, maximum, minimum
from .draw import chance, pick
from .run import DemoRun

NOT_CARE_LEAVERS = ("E11", "E12", "E45", "E46", "E47", "E48", "E2", "E41")  # adopted, SGO, died, child arrangements


def care_leavers(run: DemoRun, episodes: pd.DataFrame, children: pd.DataFrame) -> pd.DataFrame:
    rng = run.rng("care-leavers")
    end = run.end_day
    e = episodes.assign(dob=col(children, "dob")[episodes["child"].to_numpy()])
    dob = col(e, "dob")
    start, stop = col(e, "start"), minimum(col(e, "end"), end)
    after_14 = np.maximum((stop - maximum(start, birthday(dob, 14))).astype("int64"), 0)
    after_16 = stop > birthday(dob, 16)
    per_child = pd.DataFrame(
        {
            "child": e["child"],
            "days_after_14": after_14,
            "after_16": after_16,
            "end": col(e, "end"),
            "reason": e["reason"],
            "uasc": e["uasc"],
        }
    )
    per_child = (
        per_child.sort_values(["child", "end"], kind="stable")
        .groupby("child")
        .agg(
            days_after_14=("days_after_14", "sum"),
            after_16=("after_16", "any"),
            left=("end", "last"),
            reason=("reason", "last"),
            uasc=("uasc", "any"),
        )
    )
    dob_c = col(children, "dob")[per_child.index.to_numpy()]
    age = age_on(dob_c, end)
    left = col(per_child, "left")
    eligible = (per_child["after_16"] & (per_child["days_after_14"] >= 91)).to_numpy().copy()
    eligible &= (left <= end) & (age >= 18) & (age <= 24) & ~np.isin(per_child["reason"].to_numpy(), NOT_CARE_LEAVERS)
    served = rng.random(len(per_child)) < np.array([cal.STILL_SERVED.get(int(a), 0.0) for a in age])
    leavers = per_child[eligible & served].copy()
    leavers["age"] = age[eligible & served]
    leavers["left_care"] = left[eligible & served]
    leavers["dob"] = dob_c[eligible & served]
    return _describe(run, rng, leavers.reset_index())


def _describe(run: DemoRun, rng, cl: pd.DataFrame) -> pd.DataFrame:
    n = len(cl)
    age = cl["age"].to_numpy()
    end = run.end_day
    left_at_18 = col(cl, "left_care") >= birthday(col(cl, "dob"), 18) - np.timedelta64(1, "D")
    cl["eligibility"] = np.where(left_at_18 | chance(rng, 0.9, n), "Former relevant", "Qualifying")
    activity = pick(rng, cal.ACTIVITY, n)
    cl["activity"] = np.where(
        (age == 18) & chance(rng, 0.3, n), pick(rng, {"F2": 0.7, "F4": 0.1, "F5": 0.2}, n), activity
    )
    accommodation = pick(rng, cal.ACCOMMODATION, n)
    staying_put_too_old = (accommodation == "Z") & (age > 20)
    cl["accommodation"] = np.where(staying_put_too_old, "U", accommodation)
    unsuitable = np.isin(cl["accommodation"], cal.UNSUITABLE_TYPES) | chance(rng, cal.UNSUITABLE_OTHERWISE, n)
    cl["accommodation_suitable"] = np.where(unsuitable, "Unsuitable", "Suitable")
    in_touch = pick(rng, cal.IN_TOUCH, n)
    cl["in_touch"] = np.where((in_touch == "NREQ") & (age < 21), "YES", in_touch)
    touching = cl["in_touch"].to_numpy() == "YES"
    since_contact = np.where(touching, rng.exponential(18, n), rng.uniform(70, 330, n))
    cl["latest_contact"] = maximum(end - days(since_contact), col(cl, "left_care"))
    overdue = chance(rng, 0.13, n)
    cl["pathway_plan_review"] = end - days(np.where(overdue, rng.uniform(183, 400, n), rng.uniform(0, 182, n)))
    cl["pathway_plan_review"] = maximum(col(cl, "pathway_plan_review"), col(cl, "left_care") - np.timedelta64(120, "D"))
    return cl
