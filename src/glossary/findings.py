"""Findings are plain data: what a rule found, where, and how to fix it. Rules never print."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Any, NamedTuple

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 1, WARNING: 2, ERROR: 3}


class _NoExtra(Mapping):
    """The empty, read-only ``extra`` shared by the findings that have none (one object, not
    one dict per finding); pickles as itself."""

    __slots__ = ()

    def __getitem__(self, key):
        raise KeyError(key)

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self):
        return "NO_EXTRA"


NO_EXTRA: Mapping[str, Any] = _NoExtra()


class Fix(NamedTuple):
    """Replace the characters ``start:end`` of the file's decoded text with *replacement*."""

    start: int
    end: int
    replacement: str


@dataclass(slots=True)
class Finding:
    """One reported inconsistency at a place in a file (lines and columns are 1-based)."""

    code: str
    rule: str
    severity: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    matched: str = ""
    entry_id: str | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, compare=False)

    def text(self) -> str:
        """The message with its suggestion, as reporters show it."""
        if self.suggestion is None:
            return self.message
        if self.suggestion == "":
            return f"{self.message} (remove it)"
        return f"{self.message} (suggestion: `{self.suggestion}`)"

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "code": self.code, "rule": self.rule, "severity": self.severity, "path": self.path,
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "message": self.message, "matched": self.matched,
            "entry_id": self.entry_id, "suggestion": self.suggestion,
            "fix": None if self.fix is None else {
                "start": self.fix.start, "end": self.fix.end, "replacement": self.fix.replacement},
        }
        if self.extra:
            data["extra"] = dict(self.extra)
        return data

    def __hash__(self) -> int:
        return hash((self.code, self.path, self.line, self.column, self.end_line, self.end_column))
