"""Chinese scripts: OpenCC conversions of glossary forms and detection of a document's script.

The glossary's forms are converted once (simplified → traditional in the variants that Taiwan,
Hong Kong and mechanical converters produce); documents are never converted, only classified by
counting characters that exist in one script only.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from dataclasses import dataclass

import opencc

from glossary.normalize import POSITIONED, positions_of_codes

SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"
MIXED = "mixed"
UNKNOWN = "unknown"
# Whose forms a traditional document writes (see Document.region)
TAIWAN = "taiwan"
HONG_KONG = "hong-kong"
REGIONS = (TAIWAN, HONG_KONG)


def region_setting(value: str, name: str, path: str | None = None) -> str | None:
    """A traditional-region setting called *name* (auto, taiwan or hong-kong), checked: the
    region, or None for auto (read from each document)."""
    if value not in ("auto", *REGIONS):
        from glossary.errors import GlossaryError

        raise GlossaryError(f"{name} must be auto, {' or '.join(REGIONS)}, not {value!r}", path)
    return None if value == "auto" else value

TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2hk")


@functools.lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """A cached OpenCC converter for *config* (``s2t``, ``s2tw``, ``s2hk``, ``t2s`` …)."""
    return opencc.OpenCC(config)


def _dictionary(name: str) -> dict[str, list[str]]:
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", name)
    table: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                table[key] = values.split(" ")
    return table


@functools.lru_cache(maxsize=None)
def _char_tables() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    return _dictionary("STCharacters.txt"), _dictionary("TSCharacters.txt")


# Characters OpenCC converts but that Taiwan or Hong Kong copy writes as they are, beyond its
# TWVariants and HKVariants tables: 雇 (Taiwan's standard for 雇主, 雇員), 恒 (恒生, Hong Kong).
_SHARED_IN_PRACTICE = frozenset("雇恒")


@functools.lru_cache(maxsize=None)
def script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """Characters written only in simplified script, and only in traditional script.

    A character that maps to itself among its candidates (后 → 後 or 后) is shared and counts
    for neither script; so is one that Taiwan's or Hong Kong's standard writes as simplified
    script does (峰 群 秘 床: OpenCC's s2t gives 峯 羣 祕 牀, its s2tw and s2hk give them back),
    or else ordinary Taiwan copy (峰會, 秘書長, 打擊群) would read as mixed script.
    """
    s2t, t2s = _char_tables()
    regional = [variant_table(config) for config in ("s2tw", "s2hk")]

    def shared(char: str, candidates: list[str]) -> bool:
        return char in candidates or char in _SHARED_IN_PRACTICE or any(
            table.get(candidate) == char for table in regional for candidate in candidates)

    simplified = frozenset(c for c, cands in s2t.items() if len(c) == 1 and not shared(c, cands))
    traditional = frozenset(c for c, cands in t2s.items() if len(c) == 1 and c not in cands)
    return simplified - traditional, traditional - simplified


@dataclass(frozen=True)
class ScriptProfile:
    """How many script-specific characters a text has, and the verdict."""

    simplified: int
    traditional: int

    @property
    def script(self) -> str:
        total = self.simplified + self.traditional
        if total == 0:
            return UNKNOWN
        minority = min(self.simplified, self.traditional)
        # A few stray characters (a quoted name, a converter's miss) do not make a text mixed.
        if minority >= 3 and minority / total >= 0.05:
            return MIXED
        return SIMPLIFIED if self.simplified >= self.traditional else TRADITIONAL

    @property
    def dominant(self) -> str:
        """The majority script (simplified on a tie or with no evidence)."""
        return TRADITIONAL if self.traditional > self.simplified else SIMPLIFIED


_LARGE_TEXT = 20_000  # characters; above this, count with NumPy
_vectorized = False  # set by prefer_vectorized(): NumPy for texts of every size


def prefer_vectorized() -> None:
    """Count every text with NumPy from now on, whatever its size.

    For a run over many files: NumPy's import (a tenth of a second) then costs less than
    counting thousands of small texts with a Counter (~0.2 ms each against ~15 µs).
    """
    global _vectorized
    if not _vectorized:
        import numpy  # noqa: F401  (imported once, here, rather than on the first large text)

        _class_table()
        _vectorized = True


def profile(text: str) -> ScriptProfile:
    """Count simplified-only and traditional-only characters in *text*.

    Counting is the one pass over every character of a document that the check makes in
    Python, so large texts (and, after :func:`prefer_vectorized`, all texts) are counted with
    NumPy (a table lookup per code point, about 100 MB/s); a few small ones with a Counter,
    which spares them NumPy's import time.
    """
    return survey(text)[0]


def survey(text: str) -> tuple[ScriptProfile, dict[str, list[int]] | None]:
    """:func:`profile`, and where NumPy counts, the offsets of the characters a scan cuts or
    folds (:func:`glossary.normalize.positions`), found in the same pass over the code points."""
    if len(text) > _LARGE_TEXT or _vectorized:
        import numpy

        codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
        classes = _class_table().take(codes, mode="clip")
        counts = numpy.bincount(classes, minlength=4)
        return (ScriptProfile(int(counts[1]), int(counts[2])),
                positions_of_codes(codes, numpy.flatnonzero(classes == _POSITIONED)
                                   if counts[_POSITIONED] else ()))
    simplified, traditional = script_only_characters()
    counts = Counter(text)
    return ScriptProfile(
        sum(n for c, n in counts.items() if c in simplified),
        sum(n for c, n in counts.items() if c in traditional),
    ), None


_POSITIONED = 3


@functools.lru_cache(maxsize=None)
def _class_table():
    """Code point → 0 (neither script), 1 (simplified only), 2 (traditional only), 3 (a
    space, invisible or noise character: :data:`glossary.normalize.POSITIONED`)."""
    import numpy

    simplified, traditional = script_only_characters()
    table = numpy.zeros(0x110000, dtype=numpy.uint8)
    table[[ord(c) for c in simplified]] = 1
    table[[ord(c) for c in traditional]] = 2
    table[[ord(c) for c in POSITIONED]] = _POSITIONED
    return table


def form_script(form: str) -> str:
    """The script of one short form: simplified, traditional, or unknown (shared characters only).

    A form with characters of both scripts counts as traditional, since it is no simplified form.
    """
    simplified, traditional = script_only_characters()
    if any(c in traditional for c in form):
        return TRADITIONAL
    if any(c in simplified for c in form):
        return SIMPLIFIED
    return UNKNOWN


@functools.lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Convert *text* to simplified script (OpenCC t2s)."""
    return converter("t2s").convert(text)


def to_traditional(text: str, config: str = "s2t") -> str:
    """Convert *text* to traditional script with the OpenCC *config*."""
    return _converted(text, config)


# OpenCC's s2tw and s2hk are s2t followed by a table of single-character variants (TWVariants,
# HKVariants); applying the table to the s2t result gives the same text (tested) for a third
# of the cost: the phrase segmentation, OpenCC's slow part, runs once per form, not three times.
_VARIANT_TABLES = {"s2tw": "TWVariants.txt", "s2hk": "HKVariants.txt"}


@functools.lru_cache(maxsize=None)
def variant_table(config: str) -> dict[str, str]:
    """The character table that turns OpenCC's s2t output into its *config* output."""
    return {key: values[0] for key, values in _dictionary(_VARIANT_TABLES[config]).items()}


@functools.lru_cache(maxsize=1 << 18)  # every form of a large glossary, in three configs
def _converted(text: str, config: str) -> str:
    if config in _VARIANT_TABLES:
        table = variant_table(config)
        return "".join([table.get(c, c) for c in _converted(text, "s2t")])
    return converter(config).convert(text)


# Regional spellings that OpenCC's variant tables do not give: Taiwan's 計畫 (its standard for
# 计划; 規劃 stays) and Hong Kong's 綫 (路綫, 接觸綫).
_HOUSE_SPELLINGS = (("s2tw", "計劃", "計畫"), ("s2hk", "線", "綫"))


@functools.lru_cache(maxsize=65536)
def traditional_forms(form: str) -> tuple[str, ...]:
    """Every traditional spelling of a simplified *form* that texts are likely to contain.

    The OpenCC conversions for generic, Taiwan and Hong Kong traditional script (with Taiwan's
    計畫 and Hong Kong's 綫, which OpenCC leaves out), the character-by-character conversion that mechanical converters on news sites produce, and
    that conversion with one character replaced by another traditional character it may
    stand for.
    """
    s2t, _ = _char_tables()
    forms = [to_traditional(form, config) for config in TRADITIONAL_CONFIGS]
    for config, written, house in _HOUSE_SPELLINGS:  # what OpenCC's tables leave out
        converted = to_traditional(form, config)
        if written in converted:
            forms.append(converted.replace(written, house))
    chars = [s2t.get(c, [c]) for c in form]
    base = [candidates[0] for candidates in chars]
    forms.append("".join(base))
    # One character at a time, the other traditional characters it may stand for
    # (冲 → 衝 or 沖: 巴以沖突 as well as 巴以衝突).
    for i, candidates in enumerate(chars):
        for alternative in candidates[1:]:
            forms.append("".join(base[:i] + [alternative] + base[i + 1:]))
    seen: dict[str, None] = {}
    for candidate in forms:
        if candidate != form:
            seen.setdefault(candidate)
    return tuple(seen)
