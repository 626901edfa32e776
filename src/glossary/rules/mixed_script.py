"""GL004 mixed-script: a document written in both scripts."""

from glossary.rules.base import Rule
from glossary.scripts import MIXED

RULE = Rule(
    "GL004", "mixed-script", "warning",
    "A document mixes simplified and traditional script (at least 3 characters and 5% of the "
    "script-specific characters are in the minority script): usually two sources pasted "
    "together or a half-finished conversion.",
    "a page with 120 simplified-only and 80 traditional-only characters → GL004 mixed "
    "simplified (120) and traditional (80) script",
)


def check(doc):
    p = doc.profile
    if p.script != MIXED:
        return
    yield doc.finding(
        RULE, 0, 0,
        f"document mixes simplified ({p.simplified} characters) and traditional "
        f"({p.traditional} characters) script",
        matched="",
    )
