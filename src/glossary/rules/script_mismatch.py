"""GL003 script-mismatch: a term written in the other script than its document's."""

from glossary.model import PREFERRED
from glossary.rules.base import Rule
from glossary.scripts import SIMPLIFIED, TRADITIONAL, UNKNOWN

RULE = Rule(
    "GL003", "script-mismatch", "warning",
    "A glossary term is written in traditional script in a simplified document, or in "
    "simplified script in a traditional one (terms whose characters are the same in both "
    "scripts never count).",
    "a simplified document with 阿拉格齊表示 → GL003 `阿拉格齊` is traditional script in a "
    "simplified document (suggestion: `阿拉格齐`)",
)


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads."""
    return pattern.kind != "forbidden" and pattern.script not in (UNKNOWN, script)


def check(doc):
    script = doc.script
    for m in doc.matches:
        if m.kind == "forbidden":
            continue  # GL001 rewrites it in the document's script
        if m.script in (UNKNOWN, script):
            continue
        expected = doc.preferred(m.entry) if m.kind == PREFERRED else doc.in_script(m.form)
        label = TRADITIONAL if script == SIMPLIFIED else SIMPLIFIED
        yield doc.finding(RULE, m.start, m.end,
                          f"`{m.clean}` is {label} script in a {script} document",
                          entry=m.entry, suggestion=expected)
