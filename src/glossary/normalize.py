"""Fold the noise of web copy into one canonical character each, without changing lengths.

Interpunct variants become ``·`` (U+00B7), hyphen and dash variants become ``-``, full-width
digits and letters become ASCII. Because every mapping is one character to one character,
offsets in the folded text are offsets in the original: the scanner needs no offset map for
this kind of noise. Full-width punctuation (，：（）) is left alone: no term contains it, and
folding it would cost a pass over every character of every text.
"""

from __future__ import annotations

import re

INTERPUNCT = "·"
INTERPUNCT_VARIANTS = "•・‧･．∙⋅●"  # U+2022 U+30FB U+2027 U+FF65 U+FF0E U+2219 U+22C5 U+25CF
HYPHEN = "-"
HYPHEN_VARIANTS = "‐‑‒–—―−﹣－"  # U+2010..U+2015, U+2212, U+FE63, U+FF0D

_table: dict[int, str] = {}
for _first, _last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ")):  # full-width digits, letters
    for _c in range(ord(_first), ord(_last) + 1):
        _table[_c] = chr(_c - 0xFEE0)
for _c in HYPHEN_VARIANTS:
    _table[ord(_c)] = HYPHEN
for _c in INTERPUNCT_VARIANTS:  # after the full-width block: U+FF0E is an interpunct here
    _table[ord(_c)] = INTERPUNCT

NOISE_TABLE: dict[int, str] = _table
"""The ``str.translate`` table that folds separator, dash and width variants."""

SEPARATORS = INTERPUNCT + HYPHEN
_NOISE = re.compile("[" + "".join(sorted(chr(c) for c in NOISE_TABLE)) + "]")


def _fold_one(match: re.Match) -> str:
    return NOISE_TABLE[ord(match.group())]


def fold_noise(text: str) -> str:
    """Return *text* with separator, dash and width variants folded (same length).

    Noise is rare, so a regular-expression pass that touches only the noise characters is
    many times faster on Chinese text than ``str.translate`` over every character.
    """
    return _NOISE.sub(_fold_one, text)


def fold_noise_at(text: str) -> tuple[str, list[int]]:
    """:func:`fold_noise` and the offsets of the characters it changed, in one pass."""
    offsets: list[int] = []
    note = offsets.append

    def fold(match: re.Match) -> str:
        note(match.start())
        return NOISE_TABLE[ord(match.group())]

    return _NOISE.sub(fold, text), offsets


SPACES = _SPACES = " \u3000\u00a0\t"
SEPARATOR_CHARS = _SEPARATORS = frozenset(INTERPUNCT + INTERPUNCT_VARIANTS + HYPHEN + HYPHEN_VARIANTS)
"""The spaces a scan cuts out inside terms, and every name separator and dash it folds."""


def spaced_separators(text: str) -> list[tuple[int, int, int]]:
    """Spaces inside a term: around a name separator between two words (阿巴斯 · 阿拉格齐,
    霍拉姆沙赫尔 - 4), or between two ideographs one of which stands alone (王　毅, as lists pad
    two-character names; 阿 拉 格 奇, as text copied from PDFs has it). A space between two runs
    of ideographs separates words or a headline's clauses (核问题 阿拉格齐：…) and stays.

    Each as (start, end, offset): the spaces at ``start:end`` go when the text is scanned, so
    the term is found; the offset (the separator's, or the ideograph's after the spaces) tells
    which term had them. A word is a letter or digit of any script; on the left, the closing
    bracket of a pinyin annotation counts as one too (阿(ā) · 里). Between ideographs, a run
    of one or two spaces counts (more is a column gap). Spaces are few in Chinese text: each run
    of them is found with str.find (a regular expression costs ten times more per MB).
    """
    out: list[tuple[int, int, int]] = []
    size = len(text)
    for space in _SPACES:
        i = text.find(space)
        while i != -1:
            if i == 0 or text[i - 1] not in _SPACES:  # the first space of a run
                j = i + 1
                while j < size and text[j] in _SPACES:
                    j += 1
                if j < size and text[j] in _SEPARATORS and i > 0 and _left_word(text[i - 1]):
                    k = j + 1  # spaces before the separator, maybe after it too
                    while k < size and text[k] in _SPACES:
                        k += 1
                    if k < size and text[k].isalnum():
                        out.append((i, j, j))
                        if k > j + 1:
                            out.append((j + 1, k, j))
                elif (i > 1 and text[i - 1] in _SEPARATORS and _left_word(text[i - 2])
                        and j < size and text[j].isalnum()):
                    out.append((i, j, i - 1))  # spaces after the separator only
                elif (j - i <= 2 and i > 0 and j < size and _ideograph(text[i - 1])
                        and _ideograph(text[j])
                        and (i < 2 or not _ideograph(text[i - 2])
                             or j + 1 >= size or not _ideograph(text[j + 1]))):
                    out.append((i, j, j))  # between two ideographs, one standing alone
            i = text.find(space, i + 1)
    out.sort()
    return out


def latin_spaces(text: str) -> list[tuple[int, int]]:
    """Single spaces between an ideograph and a Latin letter or digit: 12 日战争, F-35 战斗机.

    Taiwan copy, and any site that runs pangu.js, spaces Chinese from Latin letters and digits
    as a house style. Each as (start, end): the space goes when the text is scanned, so the
    term is found; being a style and not noise, it is not reported.
    """
    out: list[tuple[int, int]] = []
    size = len(text)
    for space in " \u00a0":
        i = text.find(space)
        while i != -1:
            if 0 < i < size - 1:
                before, after = text[i - 1], text[i + 1]
                if ((_ideograph(before) and after.isascii() and after.isalnum())
                        or (_ideograph(after) and before.isascii() and before.isalnum())):
                    out.append((i, i + 1))
            i = text.find(space, i + 1)
    out.sort()
    return out


def without_cut_spaces(text: str) -> str:
    """*text* without the spaces and invisible characters a scan cuts out of texts: a glossary
    form written 王 毅 or F-35 战斗机 is looked for as 王毅 or F-35战斗机, as texts are read."""
    if text.isascii():
        return text
    cuts = sorted([(start, end) for start, end, _ in spaced_separators(text) + invisible_runs(text)]
                  + latin_spaces(text))
    if not cuts:
        return text
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Zero-width space and joiners, word joiner, a BOM inside the text, soft hyphen."""


def invisible_runs(text: str) -> list[tuple[int, int, int]]:
    """Runs of invisible characters, which web copy leaves inside words (阿拉\u200b格齐).

    Each as (start, end, end), like :func:`spaced_separators`: the characters at ``start:end``
    go when the text is scanned; a term that has the run inside it is reported.
    """
    out: list[tuple[int, int, int]] = []
    size = len(text)
    for char in INVISIBLE:
        i = text.find(char)
        while i != -1:
            j = i + 1
            while j < size and text[j] in INVISIBLE:
                j += 1
            if i == 0 or text[i - 1] not in INVISIBLE:  # the first of a run
                out.append((i, j, j))
            i = text.find(char, j)
    out.sort()
    return out


_SEPARATOR_CLASS = re.escape(INTERPUNCT + INTERPUNCT_VARIANTS + HYPHEN + HYPHEN_VARIANTS)
# "\n" first, so that the regex engine skips ahead from line break to line break; then a word
# character or a separator before it and a word character after it (\w, not a class of every
# ideograph: that would cost 3 ms to compile at every start-up; wrapped_breaks looks closer).
_BREAK = re.compile("\n(?:(?<=[\\w" + _SEPARATOR_CLASS + "]\n)|(?<=[\\w" + _SEPARATOR_CLASS
                    + "]\r\n))(?=\\w)")
WRAPPED_LINE_MIN = 8
"""A line this many characters long or longer can be part of a hard-wrapped paragraph; a
shorter one is taken for a title, a label or a list item, whose last word ends there."""


def _ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def wrapped_breaks(text: str) -> list[tuple[int, int]]:
    """Line breaks inside the words of a hard-wrapped paragraph: 阿拉\n格齐 (PDF and e-mail copy).

    Each as (start, end): the break at ``start:end`` goes when the text is scanned, so a term
    broken by it is found. A break counts when it falls between two characters of a word (an
    ideograph on one side at least, or a name separator before it: 霍拉姆沙赫尔-\n4) and the
    line before it is long enough to be wrapped text (not a title or a heading). A paragraph
    that begins with an indent or ends with punctuation is not touched.
    """
    out: list[tuple[int, int]] = []
    for match in _BREAK.finditer(text):
        end = match.end()
        start = end - 1 if text[end - 2] != "\r" else end - 2
        before, after = text[start - 1], text[end]
        if not (_ideograph(before) or _ideograph(after)
                or (before in _SEPARATORS and after.isalnum())):
            continue
        line = text[text.rfind("\n", 0, start) + 1:start]
        if len(line) < WRAPPED_LINE_MIN or line.lstrip().startswith("#"):
            continue
        out.append((start, end))
    return out


def _left_word(char: str) -> bool:
    return char.isalnum() or char in ")）"


def strip_interpuncts(text: str) -> str:
    """Drop name interpuncts: 阿里·拉里贾尼 → 阿里拉里贾尼 (for forms written without one)."""
    return text.replace(INTERPUNCT, "")
