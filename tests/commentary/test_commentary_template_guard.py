"""The merge of the text file with a notebook re-run from the bare template (as `onapage bench` runs it): the
analyst's saved words stay, and are never replaced by the placeholder. The state is what the last run left: the
words saved in the file and given to the notebook, so the notebook's placeholder looks like a new edit and only
the guard for the bare template keeps the words."""

from onapage.commentary import REVIEWED, Block, _merge_sides, text_hash

PLACEHOLDER = "_Write the commentary for this section here._"
WORDS = "Referrals rose by 12 in March, most of them from schools."
SEEN = {"k": {"text": text_hash(WORDS), "notebook": text_hash(WORDS)}}  # the file's words, given to the notebook


def test_a_notebook_holding_the_bare_template_keeps_the_saved_words_without_a_conflict():
    saved = Block(WORDS, status=REVIEWED, by="A. Analyst", at="2026-04-02")
    merged, conflicts = _merge_sides({"k": saved}, {"k": PLACEHOLDER}, SEEN, {"k": PLACEHOLDER})
    assert merged == {"k": saved}
    assert conflicts == []


def test_near_miss_words_written_in_the_notebook_win():
    # the same set-up, but the notebook holds new words, not the placeholder: they replace the file's, and the
    # file was not edited since the last run (its hash is the state's), so there is no conflict
    new = "Referrals rose by 12 in March."
    merged, conflicts = _merge_sides({"k": Block(WORDS)}, {"k": new}, SEEN, {"k": PLACEHOLDER})
    assert merged == {"k": Block(new)}
    assert conflicts == []


def test_near_miss_both_sides_edited_is_a_conflict_the_notebook_wins():
    edited = "Referrals rose by 12 in March (schools 7)."
    merged, conflicts = _merge_sides({"k": Block(edited)}, {"k": "Referrals rose."}, SEEN, {"k": PLACEHOLDER})
    assert merged == {"k": Block("Referrals rose.")}
    assert conflicts == ["k"]
