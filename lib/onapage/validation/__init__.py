"""Validation: the data-quality gate, every problem in the inputs as a located `Finding`.

from onapage.validation import validate, summarise
findings = validate(inputs, period=Period.parse("2019-02"))
print(summarise(findings))
"""

from onapage.validation.findings import Finding, has_errors
from onapage.validation.gate import all_rules, validate
from onapage.validation.report import rules_table, summarise

__all__ = ["Finding", "all_rules", "has_errors", "rules_table", "summarise", "validate"]
