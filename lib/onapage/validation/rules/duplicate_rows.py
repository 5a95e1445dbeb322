"""The same record supplied twice: whole rows repeated."""

from __future__ import annotations

from onapage.validation.gate import Case, Context, Rule, per_table
from onapage.validation.table import Table, rows_text

NAME = "duplicate_rows"
# A handful of identical rows can be genuine (two contacts about one child on one day from one
# source); more than this share of a list repeated is the same records supplied twice.
BLOCK_SHARE, BLOCK_ROWS = 0.005, 10


def check(table: Table, ctx: Context):
    frame = table.frame
    if frame.empty:
        return []
    repeated = frame.duplicated(keep="first").to_numpy().copy()
    unreadable = ctx.inputs.unreadable.get(table.dataset.key, {})
    if unreadable:  # two rows alike only because their unreadable values are both missing are not repeats
        odd = set().union(*(set(bad.index) for bad in unreadable.values()))
        repeated &= ~frame.index.isin(list(odd))
    copies = int(repeated.sum())
    if not copies:
        return []
    rows = table.rows()
    example = rows_text([int(r) for r in rows[repeated]], limit=5)
    if copies > max(BLOCK_ROWS, BLOCK_SHARE * len(frame)):
        return [
            table.finding(
                "error",
                f"{copies:,} rows repeat earlier rows exactly ({copies / len(frame):.1%} of the list; rows {example}): "
                "the same records supplied twice?",
                expected="each record once",
                rows=copies,
            )
        ]
    title = table.dataset.sheet or table.dataset.key
    return [
        table.finding(
            "warning",
            f"{copies} rows repeat earlier rows exactly (rows {example}); each is counted",
            expected="each record once, unless two records are genuinely identical",
            rows=copies,
            caveat=f"{title}: {copies} repeated rows counted",
        )
    ]


def _contacts(n: int, repeat: int) -> list[dict[str, str]]:
    rows = [{"Child Unique ID": f"C{i}", "Date of Contact": "01/02/2019"} for i in range(n)]
    return rows + rows[:repeat]


RULE = Rule(
    name=NAME,
    order=65,
    title="Duplicate rows",
    explains=f"Rows repeated exactly are an error when they are more than {BLOCK_ROWS} and more than "
    f"{BLOCK_SHARE:.1%} of the list (the same records supplied twice); fewer are counted, with a warning "
    "that marks the figures using the list.",
    check=per_table(check, NAME),
    cases=(
        Case("a list supplied twice", given={"list_1": _contacts(20, 20)}, expect=[("error", None, None)]),
        Case("one repeated contact", given={"list_1": _contacts(20, 1)}, expect=[("warning", None, None)]),
        Case("no repeats", given={"list_1": _contacts(5, 0)}, expect=[]),
    ),
)
