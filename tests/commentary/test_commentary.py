"""Commentary kept in text files per period and section, merged with the executed notebook on re-run.

The merge logic needs no kernel (see commentary_support.run).
"""

import logging
import shutil
from pathlib import Path

import nbformat
import pytest
from commentary_support import FEB, JAN, RICH, SERVICE, edit_file, edit_notebook, md, run, template

from onapage import commentary as cm
from onapage.periods import Period


def test_keys_come_from_tags_and_the_templates_first_heading(env):
    nb = nbformat.read(str(env[0] / "tiny.ipynb"), as_version=4)
    assert [k for _, k in cm.template_keys(nb)] == [
        "commentary", "service-analysis", "director:early-help-children-in-need-of-help-and-protection"]


def test_real_templates_have_stable_keys():
    root = Path(__file__).resolve().parents[2] / "notebooks"
    cover = nbformat.read(str(root / "cover.ipynb"), as_version=4)
    assert "director:workforce-and-practice-quality" in [k for _, k in cm.template_keys(cover)]
    cp = nbformat.read(str(root / "child_protection.ipynb"), as_version=4)
    assert [k for _, k in cm.template_keys(cp)] == [
        "data-comments:cp_children_at_period_end", "data-comments:cp_rate_per_10k",
        "data-comments:cp_second_subsequent_ever", "data-comments:cp_visits_within_10_working_days",
        "commentary", "service-analysis"]


def test_first_period_with_nothing_to_carry_starts_from_the_placeholders(env):
    executed = run(env)
    blocks = cm.read_file(md(env))
    assert list(blocks) == ["commentary", "service-analysis",
                            "director:early-help-children-in-need-of-help-and-protection"]
    assert blocks["service-analysis"] == cm.Block(SERVICE, cm.DRAFT)
    assert cm.harvest(executed)["service-analysis"] == SERVICE
    assert "<!-- commentary: service-analysis status=draft -->\n## Service analysis" in md(env).read_text("utf-8")


def test_rerun_keeps_an_edit_made_in_the_executed_notebook(env):
    executed = run(env)
    edit_notebook(executed, "commentary", "## Commentary\n\nWritten in the notebook.")
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nWritten in the notebook."
    assert cm.read_file(md(env))["commentary"].text == "## Commentary\n\nWritten in the notebook."
    assert not list(md(env).parent.glob("*.conflict-*"))


def test_an_edit_in_the_text_file_is_applied_on_rerun(env):
    run(env)
    edit_file(md(env), "service-analysis", "## Service analysis\n\nWritten in the file.")
    executed = run(env)
    assert cm.harvest(executed)["service-analysis"] == "## Service analysis\n\nWritten in the file."
    # and again: nothing changed on either side, nothing moves
    executed = run(env)
    assert cm.harvest(executed)["service-analysis"] == "## Service analysis\n\nWritten in the file."


def test_file_edit_survives_a_failed_run_that_left_the_old_notebook(env):
    executed = run(env)
    edit_file(md(env), "commentary", "## Commentary\n\nFile edit.")
    cm.prepare("tiny", JAN, notebooks_dir=env[0], output_root=env[1])  # prepared, but the run failed
    executed = run(env)  # the old executed notebook is still there
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nFile edit."


def test_both_edited_the_notebook_wins_with_a_warning_and_the_file_is_kept(env, caplog):
    executed = run(env)
    edit_notebook(executed, "commentary", "## Commentary\n\nNotebook version.")
    edit_file(md(env), "commentary", "## Commentary\n\nFile version.")
    before = md(env).read_bytes()
    with caplog.at_level(logging.WARNING, logger="onapage.commentary"):
        executed = run(env)
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nNotebook version."
    assert cm.read_file(md(env))["commentary"].text == "## Commentary\n\nNotebook version."
    conflicts = list(md(env).parent.glob("tiny.md.conflict-*"))
    assert len(conflicts) == 1 and conflicts[0].read_bytes() == before
    assert "edited both" in caplog.text


def test_non_ascii_tables_and_links_survive_byte_for_byte(env):
    executed = run(env)
    edit_notebook(executed, "commentary", RICH)
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == RICH
    assert RICH.encode("utf-8") in md(env).read_bytes()
    edit_file(md(env), "service-analysis", RICH.replace("£", "€"))
    executed = run(env)
    assert cm.harvest(executed)["service-analysis"] == RICH.replace("£", "€")
    assert cm.harvest(executed)["commentary"] == RICH


def test_read_write_round_trip_keeps_status_who_and_when(tmp_path):
    blocks = {"commentary": cm.Block(RICH, cm.SIGNED_OFF, "Jane O’Neil", "2026-02-03T10:00"),
              "service-analysis": cm.Block("text", cm.REVIEWED, "amy")}
    path = cm.write_file(tmp_path / "x.md", blocks)
    assert cm.read_file(path) == blocks


def test_a_section_removed_from_the_booklet_keeps_its_file_untouched(env):
    run(env, section="other")
    run(env, section="tiny")
    edit_file(md(env, section="other"), "commentary", "## Commentary\n\nKept.")
    before = md(env, section="other").read_bytes()
    (env[0] / "other.ipynb").unlink()  # the section leaves the booklet
    run(env, section="tiny")
    assert md(env, section="other").read_bytes() == before


def test_unknown_keys_are_kept_as_unplaced_commentary(env):
    run(env)
    blocks = cm.read_file(md(env))
    blocks["trends:old-heading"] = cm.Block("## Old heading\n\nText from a cell the template no longer has.")
    cm.write_file(md(env), blocks, order=["commentary", "service-analysis",
                                          "director:early-help-children-in-need-of-help-and-protection"])
    executed = run(env)
    text = md(env).read_text("utf-8")
    assert "Unplaced commentary" in text
    assert cm.read_file(md(env))["trends:old-heading"].text.endswith("the template no longer has.")
    nb = nbformat.read(str(executed), as_version=4)
    assert nb.metadata["onapage"]["unplaced_commentary"] == ["trends:old-heading"]


def test_carry_forward_from_the_previous_month_marked_draft(env):
    run(env, JAN)
    edit_file(md(env, JAN), "commentary", "## Commentary\n\nJanuary text.")
    blocks = cm.read_file(md(env, JAN))
    blocks["commentary"] = cm.Block(blocks["commentary"].text, cm.SIGNED_OFF, "jane", "2026-02-01")
    cm.write_file(md(env, JAN), blocks)
    executed = run(env, FEB)
    feb = cm.read_file(md(env, FEB))
    assert feb["commentary"] == cm.Block(
        "_Carried forward from January 2026: edit or replace._\n\n## Commentary\n\nJanuary text.", cm.DRAFT)
    assert cm.harvest(executed)["commentary"] == feb["commentary"].text
    assert feb["service-analysis"].text == SERVICE  # a placeholder is not carried
    # March carries February's text with one note, not two
    run(env, Period(2026, 3))
    mar = cm.read_file(md(env, Period(2026, 3)))["commentary"].text
    assert mar == "_Carried forward from February 2026: edit or replace._\n\n## Commentary\n\nJanuary text."


def test_an_existing_notebook_without_a_file_is_harvested_not_overwritten(env):
    executed = run(env)
    edit_notebook(executed, "commentary", "## Commentary\n\nWritten before files existed.")
    shutil.rmtree(md(env).parent)
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nWritten before files existed."


def test_a_notebook_executed_from_the_bare_template_does_not_wipe_the_commentary(env):
    run(env)
    edit_file(md(env), "commentary", "## Commentary\n\nKeep me.")
    run(env)
    executed = env[1] / "2026-01" / "notebooks" / "tiny.ipynb"
    shutil.copy(env[0] / "tiny.ipynb", executed)  # e.g. `onapage bench` ran the template itself
    executed = run(env)
    assert cm.harvest(executed)["commentary"] == "## Commentary\n\nKeep me."


def test_sign_sets_status_who_and_when_and_keeps_the_text(env):
    run(env)
    edit_file(md(env), "commentary", RICH)
    before = cm.read_file(md(env))
    cm.sign(env[1], JAN, "tiny", cm.REVIEWED, "Amy Ng", key="commentary", at="2026-02-02T09:00")
    assert cm.section_status(env[1], JAN, "tiny")["status"] == cm.DRAFT
    blocks = cm.sign(env[1], JAN, "tiny", cm.SIGNED_OFF, "Jane O’Neil", at="2026-02-03T10:00")
    after = cm.read_file(md(env))
    assert after == blocks and {k: b.text for k, b in after.items()} == {k: b.text for k, b in before.items()}
    status = cm.section_status(env[1], JAN, "tiny")
    assert status["status"] == cm.SIGNED_OFF
    assert status["blocks"]["commentary"] == {"status": "signed-off", "by": "Jane O’Neil", "at": "2026-02-03T10:00"}
    assert cm.section_status(env[1], JAN, "nothing")["status"] == "no-file"
    with pytest.raises(cm.SignOffError):
        cm.sign(env[1], JAN, "tiny", "approved", "x")
    # a re-run with no edits keeps the sign-off; an edit in the notebook makes the block a draft again
    executed = run(env)
    assert cm.section_status(env[1], JAN, "tiny")["status"] == cm.SIGNED_OFF
    edit_notebook(executed, "commentary", "## Commentary\n\nChanged after sign-off.")
    run(env)
    assert cm.read_file(md(env))["commentary"].status == cm.DRAFT


def test_booklet_marks_written_but_unsigned_commentary_as_draft(env):
    from onapage.booklet import content

    run(env)
    edit_file(md(env), "commentary", "## Commentary\n\nWritten, not signed off.")
    executed = run(env)
    prepared = content.prepare(executed, "tiny")
    cells = [c for c in prepared.nb.cells if content.is_commentary(c)]
    assert cells[0].source.startswith('<p class="commentary-draft">Draft commentary (draft)')
    assert cells[0].source.endswith("Written, not signed off.")
    assert not cells[1].source.startswith("<p")  # still the placeholder: "not yet written" handles it
    cm.sign(env[1], JAN, "tiny", cm.SIGNED_OFF, "Jane")
    prepared = content.prepare(executed, "tiny")
    assert [c for c in prepared.nb.cells if content.is_commentary(c)][0].source == \
        "## Commentary\n\nWritten, not signed off."


def test_a_renamed_section_takes_over_its_commentary_this_month(env):
    executed = run(env, JAN, section="tiny")
    edit_notebook(executed, "commentary", RICH)
    template(env[0] / "small.ipynb")  # the section is renamed: tiny -> small
    prepared = cm.prepare("small", JAN, notebooks_dir=env[0], output_root=env[1], renamed={"tiny": "small"})
    assert cm.read_file(md(env, JAN, "small"))["commentary"].text == RICH  # from the old name's notebook
    assert cm.harvest(prepared)["commentary"] == RICH
    assert cm.read_file(md(env, JAN, "tiny"))["commentary"].text != RICH  # the old file left as it was


def test_a_renamed_section_carries_forward_from_its_former_name_in_steps(env):
    executed = run(env, JAN, section="tiny")
    edit_notebook(executed, "commentary", "## Commentary\n\nJanuary, when it was tiny.")
    run(env, JAN, section="tiny")
    template(env[0] / "smaller.ipynb")
    renamed = {"tiny": "small", "small": "smaller"}
    cm.prepare("smaller", FEB, notebooks_dir=env[0], output_root=env[1], renamed=renamed)
    assert cm.read_file(md(env, FEB, "smaller"))["commentary"] == cm.Block(
        "_Carried forward from January 2026: edit or replace._\n\n## Commentary\n\nJanuary, when it was tiny.",
        cm.DRAFT)
    cm.prepare("other", FEB, notebooks_dir=env[0], output_root=env[1], renamed=renamed)
    assert "January" not in md(env, FEB, "other").read_text()  # nothing of tiny's for an unrelated section
    assert cm.former_names("smaller", renamed) == ["small", "tiny"]


def test_renamed_sections_in_the_booklet_file_are_checked(tmp_path):
    from onapage.config import ConfigError, load_booklet

    path = tmp_path / "booklet.yml"
    path.write_text("products: {b: {title: B, sections: [x]}}\nrenamed_sections: {a: b, b: a}\n")
    with pytest.raises(ConfigError, match="loop from 'a'"):
        load_booklet(path)
    assert load_booklet().renamed_sections == {}
