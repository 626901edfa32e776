"""GL001 forbidden-form: a form the glossary forbids is used."""

from glossary.rules.base import Rule

RULE = Rule(
    "GL001", "forbidden-form", "error",
    "A Chinese form listed under an entry's `forbidden` is used. The fix writes the preferred "
    "form in the document's own script.",
    "阿拉格奇表示 → GL001 `阿拉格奇` is forbidden for abbas-araghchi (non-standard "
    "transliteration) (suggestion: `阿拉格齐`)",
    fixable=True,
)


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads."""
    return pattern.kind == "forbidden"


def check(doc):
    for m in doc.matches:
        if m.kind != "forbidden":
            continue
        preferred = doc.preferred(m.entry)
        reason = next((f.reason for f in m.entry.forbidden if f.form == m.form and f.reason), None)
        why = f" ({reason})" if reason else ""
        yield doc.finding(
            RULE, m.start, m.end,
            f"`{m.clean}` is forbidden for {m.entry.id}{why}",
            entry=m.entry, suggestion=preferred, replacement=preferred,
        )
