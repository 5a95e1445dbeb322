"""unmatched_ids' forms of an ID and its findings in full, worked out by hand, with near misses."""

from __future__ import annotations

from test_rule_findings_by_hand import found

from onapage.validation.rules.unmatched_ids import _MIXED, _case, _lists, _visits, form, loose, shape


def test_an_ids_shape_form_and_loose_value():
    assert shape("NB000123") == "AA999999"
    assert shape("nb123") == "aa999"
    assert shape("Nb-1") == "Aa-9"
    assert form("NB000123") == form("NB12") == "AA9"
    assert form("123456") == "9"
    assert form("nb1x22") == "aa9a9"
    assert loose("NB000123") == loose("nb123") == loose("123") == "123"
    assert loose("000") == "0"
    assert loose("NoDigits") == "nodigits"


def test_the_cases_lists_and_visits():
    assert _case(["NB000001"]) == {
        "list_1": [{"Child Unique ID": f"NB{i:06d}", "Date of Contact": "01/02/2019"} for i in range(10)],
        "visits": [{"Child ID": "NB000001", "Visit date": "01/02/2019"}],
    }
    assert _case([])["list_1"][-1] == {"Child Unique ID": "NB000009", "Date of Contact": "01/02/2019"}
    assert _lists(["1"], ["2"]) == {
        "list_1": [{"Child Unique ID": "1", "Date of Contact": "01/02/2019"}],
        "list_3": [{"Child Unique ID": "2", "Date of referral": "01/02/2019"}],
    }
    assert _lists(["1"], [], contacts="14/09/2018")["list_1"] == [
        {"Child Unique ID": "1", "Date of Contact": "14/09/2018"}]
    assert _visits(["1"]) == {"visits": [{"Child ID": "1", "Visit date": "01/02/2019"}]}
    assert _visits(["1"], when="03/10/2018") == {"visits": [{"Child ID": "1", "Visit date": "03/10/2018"}]}
    assert _MIXED[0] == "123450" and _MIXED[3] == "2345670" and len(_MIXED) == 10


def test_unknown_children_over_a_tenth_warn_and_a_tenth_does_not():
    known = [f"NB{i:06d}" for i in range(10)]
    # 1 unknown of 10 (10%): not over a tenth
    assert found("unmatched_ids", _case(known[:9] + ["NB900001"])) == []
    # 2 of 11 (18%): the unknown are written like the known, so a warning; visits' rows 11 and 12
    # (heading on row 1)
    assert found("unmatched_ids", _case(known[:9] + ["NB900001", "NB900002"])) == [
        ("warning", "Child ID", None, "2 of 11 child IDs (18%) match no child in the Annex A lists (rows 11, 12): "
         "figures joining this extract to the lists leave them out", "the child IDs the lists use", 2,
         "Statutory visits history: 18% of its child IDs match no child in the lists")]
