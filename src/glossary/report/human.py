"""The human report: findings grouped by file, the line with a marker, a summary at the end."""

from __future__ import annotations

import io
from collections import Counter
from typing import Callable, TextIO

from glossary.check import CheckResult
from glossary.findings import Finding
from glossary.textwidth import display_width

CONTEXT = 24  # characters shown each side of a match on long lines

_COLOURS = {"error": "31", "warning": "33", "info": "36", "path": "1", "code": "35",
            "dim": "2", "marker": "32"}


def counted(number: int, noun: str) -> str:
    """``counted(1, "file")`` → "1 file", ``counted(3, "fix")`` → "3 fixes"."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {noun}es" if noun.endswith(("s", "x", "ch", "sh")) else f"{number} {noun}s"


def _painter(colour: bool) -> Callable[[str, str], str]:
    if not colour:
        return lambda text, _kind: text
    return lambda text, kind: f"\x1b[{_COLOURS[kind]}m{text}\x1b[0m"


def render_human(result: CheckResult, line_of: Callable[[str, int], str], *,
                 colour: bool = False, show_source: bool = True, verbose: bool = False) -> str:
    """The human report as one string (see :func:`write_human`)."""
    buffer = io.StringIO()
    write_human(result, line_of, buffer, colour=colour, show_source=show_source, verbose=verbose)
    return buffer.getvalue()


def write_human(result: CheckResult, line_of: Callable[[str, int], str], stream: TextIO, *,
                colour: bool = False, show_source: bool = True, verbose: bool = False) -> None:
    """Findings by file, each as ``path:line:col: CODE message (suggestion)``, then a summary.

    *line_of(path, line)* returns the text of a line of a checked file (for the marker).
    Written to *stream* a file at a time.
    """
    paint = _painter(colour)
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, []).append(finding)
    facts = {f.path: f for f in result.files}
    for path, findings in by_file.items():
        out: list[str] = []
        fact = facts.get(path)
        heading = paint(path, "path")
        if fact is not None and fact.kind == "text":
            heading += paint(f"  ({script_of(fact)}, {fact.encoding})", "dim")
        out.append(heading)
        for f in findings:
            fixable = paint(" [fixable]", "dim") if f.fix else ""
            out.append(
                f"{path}:{f.line}:{f.column}: {paint(f.code, 'code')} "
                f"{paint(f.severity, f.severity)}: {f.text()}{fixable}"
            )
            if show_source and f.end_column > f.column or (show_source and f.end_line > f.line):
                out.extend(_excerpt(f, line_of(path, f.line), paint))
        out.append("")
        stream.write("\n".join(out) + "\n")
    out = []
    if verbose:
        for fact in result.files:
            if fact.path not in by_file:
                out.append(paint(f"{fact.path}  ({script_of(fact)}, {fact.encoding}): "
                                 f"{counted(fact.terms, 'term')}, no findings", "dim"))
    out.extend(_summary(result, paint))
    stream.write("\n".join(out) + "\n")


def script_of(fact) -> str:
    """"traditional script, Hong Kong forms": a file's script, and its region if traditional."""
    region = getattr(fact, "region", None)
    where = {"taiwan": ", Taiwan forms", "hong-kong": ", Hong Kong forms"}.get(region, "")
    return f"{fact.script} script{where}"


def _excerpt(f: Finding, line: str, paint) -> list[str]:
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    left = max(0, start - CONTEXT)
    right = min(len(line), end + CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    pad = display_width(prefix + line[left:start])
    marks = "^" * max(1, display_width(line[start:end]))
    gutter = f"{f.line:>5} | "
    return [paint(gutter, "dim") + shown, " " * (len(gutter) - 2) + paint("| ", "dim")
            + " " * pad + paint(marks, "marker")]


def _summary(result: CheckResult, paint) -> list[str]:
    from glossary.rules import BY_CODE

    lines = []
    checked = len(result.files)
    for path, why in result.skipped:
        lines.append(f"{path}: skipped: {why}")
    if not result.findings:
        lines.append(f"No findings in {counted(checked, 'file')}.")
        return lines
    severities = Counter(f.severity for f in result.findings)
    parts = [counted(severities[s], s) if s != "info" else f"{severities[s]} info"
             for s in ("error", "warning", "info") if severities[s]]
    fixable = sum(1 for f in result.findings if f.fix)
    lines.append(f"Found {counted(len(result.findings), 'finding')} in {counted(checked, 'file')}: "
                 f"{', '.join(parts)}"
                 + (f"; {fixable} fixable with --fix." if fixable else "."))
    lines.append("")
    lines.append("By rule:")
    for code, count in sorted(Counter(f.code for f in result.findings).items()):
        rule = BY_CODE.get(code)
        lines.append(f"  {paint(code, 'code')} {rule.name if rule else '':<22} {count:>6}")
    by_entry = Counter(f.entry_id for f in result.findings if f.entry_id)
    if by_entry:
        lines.append("By entry:")
        width = max(32, *map(len, by_entry))  # long ids keep the counts in one column
        for entry_id, count in sorted(by_entry.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {entry_id:<{width}} {count:>6}")
    return lines


def render_stats(result: CheckResult) -> str:
    """Every entry found, each form as written, and its count per file."""
    files = [f.path for f in result.files if f.kind == "text"]
    short = {path: f"#{i + 1}" for i, path in enumerate(files)}
    lines = ["Files: " + "  ".join(f"{short[p]} {p}" for p in files), ""]
    header = ["entry", "form", "total"] + [short[p] for p in files]
    rows = []
    for entry_id in sorted(result.usage):
        for form, per_file in sorted(result.usage[entry_id].items(), key=lambda kv: -sum(kv[1].values())):
            rows.append([entry_id, form, str(sum(per_file.values()))]
                        + [str(per_file.get(p, "")) for p in files])
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row):
        return "  ".join(cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)).rstrip()

    lines.append(fmt(header))
    lines.extend(fmt(r) for r in rows)
    lines.append("")
    lines.append(f"{len(result.usage)} entries found, "
                 f"{sum(sum(c.values()) for forms in result.usage.values() for c in forms.values())} "
                 "occurrences.")
    return "\n".join(lines) + "\n"
