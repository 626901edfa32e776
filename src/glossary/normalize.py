"""Fold the noise of web copy into one canonical character each, without changing lengths.

Interpunct variants become ``·`` (U+00B7), hyphen and dash variants become ``-``, full-width
ASCII (digits, letters, punctuation) becomes ASCII and the ideographic space a space. Because
every mapping is one character to one character, offsets in the folded text are offsets in the
original: the scanner needs no offset map for this kind of noise.
"""

from __future__ import annotations

INTERPUNCT = "·"
INTERPUNCT_VARIANTS = "•・‧･．∙⋅●"  # U+2022 U+30FB U+2027 U+FF65 U+FF0E U+2219 U+22C5 U+25CF
HYPHEN = "-"
HYPHEN_VARIANTS = "‐‑‒–—―−﹣－"  # U+2010..U+2015, U+2212, U+FE63, U+FF0D

_table: dict[int, str] = {}
for _c in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _table[_c] = chr(_c - 0xFEE0)
_table[0x3000] = " "
for _c in HYPHEN_VARIANTS:
    _table[ord(_c)] = HYPHEN
for _c in INTERPUNCT_VARIANTS:  # after the full-width block: U+FF0E is an interpunct here
    _table[ord(_c)] = INTERPUNCT

NOISE_TABLE: dict[int, str] = _table
"""The ``str.translate`` table that folds separator, dash and width variants."""

SEPARATORS = INTERPUNCT + HYPHEN


def fold_noise(text: str) -> str:
    """Return *text* with separator, dash and width variants folded (same length)."""
    return text.translate(NOISE_TABLE)


def strip_interpuncts(text: str) -> str:
    """Drop name interpuncts: 阿里·拉里贾尼 → 阿里拉里贾尼 (for forms written without one)."""
    return text.replace(INTERPUNCT, "")
