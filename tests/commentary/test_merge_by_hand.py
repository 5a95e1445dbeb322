"""The commentary's reading, merging and writing worked by hand on small inputs: each test states the merged
text, the block's state, the file written or the warning logged, with the near miss beside it."""

import logging
from types import SimpleNamespace

import nbformat
from commentary_support import FEB, JAN, template
from nbformat.v4 import new_markdown_cell, new_notebook

from onapage import commentary as cm

HEADER = "Edit the text under each `commentary:` marker; keep the marker lines. -->"
WHERE = "tiny 2026-01"


def _messages(caplog, level=logging.WARNING):
    return [r.getMessage() for r in caplog.records if r.levelno == level and r.name == "onapage.commentary"]


# --------------------------------------------------------------------------- keys and cells


def test_paragraphs_strip_only_the_blank_lines_around_the_text():
    assert cm._paragraphs("\nXa\n\nb X \n") == ["Xa", "b X "]
    assert cm._paragraphs("a\n \t\nb") == ["a", "b"]


def test_a_cell_with_no_heading_has_no_first_heading():
    assert cm._first_heading("just words\nmore") == ""
    assert cm._first_heading("words\n## Heading ##") == "Heading"


def test_a_list_source_is_joined_with_nothing_between():
    assert cm._source(SimpleNamespace(source=["a\n", "b"])) == "a\nb"
    assert cm._source(SimpleNamespace(source="a\nb")) == "a\nb"


def test_a_cell_without_metadata_has_no_stored_key():
    assert cm._stored_key({}) is None
    assert cm._stored_key({"metadata": {"onapage": {"commentary_key": "k"}}}) == "k"


def test_a_key_joins_the_cells_other_tags_with_a_hyphen():
    cell = new_markdown_cell("no heading", metadata={"tags": ["commentary", "director", "board", "hide-input"]})
    assert cm.cell_key(cell) == "director-board"


def _cell(source, key=None):
    meta = {"tags": ["commentary"]}
    if key:
        meta["onapage"] = {"commentary_key": key}
    return new_markdown_cell(source, metadata=meta)


def test_executed_cells_are_keyed_by_stored_key_then_template_position_then_themselves(tmp_path):
    tpl = tmp_path / "tpl.ipynb"
    nbformat.write(new_notebook(cells=[_cell("## Alpha\n\n_Analyst: x._")]), str(tpl))
    executed = tmp_path / "run.ipynb"
    nbformat.write(new_notebook(cells=[_cell("## Rewritten\n\nwords"), _cell("## Beta\n\nmore"),
                                       _cell("## Gamma", key="kept")]), str(executed))
    assert cm.harvest(executed, tpl) == {"commentary:alpha": "## Rewritten\n\nwords",
                                         "commentary:beta": "## Beta\n\nmore", "kept": "## Gamma"}
    assert cm.harvest(executed, nbformat.read(str(tpl), as_version=4))["commentary:alpha"] == "## Rewritten\n\nwords"
    assert cm.harvest(executed) == {"commentary:rewritten": "## Rewritten\n\nwords",
                                    "commentary:beta": "## Beta\n\nmore", "kept": "## Gamma"}


def test_apply_fills_a_copy_and_records_keys_status_and_unplaced_blocks():
    tnb = new_notebook(cells=[_cell("## One\n\n_Analyst: a._"), _cell("## Two\n\n_Analyst: b._")])
    nb = cm.apply(tnb, {"commentary:two": cm.Block("mine", cm.REVIEWED), "gone": "old words"})
    assert nb.metadata["onapage"]["commentary_keys"] == ["commentary:one", "commentary:two"]
    assert nb.metadata["onapage"]["unplaced_commentary"] == ["gone"]
    assert nb.cells[0].source == "## One\n\n_Analyst: a._"
    assert nb.cells[1].source == "mine"
    assert nb.cells[1].metadata["onapage"] == {"commentary_key": "commentary:two", "commentary_status": "reviewed"}
    assert tnb.cells[1].source == "## Two\n\n_Analyst: b._" and "onapage" not in tnb.metadata
    assert "onapage" not in tnb.cells[1].metadata
    plain = cm.apply(tnb, {"commentary:one": "typed"})
    assert plain.cells[0].source == "typed" and "commentary_status" not in plain.cells[0].metadata["onapage"]
    assert "unplaced_commentary" not in plain.metadata["onapage"]


# --------------------------------------------------------------------------- text files


def test_read_file_cuts_the_unplaced_marker_and_reads_a_missing_status_as_draft(tmp_path):
    path = tmp_path / "s.md"
    path.write_text(f"head\n\n<!-- commentary: a -->\nwords\n\n{cm._UNPLACED}\n\n"
                    f"<!-- commentary: b status=reviewed -->\nold\n\n<!-- commentary: c -->\n{cm._UNPLACED}\n",
                    encoding="utf-8")
    assert cm.read_file(path) == {"a": cm.Block("words"), "b": cm.Block("old", cm.REVIEWED), "c": cm.Block("")}


def test_a_file_written_with_unplaced_blocks_reads_back_as_it_was_written(tmp_path):
    blocks = {"a": cm.Block("words\n"), "b": cm.Block(""), "gone": cm.Block("old", cm.REVIEWED)}
    cm.write_file(tmp_path / "s.md", blocks, order=["b", "a"])
    assert cm.read_file(tmp_path / "s.md") == {"b": cm.Block(""), "a": cm.Block("words\n"), "gone": blocks["gone"]}


def test_a_repeated_marker_is_numbered_from_two_with_a_warning(tmp_path, caplog):
    path = tmp_path / "s.md"
    path.write_text("<!-- commentary: a -->\none\n<!-- commentary: a -->\ntwo\n<!-- commentary: a -->\nthree",
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        blocks = cm.read_file(path)
    assert blocks == {"a": cm.Block("one"), "a~2": cm.Block("two"), "a~3": cm.Block("three")}
    assert _messages(caplog) == [
        f"{path}: the marker 'commentary: a' appears more than once; the later block is kept as a~{n} "
        "(move its words into the first block, then delete it)" for n in (2, 3)]


def test_a_marker_quotes_only_values_with_spaces_and_turns_double_quotes_single():
    block = cm.Block("t", cm.REVIEWED, 'Jo "JB" Smith', "2026-01-02")
    assert cm._marker("k", block) == "<!-- commentary: k status=reviewed by=\"Jo 'JB' Smith\" at=2026-01-02 -->"
    assert cm._marker("k", cm.Block("t", by="jo")) == "<!-- commentary: k status=draft by=jo -->"


def test_render_names_the_section_and_period_in_its_header():
    blocks = {"k": cm.Block("t")}
    marker = "<!-- commentary: k status=draft -->"
    assert cm.render(blocks) == f"<!-- onapage commentary: section. {HEADER}\n\n{marker}\nt\n"
    assert cm.render(blocks, section="tiny", period="2026-01") == (
        f"<!-- onapage commentary: tiny 2026-01. {HEADER}\n\n{marker}\nt\n")


# --------------------------------------------------------------------------- merging sides


def _h(text):
    return cm.text_hash(text)


def test_a_notebook_without_the_block_or_with_the_same_words_keeps_the_files_block():
    fb = cm.Block("A", cm.REVIEWED, "jo")
    state = {"k": {"text": _h("X"), "notebook": _h("Y")}}
    assert cm._merge_sides({"k": fb}, {}, state, {"k": "T"}) == ({"k": fb}, [])
    assert cm._merge_sides({"k": fb}, {"k": "A"}, {}, {"k": "T"}) == ({"k": fb}, [])


def test_blocks_only_in_the_notebook_are_all_taken():
    merged, conflicts = cm._merge_sides({"f": cm.Block("F")}, {"n1": "one", "n2": "two"}, {}, {})
    assert merged == {"f": cm.Block("F"), "n1": cm.Block("one"), "n2": cm.Block("two")} and conflicts == []


def test_both_sides_changed_with_no_state_is_a_conflict_the_notebook_wins():
    fb = cm.Block("A", cm.DRAFT, "jo")
    assert cm._merge_sides({"k": fb}, {"k": "B"}, {}, {"k": "T"}) == ({"k": cm.Block("B", cm.DRAFT, "jo")}, ["k"])
    signed = cm.Block("A", cm.SIGNED_OFF, "jo", "2026-01-02")
    assert cm._merge_sides({"k": signed}, {"k": "B"}, {}, {}) == ({"k": cm.Block("B")}, ["k"])


def test_the_notebook_holding_what_it_was_given_last_is_unchanged():
    fb = cm.Block("A")
    state = {"k": {"text": _h("A"), "notebook": _h("B")}}
    assert cm._merge_sides({"k": fb}, {"k": "B"}, state, {}) == ({"k": fb}, [])


def test_last_months_file_without_a_state_is_carried(tmp_path):
    cm.write_file(cm.commentary_dir(tmp_path, JAN) / "tiny.md",
                  {"a": cm.Block("words", cm.REVIEWED), "b": cm.Block("T")})
    assert cm._carried(tmp_path, JAN, ["tiny"], {"b": "T"}) == {
        "a": cm.Block("_Carried forward from January 2026: edit or replace._\n\nwords", cm.DRAFT)}


def test_words_unchanged_from_a_draft_are_drafted_a_near_miss_is_the_analysts():
    assert cm.block_state("My words", cm.Block("My words"), _h("My words")) == (cm.DRAFTED, False)
    assert cm.block_state("My words", cm.Block("My words"), _h("My word")) == (cm.DRAFT, False)


# --------------------------------------------------------------------------- merge


def _template(tmp_path, charts=()):
    return cm.read_template(template(tmp_path / "notebooks" / "tiny.ipynb", charts))


def test_a_notebook_that_lost_one_cell_is_warned_about_in_the_singular(tmp_path, caplog):
    tnb, out = _template(tmp_path), tmp_path / "out"
    nb = cm.apply(tnb, {})
    del nb.cells[-1]  # the director's cell
    executed = tmp_path / "run.ipynb"
    nbformat.write(nb, str(executed))
    with caplog.at_level(logging.WARNING):
        prepared = cm.merge("tiny", "2026-01", tnb, output_root=out, executed=executed)
    assert prepared.missing == ["director:early-help-children-in-need-of-help-and-protection"]
    assert _messages(caplog) == [
        f"{WHERE}: the notebook has lost its commentary cell "
        "director:early-help-children-in-need-of-help-and-protection; the words kept in tiny.md are used and the "
        "cell is rebuilt at the next run"]
    first = cm.commentary_path(out, JAN, "tiny").read_text(encoding="utf-8").split("\n")[0]
    assert first == f"<!-- onapage commentary: tiny 2026-01. {HEADER}"


def test_a_notebook_that_lost_two_cells_is_warned_about_in_the_plural(tmp_path, caplog):
    tnb, out = _template(tmp_path), tmp_path / "out"
    nb = cm.apply(tnb, {})
    del nb.cells[-2:]
    executed = tmp_path / "run.ipynb"
    nbformat.write(nb, str(executed))
    with caplog.at_level(logging.WARNING):
        prepared = cm.merge("tiny", JAN, tnb, output_root=out, executed=executed)
    assert prepared.missing == ["service-analysis", "director:early-help-children-in-need-of-help-and-protection"]
    assert _messages(caplog) == [
        f"{WHERE}: the notebook has lost its commentary cells service-analysis, "
        "director:early-help-children-in-need-of-help-and-protection; the words kept in tiny.md are used and the "
        "cells are rebuilt at the next run"]


def test_a_notebook_cell_without_its_key_is_placed_by_its_position_in_the_template(tmp_path):
    tnb, out = _template(tmp_path), tmp_path / "out"
    nb = nbformat.read(str(tmp_path / "notebooks" / "tiny.ipynb"), as_version=4)
    nb.cells[3].source = "## My own heading\n\nwords"
    executed = tmp_path / "run.ipynb"
    nbformat.write(nb, str(executed))
    prepared = cm.merge("tiny", JAN, tnb, output_root=out, executed=executed)
    assert list(prepared.blocks) == ["commentary", "service-analysis",
                                     "director:early-help-children-in-need-of-help-and-protection"]
    assert prepared.blocks["commentary"] == cm.Block("## My own heading\n\nwords")
    assert prepared.carried_from is None and prepared.missing == []


def test_a_new_month_carries_last_months_words_under_what_the_notebook_changed(tmp_path):
    tnb, out = _template(tmp_path), tmp_path / "out"
    cm.write_file(cm.commentary_path(out, JAN, "tiny"),
                  {"commentary": cm.Block("Jan words"), "service-analysis": cm.Block("Jan service")})
    executed = tmp_path / "feb.ipynb"
    nbformat.write(cm.apply(tnb, {"commentary": "Feb nb words"}), str(executed))
    prepared = cm.merge("tiny", "2026-02", tnb, output_root=out, executed=executed)
    assert prepared.carried_from == JAN
    director = "director:early-help-children-in-need-of-help-and-protection"
    assert prepared.blocks == {
        "commentary": cm.Block("Feb nb words"),
        "service-analysis": cm.Block("_Carried forward from January 2026: edit or replace._\n\nJan service"),
        director: cm.Block(tnb.cells[-1].source)}
    assert cm.merge("tiny", "2026-03", tnb, output_root=out).carried_from == FEB
    assert cm.merge("tiny", "2026-05", tnb, output_root=out).carried_from is None


def test_a_renamed_section_takes_over_its_former_file_and_keeps_a_conflict(tmp_path, caplog):
    import datetime as dt

    tnb, out = _template(tmp_path), tmp_path / "out"
    cm.write_file(cm.commentary_path(out, JAN, "old"), {"commentary": cm.Block("file words")})
    executed = tmp_path / "run.ipynb"
    nbformat.write(cm.apply(tnb, {"commentary": "notebook words"}), str(executed))
    with caplog.at_level(logging.INFO):
        prepared = cm.merge("tiny", JAN, tnb, output_root=out, executed=executed, renamed={"old": "tiny"},
                            now=dt.datetime(2026, 1, 2, 3, 4, 5))
    assert _messages(caplog, logging.INFO) == [
        f"{WHERE}: commentary taken over from old.md (the section's former name)"]
    assert prepared.conflict.name == "old.md.conflict-20260102T030405"
    assert _messages(caplog) == [f"{WHERE}: commentary commentary edited both in the notebook and in old.md; the "
                                 "notebook's text is kept, the file's is saved as old.md.conflict-20260102T030405"]
    assert prepared.blocks["commentary"] == cm.Block("notebook words")


def test_an_analysts_data_comments_are_kept_with_a_warning_when_the_figures_change(tmp_path, caplog):
    tnb, out = _template(tmp_path, charts=("cp",)), tmp_path / "out"
    cm.merge("tiny", JAN, tnb, output_root=out, drafted={"data-comments:cp": "Draft 1"})
    path = cm.commentary_path(out, JAN, "tiny")
    blocks = cm.read_file(path)
    blocks["data-comments:cp"] = cm.Block("Analyst words")
    cm.write_file(path, blocks)
    with caplog.at_level(logging.WARNING):
        prepared = cm.merge("tiny", JAN, tnb, output_root=out, drafted={"data-comments:cp": "Draft 2"})
    assert prepared.blocks["data-comments:cp"] == cm.Block("Analyst words")
    assert _messages(caplog) == [
        f"{WHERE}: the data comments data-comments:cp were written by an analyst and the figures have changed since; "
        "check them (empty the cell to have them drafted again)"]



def test_a_renamed_section_reads_what_its_former_name_last_gave_the_notebook(tmp_path):
    tnb, out = _template(tmp_path), tmp_path / "out"
    old = cm.commentary_path(out, JAN, "old")
    cm.write_file(old, {"commentary": cm.Block("given words")})
    cm.merge("old", JAN, tnb, output_root=out)  # the state remembers the notebook was given "given words"
    cm.write_file(old, {**cm.read_file(old), "commentary": cm.Block("file words")})
    executed = tmp_path / "run.ipynb"
    nbformat.write(cm.apply(tnb, {"commentary": "given words"}), str(executed))
    prepared = cm.merge("tiny", JAN, tnb, output_root=out, executed=executed, renamed={"old": "tiny"})
    assert prepared.blocks["commentary"] == cm.Block("file words") and prepared.conflict is None
