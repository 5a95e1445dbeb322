"""The data-quality gate's rules, one per file; `onapage.validation.gate.all_rules()` finds them all."""
