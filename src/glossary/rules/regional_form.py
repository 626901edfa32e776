"""GL008 regional-form: a term in the other region's wording than its document's (Taiwan's
forms, or the mainland wording Hong Kong media write), and Taiwan's form in a simplified one."""

import functools

from glossary.model import PREFERRED
from glossary.normalize import fold_noise, strip_separators
from glossary.rules.base import Rule, Wording
from glossary.scripts import HONG_KONG, SIMPLIFIED, TRADITIONAL

RULE = Rule(
    "GL008", "regional-form", "info",
    "An entry whose glossary gives its own traditional form (`zh_hant`: Taiwan's, e.g. 川普 "
    "for 特朗普, 飛彈 for 导弹) is written in the other region's wording. A traditional document "
    "writes Taiwan's forms or, as Hong Kong media and mainland copy converted to traditional "
    "script do, the mainland wording in traditional characters; which one is read from the "
    "document (the wording most of its such terms are in; see `traditional-region`), and a "
    "term in the other wording is reported. A simplified document writing the Taiwan form "
    "(川普, or 纳坦雅胡 as a converter makes of 納坦雅胡) is reported too, unless the text "
    "names the form rather than uses it (台灣媒體把他的名字譯作川普). Informational: "
    "quoted copy from another region keeps its own wording.",
    "a Taiwan document with 川普表示 and one 特朗普表示 → GL008 `特朗普` is donald-trump's "
    "mainland wording in a document that writes Taiwan's forms (suggestion: `川普`)",
)


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads."""
    if pattern.kind != PREFERRED or entry.zh_hant in (None, entry.zh):
        return False
    if script == TRADITIONAL:
        return True  # either wording: which one is out of place depends on the document
    # the Taiwan form in a simplified document (川普, or 纳坦雅胡 as converters write
    # 納坦雅胡); in traditional characters it is GL003's
    return pattern.form == entry.zh_hant and pattern.script != TRADITIONAL


def check(doc):
    traditional = doc.script == TRADITIONAL
    if not traditional and doc.profile.script != SIMPLIFIED:
        return  # mixed, or no script evidence (川普表示: a Taiwan headline of shared characters)
    hong_kong = doc.region == HONG_KONG
    for m in doc.matches:
        entry = m.entry
        if m.kind != PREFERRED or entry.zh_hant in (None, entry.zh):
            continue
        if traditional and not hong_kong:
            if m.form != entry.zh or _same(m.pattern, entry.zh_hant):
                continue
            message = _TAIWAN[m.clean, entry.id]
        elif traditional:
            if m.form != entry.zh_hant or m.script == SIMPLIFIED or _same(m.pattern, entry.zh):
                continue
            message = _HONG_KONG[m.clean, entry.id]
        elif m.form == entry.zh_hant and m.script != TRADITIONAL and not _same(m.pattern, entry.zh):
            message = _SIMPLIFIED[m.clean, entry.id, entry.zh_hant]
        else:
            continue
        if doc.spoken_of(m.start, m.end, entry):
            continue  # 台灣媒體把他的名字譯作川普: the other region's form named, not used
        yield doc.finding(RULE, m.start, m.end, message, matched=m.matched, entry=entry,
                          suggestion=doc.preferred(entry))


_TAIWAN = Wording(lambda clean, entry_id: f"`{clean}` is {entry_id}'s mainland wording, in a "
                                          f"document that writes Taiwan's forms")
_HONG_KONG = Wording(lambda clean, entry_id: (
    f"`{clean}` is {entry_id}'s Taiwan form, in a document that writes the mainland wording "
    f"(as Hong Kong media do)"))
_SIMPLIFIED = Wording(lambda clean, entry_id, own: (
    f"`{clean}` in a simplified document is {entry_id}'s Taiwan form ({own}), not its "
    f"mainland one"))


@functools.lru_cache(maxsize=65536)
def _same(a: str, b: str) -> bool:
    return strip_separators(fold_noise(a)) == strip_separators(fold_noise(b))
