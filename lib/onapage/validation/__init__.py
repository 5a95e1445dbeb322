"""Validation: every problem in the inputs as a located `Finding`.

from onapage.validation import validate, summarise
findings = validate(inputs, period=Period.parse("2019-02"))
print(summarise(findings))
"""

from onapage.validation.checks import summarise, validate
from onapage.validation.findings import Finding, has_errors

__all__ = ["Finding", "has_errors", "summarise", "validate"]
