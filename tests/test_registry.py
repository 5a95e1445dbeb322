"""A product's sections and their parts come from params/booklet.yml and the folders, checked before a run."""

import json

import pytest

from onapage.config import PROJECT_ROOT, ConfigError
from onapage.registry import product_sections


def test_the_monthly_booklet_has_every_part_of_every_section():
    sections = product_sections()
    names = [s.name for s in sections]
    assert names[:3] == ["cover", "scorecard", "front_door"] and len(names) == 21
    child_protection = next(s for s in sections if s.name == "child_protection")
    assert child_protection.indicators > 10 and child_protection.targets.name == "child_protection.yml"
    assert child_protection.title == "Child protection" and child_protection.notebook.exists()


def test_a_section_without_its_page_is_named_before_anything_runs(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in (PROJECT_ROOT / "notebooks").glob("*.ipynb"):
        if path.stem != "uasc":
            (notebooks / path.name).write_text(json.dumps({"cells": []}))
    with pytest.raises(ConfigError, match=r"section 'uasc' has no page: .*uasc.ipynb is missing"):
        product_sections(notebooks_dir=notebooks)


def test_a_default_targets_file_for_no_section_is_refused_as_targets_are_read(tmp_path):
    """Read as every command reads targets (validate too), not first when a run lays out the booklet."""
    from onapage.indicators.targets import load_targets

    (tmp_path / "child_protection.yml").write_text("{}")
    (tmp_path / "child_protectoin.yml").write_text("{}")
    with pytest.raises(ConfigError) as err:
        load_targets(defaults_dir=tmp_path)
    message = str(err.value)
    assert "child_protectoin.yml" in message and "'child_protectoin' is no section" in message
    assert "targets_file" in message  # where an authority's own targets go instead


def test_the_quarterly_report_is_a_second_product_of_the_same_parts():
    from onapage.config import load_booklet

    names = [s.name for s in product_sections("quarterly")]
    assert names == ["delivery_unit", "corporate_plan", "commissioning", "budget", "managing_the_business",
                     "risk_register", "kpi_appendix"]
    product = load_booklet().product("quarterly")
    assert product.period_kind == "quarter" and len(product.corporate_plan) >= 10


def test_a_product_refuses_periods_of_another_kind():
    from onapage.periods import Period
    from onapage.registry import check_periods

    check_periods("quarterly", [Period.parse("2026-Q2")])
    check_periods("monthly_booklet", [Period.parse("2026-10")])
    with pytest.raises(ConfigError, match=r"made for a quarter \(as --period 2026-Q2\); found 2026-10"):
        check_periods("quarterly", [Period.parse("2026-10")])
    with pytest.raises(ConfigError, match="made for a month"):
        check_periods("monthly_booklet", [Period.parse("2026-Q2")])
