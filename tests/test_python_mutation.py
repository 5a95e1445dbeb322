"""The Python mutation run's choice of modules: one validation rule can be chosen by its name."""

import pytest

from onapage.python_mutation import MODULES, _selected


def test_only_picks_single_files_inside_a_pattern_and_every_module_by_default():
    assert _selected(set()) == MODULES
    assert _selected({"duplicate_rows"}) == ["onapage/validation/rules/duplicate_rows.py"]
    assert _selected({"calendar", "unmatched_ids"}) == ["onapage/calendar.py",
                                                        "onapage/validation/rules/unmatched_ids.py"]
    with pytest.raises(SystemExit, match="names none of"):
        _selected({"no_such_module"})
