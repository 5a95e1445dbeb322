"""The register of synthetic children: who they are (date of birth, gender, ethnicity, disability).

Children are added in batches by whichever generator first meets them and keyed by an integer; their
public IDs ("NB000123") are handed out only at the end, in order of first appearance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import calibration as cal
from .dates import days
from .draw import chance, pick


class Register:
    def __init__(self):
        self._parts: list[pd.DataFrame] = []
        self.size = 0

    def add(self, dob, gender, ethnicity, disabled, *, uasc=None, unborn=None) -> np.ndarray:
        n = len(dob)
        keys = np.arange(self.size, self.size + n)
        part = pd.DataFrame(
            {
                "dob": np.asarray(dob, dtype="datetime64[D]"),
                "gender": np.asarray(gender, dtype=object),
                "ethnicity": np.asarray(ethnicity, dtype=object),
                "disabled": np.asarray(disabled, dtype=bool),
                "uasc": np.zeros(n, bool) if uasc is None else np.asarray(uasc, dtype=bool),
                "unborn": np.zeros(n, bool) if unborn is None else np.asarray(unborn, dtype=bool),
            },
            index=pd.Index(keys, name="key"),
        )
        self._parts.append(part)
        self.size += n
        return keys

    def frame(self) -> pd.DataFrame:
        return pd.concat(self._parts) if self._parts else pd.DataFrame()

    def add_new(self, rng: np.random.Generator, dob, *, uasc=None, unborn=None) -> np.ndarray:
        """Children with the given dates of birth and drawn characteristics."""
        attrs = draw_characteristics(rng, len(dob), uasc=uasc, unborn=unborn)
        return self.add(dob, **attrs, uasc=uasc, unborn=unborn)


def draw_characteristics(rng: np.random.Generator, n: int, *, uasc=None, unborn=None) -> dict:
    gender = pick(rng, cal.GENDER, n)
    ethnicity = pick(rng, cal.ETHNICITY, n)
    disabled = chance(rng, cal.DISABLED, n)
    if uasc is not None:
        uasc = np.asarray(uasc, bool)
        gender = np.where(uasc, np.where(chance(rng, cal.UASC_MALE, n), "Male", "Female"), gender)
        ethnicity = np.where(uasc, pick(rng, cal.UASC_ETHNICITY, n), ethnicity)
        disabled = disabled & ~uasc
    if unborn is not None:
        # An unborn child's sex is not recorded and ethnicity is often not yet obtained.
        gender = np.where(unborn, "Unknown", gender)
        ethnicity = np.where(unborn & chance(rng, 0.5, n), "NOBT", ethnicity)
    return {"gender": gender, "ethnicity": ethnicity, "disabled": disabled}


def dob_for_age(rng: np.random.Generator, on: np.ndarray, age_years: np.ndarray) -> np.ndarray:
    """A date of birth giving (about) the stated fractional age on a date; never after that date."""
    dob = np.asarray(on, dtype="datetime64[D]") - days(np.asarray(age_years) * 365.25)
    return np.where(dob >= on, np.asarray(on, dtype="datetime64[D]") - days(rng.integers(1, 20, len(dob))), dob)
