"""Early help assessments: after a MASH decision of "early help", or started directly by a school or team."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import birthday, col, days
from .draw import bands, chance, pick, seasonal_days
from .front_door import EARLY_HELP
from .people import Register, dob_for_age
from .run import DemoRun


def early_help_assessments(
    run: DemoRun, calendar, contacts: pd.DataFrame, register: Register, early_help_teams: tuple[str, ...]
) -> pd.DataFrame:
    """Assessments after MASH decisions of early help (for the contact's child) and direct ones (new children)."""
    rng = run.rng("early-help")
    eh = (contacts["outcome"] == EARLY_HELP).to_numpy() & chance(rng, cal.EHA_FROM_CONTACT, len(contacts))
    decided = contacts["decided"].to_numpy()[eh].astype("datetime64[D]")
    from_contacts = pd.DataFrame(
        {"child": contacts["child"].to_numpy()[eh], "start": decided + days(rng.uniform(3, 25, int(eh.sum())))}
    )

    direct_day = seasonal_days(
        rng, calendar, run.sim_start, run.end_day, run.volume(cal.EHA_DIRECT_PER_MONTH), cal.CONTACT_SEASON
    )
    dob = dob_for_age(rng, direct_day, bands(rng, cal.REFERRAL_AGES, len(direct_day)))
    direct = pd.DataFrame({"child": register.add_new(rng, dob), "start": direct_day})

    e = pd.concat([from_contacts, direct], ignore_index=True)
    adult = birthday(col(register.frame(), "dob")[e["child"].to_numpy()], 18)
    e = e[(col(e, "start") <= run.end_day) & (col(e, "start") < adult)].reset_index(
        drop=True
    )  # early help is for under-18s
    n = len(e)
    e["end"] = col(e, "start") + days(bands(rng, cal.EHA_DAYS, n))
    teams = np.array(early_help_teams, dtype=object)[rng.integers(0, len(early_help_teams), n)]
    e["organisation"] = np.where(chance(rng, cal.EHA_BY_TEAM, n), teams, pick(rng, cal.EHA_ORGANISATIONS, n))
    return e.sort_values(["start", "child"], kind="stable").reset_index(drop=True)
