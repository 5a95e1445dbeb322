"""Every catalogue entry's hand-built cases: the answers were worked out by hand from the definition."""

import pytest

from onapage.indicators.catalogue import load_catalogue
from onapage.indicators.testing import case_failures, run_case

CASES = [(ind, case) for ind in load_catalogue().values() for case in ind.tests]


@pytest.mark.parametrize(("ind", "case"), CASES, ids=[f"{i.id}:{c.name}" for i, c in CASES])
def test_case(ind, case):
    failures = case_failures(ind, case, run_case(ind, case))
    assert not failures, "\n".join(failures)
