"""GL008 regional-form: mainland wording in a traditional document where the entry has its own,
and that own traditional form in a simplified document."""

import functools

from glossary.model import PREFERRED
from glossary.normalize import fold_noise, strip_separators
from glossary.rules.base import Rule, Wording
from glossary.scripts import SIMPLIFIED, TRADITIONAL

RULE = Rule(
    "GL008", "regional-form", "info",
    "In a traditional-script document, an entry whose glossary gives its own traditional form "
    "(`zh_hant`: what Taiwan or Hong Kong media write, e.g. 川普 for 特朗普, 飛彈 for 导弹) is "
    "written in the converted mainland form; or, the other way round, a simplified document "
    "writes that traditional form (川普, or 纳坦雅胡 as a converter makes of 納坦雅胡) where "
    "mainland copy writes the entry's `zh`. Informational: mainland copy converted to "
    "traditional script (and Hong Kong media) often keep the mainland wording, and copy "
    "converted from Taiwan sources keeps Taiwan's.",
    "a traditional document with 特朗普表示 → GL008 `特朗普` in a traditional document, where "
    "donald-trump has its own traditional form (suggestion: `川普`)",
)


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads."""
    if pattern.kind != PREFERRED or entry.zh_hant in (None, entry.zh):
        return False
    if script == TRADITIONAL:
        return pattern.form == entry.zh
    # the Taiwan or Hong Kong form in a simplified document (川普, or 纳坦雅胡 as converters
    # write 納坦雅胡); in traditional characters it is GL003's
    return pattern.form == entry.zh_hant and pattern.script != TRADITIONAL


def check(doc):
    traditional = doc.script == TRADITIONAL
    if not traditional and doc.profile.script != SIMPLIFIED:
        return  # mixed, or no script evidence (川普表示: a Taiwan headline of shared characters)
    for m in doc.matches:
        entry = m.entry
        if m.kind != PREFERRED or entry.zh_hant in (None, entry.zh):
            continue
        if traditional:
            if m.form != entry.zh or _same(m.pattern, entry.zh_hant):
                continue
            yield doc.finding(RULE, m.start, m.end, _MESSAGES[m.clean, entry.id],
                              matched=m.matched, entry=entry, suggestion=entry.zh_hant)
        elif m.form == entry.zh_hant and m.script != TRADITIONAL and not _same(m.pattern, entry.zh):
            yield doc.finding(RULE, m.start, m.end, _SIMPLIFIED[m.clean, entry.id, entry.zh_hant],
                              matched=m.matched, entry=entry, suggestion=doc.preferred(entry))


_MESSAGES = Wording(lambda clean, entry_id: f"`{clean}` in a traditional document, where "
                                            f"{entry_id} has its own traditional form")
_SIMPLIFIED = Wording(lambda clean, entry_id, own: (
    f"`{clean}` in a simplified document is {entry_id}'s Taiwan/Hong Kong form ({own}), "
    f"not its mainland one"))


@functools.lru_cache(maxsize=65536)
def _same(a: str, b: str) -> bool:
    return strip_separators(fold_noise(a)) == strip_separators(fold_noise(b))
