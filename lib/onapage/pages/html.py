"""Shared helpers for the page modules (tables, charts, comments).

One place for: formatting a number by the indicator's unit (so a table, a chart label and a
drafted comment always print the same figure the same way), escaping text from data,
the CSS class names and the small stylesheet they rely on, the wording of an indicator as a
noun phrase ("the percentage of assessments completed within 45 working days"), and
reading figures out of the engine's LONG table.
"""

from __future__ import annotations

import html as _html
import math
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from onapage.periods import Period

# --------------------------------------------------------------------------- missing values


def missing(x: Any) -> bool:
    """None, NaN, pd.NA and NaT all count as missing."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def as_float(x: Any) -> float | None:
    return None if missing(x) else float(x)


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(str(period))


# --------------------------------------------------------------------------- numbers

BLANK = "-"  # what a cell shows when there is no figure (as the seeds do)

UNIT_WORDS = {
    "count": "Number",
    "percent": "Percentage",
    "rate_per_10k": "Rate per 10,000 children",
    "days": "Days",
    "weeks": "Weeks",
    "hours": "Hours",
    "ratio": "Ratio",
    "average": "Average",
}


def half_up(value: float, decimals: int) -> Decimal:
    """Rounded half away from zero at `decimals`, as Excel and the seeds round (85.25 -> 85.3),
    on the number as written (its shortest repr), not its binary approximation."""
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)


def _trim(text: str) -> str:
    """'85.0' -> '85', '85.50' -> '85.5' (only after a decimal point)."""
    if "." not in text:
        return text
    return text.rstrip("0").rstrip(".")


def fmt(value: Any, unit: str, decimals: int = 1, *, trim: bool = False) -> str:
    """A figure as the booklet prints it: count '1,234', percent '85.3%', rate/days/average '23.4'.

    Counts print without decimals when whole (an FTE count of 12.5 keeps its decimal).
    `trim` drops trailing zeros after the point ('85%' rather than '85.0%'), as a sentence
    quoting a target does. Missing values print as '-'.
    """
    if missing(value):
        return BLANK
    v = float(value)
    if math.isinf(v):
        return BLANK
    d = max(int(decimals), 0)
    whole = unit == "count" and float(v).is_integer()
    text = f"{round(v):,}" if whole else f"{half_up(v, max(d, 1) if unit == 'count' else d):,}"
    if re.fullmatch(r"-0(?:\.0*)?", text):
        text = text[1:]  # never print '-0.0'
    if trim:
        text = _trim(text)
    return f"{text}%" if unit == "percent" else text


# Units a bare figure does not show: a figure in days reads '460 days', never a bare '460'.
UNIT_NOUNS = {"days": ("day", "days"), "weeks": ("week", "weeks"), "hours": ("hour", "hours")}


def with_unit(text: str, unit: str) -> str:
    """A printed figure with its unit's noun when the figure alone does not show it: '460 days', '1 day'."""
    if unit not in UNIT_NOUNS or text == BLANK:
        return text
    one, many = UNIT_NOUNS[unit]
    return f"{text} {one if text == '1' else many}"


def unit_note(unit: str) -> str:
    """What a row or column heading adds for a unit the figures do not show: ' (days)'; '' otherwise."""
    return f" ({UNIT_NOUNS[unit][1]})" if unit in UNIT_NOUNS else ""


def fmt_quantity(value: Any, unit: str, decimals: int = 1, *, trim: bool = False) -> str:
    """`fmt` with the unit's noun where the figure needs it: '17.2 days', '85.3%', '1,234'."""
    return with_unit(fmt(value, unit, decimals, trim=trim), unit)


def fmt_variance(variance: Any) -> str:
    """The KPI box's variance, a fraction, as a percentage with negatives in brackets: '(21.1%)'."""
    if missing(variance):
        return BLANK
    pct = half_up(float(variance) * 100, 1)
    text = f"{abs(pct):,}%"
    return f"({text})" if pct < 0 else text


def fmt_target(target: Any, tolerance: Any, unit: str, decimals: int = 1) -> str:
    """A target with its amber tolerance, as the key explains RAG: '95.0% ±5'; '-' without a target."""
    if missing(target):
        return BLANK
    shown = fmt(target, unit, decimals)
    if missing(tolerance) or float(tolerance) == 0:
        return shown
    return f"{shown}\u00a0±{fmt(tolerance, 'number', decimals, trim=True)}"  # kept on one line


def fmt_points(diff: float, decimals: int = 1) -> str:
    """An absolute gap between two percentages: '1.0 percentage point', '2.5 percentage points'."""
    amount = half_up(abs(diff), max(decimals, 1))
    return f"{amount:,} percentage point" + ("" if amount == 1 else "s")


def fmt_change_pct(new: float, old: float) -> str:
    """The relative change from old to new (old not zero) as '5.3%' (or 'less than 0.1%')."""
    pct = half_up(abs(new - old) / abs(old) * 100, 1)
    return "less than 0.1%" if pct == 0 else f"{pct:,}%"


def shown_value(value: float, unit: str, decimals: int) -> Decimal:
    """The figure as the page prints it (a count to the whole number), so that a change is worked out
    between the figures a reader sees: 20.5% to 20.4% is 0.1 points, whatever lies behind them."""
    return half_up(value, 0 if unit == "count" else decimals)


def same_at_precision(a: float, b: float, unit: str, decimals: int) -> bool:
    """Whether two figures print the same (so a change too small to see is no change)."""
    return shown_value(a, unit, decimals) == shown_value(b, unit, decimals)


# --------------------------------------------------------------------------- text and HTML

def esc(text: Any) -> str:
    """Escape any text that came from data (titles, categories, messages) before it goes in HTML."""
    return _html.escape("" if missing(text) else str(text), quote=True)


RAG_CLASSES = {"Green": "rag-green", "Amber": "rag-amber", "Red": "rag-red"}
DOT_CLASSES = {"positive": "dot-positive", "negative": "dot-negative", None: "dot-neutral"}

# Inline styles doubling the stylesheet for the parts that must work wherever the fragment is
# pasted (a page that forgot the stylesheet, an e-mail): hidden labels stay hidden, and the
# judgement colours show. Colour is never the only signal: the word, symbol or label is there too.
HIDDEN_STYLE = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
                "clip:rect(0,0,0,0);white-space:nowrap;border:0")
RAG_STYLES = {"Green": "background:#00703c;color:#ffffff", "Amber": "background:#ffdd00;color:#0b0c0c",
              "Red": "background:#b10e1e;color:#ffffff"}
DOT_STYLES = {"positive": "color:#00703c", "negative": "color:#b10e1e", None: "color:#505a5f"}


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def markdown_text(text: str) -> str:
    """Plain text that Markdown shows as written (its emphasis, link and HTML characters escaped)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def hidden(text: str) -> str:
    """Text for screen readers only (already-escaped HTML in, span out)."""
    return f'<span class="visually-hidden" style="{HIDDEN_STYLE}">{text}</span>'


RAG_SYMBOLS = {"Green": "●", "Amber": "▲", "Red": "■"}  # as judgements.RAG_SYMBOLS

# The legend the seeds print under their tables, in their order.
DOT_LEGEND = [
    ("↑", "positive", "positive upward change"),
    ("↓", "positive", "positive downward change"),
    ("↑", "negative", "negative upward change"),
    ("↓", "negative", "negative downward change"),
    ("↔", None, "no change"),
]

# Opens the page stylesheet, so a booklet built by a later version knows an executed notebook's copy as
# an older edition of its own (which it replaces) and not as a notebook's own styles.
PAGE_STYLES_MARK = "/* onapage page styles */"
# Colours for the judgement classes (text on these backgrounds passes WCAG AA, 4.5:1).
STYLESHEET = PAGE_STYLES_MARK + """
.onapage .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;padding:0!important;
 margin:-1px!important;overflow:hidden!important;clip:rect(0,0,0,0)!important;white-space:nowrap!important;
 border:0!important}
.onapage{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c}
.onapage table.onapage-table{border-collapse:collapse;font-size:0.95rem;margin:0 0 0.5rem}
.onapage table.onapage-table caption{text-align:left;font-weight:600;padding:0 0 0.4rem}
.onapage table.onapage-table th,.onapage table.onapage-table td{border-bottom:1px solid #b1b4b6;
 padding:0.3rem 0.6rem;vertical-align:top}
.onapage table.onapage-table thead th{background:#f3f2f1;text-align:right}
.onapage table.onapage-table thead th:first-child,.onapage table.onapage-table tbody th,
.onapage table.onapage-table tfoot th{text-align:left;font-weight:400}
.onapage table.improvement-plan thead th:nth-child(2){text-align:left}
.onapage table.onapage-table td{text-align:right;font-variant-numeric:tabular-nums}
.onapage table.onapage-table tr.total th,.onapage table.onapage-table tr.total td{font-weight:600;
 border-top:2px solid #0b0c0c}
.onapage .rag{white-space:nowrap;font-weight:600;text-align:center}
@media screen{.onapage .rag-basis{display:block;font-weight:400;font-size:.85em}}
.onapage .rag-green{background:#00703c;color:#fff}
.onapage .rag-amber{background:#ffdd00;color:#0b0c0c}
.onapage .rag-red{background:#b10e1e;color:#fff}
.onapage .dot{text-align:center;font-weight:700}
.onapage .dot-positive{color:#00703c}
.onapage .dot-negative{color:#b10e1e}
.onapage .dot-neutral{color:#505a5f}
.onapage .na{color:#505a5f}
.onapage td.caveat sup,.onapage .caveat-mark{color:#b10e1e;font-weight:700}
.onapage th.month{white-space:nowrap}
.onapage .table-notes{font-size:0.85rem;color:#505a5f;margin:0.2rem 0 1rem;padding-left:1.4rem}
.onapage dl.kpi-box{display:grid;grid-template-columns:auto auto;gap:0.2rem 0.8rem;border:1px solid #b1b4b6;
 padding:0.5rem 0.8rem;margin:0;width:max-content}
.onapage dl.kpi-box dt{font-weight:600}
.onapage dl.kpi-box dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
.onapage ul.dot-legend{list-style:none;display:flex;flex-wrap:wrap;gap:0.4rem 1.2rem;padding:0;font-size:0.9rem}
.onapage .data-comments{border-left:4px solid #1d4f7c;padding:0.2rem 0.8rem;margin:0.5rem 0 1rem}
.onapage .data-comments-label{font-weight:600;margin:0 0 0.2rem}
.onapage figure.onapage-chart{margin:0 0 1rem}
.onapage figure.onapage-chart figcaption{font-weight:600;margin:0 0 0.3rem}
.onapage figure.onapage-chart svg{max-width:100%;height:auto}
.onapage details.chart-data summary{cursor:pointer;color:#1d4f7c}
""".strip()


def style_tag() -> str:
    return f"<style>{STYLESHEET}</style>"


class HtmlFragment:
    """A piece of page HTML: `.html` is the fragment; a notebook cell shows it with the stylesheet.

    The page assembler includes `STYLESHEET` once and concatenates `.html`; in a notebook each
    displayed fragment carries the (small) stylesheet so colours and hidden labels work there too.
    """

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return f'<div class="onapage">{style_tag()}{self.html}</div>' if self.html else ""

    def __html__(self) -> str:  # Jinja / MarkupSafe
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.html)} characters of HTML)"

    def __eq__(self, other) -> bool:
        return isinstance(other, HtmlFragment) and other.html == self.html

    __hash__ = None  # mutable-looking value object


BASIS_LABELS = {"month": "month", "ytd": "year to date", "rolling12": "rolling 12 months", "snapshot": "at month end"}


def basis_label(basis: str, kind: str = "month") -> str:
    """What a figure counts, in the words of the product's period: 'month' / 'quarter' / 'year', 'at quarter end';
    at a year's end the year to date is the whole year."""
    if basis == "month":
        return kind
    if basis == "snapshot":
        return f"at {kind} end"
    if basis == "ytd" and kind == "year":
        return "full year"
    return BASIS_LABELS.get(basis, basis)


def _end_month(p: Period) -> Period:
    return Period.containing(p.end)


def year_to_date_span(p: Period) -> str:
    """'Apr-26 to Oct-26': the months a year-to-date figure counts, from the financial year's April to the
    period's last month (a quarter's 'Apr-26 to Sep-26'); a whole financial year is itself ('2025-26')."""
    if p.kind == "year":
        return p.short_label
    return f"{Period(p.financial_year_start.year, 4).short_label} to {_end_month(p).short_label}"


def basis_heading(period: Any, basis: str) -> str:
    """A column heading saying what its figures count: 'Oct-26 (month)', 'Apr-26 to Oct-26 (year to date)',
    'Oct-26 (at month end)', '12 months to Oct-26'; 'Q2 26-27 (quarter)', '2025-26 (full year)'."""
    p = as_period(period)
    if basis == "ytd":
        return f"{year_to_date_span(p)} ({basis_label(basis, p.kind)})"
    if basis == "rolling12":
        return f"12 months to {_end_month(p).short_label}"
    return f"{p.short_label} ({basis_label(basis, p.kind)})"


# what a table's caption says once when its column headings carry only the periods
def basis_in_caption(basis: str, kind: str = "month") -> str | None:
    """'in each month', 'at each quarter end', 'year to date' (a year's: 'full year'); None for other bases."""
    return {"month": f"in each {kind}", "snapshot": f"at each {kind} end",
            "ytd": basis_label("ytd", kind)}.get(basis)


def month_heading(period: Any, basis: str) -> str:
    """A column heading for a table whose caption carries the basis: 'Oct-26' for a month or a month
    end, 'Apr-26 to Oct-26' for a year to date, the full basis heading otherwise."""
    p = as_period(period)
    if basis == "ytd":
        return year_to_date_span(p)
    return p.short_label if basis_in_caption(basis) else basis_heading(p, basis)


def caption_with_basis(caption: str, basis: str, kind: str = "month") -> str:
    """'Current legal status (at each month end)': the caption of a table headed by periods alone."""
    words = basis_in_caption(basis, kind)
    return f"{caption} ({words})" if words else caption


def figure_tag(indicator: str, period: Any, basis: str) -> str:
    """The attributes naming the one (indicator, period, basis) a displayed figure is.

    Every figure the booklet shows from the saved results carries them on the element whose text is
    the figure, so a check over the built booklet can find any figure shown twice with two values.
    """
    return f' data-indicator="{esc(indicator)}" data-period="{esc(str(period))}" data-basis="{esc(basis)}"'


def tagged_figure(text: str, tag: str) -> str:
    """The figure's text in a span carrying its tag ('' tag: the text as it is)."""
    return f"<span{tag}>{esc(text)}</span>" if tag else esc(text)


def footnote_cell(text: str, note: str, notes: list[str], css: str = "na", tag: str = "") -> str:
    """A cell showing `text` with a numbered note below the table (`notes` collects them in order).

    The note is also on the title (hover) and, for screen readers, read inside the cell. `tag`
    (from `figure_tag`) marks the text as a figure from the saved results.
    """
    if note not in notes:
        notes.append(note)
    n = notes.index(note) + 1
    return (f'<td class="{css}"><span title="{esc(note)}"{tag}>{esc(text)}</span><sup aria-hidden="true">{n}</sup>'
            f'{hidden(" (" + esc(note) + ")")}</td>')


def notes_list(notes: list[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return f'<ol class="table-notes" aria-label="Notes">{items}</ol>'


# Statuses whose figure is shown: "caveat" is a figure the data-quality gate warned of, shown with a
# marker and a note (the engine's message says what the warning was).
SHOWN = ("ok", "caveat")


def has_figure(status: Any) -> bool:
    return status in SHOWN


def caveat_note(message: Any) -> str:
    text = str(message).strip() if not missing(message) else ""
    if text.lower().startswith(("data quality", "revised from")):
        return text
    return f"data quality: {text or 'see the input check'}"


def not_available_note(message: Any, status: Any = None) -> str:
    """'n/a: not supplied: List 7 (...)' - why a figure is missing, from the engine's message.

    A query that failed says so without its database error (that is in the run log, not for readers).
    """
    if status == "failed":
        return "n/a: could not be calculated (see the run log)"
    if not missing(message) and str(message).strip():
        return f"n/a: {str(message).strip()}"
    if not missing(status) and not has_figure(status):
        return f"n/a: {str(status).replace('_', ' ')}"
    return "n/a: no figure for this period"


# --------------------------------------------------------------------------- wording

_DROP_SUFFIXES = re.compile(r"\s*\((?:%|former NI\d+|[A-Z]\d+-style)\)\s*$")
_FROM_APRIL = re.compile(r"\s*(?:\((?:from|since) April\)|(?:from|since) April|in the year to date|\(YTD\))\s*$",
                         re.IGNORECASE)
_LEADS = ("number of", "percentage of", "proportion of", "rate of", "average", "timeliness of", "progress",
          "current number", "total number", "turnover", "mean")


def lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym ('CIN plans' stays, 'Children' -> 'children')."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    letters = [c for c in first if c.isalpha()]
    if len(letters) > 1 and sum(c.isupper() for c in letters) > 1:
        return text
    return text[0].lower() + text[1:]


def clean_title(title: str, *, monthly: bool = False) -> str:
    """The title without the '(%)' style tags; `monthly` also drops 'from April'."""
    text = _DROP_SUFFIXES.sub("", title.strip())
    if monthly:
        text = _FROM_APRIL.sub("", text)
    return text.strip()


def subject_phrase(title: str, unit: str, *, monthly: bool = False) -> str:
    """An indicator as a noun phrase: 'the percentage of assessments completed within 45 working days'.

    Titles that already say what they measure ('Rate of ...', 'Average ...', '... rate') keep
    their own words.
    """
    text = lower_first(clean_title(title, monthly=monthly))
    low = text.lower()
    if low.startswith(_LEADS) or low.endswith((" rate", " rates")) or " number of " in f" {low} ":
        return f"the {text}"
    if unit == "percent":
        return f"the percentage of {text}"
    if unit == "rate_per_10k":
        return f"the rate of {text}" if "per 10,000" in low else f"the rate of {text} per 10,000 children"
    if unit == "count":
        return f"the number of {text}"
    if unit in ("days", "weeks", "average", "ratio"):
        return f"the {text}" if low.startswith(("average", "mean", "median")) else f"the average for {text}"
    return f"the figure for {text}"


SHORT_SUBJECT = {
    "count": "the number",
    "percent": "the percentage",
    "rate_per_10k": "the rate",
    "days": "the average",
    "weeks": "the average",
    "average": "the average",
    "ratio": "the ratio",
}


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- reading the long table

def long_rows(long: pd.DataFrame, indicator_id: str, basis: str | None = None, *,
              periods: list[Period] | None = None, breakdown: bool | None = None) -> pd.DataFrame:
    """The long table's rows for one indicator (and basis, periods); `breakdown` True keeps
    category rows, False keeps headline rows (category missing), None keeps both."""
    mask = long["indicator_id"] == indicator_id
    if basis is not None:
        mask &= long["basis"] == basis
    if periods is not None:
        mask &= long["period"].astype(str).isin([str(p) for p in periods])
    if breakdown is True:
        mask &= long["category"].notna()
    elif breakdown is False:
        mask &= long["category"].isna()
    return long[mask]


def headline_cells(long: pd.DataFrame, indicator_id: str, basis: str,
                   periods: list[Period]) -> dict[str, Mapping[str, Any] | None]:
    """period -> the long row (as a dict) for the indicator's headline figure, or None."""
    rows = long_rows(long, indicator_id, basis, periods=periods, breakdown=False)
    out: dict[str, Mapping[str, Any] | None] = {str(p): None for p in periods}
    for rec in rows.to_dict("records"):
        key = str(rec["period"])
        if out.get(key) is None:
            out[key] = rec
    return out


NOT_LOADED = "n/a: not in the data loaded"


def why_no_figures(long: pd.DataFrame, indicator_id: str, basis: str, periods: list[Period]) -> dict[str, str]:
    """Period -> why the indicator has no headline figure for it: the engine's reason (a list loaded from a later
    date) or, with no result at all, that the data loaded does not reach it. Periods with a figure are left out."""
    cells = headline_cells(long, indicator_id, basis, periods)
    return {key: NOT_LOADED if rec is None else not_available_note(rec.get("message"), rec.get("status"))
            for key, rec in cells.items() if row_value(rec) is None}


def row_value(rec: Mapping[str, Any] | None) -> float | None:
    """The value of a long row if it has one to show."""
    if rec is None or not has_figure(rec.get("status")):
        return None
    return as_float(rec.get("value"))
