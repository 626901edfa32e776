"""The text a memory compares: one spelling for everything a translator would call "the same".

:func:`normalize` turns a Chinese sentence into its *key*: traditional characters folded to
simplified (character by character, a ``str.translate`` table built once from OpenCC's
character dictionary, so no OpenCC call per sentence), full-width ASCII, dash and interpunct
variants folded (:data:`glossary.normalize.NOISE_TABLE`, and full-width punctuation), Chinese and Western punctuation
variants made one (``。`` → ``.``, ``“”「」`` → ``"``, ``…`` → ``...``), Latin letters lower-cased,
pinyin annotations removed (``戰(zhàn)爭`` → ``战争``, :mod:`glossary.pinyin` decides what is
one), zero-width and control characters dropped, and whitespace dropped except one space
between two Latin letters or digits (``G 7`` stays ``g 7``; ``伊朗 外长`` becomes ``伊朗外长``).

Two sources with the same key score 100. The key is what the memory indexes, so changing this
module changes :data:`NORMALIZER_VERSION`; a memory built with another version is re-indexed
when it is opened.

:func:`normalize_with_offsets` gives the same key plus, for each of its characters, the offset
of the character it came from, for highlighting hits and differences in the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from glossary.normalize import NOISE_TABLE
from glossary.pinyin import find_annotations, strip_annotations
from glossary.scripts import _char_tables

NORMALIZER_VERSION = 1
"""Bump when :func:`normalize` changes: stored keys (and the n-gram index) are rebuilt."""

_PUNCTUATION = {
    "。": ".", "｡": ".", "、": ",", "､": ",",
    "“": '"', "”": '"', "„": '"', "‟": '"', "〝": '"', "〞": '"', "〟": '"', "「": '"', "」": '"',
    "｢": '"', "｣": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "『": "'", "』": "'",
    "【": "[", "】": "]", "〔": "[", "〕": "]", "〖": "[", "〗": "]", "〘": "[", "〙": "]",
    "〈": "《", "〉": "》", "…": "...", "⋯": "...", "‥": "..", "〜": "~", "～": "~",
    "﹏": "_", "‧": "·",
}


def _is_removed(char: str) -> bool:
    """Control, format (zero-width, bidi, BOM) and unassigned-as-text characters: dropped."""
    category = unicodedata.category(char)
    return category in ("Cc", "Cf") and not char.isspace()


@functools.lru_cache(maxsize=None)
def translate_table() -> dict[int, str | None]:
    """The one-pass ``str.translate`` table: noise, punctuation, script, case, controls."""
    _, t2s = _char_tables()
    script = {k: v[0] for k, v in t2s.items() if len(k) == 1 and len(v[0]) == 1}

    def fold(char: str) -> str | None:
        if _is_removed(char):
            return None
        if char.isspace():
            return " "
        out = NOISE_TABLE.get(ord(char), char)
        if 0xFF01 <= ord(out) <= 0xFF5E:  # full-width ASCII: punctuation too, not only letters
            out = chr(ord(out) - 0xFEE0)
        if 0xFE10 <= ord(out) <= 0xFE6F:  # vertical and small forms: ︰ ﹐ ﹑ ﹔ …
            out = unicodedata.normalize("NFKC", out)
        out = _PUNCTUATION.get(out, out)
        out = script.get(out, out)
        lower = out.lower()
        return lower if len(lower) == len(out) else out

    table: dict[int, str | None] = {}
    candidates = set(range(0x0, 0x3000)) | set(range(0xFE00, 0x10000))
    candidates |= {ord(c) for c in script} | {ord(c) for c in _PUNCTUATION} | set(NOISE_TABLE)
    candidates |= set(range(0x3000, 0x3040)) | {0xE0001} | set(range(0xE0020, 0xE0080))
    for code in sorted(candidates):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = fold(char)
        if folded != char:
            table[code] = folded
    return table


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=None)
def _fast_tables() -> tuple[list[str | None], dict[int, str | None], re.Pattern[str]]:
    """The table as a list over the BMP (much faster in ``str.translate`` than a dict, whose
    misses raise internally), and the astral-plane rest, used only on text that has any."""
    table = translate_table()
    bmp: list[str | None] = [chr(code) for code in range(0x10000)]
    astral: dict[int, str | None] = {}
    for code, value in table.items():
        if code < 0x10000:
            bmp[code] = value
        else:
            astral[code] = value
    return bmp, astral, _ASTRAL


def _wordish(char: str) -> bool:
    """Letters and digits of alphabetic scripts: a space between two of them is kept."""
    return char.isalnum() and ord(char) < 0x2E80


def _drop_spaces(text: str) -> str:
    """Drop every space except one between two word characters (runs count as one)."""
    parts = text.split(" ")
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and _wordish(out[-1]) and _wordish(part[0]):
            out += " " + part
        else:
            out += part
    return out


def _strip_annotations(text: str) -> str:
    return strip_annotations(text, list(find_annotations(text)))


def normalize(text: str) -> str:
    """The comparison key of *text* (see the module documentation)."""
    if "(" in text or "（" in text:
        text = _strip_annotations(text)
    bmp, astral, pattern = _fast_tables()
    text = text.translate(bmp)
    if pattern.search(text):
        text = text.translate(astral)
    if " " in text:
        text = _drop_spaces(text)
    return text


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The key of *text* and, per key character, the offset of its source character.

    ``offsets`` has one more item than the key: the length of *text*, so that the original span
    of key characters ``i:j`` is ``text[offsets[i]:offsets[j]]`` when *j* is the end.
    """
    removed: set[int] = set()
    if "(" in text or "（" in text:
        for a in find_annotations(text):
            removed.update(range(a.start, a.end))
    table = translate_table()
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if index in removed:
            continue
        folded = table.get(ord(char), char)
        if folded is None:
            continue
        for out in folded:
            chars.append(out)
            origins.append(index)
    # Spaces: keep one between two word characters, drop the rest (as _drop_spaces does).
    key: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i] != " ":
            key.append(chars[i])
            offsets.append(origins[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] == " ":
            j += 1
        if 0 < i and j < n and _wordish(chars[i - 1]) and _wordish(chars[j]):
            key.append(" ")
            offsets.append(origins[i])
        i = j
    offsets.append(len(text))
    return "".join(key), offsets


def fold_target(text: str) -> str:
    """A target text made comparable: width and dash variants folded, case and spaces folded."""
    return " ".join(text.translate(NOISE_TABLE).casefold().split())


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """The first control character in *text* (tab and line breaks allowed), or None."""
    match = _CONTROL.search(text)
    return match.group() if match else None
