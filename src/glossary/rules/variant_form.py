"""GL002 variant-form: an accepted but not preferred form is used."""

from functools import lru_cache

from glossary.normalize import holds_name
from glossary.rules.base import Rule, Wording

RULE = Rule(
    "GL002", "variant-form", "info",
    "An accepted variant (an entry's `variants`: a short form, another transliteration) is used "
    "instead of the preferred form. Accepted, so no fix and a low severity. An abbreviation "
    "introduced in brackets beside another form (伊朗伊斯兰共和国通讯社（伊通社）) is not reported, "
    "nor is a variant the text names rather than uses (也有人译作阿拉奇), nor is a variant that holds the whole preferred form (a full name, 史蒂夫·威特科夫, where "
    "the glossary prefers the surname, 威特科夫).",
    "拉里贾尼表示 → GL002 `拉里贾尼` is an accepted variant of ali-larijani, not its preferred "
    "form (suggestion: `阿里·拉里贾尼`)",
)


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads."""
    return pattern.kind == "variant"


def check(doc):
    for m in doc.matches:
        if m.kind != "variant" or _fuller(m.form, m.entry.zh) or _introduced(doc, m) \
                or doc.spoken_of(m.start, m.end, m.entry):  # 也有人译作阿拉奇: named, not used
            continue
        yield doc.finding(RULE, m.start, m.end, _MESSAGES[m.clean, m.entry.id], matched=m.matched,
                          entry=m.entry, suggestion=doc.preferred(m.entry))


_MESSAGES = Wording(lambda clean, entry_id:
                    f"`{clean}` is an accepted variant of {entry_id}, not its preferred form")


@lru_cache(maxsize=4096)
def _fuller(variant: str, preferred: str) -> bool:
    """Whether *variant* holds the whole *preferred* form: a full name (史蒂夫·威特科夫) where
    the glossary prefers the surname (威特科夫), as news copy writes it at first mention.
    Nothing is lost by writing it: it is not reported."""
    return holds_name(variant, preferred)


def _introduced(doc, m) -> bool:
    """Whether the variant at *m* is introduced in brackets beside another form of its entry,
    as news copy introduces an abbreviation: 伊朗伊斯兰共和国通讯社（伊通社）, or the other way
    round, 伊通社（伊朗伊斯兰共和国通讯社）. Either way the text names the entry as it should."""
    return m.start in doc.bracketed_starts
