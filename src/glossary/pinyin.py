"""Pinyin annotations pasted into Chinese web copy, such as ``戰(zhàn)爭`` or ``協(xié)議``.

An annotation is a parenthesised pinyin reading right after a Chinese character. To tell it from
an English word in brackets (``伊朗(Iran)``), its letters must carry a tone mark or tone number,
or spell valid pinyin syllables in lower case.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import os
from itertools import accumulate
from operator import sub
import re
import unicodedata
from typing import NamedTuple

from glossary.normalize import is_ideograph

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ"
_LETTERS = "a-zA-Z" + _TONED + "ÜÄ"
# Zhuyin (bopomofo), as Taiwan's pages annotate characters: 戰(ㄓㄢˋ)爭; its tone marks
_ZHUYIN = "\u3105-\u3129\u02ca\u02c7\u02cb\u02d9\u02c9"
# An annotation: a bracket, a reading, a bracket. _BY_BRACKET puts the bracket first so that the
# regex engine can skip ahead to brackets; the look-behind then wants a word character before it,
# and find_annotations checks that it is a Chinese one (a class of every ideograph here would
# cost 3 ms to compile, at every start-up).
# A word: one syllable, or up to four run together (戰爭(zhànzhēng)), tone numbers ending them.
_WORD = r"[" + _LETTERS + r"]{1,24}(?:[1-5][" + _LETTERS + r"]{1,7}){0,3}[1-5]?"
_READING = (r"\s?(" + _WORD + r"(?:[ '’-]" + _WORD + r"){0,3}"
            r"|[" + _ZHUYIN + r"]{1,6}(?: [" + _ZHUYIN + r"]{1,6}){0,3})\s?[)）]")
_BRACKETS = ("(", "（")
QUOTED_END = "”」』\"’*"  # “斡旋”（wòxuán）, **斡旋**（wòxuán）: the reading of the quoted word
_CHAINED = re.compile(r" ?[(（]" + _READING)
# One pattern per opening bracket: a literal first character lets the regex engine skip ahead
# with a plain character search, several times faster than testing each character against a set.
_BY_BRACKET = tuple(
    (bracket, re.compile(re.escape(bracket) + r"(?:(?<=[\w" + QUOTED_END + "]" + re.escape(bracket)
                         + r")|(?<=\w " + re.escape(bracket) + "))" + _READING))
    for bracket in _BRACKETS
)


_INITIALS = ("b p m f d t n l g k h j q x zh ch sh r z c s y w").split()
_FINALS = (
    "a o e ai ei ao ou an en ang eng ong er i ia ie iao iu iou ian in iang ing iong u ua uo uai ui "
    "uei uan un uen uang ueng v ve van vn ue uan un"
).split()
_SYLLABLE = re.compile(
    r"(?:" + "|".join(sorted(_INITIALS, key=len, reverse=True)) + r")?"
    r"(?:" + "|".join(sorted(set(_FINALS), key=len, reverse=True)) + r")r?"
)


def _plain(letters: str) -> str:
    decomposed = unicodedata.normalize("NFD", letters)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("ü", "v").replace("Ü", "v")


@functools.lru_cache(maxsize=4096)
def is_pinyin(reading: str) -> bool:
    """Whether *reading* (the text inside the brackets) is a pinyin reading."""
    tokens = _SEPARATORS.split(reading)
    toned = any(c in _TONED for c in reading) or any(t[-1:].isdigit() for t in tokens)
    for token in tokens:
        for part in filter(None, re.split("[1-5]", token)):  # a tone number ends a syllable
            letters = _plain(part).lower()
            if _SYLLABLE.fullmatch(letters):
                continue
            # syllables run together count with a tone mark on each: wòxuán, not café
            marks = sum(c in _TONED for c in part)
            if not 1 < marks <= 4 or not _joined(marks).fullmatch(letters):
                return False
    return toned or (reading.islower() and len(reading) > 1)  # not a list label: (a), (i), (v)


@functools.lru_cache(maxsize=None)
def _joined(count: int) -> re.Pattern:
    """*count* syllables run together."""
    return re.compile("(?:" + _SYLLABLE.pattern + "){" + str(count) + "}")


class Annotation(NamedTuple):
    """A pinyin annotation at ``start:end`` of the text (brackets included)."""

    start: int
    end: int
    reading: str


def find_annotations(text: str) -> list[Annotation]:
    """Every pinyin annotation in *text*, in order."""
    # Annotations contain no opening bracket, so the matches of the two brackets never overlap.
    found = [pattern.finditer(text) for bracket, pattern in _BY_BRACKET if bracket in text]
    if not found:
        return []
    # An annotated page has one every few characters: this loop is kept lean (a verdict per
    # distinct reading, tuples made without the named tuple's Python-level constructor).
    out: list[Annotation] = []
    add, new, verdicts = out.append, tuple.__new__, _verdicts
    toneless = 0  # readings without a tone mark: annotations only on an annotated page
    for match in found[0] if len(found) == 1 else heapq.merge(*found, key=re.Match.start):
        reading = match.group(1)
        verdict = verdicts.get(reading)
        if verdict is None:
            verdict = _verdict(reading)
        if verdict:
            start, end = match.span()
            if text[start - 1] == " ":  # 戰 (zhàn)爭: the space goes with the annotation
                start -= 1
            word_end = start
            while word_end > 1 and text[word_end - 1] in QUOTED_END:
                word_end -= 1  # the quoted word's: “斡旋”（wòxuán）
            if not word_end or not is_ideograph(text[word_end - 1]):
                continue  # after a Latin letter or a digit: Iran(zhàn), not an annotation
            if verdict is _TONELESS:
                if not reads_as(text, word_end, reading):
                    continue  # an English gloss that spells pinyin: 做多（long）, 禁止（ban）
                toneless += 1
            if verdict is _JOINED and not reads_as(text, word_end, reading, joined=True):
                continue  # a word that spells syllables: 咖啡(café), 简历(résumé)
            add(new(Annotation, (start, end, reading)))
            # the same reading pasted twice, or in both systems: 戰(zhàn)(zhàn)爭, 戰(zhàn)(ㄓㄢˋ)爭
            while (chained := _CHAINED.match(text, end)) and _repeats(chained.group(1), reading):
                add(Annotation(end, chained.end(), chained.group(1)))
                end = chained.end()
                if _verdicts.get(chained.group(1)) is _TONELESS:
                    toneless += 1
    if toneless and toneless == len(out):
        # no reading with a tone mark anywhere: a text that glosses its words in romanisation
        # (躺平（tang ping）, 风水（feng shui）, 元（yuan）), not a page annotated with pinyin
        return []
    return out


def _repeats(reading: str, before: str) -> bool:
    """Whether *reading*, in brackets right after the annotation *before*, is that reading
    again (in pinyin or Zhuyin)."""
    verdict = _verdicts.get(reading)
    if verdict is None:
        verdict = _verdict(reading)
    return verdict is True or (bool(verdict) and reading == before)


_verdicts: dict[str, object] = {}  # reading → its verdict, for find_annotations
# the verdict on a reading that is pinyin only if the characters before it read so: one
# without tone marks or numbers, or with syllables run together and a mark on only some of
# them (朋友(péngyou): a neutral tone; 咖啡(café) is a word)
_TONELESS = "toneless"
_JOINED = "joined"  # syllables run together, not each with its tone mark: the same test


def _verdict(reading: str) -> object:
    if len(_verdicts) >= 65536:
        _verdicts.clear()
    if is_zhuyin(reading):
        verdict = _ZHUYIN_SYLLABLES.fullmatch(reading) is not None
    else:
        verdict = is_pinyin(reading)
        if verdict and not _has_tone(reading):
            # hyphenated without a tone mark: a loanword (feng-shui, yin-yang)
            verdict = _TONELESS if "-" not in reading else False
        elif not verdict and _spelled(reading):
            verdict = _JOINED
    _verdicts[reading] = verdict
    return verdict


_ZHUYIN_READING = re.compile("[" + _ZHUYIN + " ]+")
# A Zhuyin syllable: an initial, a medial, a final, at least one of them, and a tone mark (˙
# before it); not a list of the symbols (ㄅㄆㄇㄈ) nor a bare tone mark (ˇ)
_ZHUYIN_SYLLABLE = "˙?(?=[ㄅ-ㄩ])[ㄅ-ㄙ]?[ㄧㄨㄩ]?[ㄚ-ㄦ]?[ˊˇˋ˙ˉ]?"
_ZHUYIN_SYLLABLES = re.compile(_ZHUYIN_SYLLABLE + "(?: " + _ZHUYIN_SYLLABLE + ")*")


def is_zhuyin(reading: str) -> bool:
    """Whether *reading* is written in Zhuyin (bopomofo), not in pinyin."""
    return bool(_ZHUYIN_READING.fullmatch(reading))


def _spelled(reading: str) -> bool:
    """Whether *reading* is lower-case letters that split into pinyin syllables, up to four
    run together a word, with a tone mark on some syllable: 朋友(péngyou). Without any, a
    loanword (guanxi, hukou, feng-shui) or an English word (tea, change) is a gloss."""
    if not reading.islower() or len(reading) < 2 or not _has_tone(reading):
        return False
    return all(_joined_loosely().fullmatch(_plain(token))
               for token in _SEPARATORS.split(reading))


@functools.lru_cache(maxsize=1)
def _joined_loosely() -> re.Pattern:
    return re.compile("(?:" + _SYLLABLE.pattern + "){1,4}")


_SEPARATORS = re.compile(r"[ '’-]")
_NOT_LETTERS = re.compile(r"[ '’1-5-]")


def _has_tone(reading: str) -> bool:
    return any(c in _TONED or c.isdigit() for c in reading)


def reads_as(text: str, start: int, reading: str, joined: bool = False) -> bool:
    """Whether the characters before *start* in *text* can be read as *reading*, one syllable
    a character: 朗(lang) and 朋友(péngyou) can, 止（ban）, 做多（long） and 简历(résumé) cannot.
    Without a tone mark on each syllable, an English word in brackets spells pinyin often
    enough (long, ban, man, café) that only the characters' own readings tell an annotation
    from a gloss. Each word of *reading* is one character's reading, or with *joined* one
    or more characters' run together."""
    readings = _readings()
    if readings is None:  # pypinyin not installed: the syllables are all we can check
        return True
    letters = _plain(_NOT_LETTERS.sub("", reading)).lower()
    words = len(_SEPARATORS.split(reading))  # each a character or more
    most = min(start, len(letters), _MOST_READ) if joined else min(start, words)
    for count in range(words, most + 1):
        char = text[start - count]
        if not is_ideograph(char):
            return False
        if _reads(letters, text[start - count:start], readings):
            return True
    return False


_MOST_READ = 8  # characters a reading may stand for


def _reads(letters: str, chars: str, readings: dict) -> bool:
    """Whether *chars*, one reading each, spell *letters* (戰爭: zhanzheng)."""
    at = {0}
    for char in chars:
        at = {i + len(r) for i in at for r in readings.get(ord(char), ())
              if letters.startswith(r, i)}
        if not at:
            return False
    return len(letters) in at


@functools.lru_cache(maxsize=1)
def _readings() -> dict[int, frozenset[str]] | None:
    """Code point → its readings without tones (pypinyin's table, loaded on first need)."""
    table = _pinyin_table()
    if table is None:
        return None
    return {code: frozenset(_plain(r).lower() for r in value.split(","))
            for code, value in table.items()}


def _pinyin_table() -> dict[int, str] | None:
    # pypinyin's package imports in a third of a second; its table alone loads in 50 ms
    import importlib.util

    try:
        spec = importlib.util.find_spec("pypinyin")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = os.path.join(list(spec.submodule_search_locations)[0], "pinyin_dict.py")
        from importlib.machinery import SourceFileLoader

        loader = SourceFileLoader("_glossary_pinyin_dict", path)
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
        loader.exec_module(module)
        return module.pinyin_dict
    except (ImportError, OSError, AttributeError, SyntaxError):
        try:
            from pypinyin.pinyin_dict import pinyin_dict
        except ImportError:
            return None
        return pinyin_dict


class Span(NamedTuple):
    """A stretch of text cut out before scanning (spaces around a separator)."""

    start: int
    end: int


class OffsetMap:
    """Maps offsets in a text with annotations removed back to offsets in the original."""

    def __init__(self, annotations: list[Annotation] | list[Span]):
        # After clean offset breaks[i], original = clean + shifts[i] (the characters removed
        # up to and including annotation i); annotation i began at clean offset
        # start_i - shifts[i - 1], which is end_i - shifts[i].
        self.ends: list[int] = [a.end for a in annotations]  # in the original text
        self.shifts: list[int] = list(accumulate(map(sub, self.ends, (a.start for a in annotations))))
        self.breaks: list[int] = list(map(sub, self.ends, self.shifts))

    def start(self, clean: int) -> int:
        """The original offset of the character at clean offset *clean*."""
        i = bisect.bisect_right(self.breaks, clean)
        return clean + (self.shifts[i - 1] if i else 0)

    def end(self, clean_end: int) -> int:
        """The original end offset for a clean span ending at *clean_end* (exclusive)."""
        return self.start(clean_end - 1) + 1 if clean_end > 0 else 0


def strip_annotations(text: str, annotations: list[Annotation]) -> str:
    """*text* without the given annotations."""
    if not annotations:
        return text
    starts = [a.start for a in annotations]
    ends = [a.end for a in annotations]
    return "".join([text[i:j] for i, j in zip([0, *ends], [*starts, len(text)])])
