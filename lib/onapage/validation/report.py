"""The gate's findings as an analyst reads them: grouped by file, then a table of the rules run."""

from __future__ import annotations

from onapage.inputs.model import NOT_SUPPLIED
from onapage.validation.findings import Finding
from onapage.validation.table import plural as _plural

# --- report -----------------------------------------------------------------------------------


def _line(finding: Finding) -> str:
    where = []
    if finding.row is not None:
        where.append(f"row {finding.row}")
    if finding.column:
        where.append(f"column {finding.column!r}")
    found = f" (found {finding.value!r})" if finding.value not in (None, "") else ""
    expected = f"; expected {finding.expected}" if finding.expected else ""
    place = f"{', '.join(where)}: " if where else ""
    return f"  {finding.severity.upper():7} {place}{finding.message}{found}{expected}"


def summarise(findings: list[Finding]) -> str:
    """A readable report of the findings, grouped by file (and sheet), files with errors first.

    Lists and extracts that were not supplied are listed together at the end.
    """
    if not findings:
        return "Input check: no problems found."
    errors = sum(f.is_error for f in findings)
    missing = [f for f in findings if f.message.endswith(NOT_SUPPLIED) and not f.is_error]
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in findings:
        if finding not in missing:
            groups.setdefault((finding.file, finding.sheet), []).append(finding)
    lines = [
        f"Input check: {_plural(errors, 'error')} and {_plural(len(findings) - errors, 'warning')}"
        + (f" in {_plural(len(groups), 'file')}" if groups else "")
        + (f"; {len(missing)} lists or extracts not supplied" if missing else "")
        + "."
    ]
    ordered = sorted(groups.items(), key=lambda item: not any(f.is_error for f in item[1]))
    for (file, sheet), group in ordered:
        n_errors = sum(f.is_error for f in group)
        title = f"{file}, sheet {sheet!r}" if sheet else file
        lines += ["", f"{title}: {_plural(n_errors, 'error')}, {_plural(len(group) - n_errors, 'warning')}"]
        lines += [_line(f) for f in sorted(group, key=lambda f: not f.is_error)]
    if missing:
        lines += ["", "Not supplied (pages using these will show n/a):"]
        lines += [
            f"  {f.message.removesuffix(NOT_SUPPLIED).strip()} [{f.file}"
            + (f", sheet {f.sheet!r}]" if f.sheet else "]")
            for f in missing
        ]
    return "\n".join(lines)


def rules_table(findings: list[Finding]) -> str:
    """The gate at a glance: every rule run, with its errors, warnings and the rows they concern."""
    from onapage.validation.gate import all_rules

    counts = {rule.name: [0, 0, 0] for rule in all_rules()}
    titles = {rule.name: rule.title for rule in all_rules()}
    titles[""] = "Reading the files"
    counts = {"": [0, 0, 0], **counts}
    for finding in findings:
        if finding.message.endswith(NOT_SUPPLIED):
            continue
        tally = counts.setdefault(finding.rule, [0, 0, 0])
        tally[0 if finding.is_error else 1] += 1
        tally[2] += finding.rows
    width = max(len(t) for t in titles.values())
    lines = [f"{'Data-quality gate':<{width}}  errors  warnings  rows affected", "-" * (width + 33)]
    for name, (errors, warnings, rows) in counts.items():
        lines.append(f"{titles.get(name, name):<{width}}  {errors:>6}  {warnings:>8}  {rows:>13,}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    lines.append("-" * (width + 33))
    lines.append(f"{f'{len(counts) - 1} rules run':<{width}}  {total[0]:>6}  {total[1]:>8}  {total[2]:>13,}")
    return "\n".join(lines)
