"""Applying safe fixes: edits in the original text's offsets, written back atomically.

The file keeps its encoding (BOM included) and its line ends; a fix whose new text the file's
encoding cannot hold (a ``·`` in a Big5 file, say) is left out and counted as skipped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from glossary.findings import Finding, Fix
from glossary.reader import read_text, write_atomic


@dataclass
class FileFix:
    """The outcome of fixing one file."""

    path: str
    applied: list[Fix] = field(default_factory=list)
    skipped: list[Fix] = field(default_factory=list)
    before: str = ""
    after: str = ""

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix], list[Fix]]:
    """*text* with the non-overlapping *fixes* applied (the first of overlapping ones wins)."""
    ordered = sorted(set(fixes), key=lambda f: (f.start, -(f.end - f.start)))
    applied, skipped, parts, cursor = [], [], [], 0
    for fix in ordered:
        if fix.start < cursor:
            skipped.append(fix)
            continue
        parts.append(text[cursor:fix.start])
        parts.append(fix.replacement)
        cursor = fix.end
        applied.append(fix)
    parts.append(text[cursor:])
    return "".join(parts), applied, skipped


def fix_files(findings: Iterable[Finding], write: bool = True) -> list[FileFix]:
    """Apply the fixes of *findings* to their files; with ``write=False`` only compute them."""
    by_path: dict[str, list[Fix]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding.fix)
    outcomes = []
    for path, fixes in sorted(by_path.items()):
        decoded = read_text(path)
        encodable = []
        outcome = FileFix(path, before=decoded.text)
        for fix in fixes:
            try:
                fix.replacement.encode(decoded.encoding)
                encodable.append(fix)
            except UnicodeEncodeError:
                outcome.skipped.append(fix)
        outcome.after, outcome.applied, overlapping = apply_fixes(decoded.text, encodable)
        outcome.skipped.extend(overlapping)
        if write and outcome.after != decoded.text:
            write_atomic(path, outcome.after.encode(decoded.encoding))
        outcomes.append(outcome)
    return outcomes
