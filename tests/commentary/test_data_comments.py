"""A chart's data comments: drafted from the figures on every run, unless an analyst has written their own."""

import logging

import nbformat
import pytest
from commentary_support import DATA_NOTE, FEB, JAN, edit_file, edit_notebook, md, run, template

from onapage import commentary as cm
from onapage.booklet.content import prepare as booklet_prepare

KEY = "data-comments:cp_rate"


class Figures:
    """A stand-in for the page's drafter: the sentence says the figure the test set for the month."""

    def __init__(self, **figures):
        self.figures = figures
        self.calls = []

    def __call__(self, section, period, indicator_ids):
        self.calls.append((section, str(period), list(indicator_ids)))
        return {i: f"The rate in {period.label} is {self.figures[str(period)]}." for i in indicator_ids}


@pytest.fixture
def charted(tmp_path):
    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    template(notebooks / "tiny.ipynb", charts=("cp_rate",))
    return notebooks, out


def data_cell(executed):
    nb = nbformat.read(str(executed), as_version=4)
    [cell] = [c for c in nb.cells if cm.data_comments_indicator(c) == "cp_rate"]
    return cell


def test_first_run_puts_the_draft_in_the_cell_and_the_file(charted):
    figures = Figures(**{"2026-01": "41.2"})
    executed = run(charted, drafts=figures)
    assert figures.calls == [("tiny", "2026-01", ["cp_rate"])]
    assert data_cell(executed).source == "The rate in January 2026 is 41.2."
    assert cm.read_file(md(charted))[KEY] == cm.Block("The rate in January 2026 is 41.2.", cm.DRAFT)


def test_rerun_with_corrected_figures_redrafts_an_untouched_comment(charted):
    run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    executed = run(charted, drafts=Figures(**{"2026-01": "39.8"}))  # late data corrected the month
    assert data_cell(executed).source == "The rate in January 2026 is 39.8."
    assert cm.read_file(md(charted))[KEY].text == "The rate in January 2026 is 39.8."


def test_an_override_written_in_the_notebook_is_kept_with_a_warning_when_figures_change(charted, caplog):
    executed = run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    mine = "The rate is 41.2 – up because of one large sibling group (see the service analysis)."
    edit_notebook(executed, KEY, mine)
    with caplog.at_level(logging.WARNING, logger="onapage.commentary"):
        executed = run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    assert data_cell(executed).source == mine
    assert not caplog.records  # same figures: nothing to check
    with caplog.at_level(logging.WARNING, logger="onapage.commentary"):
        executed = run(charted, drafts=Figures(**{"2026-01": "39.8"}))
    assert data_cell(executed).source == mine and cm.read_file(md(charted))[KEY].text == mine
    assert "figures have changed" in caplog.text and KEY in caplog.text


def test_an_override_written_in_the_text_file_is_kept(charted):
    run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    edit_file(md(charted), KEY, "Written in the file.")
    executed = run(charted, drafts=Figures(**{"2026-01": "39.8"}))
    assert data_cell(executed).source == "Written in the file."


def test_emptying_the_cell_has_the_comment_drafted_again(charted):
    executed = run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    edit_notebook(executed, KEY, "An override.")
    executed = run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    edit_notebook(executed, KEY, "  \n")
    executed = run(charted, drafts=Figures(**{"2026-01": "40.0"}))
    assert data_cell(executed).source == "The rate in January 2026 is 40.0."


def test_a_signed_off_draft_stays_signed_unless_its_words_change(charted):
    run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    cm.sign(charted[1], JAN, "tiny", cm.SIGNED_OFF, "A. Head", at="2026-02-03T10:00")
    run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    assert cm.read_file(md(charted))[KEY].status == cm.SIGNED_OFF
    run(charted, drafts=Figures(**{"2026-01": "39.8"}))
    block = cm.read_file(md(charted))[KEY]
    assert (block.status, block.by) == (cm.DRAFT, None)  # the signed words are gone
    assert cm.read_file(md(charted))["commentary"].status == cm.SIGNED_OFF  # the analyst's words are not


def test_a_new_month_redrafts_drafted_comments_and_carries_overrides(tmp_path):
    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    template(notebooks / "tiny.ipynb", charts=("cp_rate", "cp_count"))
    env = notebooks, out
    figures = Figures(**{"2026-01": "41.2", "2026-02": "43.0"})
    executed = run(env, JAN, drafts=figures)
    edit_notebook(executed, "data-comments:cp_count", "Counts rose after the audit.")
    run(env, JAN, drafts=figures)
    run(env, FEB, drafts=figures)
    feb = cm.read_file(md(env, FEB))
    assert feb[KEY] == cm.Block("The rate in February 2026 is 43.0.", cm.DRAFT)  # January's draft not carried
    assert feb["data-comments:cp_count"] == cm.Block(
        "_Carried forward from January 2026: edit or replace._\n\nCounts rose after the audit.", cm.DRAFT)


def test_without_a_drafter_the_template_note_stays_and_the_booklet_leaves_it_out(charted):
    executed = run(charted)  # e.g. papermill run by hand, or the benchmark
    assert data_cell(executed).source == DATA_NOTE
    prepared = booklet_prepare(executed, "tiny")
    assert not any("data-comments" in c.metadata.get("tags", []) for c in prepared.nb.cells)


def test_booklet_labels_data_comments_and_does_not_count_them_as_commentary(charted):
    executed = run(charted, drafts=Figures(**{"2026-01": "41.2"}))
    prepared = booklet_prepare(executed, "tiny")
    [cell] = [c for c in prepared.nb.cells if "data-comments" in c.metadata.get("tags", [])]
    assert cell.source == "**Data comments**\n\nThe rate in January 2026 is 41.2."
    assert cell.metadata["onapage"]["data_comments"] is True and "commentary" not in cell.metadata["onapage"]
    assert prepared.commentary == "draft"  # the analysts' placeholders, not the data comments, decide


def test_a_chart_added_or_repointed_by_hand_gets_its_own_data_comments(tmp_path):
    """The chart cell above decides whose data comments a cell holds: a cell copied from another chart (its
    metadata still naming that chart's indicator), or one added with no metadata at all, is drafted for the
    indicator its chart draws."""
    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    path = template(notebooks / "tiny.ipynb", charts=("cp_rate",))
    nb = nbformat.read(str(path), as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if cm.data_comments_indicator(c) == "cp_rate")
    nb.cells[at - 1].source = 'page.trend("own_measure", comments=False)'  # the chart now draws another measure
    nb.cells[at + 1:at + 1] = [
        nbformat.v4.new_code_cell('page.trend("cp_count")'),
        nbformat.v4.new_markdown_cell(DATA_NOTE, metadata={"tags": ["commentary", "data-comments"]}),
    ]
    nbformat.write(nb, str(path))
    figures = Figures(**{"2026-01": "7"})
    executed = run((notebooks, out), drafts=figures)
    assert figures.calls == [("tiny", "2026-01", ["own_measure", "cp_count"])]
    cells = nbformat.read(str(executed), as_version=4).cells
    drafted = {cm.data_comments_indicator(c): c.source for c in cells if cm.data_comments_indicator(c)}
    assert drafted == {"own_measure": "The rate in January 2026 is 7.", "cp_count": "The rate in January 2026 is 7."}
    assert set(cm.read_file(md((notebooks, out)))) >= {"data-comments:own_measure", "data-comments:cp_count"}
