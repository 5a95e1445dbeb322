"""Render the input contract as Markdown for analysts (docs/input_contract.md is generated from this)."""

from __future__ import annotations

from onapage.contract import Column, Contract, Dataset, load_contract

_TYPE_WORDS = {
    "id": "identifier",
    "text": "text",
    "int": "whole number",
    "number": "number",
    "date": "date",
    "datetime": "date and time",
    "yn": "Y / N",
    "code": "code",
}


def _column_row(col: Column) -> str:
    kind = _TYPE_WORDS[col.type] + (f" ([{col.codes}](#code-list-{col.codes.replace('_', '-')}))" if col.codes else "")
    needed = "required" if col.required else "optional"
    if col.since:
        needed += f" (from the template's {col.since} edition)"
    if not col.nullable:
        needed += ", never blank"
    aliases = ", ".join(col.aliases) or "-"
    personal = "yes" if col.personal else ""
    return f"| {col.heading} | `{col.name}` | {kind} | {needed} | {aliases} | {personal} |"


def _dataset_section(ds: Dataset) -> list[str]:
    where = f"sheet **{ds.sheet}** of the workbook, or `{ds.key}.csv`" if ds.kind == "annex_a" else f"`{ds.key}.csv`"
    lines = [f"### {ds.title} (`{ds.key}`)", "", f"Found as {where}; stored as table `{ds.table}`."]
    if ds.purpose:
        lines += ["", ds.purpose]
    lines += ["", f"Dated by `{ds.dated_by}` (used to check the data covers the period)."]
    if ds.unique:
        keys = "; ".join(" + ".join(f"`{c}`" for c in key) for key in ds.unique)
        lines.append(f"Unique: {keys}.")
    if ds.order:
        pairs = "; ".join(f"`{a}` on or before `{b}`" for a, b in ds.order)
        lines.append(f"Date order: {pairs}.")
    lines += [
        "",
        "| heading | store column | type | | also accepted | personal |",
        "|---|---|---|---|---|---|",
        *(_column_row(c) for c in ds.column_list()),
        "",
    ]
    return lines


def _code_section(name: str, codes: dict[str, tuple[str, ...]]) -> list[str]:
    lines = [f"### Code list: {name}", "", "| code | also accepted |", "|---|---|"]
    lines += [f"| `{code}` | {', '.join(alts) or '-'} |" for code, alts in codes.items()]
    return lines + [""]


_ANNEX_A_FORMS = [
    "The lists are read in any of these forms:",
    "",
    "- **The Ofsted Annex A template workbook**, any edition from 2020 to 2026: its headings and drop-down",
    "  values are accepted as it prints them (see [the template](#the-ofsted-annex-a-template)), and",
    "  `onapage validate` says which edition the headings match. A list laid out as an edition before one",
    "  that added columns to it (List 9 before 2023) is read without them: they are blank, with a warning,",
    "  and figures using them show n/a.",
    "- **A workbook as it arrives**: sheets named `List 1` ... `List 11`, also with a suffix (`List 1 - Contacts`);",
    "  title or instruction rows above the headings (up to 25 rows); columns in any order; blank rows;",
    "  cells formatted as dates or as text. Guidance, lookup and notes sheets are ignored, and a hidden",
    "  sheet gives way to a visible one holding the same list.",
    "- **One CSV per list**, such as a case-management export: any file name naming the list,",
    "  `list_1.csv`, `List 1 - Contacts.csv`, `AnnexA_List1_Contacts_202610.csv`.",
    "- **The Standard Safeguarding Dataset's Annex A scripts' output**: their column names",
    "  (`ChildUniqueID`, `DateOfContact`, `LoookedAfterStartDate`, ...) are accepted headings.",
    "",
    "Headings phrased as questions, or with `(Y/N)`, doubled punctuation, curly quotes or line breaks, match",
    "their column; one that no spelling matches but closely resembles a known heading (a typo, a word",
    "dropped) is read as it, with a warning naming both. Ages are whole years: an age the template's",
    "formula gives as `17.21` is read as 17, and a",
    "formula error or a negative age (an unborn child) as blank.",
    "",
]


def _template_section(contract: Contract) -> list[str]:
    template = contract.template
    editions = ", ".join(template.editions)
    lines = [
        "### The Ofsted Annex A template",
        "",
        f"Editions known: {editions}. Every edition's headings are accepted whatever the edition. Sources:",
        "Ofsted's Annex A guidance and template for inspections of local authority children's services;",
        "Social Finance's liia-tools Annex A schema and Data to Insight's Standard Safeguarding Dataset",
        "Annex A scripts, which record the template's wording",
        "(details in `lib/onapage/contract/annex_a_template.yml`).",
        "",
    ]
    for edition, changes in template.editions.items():
        for key, columns in template.added.get(edition, {}).items():
            named = ", ".join(f"`{c}`" for c in columns)
            lines.append(f"- {edition} edition: added {named} to {contract.dataset(key).sheet}.")
        if changes:
            renamed = "; ".join(f"`{c}` headed {h!r}" for c, h in changes.items())
            lines.append(f"- {edition} edition: {renamed} in every list.")
    lines += ["", "| list | headings, in the template's order |", "|---|---|"]
    latest = template.edition_headings(template.latest)
    for key, headings in latest.items():
        lines.append(f"| {contract.dataset(key).sheet} | {'; '.join(headings.values())} |")
    lines += [
        "",
        "Drop-down values (for example `a) Male`, `C2: FCO`, `f) U6: Foster placement - not FFA`,",
        "`U: Independent living`, `a) Yes`) are listed with their codes under [Code lists](#code-lists);",
        "the words of a value alone (`FCO`) are accepted where no other code of the list shares them.",
        "",
    ]
    return lines


def contract_markdown(contract: Contract | None = None) -> str:
    contract = contract or load_contract()
    lines = [
        "# Input contract",
        "",
        "<!-- Generated by `onapage contract` from lib/onapage/contract/*.yml: edit those, not this. -->",
        "",
        "Put the month's files in the authority's input folder (`input_dir` in `params/`).",
        "Headings are matched ignoring case, spaces and punctuation, and the alternatives listed are accepted.",
        "Codes may carry a letter prefix (`a) Male`) or be written as their description; `-` means blank.",
        "Dates may be ISO (`2019-02-28`), UK day-first (`28/02/2019`) or Excel dates.",
        "Columns marked *personal* identify a child and never appear in any output.",
        "",
        "## Ofsted Annex A lists",
        "",
        *_ANNEX_A_FORMS,
    ]
    for ds in contract.annex_a:
        lines += _dataset_section(ds)
    lines += _template_section(contract)
    lines += ["## Supplementary extracts", "", "Each is optional; pages that need a missing extract say so.", ""]
    for ds in contract.extracts:
        lines += _dataset_section(ds)
    lines += ["## Code lists", ""]
    for name, codes in contract.codes.items():
        lines += _code_section(name, codes)
    return "\n".join(lines).rstrip() + "\n"
