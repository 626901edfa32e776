"""A checked text: its decoded content, script, the terms and annotations found, positions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from glossary.findings import Finding, Fix
from glossary.matcher import Matcher, PreparedText, TermMatch, prepare
from glossary.pinyin import Annotation
from glossary.reader import Decoded
from glossary.scripts import TRADITIONAL, ScriptProfile, profile, to_traditional
from glossary.model import Entry

_NEWLINE = re.compile("\n")


@dataclass
class Document:
    """One text file as the rules see it."""

    path: str
    decoded: Decoded
    prepared: PreparedText
    matches: list[TermMatch]
    profile: ScriptProfile
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def scan(cls, path: str, decoded: Decoded, matcher: Matcher) -> "Document":
        prepared = prepare(decoded.text)
        matches = matcher.scan_prepared(prepared)
        return cls(path, decoded, prepared, matches, profile(decoded.text))

    @property
    def text(self) -> str:
        return self.decoded.text

    @property
    def annotations(self) -> list[Annotation]:
        return self.prepared.annotations

    @property
    def script(self) -> str:
        """The document's dominant script: simplified or traditional."""
        return self.profile.dominant

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in characters) of *offset*."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def preferred(self, entry: Entry) -> str:
        """The entry's preferred form in this document's script."""
        if self.script == TRADITIONAL:
            return entry.zh_hant or to_traditional(entry.zh)
        return entry.zh

    def in_script(self, form: str) -> str:
        """*form* (a simplified glossary form) written in this document's script."""
        return to_traditional(form) if self.script == TRADITIONAL else form

    def finding(self, rule, start: int, end: int, message: str, *, matched: str | None = None,
                entry: Entry | None = None, suggestion: str | None = None,
                replacement: str | None = None, **extra) -> Finding:
        """A finding of *rule* over ``start:end`` (a fix when *replacement* is given)."""
        line, column = self.position(start)
        end_line, end_column = self.position(end) if end > start else (line, column)
        return Finding(
            code=rule.code, rule=rule.name, severity=rule.severity, path=self.path,
            line=line, column=column, end_line=end_line, end_column=end_column,
            message=message, matched=self.text[start:end] if matched is None else matched,
            entry_id=entry.id if entry else None, suggestion=suggestion,
            fix=Fix(start, end, replacement) if replacement is not None else None,
            extra=extra,
        )
