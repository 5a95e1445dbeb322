"""Bookmark titles read back from the PDF as their headings read."""

import pytest

from onapage.booklet.pdf import bookmark_title


@pytest.mark.parametrize(("written", "heading"), [
    ("ScorecardScorecard", "Scorecard"),
    ("Front door / MASHFront door / MASH", "Front door / MASH"),
    ("Child protection", "Child protection"),
    ("  Workforce ", "Workforce"),
    ("Aa", "Aa"),
    ("", ""),
])
def test_a_heading_written_twice_over_reads_once(written, heading):
    assert bookmark_title(written) == heading
