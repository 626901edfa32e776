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


class Wording(dict):
    """Strings shared by the findings that say the same thing: ``wording[(a, b)]`` is
    ``make(a, b)``, made once. A corpus repeats a few thousand messages hundreds of thousands
    of times; one string each keeps the findings small and the report's memo lookups cheap."""

    def __init__(self, make, limit: int = 65536):
        super().__init__()
        self.make, self.limit = make, limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.make(*key)
        return value

