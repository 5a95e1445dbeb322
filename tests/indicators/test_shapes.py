"""Query shapes (catalogue/shapes/*.sql) and the shared SQL (store/shared/*.sql): each serves a query."""

import re

import pytest

from onapage import store
from onapage.indicators.catalogue import Indicator, load_catalogue, shape_names, shape_parameters

CATALOGUE = list(load_catalogue().values())


def _entry(**changes) -> dict:
    entry = {"id": "x_share", "title": "X", "section": "assessments", "unit": "percent", "kind": "in_month",
             "polarity": "monitor", "sources": ["list_4"], "definition": "A share of assessments, for a test."}
    return entry | changes


def test_every_shape_is_used_by_an_entry():
    used = {ind.from_["shape"] for ind in CATALOGUE if ind.from_}
    assert used == set(shape_names())


def test_an_entry_fills_every_parameter_of_its_shape_and_no_other():
    params = dict.fromkeys(shape_parameters("events_share"), "1")
    assert set(params) == {"table", "date", "key", "counted"}
    Indicator.model_validate(_entry(**{"from": {"shape": "events_share", **params}}))
    for broken in ({k: v for k, v in params.items() if k != "counted"}, params | {"colour": "red"}):
        with pytest.raises(ValueError, match="shape 'events_share' takes"):
            Indicator.model_validate(_entry(**{"from": {"shape": "events_share", **broken}}))


def test_an_unknown_or_missing_shape_is_named():
    with pytest.raises(ValueError, match="unknown shape 'nothing'"):
        Indicator.model_validate(_entry(**{"from": {"shape": "nothing"}}))
    with pytest.raises(ValueError, match="names its query shape"):
        Indicator.model_validate(_entry(**{"from": {"table": "list_4_assessments"}}))


def test_the_breakdown_parameter_is_the_entry_breakdown():
    ind = load_catalogue()["asmt_by_team"]
    assert ind.from_["shape"] == "events_by_category" and "breakdown" not in ind.from_
    assert "as team" in ind.sql() and "${" not in ind.sql()


def test_a_rate_reads_its_count_query():
    rates = [ind for ind in CATALOGUE if ind.rate_of]
    assert rates
    for ind in rates:
        assert ind.sql() == load_catalogue()[ind.rate_of].sql()


@pytest.mark.parametrize("name", re.findall(r"create or replace (?:temp )?(?:macro|view) (\w+)", store.shared_sql()))
def test_every_shared_macro_and_view_is_used_by_a_query_or_another_shared_rule(name):
    shared = store.shared_sql()
    used_by_shared = len(re.findall(rf"\b{name}\b", shared)) > 1
    used_by_query = any(re.search(rf"\b{name}\b", ind.sql()) for ind in CATALOGUE)
    assert used_by_shared or used_by_query, f"{name} is defined in store/shared but nothing uses it"


@pytest.mark.parametrize("name", sorted(shape_names()))
def test_a_shape_comment_names_its_parameters_without_filling_them(name):
    # a parameter's SQL may run over lines: filled into a comment, its second line would be read as SQL
    from importlib import resources

    text = resources.files("onapage.indicators").joinpath("catalogue", "shapes", f"{name}.sql").read_text()
    assert not [line for line in text.splitlines() if line.lstrip().startswith("--") and "${" in line]


def test_every_query_file_belongs_to_an_entry_without_a_shape():
    from importlib import resources

    folder = resources.files("onapage.indicators").joinpath("catalogue")
    files = {f"catalogue/{d.name}/{f.name}" for d in folder.iterdir() if d.is_dir() and d.name != "shapes"
             for f in d.iterdir() if f.name.endswith(".sql")}
    own = {ind.sql_resource for ind in CATALOGUE if not ind.from_ and not ind.rate_of}
    assert files == own
