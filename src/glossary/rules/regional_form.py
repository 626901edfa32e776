"""GL008 regional-form: mainland wording in a traditional document where the entry has its own."""

import functools

from glossary.model import PREFERRED
from glossary.normalize import fold_noise, strip_separators
from glossary.rules.base import Rule, Wording
from glossary.scripts import TRADITIONAL

RULE = Rule(
    "GL008", "regional-form", "info",
    "In a traditional-script document, an entry whose glossary gives its own traditional form "
    "(`zh_hant`: what Taiwan or Hong Kong media write, e.g. 川普 for 特朗普, 飛彈 for 导弹) is "
    "written in the converted mainland form. Informational: mainland copy converted to "
    "traditional script (and Hong Kong media) often keep the mainland wording.",
    "a traditional document with 特朗普表示 → GL008 `特朗普` in a traditional document, where "
    "donald-trump has its own traditional form (suggestion: `川普`)",
)


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads."""
    return (script == TRADITIONAL and pattern.kind == PREFERRED and pattern.form == entry.zh
            and entry.zh_hant not in (None, entry.zh))


def check(doc):
    if doc.script != TRADITIONAL:
        return
    for m in doc.matches:
        entry = m.entry
        if (m.kind != PREFERRED or entry.zh_hant is None or m.form != entry.zh
                or _same(m.pattern, entry.zh_hant)):
            continue
        yield doc.finding(RULE, m.start, m.end, _MESSAGES[m.clean, entry.id], matched=m.matched,
                          entry=entry, suggestion=entry.zh_hant)


_MESSAGES = Wording(lambda clean, entry_id: f"`{clean}` in a traditional document, where "
                                            f"{entry_id} has its own traditional form")


@functools.lru_cache(maxsize=65536)
def _same(a: str, b: str) -> bool:
    return strip_separators(fold_noise(a)) == strip_separators(fold_noise(b))
