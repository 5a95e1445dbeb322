"""Before a build, words edited in the commentary file are brought into the executed notebook under a run's rules,
so the booklet shows them without running the section again."""

import logging

import nbformat
from commentary_support import JAN, SERVICE, edit_file, edit_notebook, md, run

from onapage import commentary as cm
from onapage.booklet import content

WORDS = "## Commentary\n\nPlans fell to 170 after two sibling groups' plans ended."


def bring_in(env):
    notebooks, out = env
    return cm.bring_in("tiny", JAN, nbformat.read(str(notebooks / "tiny.ipynb"), as_version=4), output_root=out)


def commentary_cells(executed):
    return [c for c in content.prepare(executed, "tiny").nb.cells if content.is_commentary(c)]


def test_words_edited_in_the_file_and_signed_off_reach_the_notebook_the_booklet_is_built_from(env):
    executed = run(env)
    text = md(env).read_text("utf-8").replace("_Analyst: commentary for the month._",
                                              "Plans fell to 170 after two sibling groups' plans ended.")
    md(env).write_text(text, "utf-8")  # the analyst edits the text file, not the notebook
    cm.sign(env[1], JAN, "tiny", cm.SIGNED_OFF, "Jane", key="commentary")
    assert commentary_cells(executed)[0].source != WORDS  # the notebook still holds the prompt

    prepared = bring_in(env)
    assert prepared.conflict is None
    assert cm.harvest(executed)["commentary"] == WORDS
    assert cm.harvest(executed)["service-analysis"] == SERVICE  # the rest as it was
    shown = commentary_cells(executed)[0]
    assert shown.source == WORDS and shown.metadata["onapage"]["commentary"] == content.WRITTEN  # no draft mark
    assert cm.read_file(md(env))["commentary"] == cm.Block(WORDS, cm.SIGNED_OFF, "Jane",
                                                           cm.read_file(md(env))["commentary"].at)
    # and the next run neither conflicts nor loses them
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == WORDS
    assert not list(md(env).parent.glob("*.conflict-*"))


def test_a_second_build_leaves_the_notebook_as_it_is(env):
    executed = run(env)
    edit_file(md(env), "commentary", WORDS)
    bring_in(env)
    before = executed.read_bytes()
    bring_in(env)
    assert executed.read_bytes() == before


def test_edited_in_both_the_notebook_wins_and_the_file_is_kept_beside_it(env, caplog):
    executed = run(env)
    edit_file(md(env), "commentary", WORDS)
    edit_notebook(executed, "commentary", "## Commentary\n\nWritten in the notebook.")
    with caplog.at_level(logging.WARNING):
        prepared = bring_in(env)
    assert prepared.conflict is not None and WORDS in prepared.conflict.read_text("utf-8")
    assert "edited both in the notebook and in tiny.md" in caplog.text
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nWritten in the notebook."
    assert cm.read_file(md(env))["commentary"].text == "## Commentary\n\nWritten in the notebook."


def test_a_notebook_edited_in_jupyterlab_keeps_its_words_at_a_build(env):
    executed = run(env)
    edit_notebook(executed, "commentary", "## Commentary\n\nWritten in the notebook.")
    bring_in(env)
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nWritten in the notebook."
    assert cm.read_file(md(env))["commentary"].text == "## Commentary\n\nWritten in the notebook."


def test_without_a_commentary_file_or_a_notebook_nothing_is_done(env):
    executed = run(env)
    md(env).unlink()
    before = executed.read_bytes()
    assert bring_in(env) is None
    assert executed.read_bytes() == before and not md(env).exists()
    executed.unlink()
    run_again = cm.bring_in("other", JAN, nbformat.read(str(env[0] / "other.ipynb"), as_version=4), output_root=env[1])
    assert run_again is None
