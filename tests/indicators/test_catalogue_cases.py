"""Every catalogue entry's hand-built cases: the answers were worked out by hand from the definition."""

import math

import pytest

from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.testing import run_case

CASES = [(ind, case) for ind in load_catalogue().values() for case in ind.tests]


def _close(actual, expected) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual)) or str(actual) == "<NA>"
    return (
        actual is not None
        and str(actual) != "<NA>"
        and math.isclose(float(actual), expected, rel_tol=1e-9, abs_tol=1e-9)
    )


@pytest.mark.parametrize(("ind", "case"), CASES, ids=[f"{i.id}:{c.name}" for i, c in CASES])
def test_case(ind, case):
    result = run_case(ind, case)
    for exp in case.expect:
        basis = exp.basis or ind.headline_basis
        rows = result[(result["period"] == case.period) & (result["basis"] == basis)]
        if ind.breakdown:
            rows = rows[rows["category"] == exp.category]
        assert len(rows) == 1, f"expected one row for basis={basis} category={exp.category}, got:\n{rows}"
        row = rows.iloc[0]
        assert row["status"] == exp.status, row["message"]
        for field in ("value", "numerator", "denominator"):
            wanted = getattr(exp, field)
            if wanted is not None or field == "value":
                assert _close(row[field], wanted), f"{field}: expected {wanted}, got {row[field]}"
