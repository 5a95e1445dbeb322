"""No personal data in anything published: no child's ID or date of birth from the inputs appears in the
booklet's HTML, the PDF's text or the published manifest.

The IDs and dates of birth are read from the demo's Annex A list CSVs (every list with those columns).
A date of birth is looked for as the inputs write it (2016-04-21) and as a page might print it (21/04/2016,
21 April 2016, 21 Apr 2016), except the long forms of the dates the booklet legitimately prints (period
ends, the build date), which a child's birthday may happen to share.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from datetime import date, datetime

import pytest

ID_HEADINGS = {"child unique id", "childuniqueid", "child id"}
DOB_HEADINGS = {"date of birth", "dob"}


@pytest.fixture(scope="module")
def people(demo_month):
    ids: set[str] = set()
    dobs: set[date] = set()
    for path in sorted(demo_month.inputs.glob("list_*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            id_cols = [h for h in reader.fieldnames or [] if h.strip().lower() in ID_HEADINGS]
            dob_cols = [h for h in reader.fieldnames or [] if h.strip().lower() in DOB_HEADINGS]
            for row in reader:
                ids.update(row[c].strip() for c in id_cols if row[c] and row[c].strip())
                for c in dob_cols:
                    if row[c] and row[c].strip():
                        dobs.add(datetime.strptime(row[c].strip()[:10], "%Y-%m-%d").date())
    assert len(ids) > 500 and len(dobs) > 500  # the demo's lists were read
    return ids, dobs


MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_UK = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_MONTH_ABBR = "|".join(m[:3] for m in MONTHS)
_LONG = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH_ABBR})[a-z]* (\d{{4}})(?!\d)", re.IGNORECASE)


def _dates(text: str) -> tuple[set[date], set[date]]:
    """(dates written in figures, dates written with the month in words) found in the text."""

    def make(y, m, d):
        try:
            return date(int(y), int(m), int(d))
        except ValueError:
            return None

    numeric = {make(y, m, d) for y, m, d in _ISO.findall(text)} | {make(y, m, d) for d, m, y in _UK.findall(text)}
    words = {make(y, next(i for n, i in MONTHS.items() if n.startswith(mon.lower())), d)
             for d, mon, y in _LONG.findall(text)}
    return numeric - {None}, words - {None}


def _allowed_long_dates(period) -> set[date]:
    """Dates the booklet prints in words on purpose: the ends of the trend months, and today (the build)."""
    return {p.end for p in period.trend(25)} | {date.today()}


def _find(text: str, people, period) -> list[str]:
    ids, dobs = people
    words = set(re.findall(r"[A-Za-z]{0,6}\d{3,}[A-Za-z0-9]*", text))
    found = sorted(words & ids)
    numeric, in_words = _dates(text)
    found += sorted(d.isoformat() for d in numeric & dobs)
    found += sorted(d.isoformat() for d in (in_words & dobs) - _allowed_long_dates(period))
    return found


def test_no_child_id_or_date_of_birth_in_the_html(built, people, demo_month):
    html = built.html.read_text(encoding="utf-8")
    assert _find(html, people, demo_month.period) == []


def test_no_child_id_or_date_of_birth_in_the_pdf_text(built, people, demo_month):
    if built.pdf is None:
        pytest.skip("no browser here to print the PDF")
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed; text in a PDF is not plain bytes")
    text = subprocess.run([exe, str(built.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Performance Matters" in text and "October 2026" in text  # the extraction works
    assert _find(text, people, demo_month.period) == []


def test_no_child_id_or_date_of_birth_in_the_published_manifest(built, people, demo_month, tmp_path):
    if built.pdf is None:
        pytest.skip("publishing needs the PDF")
    from onapage.publish import publish

    done = publish(demo_month.settings, demo_month.period, tmp_path / "intranet", allow_unsigned=True)
    for path in done.folder.parent.rglob("*"):
        if path.suffix in (".json", ".html") and path.name != "booklet.html":
            assert _find(path.read_text(encoding="utf-8"), people, demo_month.period) == [], path


def test_the_check_would_catch_an_id(people, demo_month):
    ids, dobs = people
    some_id, some_dob = sorted(ids)[0], sorted(dobs)[0]
    assert _find(f"<td>{some_id}</td>", people, demo_month.period) == [some_id]
    assert _find(f"born {some_dob:%d/%m/%Y}", people, demo_month.period) == [some_dob.isoformat()]
    assert _find(f"born {some_dob.day} {some_dob:%B %Y}", people, demo_month.period) == [some_dob.isoformat()]
    assert _find(f"born {some_dob:%Y-%m-%d}", people, demo_month.period) == [some_dob.isoformat()]


def test_the_check_passes_near_misses_it_must_not_mistake_for_a_child(people, demo_month):
    """One digit off, a longer number that contains an ID, a day either side of a birthday: not a child's."""
    from datetime import timedelta

    ids, dobs = people
    some_id, some_dob = sorted(ids)[0], sorted(dobs)[0]
    one_off = next(some_id[:-1] + d for d in "0123456789" if some_id[:-1] + d not in ids)
    longer = next(some_id + d for d in "0123456789" if some_id + d not in ids)
    assert _find(f"<td>{one_off}</td><td>{longer}</td>", people, demo_month.period) == []
    for near in (some_dob - timedelta(days=1), some_dob + timedelta(days=1)):
        if near not in dobs:
            assert _find(f"born {near:%d/%m/%Y}", people, demo_month.period) == []
