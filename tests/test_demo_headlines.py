"""The demo authority's headline figures land in the ranges it was calibrated to (seed booklets, issue brief)."""

import pytest

from onapage import pipeline
from onapage.indicators.catalogue import load_catalogue
from onapage.validation import has_errors


@pytest.fixture(scope="module")
def headlines(demo_authority):
    _, table = pipeline.compute_period(demo_authority, demo_authority.default_period, save=False)
    return table.set_index("id")["value"]


def test_demo_inputs_pass_validation_without_errors(demo_authority):
    _, findings = pipeline.read_and_validate(demo_authority.input_dir, demo_authority.default_period)
    assert not has_errors(findings), [str(f) for f in findings if f.is_error][:5]


@pytest.mark.parametrize(
    ("indicator_id", "low", "high"),
    [
        ("fd_contacts_received", 1000, 1700),  # about 1,300 a month
        ("fd_referrals", 220, 360),  # about 280 a month
        ("cp_children_at_period_end", 180, 270),  # about 225
        ("cla_children_at_period_end", 300, 420),  # about 350
        ("uasc_children_at_period_end", 40, 80),  # about 60
        ("cl_care_leavers", 250, 370),  # about 300
        ("fd_rereferrals_12m_pct", 12, 28),
        ("asmt_within_45_days_pct", 70, 95),
    ],
)
def test_headline_figure_is_in_its_calibrated_range(headlines, indicator_id, low, high):
    assert low <= headlines[indicator_id] <= high


def test_every_indicator_computes_on_the_demo(demo_authority):
    long = pipeline.compute_indicators(demo_authority, demo_authority.default_period.trend(13))
    # a snapshot field, or a list that is a picture, has a figure only for the extract's month, never worked back
    snapshot_fields = {i.id for i in load_catalogue().values() if i.at_extract_only}
    earlier = long["period"].astype(str) != str(demo_authority.default_period)
    failed = long[(long["status"] != "ok") & ~(long["indicator_id"].isin(snapshot_fields) & earlier)]
    assert failed.empty, failed[["indicator_id", "status", "message"]].drop_duplicates("indicator_id").head()
    latest = long[~earlier & long["indicator_id"].isin(snapshot_fields)]
    assert (latest["status"] == "ok").all()
