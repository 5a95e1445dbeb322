"""Every gate rule's own worked cases, and the shape of the rule set."""

import pytest

from onapage.validation.gate import all_rules, run_case

CASES = [(rule, case) for rule in all_rules() for case in rule.cases]


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r.name}: {c.name}" for r, c in CASES])
def test_rule_case(rule, case):
    assert run_case(rule, case) == case.expect


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_every_rule_explains_itself_and_has_a_case_that_finds_something(rule):
    assert rule.title and rule.explains.endswith(".")
    assert any(case.expect for case in rule.cases), "a rule needs a case in which it fires"


def test_rules_have_distinct_names_and_orders():
    rules = all_rules()
    assert len({r.name for r in rules}) == len(rules)
    assert len({r.order for r in rules}) == len(rules)


def test_published_rules_are_current():
    from onapage.config import PROJECT_ROOT
    from onapage.validation.reference import rules_markdown

    committed = (PROJECT_ROOT / "docs" / "data_quality_rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run `make docs` to regenerate docs/data_quality_rules.md"
