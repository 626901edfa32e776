"""Applying safe fixes: edits in the original text's offsets, written back atomically.

The file keeps its encoding (BOM included) and its line ends; a fix whose new text the file's
encoding cannot hold (a ``·`` in a Big5 file, say) is left out and counted as skipped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from glossary.findings import Finding, Fix
from glossary.reader import decode, encode, read_bytes, write_atomic


@dataclass
class FileFix:
    """The outcome of fixing one file."""

    path: str
    applied: list[Fix] = field(default_factory=list)
    skipped: list[Fix] = field(default_factory=list)
    before: str = ""
    after: str = ""
    encoding: str = "utf-8"  # the file's, as read

    def diff_bytes(self) -> bytes:
        """:meth:`diff` as ``patch`` and ``git apply`` take it for this file: the lines of
        text in the file's own encoding (GB18030, Big5...), the file names in UTF-8."""
        codec = _DIFF_CODECS.get(self.encoding, self.encoding)
        # a BOM is part of the file's first line as patch reads it
        bom = "\ufeff" if self.encoding == "utf-8-sig" else ""
        out = []
        for number, line in enumerate(self._diff(bom)):
            if number < 2 or line.startswith(("@@", "\\")) or codec in _UNIT_CODECS:
                out.append(line.encode("utf-8"))  # UTF-16 text no patch reads: left as it is
            else:
                out.append(encode(line, codec))
        return b"".join(out)

    def diff(self) -> str:
        """The fixes as a unified diff (``a/`` and ``b/`` names, as ``patch -p1`` takes)."""
        return "".join(self._diff())

    def _diff(self, bom: str = "") -> list[str]:
        """The diff's lines; a text's lines end at line feeds only, as patch reads them (a
        form feed or U+2028 inside a line stays in it)."""
        name = _diff_name(self.path)
        out = []
        for line in difflib.unified_diff(_lines(bom + self.before), _lines(bom + self.after),
                                         fromfile=f"a/{name}", tofile=f"b/{name}"):
            if line.endswith("\n"):
                out.append(line)
            else:
                out += [line + "\n", "\\ No newline at end of file\n"]
        return out


# a BOM belongs to a file's start, not to each of its lines in a diff
_DIFF_CODECS = {"utf-8-sig": "utf-8"}
_UNIT_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})


def _lines(text: str) -> list[str]:
    """*text*'s lines, each with its line feed (and the carriage return before it)."""
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()[:-1]
    if last:
        lines.append(last)
    return lines


def _diff_name(path: str) -> str:
    """*path* as a diff names it: relative to the current folder where it is below it (as
    ``git apply`` and ``patch -p1`` want), else without its leading slash (``a//tmp/x`` is
    refused by both)."""
    import os

    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            relative = os.pardir
        if not relative.startswith(os.pardir):
            return relative.replace(os.sep, "/")
        return os.path.splitdrive(path)[1].replace(os.sep, "/").lstrip("/")
    return path.replace(os.sep, "/")


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
    held: dict[tuple[str, Fix], str] = {}  # what the text held where each fix goes
    for finding in findings:
        if finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding.fix)
            held[finding.path, finding.fix] = finding.matched
    outcomes = []
    for path, fixes in sorted(by_path.items()):
        data = read_bytes(path)
        decoded = decode(data, path, lossy=True)
        encodable = []
        outcome = FileFix(path, before=decoded.text, encoding=decoded.encoding)
        # Never written: a file read with U+FFFD for invalid bytes, or one whose text does not
        # encode back to its own bytes (cp950 has characters at two code points): the bytes
        # outside the fixes would change.
        if decoded.replaced or encode(decoded.text, decoded.encoding) != data:
            outcome.skipped.extend(fixes)
            outcome.after = decoded.text
            outcomes.append(outcome)
            continue
        for fix in fixes:
            if decoded.text[fix.start:fix.end] != held[path, fix]:
                outcome.skipped.append(fix)  # the file changed since it was checked
                continue
            try:
                encode(fix.replacement, decoded.encoding)
                encodable.append(fix)
            except UnicodeEncodeError:
                outcome.skipped.append(fix)
        outcome.after, outcome.applied, overlapping = apply_fixes(decoded.text, encodable)
        outcome.skipped.extend(overlapping)
        if write and outcome.after != decoded.text:
            write_atomic(path, encode(outcome.after, decoded.encoding))
        outcomes.append(outcome)
    return outcomes


MAX_ROUNDS = 10


@dataclass
class FixRun:
    """The outcome of fixing files until nothing fixable is left, and the check after it."""

    result: object  # glossary.check.CheckResult of the files as they are now
    applied: int = 0
    files: set = field(default_factory=set)

    @property
    def left(self) -> int:
        """Fixes that could not be applied (overlapping, not encodable, or in a file that
        cannot be written back as it was read)."""
        return sum(1 for f in self.result.findings if f.fix is not None)


def fix_paths(glossary, paths, options=None, result=None) -> FixRun:
    """Check *paths*, apply the safe fixes, and check again until nothing more can be fixed.

    A fix can complete a longer form that needs a fix of its own, and what is left must be
    reported where it now stands (the corpus rule included), hence the rounds.
    """
    from glossary.check import check_paths

    result = result if result is not None else check_paths(glossary, paths, options)
    run = FixRun(result)
    for _ in range(MAX_ROUNDS):
        outcomes = [o for o in fix_files(run.result.findings) if o.applied]
        if not outcomes:
            break
        run.applied += sum(len(o.applied) for o in outcomes)
        run.files.update(o.path for o in outcomes)
        run.result = check_paths(glossary, paths, options)
    return run
