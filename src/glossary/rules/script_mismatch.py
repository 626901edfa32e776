"""GL003 script-mismatch: a term written in the other script than its document's."""

from glossary.model import PREFERRED
from glossary.rules.base import Rule
from glossary.scripts import SIMPLIFIED, TRADITIONAL, UNKNOWN

RULE = Rule(
    "GL003", "script-mismatch", "warning",
    "A glossary term is written in traditional script in a simplified document, or in "
    "simplified script in a traditional one (terms whose characters are the same in both "
    "scripts never count). In a traditional document, an entry with its own traditional form "
    "(`zh_hant`, e.g. 川普 for 特朗普) is expected in that form.",
    "a simplified document with 阿拉格齊表示 → GL003 `阿拉格齊` is traditional script in a "
    "simplified document; write `阿拉格齐`",
)


def check(doc):
    script = doc.script
    for m in doc.matches:
        if m.kind == "forbidden":
            continue  # GL001 rewrites it in the document's script
        expected = doc.preferred(m.entry) if m.kind == PREFERRED else doc.in_script(m.form)
        if m.script not in (UNKNOWN, script):
            label = TRADITIONAL if script == SIMPLIFIED else SIMPLIFIED
            message = f"`{m.clean}` is {label} script in a {script} document"
        elif _regional(m, script):
            message = (f"`{m.clean}` in a traditional document, where {m.entry.id} has its own "
                       "traditional form")
        else:
            continue
        yield doc.finding(RULE, m.start, m.end, message, entry=m.entry, suggestion=expected)


def _regional(m, script):
    """A simplified preferred form where the entry gives its own, different traditional form."""
    entry = m.entry
    return (script == TRADITIONAL and m.kind == PREFERRED and entry.zh_hant is not None
            and m.form == entry.zh and m.pattern == entry.zh and entry.zh_hant != entry.zh)
