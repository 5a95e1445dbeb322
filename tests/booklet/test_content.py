"""What of a notebook reaches readers: placeholders, commentary status, headings, dropped cells."""

import nbformat
import pytest

from onapage.booklet.content import (
    DRAFT,
    NONE,
    WRITTEN,
    commentary_status,
    demote_headings,
    has_placeholder,
    prepare,
    replace_placeholders,
)

SERVICE_ANALYSIS = ("## Service analysis\n\n**Why does the data look the way it does?**\n\n"
                    "_Analyst: explain the figures above._\n\n**What are you going to do about it?**\n\n"
                    "Recruit two more social workers.\n\n**When are you going to do it by?**\n\n"
                    "_Analyst: dates and owner._")


@pytest.mark.parametrize("text, expected", [
    ("_Analyst: overview of the month._", True),
    ("### Early help\n\n_Director: commentary on early help._", True),
    ("*Analyst: written with asterisks*", True),
    (SERVICE_ANALYSIS, True),
    ("## Commentary\n\nContacts rose by 5% after the schools returned.", False),
    ("The analyst said: fine.", False),
])
def test_placeholder_paragraphs_are_recognised(text, expected):
    assert has_placeholder(text) is expected


def test_placeholders_replaced_but_headings_prompts_and_written_answers_kept():
    out = replace_placeholders(SERVICE_ANALYSIS, "MARK")
    assert out.count("MARK") == 2
    assert "Recruit two more social workers." in out
    assert "**Why does the data look the way it does?**" in out and out.startswith("## Service analysis")
    assert "_Analyst" not in out


def _nb(*sources, tags=("commentary",)):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(s, metadata={"tags": list(tags)})
                                           for s in sources])


def test_commentary_status_draft_written_none():
    assert commentary_status(_nb("## Commentary\n\n_Analyst: overview._")) == DRAFT
    assert commentary_status(_nb("## Commentary\n\nAll on track.", SERVICE_ANALYSIS)) == DRAFT  # one unfinished
    assert commentary_status(_nb("## Commentary\n\nAll on track.")) == WRITTEN
    assert commentary_status(_nb("# Notes", tags=())) == NONE


def test_headings_move_down_a_level_outside_code():
    text = "## Trends\n\n```\n## not a heading\n```\n\n### Sub\n\n###### deepest"
    assert demote_headings(text) == "### Trends\n\n```\n## not a heading\n```\n\n#### Sub\n\n###### deepest"


def test_prepare_drops_the_analysts_note_parameters_streams_and_keeps_outputs_and_commentary(tmp_path):
    from booklet_support import fake_executed_notebook

    path = fake_executed_notebook(tmp_path / "x.ipynb", "child_protection", title="Child protection")
    prepared = prepare(path, "child_protection")
    sources = [c.source for c in prepared.nb.cells]
    assert not any("A note for analysts" in s for s in sources)
    assert not any("injected" in str(c.metadata) or "parameters" in str(c.metadata) for c in prepared.nb.cells)
    outputs = [o for c in prepared.nb.cells if c.cell_type == "code" for o in c.outputs]
    assert all(o["output_type"] == "execute_result" for o in outputs) and len(outputs) == 2
    assert prepared.has_header and prepared.commentary == DRAFT
    assert "### Headline measures" in sources  # under the page title
    commentary = [c for c in prepared.nb.cells if "commentary" in c.metadata.get("tags", [])]
    assert commentary[0].metadata["onapage"]["commentary"] == DRAFT


def test_prepare_can_drop_the_page_header_and_reports_errors(tmp_path):
    from booklet_support import fake_executed_notebook

    error = nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=["KeyError: 'x'"])
    path = fake_executed_notebook(tmp_path / "cover.ipynb", "cover", extra_outputs=[error])
    prepared = prepare(path, "cover", drop_header=True)
    assert not prepared.has_header
    assert not any("page-header" in str(o) for c in prepared.nb.cells for o in c.get("outputs", []))
    assert "## Headline measures" in [c.source for c in prepared.nb.cells]  # not demoted: no page title above
    assert any("KeyError" in w for w in prepared.warnings)
