"""Words are never lost: commentary files in other encodings, repeated markers, notebooks that lost cells,
section names that would leave the folder, saves in JupyterLab, and the progress of each block."""

import logging

import nbformat
import pytest
from commentary_support import JAN, SERVICE, edit_file, edit_notebook, md, run

from onapage import commentary as cm
from onapage import labhook
from onapage.layout import BadSectionName, OutputLayout, section_name

POUND = "## Commentary\n\nSpend was £1,250 per child – up on last month."


def _rewrite(path, text: str, encoding: str, bom: bytes = b""):
    path.write_bytes(bom + text.encode(encoding))


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""), ("cp1252", b""),
])
def test_a_file_saved_in_any_common_encoding_is_read_and_written_back_as_utf8(env, encoding, bom):
    run(env)
    text = md(env).read_text("utf-8").replace(
        "## Commentary\n\n_Analyst: commentary for the month._", POUND).replace("\n", "\r\n")
    _rewrite(md(env), text, encoding, bom)
    assert cm.read_file(md(env))["commentary"].text == POUND
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == POUND
    raw = md(env).read_bytes()
    assert raw.decode("utf-8").count("£1,250") == 1 and b"\r\n" not in raw and not raw.startswith(b"\xef\xbb\xbf")


def test_a_windows_1252_file_can_be_signed(env):
    run(env)
    _rewrite(md(env), md(env).read_text("utf-8").replace("commentary for the month", "£5 a head"), "cp1252")
    cm.sign(env[1], JAN, "tiny", cm.REVIEWED, "A. Manager")
    assert "£5 a head" in md(env).read_text("utf-8")


def test_a_repeated_marker_keeps_both_blocks_words(env, caplog):
    run(env)
    text = md(env).read_text("utf-8")
    text += "\n<!-- commentary: commentary status=draft -->\n## Commentary\n\nA second go at the words.\n"
    md(env).write_text(text, "utf-8")
    with caplog.at_level(logging.WARNING):
        blocks = cm.read_file(md(env))
    assert blocks["commentary"].text == "## Commentary\n\n_Analyst: commentary for the month._"
    assert blocks["commentary~2"].text == "## Commentary\n\nA second go at the words."
    assert "appears more than once" in caplog.text
    run(env)  # written again: the later block is kept, unplaced, not dropped
    again = md(env).read_text("utf-8")
    assert "A second go at the words." in again
    assert again.index("Unplaced commentary") < again.index("A second go at the words.")
    cm.sign(env[1], JAN, "tiny", cm.REVIEWED, "A. Manager")  # and signing keeps it too
    assert cm.read_file(md(env))["commentary~2"].text == "## Commentary\n\nA second go at the words."


@pytest.mark.parametrize("bad", ["../../x", "a/b", "/etc/passwd", "..", "", "X;rm"])
def test_section_names_that_would_leave_the_folder_are_refused(env, bad):
    with pytest.raises(BadSectionName):
        section_name(bad)
    with pytest.raises(BadSectionName):
        OutputLayout(env[1]).period(JAN).commentary_file(bad)
    with pytest.raises(cm.SignOffError, match="not a section name"):
        cm.sign(env[1], JAN, bad, cm.SIGNED_OFF, "A. Manager")
    assert not (env[1].parent / "x.md").exists()


def test_a_renamed_section_from_booklet_yml_must_be_a_section_name():
    from pydantic import ValidationError

    from onapage.config import Booklet

    with pytest.raises(ValidationError, match="not a section name"):
        Booklet(products={"b": {"title": "B", "sections": ["a"]}}, renamed_sections={"../../x": "a"})
    with pytest.raises(ValidationError, match="not a section name"):
        Booklet(products={"b": {"title": "B", "sections": ["../a"]}})


def _lose_a_commentary_cell_and_run_again(env, caplog, *, prepared_before_keys: bool = False):
    """Remove the service-analysis cell from the executed notebook (its words kept in the file), run again:
    the cell must come back with the file's words and a warning."""
    executed = run(env)
    if prepared_before_keys:
        _prepared_before_keys_were_recorded(executed)
    edit_file(md(env), "service-analysis", "## Service analysis\n\nKept in the file.")
    nb = nbformat.read(str(executed), as_version=4)
    nb.cells = [c for c in nb.cells if c.metadata.get("onapage", {}).get("commentary_key") != "service-analysis"]
    nbformat.write(nb, str(executed))
    with caplog.at_level(logging.WARNING):
        executed = run(env)
    assert "lost its commentary cell service-analysis" in caplog.text
    assert cm.harvest(executed)["service-analysis"] == "## Service analysis\n\nKept in the file."


def test_a_notebook_that_lost_a_commentary_cell_is_rebuilt_with_a_warning_and_the_words_kept(env, caplog):
    _lose_a_commentary_cell_and_run_again(env, caplog)


# --------------------------------------------------------------------------- saving in JupyterLab


def test_saving_a_section_notebook_writes_its_commentary_file(env):
    executed = run(env)
    edit_notebook(executed, "commentary", "## Commentary\n\nTyped in JupyterLab.")
    prepared = labhook.save_commentary(executed, template=env[0] / "tiny.ipynb")
    assert prepared.conflict is None and not prepared.missing
    assert cm.read_file(md(env))["commentary"].text == "## Commentary\n\nTyped in JupyterLab."
    # the next run neither conflicts nor loses the words
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nTyped in JupyterLab."
    assert not list(md(env).parent.glob("*.conflict-*"))


def test_a_save_that_conflicts_with_the_text_file_is_shown_to_the_analyst(env, monkeypatch):
    executed = run(env)
    edit_file(md(env), "service-analysis", "## Service analysis\n\nWritten in the file.")
    edit_notebook(executed, "service-analysis", "## Service analysis\n\nWritten in the notebook.")
    monkeypatch.setattr(labhook, "_template", lambda section: env[0] / f"{section}.ipynb")
    with pytest.raises(labhook.SavedWithWarning, match=r"nothing is lost.*saved as tiny\.md\.conflict-"):
        labhook.post_save(model={"type": "notebook"}, os_path=str(executed))
    assert cm.read_file(md(env))["service-analysis"].text == "## Service analysis\n\nWritten in the notebook."
    kept = list(md(env).parent.glob("tiny.md.conflict-*"))
    assert len(kept) == 1 and "Written in the file." in kept[0].read_text("utf-8")


def test_a_save_keeps_the_last_runs_drafted_data_comments_remembered(tmp_path):
    from commentary_support import template

    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    template(notebooks / "tiny.ipynb", charts=("ind_a",))
    executed = run((notebooks, out), drafts=lambda s, p, ids: {"ind_a": "Drafted: 10 children."})
    labhook.save_commentary(executed, template=notebooks / "tiny.ipynb")
    # a new draft replaces the old one: the saved draft is not mistaken for an analyst's words
    executed = run((notebooks, out), drafts=lambda s, p, ids: {"ind_a": "Drafted: 12 children."})
    assert cm.harvest(executed)["data-comments:ind_a"] == "Drafted: 12 children."


@pytest.mark.parametrize("name", ["README.md", "notes/x.ipynb", "notebooks/Untitled.ipynb",
                                  "notebooks/tiny.failed.ipynb"])
def test_other_files_are_left_alone_on_save(env, name):
    path = env[1] / "2026-01" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}")
    assert labhook.save_commentary(path, template=env[0] / "tiny.ipynb") is None


# --------------------------------------------------------------------------- progress


def test_each_block_says_what_is_left_to_do(env):
    run(env)
    path = md(env)
    edit_file(path, "commentary", "_Carried forward from December 2025: edit or replace._\n\n## Commentary\n\nOld.")
    edit_file(path, "service-analysis", SERVICE.replace("_Analyst: the actions._", "We will recruit."))
    edit_file(path, "director:early-help-children-in-need-of-help-and-protection", "### Early help\n\nOn track.")
    cm.sign(env[1], JAN, "tiny", cm.SIGNED_OFF, "A. Manager",
            key="director:early-help-children-in-need-of-help-and-protection")
    rows = {(r.section, r.key): r for r in cm.progress(env[1], JAN, ["tiny", "other"])}
    assert (rows[("tiny", "commentary")].state, rows[("tiny", "commentary")].partly) == (cm.CARRIED, False)
    # words written under one question, the other question's prompt still there
    assert rows[("tiny", "service-analysis")].state == cm.DRAFT and rows[("tiny", "service-analysis")].partly
    director = rows[("tiny", "director:early-help-children-in-need-of-help-and-protection")]
    assert (director.state, director.by) == (cm.SIGNED_OFF, "A. Manager")
    assert rows[("other", "-")].state == cm.EMPTY


def test_a_block_with_only_its_headings_and_prompts_is_empty():
    assert cm.block_state(SERVICE, cm.Block(SERVICE)) == (cm.EMPTY, False)
    assert cm.block_state("", cm.Block("")) == (cm.EMPTY, False)
    written = SERVICE.replace("_Analyst: explain the figures._", "More referrals.").replace(
        "_Analyst: the actions._", "Recruit.")
    assert cm.block_state(written, cm.Block(written, cm.REVIEWED)) == (cm.REVIEWED, False)
    drafted = "There were 10 children."
    assert cm.block_state(drafted, cm.Block(drafted), cm.text_hash(drafted)) == (cm.DRAFTED, False)


# --------------------------------------------------------------------------- a template that gains a chart


def _add_chart(template_path, indicator: str) -> None:
    """The template gains a chart as the section templates pair them: its code cell, then its data comments."""
    from commentary_support import DATA_NOTE
    from nbformat.v4 import new_code_cell, new_markdown_cell

    nb = nbformat.read(str(template_path), as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if cm.is_commentary(c) and not cm.data_comments_indicator(c))
    nb.cells[at:at] = [
        new_code_cell(f'page.trend("{indicator}", comments=False)  # its data comments are in the cell below'),
        new_markdown_cell(DATA_NOTE, metadata={"tags": ["commentary", "data-comments"],
                                               "onapage": {"indicator": indicator}}),
    ]
    nbformat.write(nb, str(template_path))


def _prepared_before_keys_were_recorded(executed) -> None:
    nb = nbformat.read(str(executed), as_version=4)
    nb.metadata.get("onapage", {}).pop("commentary_keys", None)
    nbformat.write(nb, str(executed))


@pytest.mark.parametrize("recorded", [True, False], ids=["notebook", "older-notebook"])
def test_a_template_that_gains_a_chart_draws_no_warning_of_a_lost_cell(tmp_path, caplog, recorded):
    from commentary_support import template

    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    template(notebooks / "tiny.ipynb", charts=("ind_a",))
    executed = run((notebooks, out), drafts=lambda s, p, ids: {i: f"Drafted {i}." for i in ids})
    if not recorded:
        _prepared_before_keys_were_recorded(executed)
    edit_file(md((notebooks, out)), "commentary", "## Commentary\n\nKept.")
    _add_chart(notebooks / "tiny.ipynb", "ind_b")
    saved = labhook.save_commentary(executed, template=notebooks / "tiny.ipynb")  # a save before the next run
    assert not saved.missing
    with caplog.at_level(logging.WARNING):
        executed = run((notebooks, out), drafts=lambda s, p, ids: {i: f"Drafted {i}." for i in ids})
    assert "lost" not in caplog.text
    harvested = cm.harvest(executed)
    assert harvested["data-comments:ind_b"] == "Drafted ind_b."
    assert harvested["data-comments:ind_a"] == "Drafted ind_a."
    assert harvested["commentary"] == "## Commentary\n\nKept."


def test_a_run_that_failed_after_the_template_gained_a_chart_draws_no_warning_next_time(tmp_path, caplog):
    from commentary_support import template

    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    template(notebooks / "tiny.ipynb")
    run((notebooks, out))
    _add_chart(notebooks / "tiny.ipynb", "ind_b")
    cm.prepare("tiny", JAN, notebooks_dir=notebooks, output_root=out)  # prepared, then the section failed
    with caplog.at_level(logging.WARNING):
        executed = run((notebooks, out))
    assert "lost" not in caplog.text
    assert "data-comments:ind_b" in cm.harvest(executed)


def test_an_older_notebook_that_lost_a_commentary_cell_still_gets_it_back_with_a_warning(env, caplog):
    _lose_a_commentary_cell_and_run_again(env, caplog, prepared_before_keys=True)
