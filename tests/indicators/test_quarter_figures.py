"""Monthly catalogue measures computed for a quarter: a quarter sum or percentage over the quarter's three
months, a snapshot at the quarter's last month, the year to date from 1 April. Answers worked out by hand."""

import math

from onapage.indicators.catalogue import indicator
from onapage.indicators.engine import compute
from onapage.indicators.testing import store_with
from onapage.periods import Period


def _figures(ind_id, period, given):
    con = store_with(given)
    try:
        long = compute(con, [Period.parse(period)], lambda _: 10_000, [indicator(ind_id)])
    finally:
        con.close()
    return {r.basis: (r.numerator, r.denominator, r.value) for r in long.itertuples()}


def test_fois_in_time_over_q4_2026_27_across_the_new_year_and_easter_2027():
    def foi(case_id, received, responded):
        return {"case_id": case_id, "enquiry_type": "FOI", "received": received, "responded": responded}

    figures = _figures("oe_foi_within_20_days_pct", "2026-Q4", {"complaints": [
        # answered in Q3 (13 working days: Christmas, and Boxing Day on the 28th): in the year to date only
        foi("f1", "2026-12-10", "2026-12-31"),
        foi("f2", "2027-01-04", "2027-01-05"),  # 1 working day
        foi("f3", "2026-12-01", "2027-02-26"),  # late
        # 1-31 March 2027: 22 weekdays after the day received, less Good Friday 26 and Easter Monday 29 March = 20
        foi("f4", "2027-03-01", "2027-03-31"),
        foi("f5", "2027-03-20", "2027-04-01"),  # answered in the next financial year
    ]})
    # the quarter: f2, f3, f4 answered, f2 and f4 in time
    numerator, denominator, value = figures["month"]
    assert (numerator, denominator) == (2, 3) and math.isclose(value, 200 / 3)
    # April 2026 to March 2027: f1 to f4, three in time
    assert figures["ytd"][:2] == (3, 4) and math.isclose(figures["ytd"][2], 75.0)


def test_a_snapshot_measure_reads_the_quarters_last_month():
    def month(day, vacant):
        return {"month": day, "service": "Duty", "team": "A", "post_type": "Social worker",
                "establishment_fte": 20, "permanent_fte": 20 - vacant, "agency_fte": 0, "vacant_fte": vacant}

    figures = _figures("wf_vacancy_rate_pct", "2026-Q4", {"workforce": [
        month("2027-01-01", 10), month("2027-02-01", 6), month("2027-03-01", 3), month("2027-04-01", 0)]})
    assert figures["snapshot"][:2] == (3, 20) and math.isclose(figures["snapshot"][2], 15.0)


def test_a_leap_february_counts_inside_q4_2023_24():
    def sar(rid, received, due, responded):
        return {"request_id": rid, "received": received, "due": due, "responded": responded}

    figures = _figures("mb_sar_in_time_pct", "2023-Q4", {"subject_access_requests": [
        sar("a", "2024-01-29", "2024-02-29", "2024-02-29"),  # on 29 February: in time and in the quarter
        sar("b", "2023-12-20", "2024-01-20", "2023-12-31"),  # the quarter before
        sar("c", "2024-03-01", "2024-04-01", "2024-03-31"),  # the quarter's last day
    ]})
    assert figures["month"][:2] == (2, 2)
    assert figures["ytd"][:2] == (3, 3)
