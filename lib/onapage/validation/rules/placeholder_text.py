"""Text read as no value ("N/A", "null", "Unknown") in a column whose blank means something, and dates
that stand for no date (31/12/9999, 01/01/1900) read as blank."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table

NAME = "placeholder_text"
# A dash alone, used for every blank of a column, is a convention (the template's); words are not.
DASHES = {"-", "--"}
_MEANING = {
    "date": "no date: the event has not happened (a plan with no end date is still open)",
    "datetime": "no date: the event has not happened",
    "yn": "no answer, neither yes nor no",
    "code": "no code",
}


def check(table: Table, ctx: Context):
    out = []
    for name, tokens in ctx.inputs.placeholders.get(table.dataset.key, {}).items():
        column = table.dataset.columns[name]
        if column.type not in _MEANING or not table.present(column):
            continue
        words = {t: n for t, n in tokens.items() if t and t not in DASHES}
        dashes = {t: n for t, n in tokens.items() if t in DASHES}
        mixed = dashes and tokens.get("", 0)  # some blanks written "-", others left empty
        suspect = words | (dashes if mixed else {})
        if not suspect:
            continue
        heading = table.heading(column)
        listed = ", ".join(f"{t!r} ({n:,} rows)" for t, n in sorted(suspect.items(), key=lambda x: -x[1]))
        rows = sum(suspect.values())
        where = table.dataset.sheet or table.dataset.title
        out.append(
            table.finding(
                "warning",
                f"{listed} read as {_MEANING[column.type]}",
                column=heading,
                expected="a value, or the cell left empty",
                rows=rows,
                caveat=f"{where}: {rows:,} placeholder(s) in {heading!r} read as blank",
            )
        )
    if found := _no_dates(table, ctx):
        out.append(found)
    return out


def _no_dates(table: Table, ctx: Context):
    """One warning for the file (or sheet): the dates standing for no date read as blank, how many,
    which, and in which columns. No caveat: blank is what they mean, so no figure is in doubt."""
    by_column = {
        table.heading(table.dataset.columns[name]): dates
        for name, dates in ctx.inputs.no_dates.get(table.dataset.key, {}).items()
        if dates and table.present(table.dataset.columns[name])
    }
    if not by_column:
        return None
    written: dict[str, int] = {}
    for dates in by_column.values():
        for text, n in dates.items():
            written[text] = written.get(text, 0) + n
    rows = sum(written.values())
    which = ", ".join(f"{t!r} ({n:,})" for t, n in sorted(written.items(), key=lambda x: -x[1]))
    columns = ", ".join(f"{h!r} ({sum(d.values()):,})" for h, d in by_column.items())
    return table.finding(
        "warning",
        f"{rows:,} cell(s) hold a date written for no date, {which}: read as blank (not happened yet, or still "
        f"open), in {columns}",
        column=next(iter(by_column)) if len(by_column) == 1 else None,
        expected="a date, or the cell left empty",
        rows=rows,
    )


def _plans(*ends: str) -> list[dict[str, str]]:
    return [
        {
            "Child Unique ID": f"C{i}",
            "Child Protection Plan Start Date": "03/01/2019",
            "Child Protection Plan End Date": end,
        }
        for i, end in enumerate(ends)
    ]


RULE = Rule(
    name=NAME,
    order=85,
    title="Placeholder text",
    explains="Words standing for no value (N/A, null, Unknown, #N/A) in a date, Y/N or code column, or a dash "
    "used for some blanks but not others, are read as blank with a warning that names the column, says what "
    "the blank means and marks the figures using the list. Dates that database extracts write for no date "
    "(31/12/9999 for an open end, 01/01/1900) are read as blank with one warning per file saying how many "
    "and in which columns, without marking the figures: blank is what they mean.",
    check=per_table(check, NAME),
    cases=(
        Case(
            "N/A as an end date reopens a plan",
            given={"list_7": _plans("N/A", "", "01/02/2019")},
            expect=[("warning", "Child Protection Plan End Date", None)],
        ),
        Case(
            "a dash for every blank is the template's way", given={"list_7": _plans("-", "-", "01/02/2019")}, expect=[]
        ),
        Case(
            "a dash for some blanks only",
            given={"list_7": _plans("-", "", "01/02/2019")},
            expect=[("warning", "Child Protection Plan End Date", None)],
        ),
        Case(
            "31/12/9999 as an end date: open plans, one warning for the file",
            given={"list_7": _plans("31/12/9999", "9999-12-31 00:00:00", "01/01/1900", "01/02/2019")},
            expect=[("warning", "Child Protection Plan End Date", None)],
        ),
        Case(
            "no-date dates in two columns: still one warning",
            given={
                "list_11": [
                    {
                        "Adopter ID": "A1",
                        "Date enquiry received": "03/01/2019",
                        "Date Stage 1 started": "01/01/1900",
                        "Date of leaving adoption process": "31/12/9999",
                    },
                    {
                        "Adopter ID": "A2",
                        "Date enquiry received": "04/01/2019",
                        "Date Stage 1 started": "01/01/1900",
                        "Date of leaving adoption process": "31/12/9999",
                    },
                ]
            },
            expect=[("warning", None, None)],
        ),
    ),
)
