"""GL005 separator-variant: a term with another interpunct, dash or digit width than the glossary's."""

import functools
import re

from glossary.normalize import ENTITY, INVISIBLE, SEPARATOR_CHARS, SPACES
from glossary.rules.base import Rule

RULE = Rule(
    "GL005", "separator-variant", "warning",
    "A term is written with another name interpunct (•・‧･．), hyphen or dash (－—–), full-width "
    "digits or letters, with spaces around its separator (阿巴斯 · 阿拉格齐) or between its "
    "characters (王　毅, 阿 拉 格 齐: padded lists, PDF copy), with an invisible character inside "
    "(a zero-width space, soft hyphen...), with an HTML character reference left from a web "
    "page (阿里&middot;拉里贾尼), with a hyphen or a space for a name's interpunct (阿里-拉里贾尼, "
    "阿里 拉里贾尼), "
    "or without the interpunct or model-number hyphen the glossary writes (阿里拉里贾尼, F35). "
    "The fix writes the glossary's spelling.",
    "霍拉姆沙赫尔－４ → GL005 `霍拉姆沙赫尔－４` is written with a separator or width variant "
    "(suggestion: `霍拉姆沙赫尔-4`)",
    fixable=True,
)


_COLUMN_GAP = ("\u3000", "\t")  # what follows a padded name in a table's column, before the next


def _padded(doc, offset: int) -> bool:
    """Whether the line at *offset* holds two ideographic spaces in a row (a table's padding);
    asked once a line, so that a long line of padded names costs no search per name."""
    line, _ = doc.position(offset)
    held = doc.__dict__.setdefault("_padded_lines", {})
    padded = held.get(line)
    if padded is None:
        padded = held[line] = "\u3000\u3000" in doc.line_text(line)
    return padded


def wants(pattern, entry, script) -> bool:
    """Whether a hit of *pattern* in a document of *script* is a match this rule reads.

    (Hits that noise in the text changed are read whatever their pattern: Document.scan.)
    """
    return pattern.kind != "forbidden" and not pattern.separated


def check(doc):
    for m in doc.matches:
        if m.kind == "forbidden":
            continue  # GL001 rewrites the whole form anyway
        canonical = m.pattern if m.separated else _separated(m.form, m.pattern)
        if not canonical:
            continue
        canonical = doc.styled(canonical)
        if m.clean == canonical and not m.spaced:
            continue
        invisible = m.spaced and any(c in INVISIBLE for c in m.matched)
        entity = m.spaced and "&" in m.matched and ENTITY.search(m.matched) is not None
        if not m.separated:
            what = f"without its {_dropped(canonical, m.pattern)}" + (
                "" if not m.spaced else " and with an invisible character inside" if invisible
                else " and with an HTML character reference" if entity
                else " and with spaces inside")
        elif m.clean == canonical:
            what = ("with an invisible character inside" if invisible else
                    "with an HTML character reference" if entity else
                    "with spaces around its separator" if _at_separator(m.matched) else
                    "with spaces between its characters")
        elif _spaces_for_separators(m.clean, canonical):
            what = "with a space for its interpunct"
        else:
            what = "with a separator or width variant" + (
                " in an HTML character reference" if entity else " and spaces" if m.spaced else "")
        shown = m.matched if m.spaced else m.clean
        if invisible:
            shown = "".join(f"<U+{ord(c):04X}>" if c in INVISIBLE else c for c in shown)
        replacement = canonical
        if what == "with spaces between its characters" and "\u3000" in m.matched \
                and " " not in m.matched:
            text = doc.text
            if text[m.end:m.end + 1] in _COLUMN_GAP:
                # a table's column padded with ideographic spaces (普　京　　　总统): the
                # padding moves after the name, so the next column stays where it was
                replacement = canonical + "\u3000" * m.matched.count("\u3000")
            elif _padded(doc, m.start):
                # in a table's cell among others (普　京、拉夫罗夫　　　瓦尔代): removing the
                # padding would move the next column; no fix
                replacement = None
        if what == "with spaces between its characters" and replacement is not None \
                and _letter_spaced(doc, m.start):
            # a line spaced out character by character (a crossword's row, a spaced title):
            # closing up one name would break the rest
            replacement = None
        yield doc.finding(
            RULE, m.start, m.end,
            f"`{shown}` is written {what}",
            entry=m.entry, suggestion=canonical, replacement=replacement,
        )


# a line of single characters, each after a space: 阿 拉 格 齐 □ 马
_LETTER_SPACED = re.compile(r"[ \u3000]*(?:\S[ \u3000]+){4,}\S[ \u3000]*")
_LONGEST_SPACED_LINE = 400  # characters: a grid's row or a title, not a paragraph


def _letter_spaced(doc, start: int) -> bool:
    """Whether the line at *start* is spaced out character by character; found by bisection
    and read only when short, so that a long line of spaced names costs no search along it."""
    line, _ = doc.position(start)
    starts = doc.line_starts
    end = starts[line] if line < len(starts) else len(doc.text)
    return end - starts[line - 1] <= _LONGEST_SPACED_LINE and bool(
        _LETTER_SPACED.fullmatch(doc.line_text(line)))


@functools.lru_cache(maxsize=65536)
def _separated(form, pattern):
    """The spelling with the separators of the glossary *form* that a *pattern* without its
    interpunct or hyphen stands for."""
    from glossary.normalize import (fold_names, fold_noise, strip_hyphens, strip_interpuncts,
                                    strip_number_hyphens, strip_separators)
    from glossary.scripts import traditional_forms

    bare = fold_noise(pattern)
    for spelling in (form, *traditional_forms(form)):
        folded = fold_names(spelling)
        if bare in (strip_interpuncts(folded), strip_hyphens(folded),
                    strip_number_hyphens(folded), strip_separators(folded)):
            return spelling
    return None


def _dropped(canonical: str, pattern: str) -> str:
    """Which separators *pattern* (a spelling without some) lacks: interpunct, hyphen or both."""
    from glossary.normalize import HYPHEN, INTERPUNCT, fold_noise

    folded, bare = fold_noise(canonical), fold_noise(pattern)
    lost = [name for char, name in ((INTERPUNCT, "interpunct"), (HYPHEN, "hyphen"))
            if folded.count(char) > bare.count(char)]
    return " and ".join(lost) or "separator"


def _spaces_for_separators(clean: str, canonical: str) -> bool:
    """Whether *clean* differs from *canonical* only by spaces where it has separators
    (阿里 拉里贾尼 for 阿里·拉里贾尼)."""
    if len(clean) != len(canonical) or clean == canonical:
        return False
    return all(a == b or (a in SPACES and b in SEPARATOR_CHARS) for a, b in zip(clean, canonical))


def _at_separator(matched: str) -> bool:
    """Whether a space in *matched* touches a separator (阿巴斯 · 阿拉格齐, not 王　毅)."""
    return any(char in SPACES and SEPARATOR_CHARS.intersection(matched[max(i - 1, 0):i + 2])
               for i, char in enumerate(matched))
