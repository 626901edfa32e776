"""What every rule declares about itself (stable code, name, default severity, docs)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A rule's identity: its code never changes once published."""

    code: str
    name: str
    severity: str
    summary: str
    example: str
    fixable: bool = False
    scope: str = "document"  # document, corpus or bilingual
