"""Demo folders generated once per test session: small ones (scale 0.2), tiny ones for workbooks."""

from __future__ import annotations

import pytest

from onapage.demo import generate_demo

SMALL = 0.2
TINY = 0.08  # for workbooks: reading Excel is slow
SEED = 2026


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("clean"), seed=SEED, scale=SMALL)


@pytest.fixture(scope="session")
def small_again(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("clean_again"), seed=SEED, scale=SMALL)


@pytest.fixture(scope="session")
def small_messy(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("messy"), seed=SEED, scale=SMALL, messy=True)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("tiny"), seed=SEED, scale=TINY)


@pytest.fixture(scope="session")
def tiny_workbook(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("workbook"), seed=SEED, scale=TINY, workbook=True)


@pytest.fixture(scope="session")
def tiny_messy_workbook(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("messy_workbook"), seed=SEED, scale=TINY, messy=True, workbook=True)


@pytest.fixture(scope="session")
def small_template(tmp_path_factory):
    """The `small` authority with its Annex A lists in the Ofsted template's workbook (latest edition)."""
    return generate_demo(tmp_path_factory.mktemp("template"), seed=SEED, scale=SMALL, template=True)


@pytest.fixture(scope="session")
def demo_trend(demo_authority):
    """Every catalogue indicator over the full-size demo's 36 months, from its single extract."""
    from onapage import store
    from onapage.indicators.engine import compute

    with store.connect(demo_authority.store, read_only=True) as con:
        return compute(con, demo_authority.default_period.trend(36), demo_authority.population_for)


@pytest.fixture(scope="session")
def demo_month_ends(demo_authority):
    """The snapshot-field indicators (true only at their extract's month) of the full-size demo over the 13
    months `make demo` archives, each month from the extract cut at its end."""
    from demo_month_ends import snapshot_fields_by_month

    return snapshot_fields_by_month(demo_authority, months=13)
