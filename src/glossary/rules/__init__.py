"""The rules: one module per stable rule code.

Each rule module has ``RULE`` (a :class:`~glossary.rules.base.Rule`: code, name, default
severity, documentation) and either ``check(document)`` (one text at a time) or
``check_corpus(documents)`` (all texts of a run); both yield findings and never print.
The bilingual rules (GL2xx) are run by :mod:`glossary.bilingual`; they are declared here so
that selection, severities and documentation treat every rule alike.
"""

from __future__ import annotations

from types import ModuleType

from glossary.rules import (
    forbidden_form,
    inconsistent_forms,
    mixed_script,
    pinyin_annotation,
    regional_form,
    script_mismatch,
    separator_variant,
    variant_form,
)
from glossary.rules.base import Rule

DOCUMENT_RULES: tuple[ModuleType, ...] = (
    forbidden_form,
    variant_form,
    script_mismatch,
    mixed_script,
    separator_variant,
    pinyin_annotation,
    regional_form,
)
CORPUS_RULES: tuple[ModuleType, ...] = (inconsistent_forms,)

MISSING_TARGET_TERM = Rule(
    "GL201", "missing-target-term", "warning",
    "In a bilingual file (PO, TMX, XLIFF), a unit's source has a glossary term but its "
    "translation has neither the English rendering nor an accepted English variant "
    "(case-insensitive; possessive 's and plural s tolerated). Untranslated units are skipped.",
    "msgid \"阿拉格齐表示\" msgstr \"The foreign minister said\" → GL201 expected `Abbas Araghchi` or `Araghchi`",
    scope="bilingual",
)
FORBIDDEN_TARGET_TERM = Rule(
    "GL202", "forbidden-target-term", "error",
    "In a bilingual file, a unit's translation uses an English rendering the glossary forbids "
    "(`en_forbidden`) for a term in its source.",
    "msgid \"阿拉格齐表示\" msgstr \"Araqchi said\" → GL202 `Araqchi` is forbidden; write `Abbas Araghchi`",
    scope="bilingual",
)
BILINGUAL_RULES = (MISSING_TARGET_TERM, FORBIDDEN_TARGET_TERM)
OUTDATED_TARGET_TERM = Rule(
    "GL210", "outdated-target-term", "error",
    "A translation-memory unit uses an English rendering that the glossary no longer accepts "
    "for a term of its source: the rendering recorded when the unit was stored is not the "
    "entry's `en` or one of its `en_variants` any more (the entry's rendering changed). "
    "Reported by `glossary tm check`.",
    "unit 阿拉格齐表示 → \"Araqchi said\" recorded Araqchi; glossary now says Abbas Araghchi → "
    "GL210",
    scope="memory",
)
MEMORY_RULES = (OUTDATED_TARGET_TERM,)

ALL_RULES: tuple[Rule, ...] = (
    *(m.RULE for m in DOCUMENT_RULES), *(m.RULE for m in CORPUS_RULES), *BILINGUAL_RULES,
    *MEMORY_RULES,
)
BY_CODE = {rule.code: rule for rule in ALL_RULES}
BY_NAME = {rule.name: rule for rule in ALL_RULES}


def resolve_selector(selector: str, origin: str = "--select/--ignore") -> list[str]:
    """The rule codes a selector names: a code (GL001), a prefix (GL0, GL), a name, or ALL."""
    from glossary.errors import GlossaryError

    key = selector.strip()
    if key.upper() == "ALL":
        return list(BY_CODE)
    if key in BY_NAME:
        return [BY_NAME[key].code]
    codes = [code for code in BY_CODE if code.startswith(key.upper())]
    if not codes or not key:
        raise GlossaryError(
            f"unknown rule {selector!r}; rules: {', '.join(BY_CODE)} (or their names)", origin)
    return codes


def enabled_codes(select=None, ignore=()) -> set[str]:
    """The rule codes left after *select* (default: all) and *ignore*."""
    chosen = set(BY_CODE) if not select else {c for s in select for c in resolve_selector(s)}
    for s in ignore:
        chosen -= set(resolve_selector(s))
    return chosen
