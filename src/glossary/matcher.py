"""Finding glossary terms in text: every form of every entry in one Aho-Corasick automaton.

The glossary is converted, not the text: each entry's forms are expanded once into their
traditional spellings and their forms without the name interpunct, folded like the text is
(:mod:`glossary.normalize`), and put into one automaton (the Rust ``aho-corasick`` crate, through
``ahocorasick-rs``) that finds the leftmost-longest matches. Expanding the forms is the slow part
(OpenCC conversions); the expanded spellings are cached on disk, keyed by a hash of the forms
and the tool's version, and the automaton is built from them in a fraction of that time.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress
from operator import itemgetter
from typing import NamedTuple

import ahocorasick_rs

from glossary import __version__, cache
from glossary.alphabet import Alphabet
from glossary.gcpause import paused
from glossary.model import FORBIDDEN, PREFERRED, VARIANT, Entry, Glossary
from glossary.normalize import (HYPHEN, INTERPUNCT, INVISIBLE, JOINER_SOURCES,
                                LATIN_SPACES, NOISE_CHARS, as_interpuncts, fold_names,
                                fold_noise_at, html_entities, invisible_runs, is_ideograph,
                                latin_space_between, latin_spaces, markup_tags, model_follows,
                                name_hyphens, number_interpuncts, positions, quoted_names,
                                spaced_separators, strip_hyphens, strip_interpuncts,
                                strip_number_hyphens, strip_separators, substituted,
                                without_cut_spaces, wrapped_breaks)
from glossary.pinyin import OffsetMap, Span, find_annotations, strip_annotations
from glossary.scripts import (SIMPLIFIED, TRADITIONAL, form_script, to_simplified,
                              to_traditional, traditional_forms)

CACHE_FORMAT = 21
_CACHE_PREFIX = "patterns-"
_KIND_ORDER = {PREFERRED: 0, VARIANT: 1, FORBIDDEN: 2}


class Pattern(NamedTuple):
    """One literal string the automaton looks for, and what it stands for."""

    entry: int  # index into Glossary.entries
    kind: str  # preferred, variant or forbidden
    form: str  # the glossary's own form it comes from (as written in the glossary)
    text: str  # the literal spelling: the form, a traditional spelling, or without interpunct
    script: str  # simplified, traditional or unknown (shared characters only)
    separated: bool  # False when the glossary form's interpunct or hyphen was dropped


Hit = tuple  # (pattern number, start, end): a raw match in the clean text, end exclusive


@dataclass(slots=True)
class TermMatch:
    """A glossary term found in a text, at ``start:end`` of the original text."""

    start: int
    end: int
    entry: Entry
    kind: str
    form: str
    pattern: str
    script: str
    separated: bool
    matched: str  # the original text, annotations and noise included
    clean: str  # the matched text without pinyin annotations (noise not folded)
    spaced: bool = False  # spaces around a separator (阿巴斯 · 阿拉格齐) or invisible characters inside


def pattern_key(spelling: str) -> str:
    """What the automaton looks for: *spelling* as a scanned text reads (:func:`prepare`)."""
    return fold_names(without_cut_spaces(spelling))


def expand_patterns(glossary: Glossary) -> list[Pattern]:
    """Every spelling of every form of every entry, first claim wins for a spelling."""
    patterns: dict[str, Pattern] = {}

    def claim(index: int, kind: str, form: str, text: str, separated: bool = True) -> None:
        key = pattern_key(text)
        if not key.strip():
            return
        existing = patterns.get(key)
        if existing is not None and (existing.entry, _KIND_ORDER[existing.kind]) <= (
            index, _KIND_ORDER[kind]
        ):
            return
        patterns[key] = Pattern(index, kind, form, text, form_script(text), separated)

    weak: list[tuple[int, str, str]] = []
    for index, entry in enumerate(glossary.entries):
        for kind, form in entry.claims():
            spellings = [form, *traditional_forms(form)]
            if form == entry.zh_hant and form != entry.zh:
                # Taiwan copy converted to simplified script keeps Taiwan's names (纳坦雅胡);
                # claimed last, so that no form a glossary writes (纽西兰 forbidden) is taken
                weak.append((index, form, to_simplified(form)))
            for text in spellings:
                claim(index, kind, form, text)
            for text in spellings:  # written without the interpunct or a model number's hyphen
                folded = fold_names(text)  # 艾哈迈迪-内贾德: a name's hyphen is its interpunct
                for bare in dict.fromkeys((strip_interpuncts(folded), strip_hyphens(folded),
                                           strip_number_hyphens(folded),
                                           strip_separators(folded))):
                    if bare != folded:
                        claim(index, kind, form, bare, separated=False)
    for index, form, text in weak:
        if pattern_key(text) not in patterns:
            claim(index, PREFERRED, form, text)
    return sorted(patterns.values(), key=lambda p: (p.entry, _KIND_ORDER[p.kind], p.text))


def _traditional_forms(glossary: Glossary) -> dict[str, tuple[str, str]]:
    """Every claimed form → its s2t and s2hk spellings (already computed by the expansion)."""
    return {form: (to_traditional(form), to_traditional(form, "s2hk"))
            for entry in glossary.entries for _, form in entry.claims()}


def exceptions(glossary: Glossary, patterns: list[Pattern], keys: list[str]) -> dict:
    """Pattern number → [(offset, phrase)]: the entry's ``not_in`` words (and their traditional
    spellings) that hold the pattern's key at that offset, as a scan reads them. A hit of the
    pattern inside one of them is no hit (川普 in 四川普降). A word written in either script
    applies in both."""
    out: dict[int, list[tuple[int, str]]] = {}
    phrases_of: dict[int, set[str]] = {}
    for number, p in enumerate(patterns):
        key = keys[number]
        entry = glossary.entries[p.entry]
        if not entry.not_in:
            continue
        phrases = phrases_of.get(p.entry)
        if phrases is None:
            phrases = phrases_of[p.entry] = {
                pattern_key(spelling) for phrase in entry.not_in
                for simplified in {phrase, to_simplified(phrase)}
                for spelling in (simplified, *traditional_forms(simplified))}
        for phrase in phrases:
            at = phrase.find(key)
            while at != -1 and phrase != key:
                out.setdefault(number, []).append((at, phrase))
                at = phrase.find(key, at + 1)
    return out


def _from_columns(columns: list[list]) -> list[Pattern]:
    """The patterns stored column by column (see :meth:`Matcher.for_glossary`)."""
    if not columns:
        return []
    if len(columns) != len(Pattern._fields) or len({len(c) for c in columns}) != 1:
        raise ValueError("not a pattern table")
    # tuple.__new__ skips the named tuple's Python-level constructor: 80,000 patterns of a
    # large glossary are made in a fifth of the time, on every run
    return list(map(partial(tuple.__new__, Pattern), zip(*columns)))


def glossary_fingerprint(glossary: Glossary) -> str:
    """A hash of everything the automaton depends on: forms, order and the tool's version."""
    records = [(e.id, e.zh, e.zh_hant, e.variants, e.forbidden_forms, e.not_in)
               for e in glossary.entries]
    # marshal version 2 writes no back-references, so equal data gives equal bytes
    return hashlib.sha256(f"{__version__}/{CACHE_FORMAT}/".encode() + marshal.dumps(records, 2)
                          ).hexdigest()


class Matcher:
    """The automaton over a glossary's spellings; :meth:`scan` finds the terms in a text."""

    def __init__(self, glossary: Glossary, patterns: list[Pattern], keys: list[str] | None = None,
                 traditional: dict[str, tuple[str, str]] | None = None,
                 excepted: dict | None = None, alphabet: Alphabet | None = None):
        """*keys*: what the automaton looks for, one per pattern (:func:`pattern_key`), in
        *alphabet* when it is given (as the disk cache holds them), else as spelled."""
        self.glossary = glossary
        self.patterns = patterns
        # glossary form → its OpenCC s2t and s2hk spellings, kept with the patterns so that a
        # check need not load OpenCC's dictionaries (a tenth of a second) to write suggestions
        self._traditional = traditional or {}
        keys = keys if keys is not None else [pattern_key(p.text) for p in patterns]
        # pattern number → the words in which a hit of it is no hit (see exceptions)
        self.excepted = excepted if excepted is not None else exceptions(glossary, patterns, keys)
        if alphabet is None:
            alphabet = Alphabet.of(keys)
            keys = [alphabet.encode(key) for key in keys]
        self.alphabet = alphabet
        self.keys = keys  # in the alphabet
        self._longest = max(map(len, keys), default=1)
        # pattern number → the characters that stand before and after it in its not_in words:
        # a hit with neither beside it is in none of them (most hits of 以军 are the army)
        self._edges = {number: _edges(held, len(keys[number]))
                       for number, held in self.excepted.items()}
        # pattern number → whether its spelling starts and ends with a digit (12频道 is no hit
        # in 第112频道, nor 12日战争 in 112日战争), and whether it is a name's number without its
        # hyphen, a hit only before a model's words or marks (霍拉姆沙赫尔4日: the city on the 4th)
        self._digit_edges = {number: (ends[0] in _DIGITS, ends[-1] in _DIGITS,
                                      ends[-1] in _DIGITS and _unhyphenated(patterns[number]))
                             for number, ends in _digit_ended(keys, alphabet)}
        # The contiguous NFA scans as fast as the DFA here and builds five times faster
        # (0.25 s for 80,000 spellings); the build is paid by every run.
        self.automaton = ahocorasick_rs.AhoCorasick(
            keys or ["\uffff"], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        self._empty = not keys
        self.loaded_from_cache = False
        self._notable: dict[tuple, frozenset[int]] = {}  # (script, rules' tests) → numbers

    @classmethod
    def build(cls, glossary: Glossary) -> "Matcher":
        return cls(glossary, expand_patterns(glossary), traditional=_traditional_forms(glossary))

    @classmethod
    def for_glossary(cls, glossary: Glossary, use_cache: bool = True) -> "Matcher":
        """The matcher for *glossary*, its spellings loaded from the disk cache when there."""
        with paused():
            return cls._for_glossary(glossary, use_cache)

    @classmethod
    def _for_glossary(cls, glossary: Glossary, use_cache: bool) -> "Matcher":
        if not use_cache:
            return cls.build(glossary)
        name = f"{_CACHE_PREFIX}{glossary_fingerprint(glossary)}"
        stamp = (CACHE_FORMAT, __version__, sys.version_info[:2])
        data = cache.read(name)
        if data is not None:
            try:
                (held_stamp, columns, characters, keys, traditional,
                 excepted) = marshal.loads(data)
                patterns = _from_columns(columns)
                if (tuple(held_stamp) == stamp and len(patterns) == len(keys)
                        and all(0 <= p.entry < len(glossary.entries) for p in patterns)):
                    excepted = {number: [tuple(e) for e in held] for number, held in excepted.items()}
                    matcher = cls(glossary, patterns, keys, traditional, excepted,
                                  Alphabet(characters))
                    matcher.loaded_from_cache = True
                    return matcher
            except (ValueError, TypeError, EOFError, SystemError):  # marshal: SystemError too
                pass  # a corrupt or foreign file: build afresh and overwrite it
        patterns = expand_patterns(glossary)
        keys = [pattern_key(p.text) for p in patterns]
        traditional = _traditional_forms(glossary)
        # Column by column, with back-references (marshal 4): a form and its spelling, or a
        # spelling and its folded key, are mostly one string; loading makes fewer objects.
        matcher = cls(glossary, patterns, keys, traditional)
        columns = [list(column) for column in zip(*patterns)] if patterns else []
        cache.write(name, marshal.dumps((stamp, columns, matcher.alphabet.characters,
                                         matcher.keys, traditional, matcher.excepted), 4),
                    prune_prefix=_CACHE_PREFIX)
        return matcher

    def traditional(self, form: str) -> str:
        """*form* (a simplified glossary form) in traditional script (OpenCC s2t)."""
        converted = self._traditional.get(form)
        return converted[0] if converted is not None else to_traditional(form)

    def hong_kong(self, form: str) -> str:
        """*form* in Hong Kong's standard characters (OpenCC s2hk: 衞 説 where s2t writes 衛 說)."""
        converted = self._traditional.get(form)
        return converted[1] if converted is not None else to_traditional(form, "s2hk")

    def scan(self, text: str, documents: tuple[str, ...] = ()) -> list[TermMatch]:
        """All leftmost-longest term matches in *text*, annotations and noise seen through.

        *documents*: the whole texts that *text* (a sentence) comes from, whose words count as
        evidence that a generic form means its entry (see :meth:`generic`)."""
        prepared = prepare(text)
        return self.term_matches(prepared, self.counted_hits(prepared, documents)[0])

    def hits(self, prepared: "PreparedText") -> list[Hit]:
        """The raw matches: (pattern number, start, end) in the clean text, end exclusive."""
        return self.counted_hits(prepared)[0]

    def counted_hits(self, prepared: "PreparedText", documents: tuple[str, ...] = ()
                     ) -> tuple[list[Hit], list[int], Counter]:
        """:meth:`hits`, their pattern numbers and how often each was hit: a large text's
        tens of thousands of hits are walked once here, not once per question asked of them."""
        if self._empty:
            return [], [], Counter()
        folded = prepared.folded
        encoded = self.alphabet.encode(folded)  # no lone surrogates left: each is U+0000
        hits = self.automaton.find_matches_as_indexes(encoded)
        numbers = list(map(itemgetter(0), hits))
        counts = Counter(numbers)
        generic, digits = self.generic(), self._digit_edges
        # a person's generic name beside an interpunct may be part of another's full name
        namesakes = self.namesakes() if generic and INTERPUNCT in folded else {}
        suspected = ((self.excepted.keys() & counts.keys()) if self.excepted else set()) | (
            (generic.keys() & counts.keys()) if generic else set()) | (
            (digits.keys() & counts.keys()) if digits else set())
        if suspected:
            drops = self._drops(folded, encoded, hits, counts, documents, namesakes,
                                prepared.clean)
            excepted, edges, size, dropped = self.excepted, self._edges, len(folded), []
            # the hits of the suspected patterns, found without a Python-level loop
            for i in compress(range(len(hits)), map(suspected.__contains__, numbers)):
                number, start, end = hits[i]
                if number in excepted and number not in generic and number not in digits:
                    # with no character of its not_in words beside it, in none of them (most
                    # hits of 以军 are the army): asked here, without a call
                    before, after = edges[number]
                    if not ((start and folded[start - 1] in before)
                            or (end < size and folded[end] in after)):
                        continue
                if drops(hits[i]):
                    dropped.append(i)
            if dropped:
                hits = self._resolved(encoded, hits, dropped, drops)
                numbers = list(map(itemgetter(0), hits))
                counts = Counter(numbers)
        return hits, numbers, counts

    def generic(self) -> dict[int, tuple[frozenset, tuple[str, ...]]]:
        """Pattern number of a generic form (an entry's ``generic``: a variant or forbidden
        form that is also an ordinary word) → the evidence that a document means the entry:
        the numbers of the entry's other patterns, the words the form leaves out of the
        entry's preferred form (乌克兰 of 乌克兰总统办公室; see :meth:`_words`), and its English
        names (Eyal Zamir); none for a publication (type media), whose name only book-title
        marks tell."""
        held = self.__dict__.get("_generic")
        if held is None:
            held = self.__dict__["_generic"] = {}
            self.__dict__["_namesakes"] = {}
            entries = self.glossary.entries
            chosen = {i for i, e in enumerate(entries) if e.generic}
            if chosen:
                mine: dict[int, list[int]] = {}
                for number, p in enumerate(self.patterns):
                    if p.entry in chosen:
                        mine.setdefault(p.entry, []).append(number)
                for index, numbers in mine.items():
                    entry = entries[index]
                    flags = {n: self.patterns[n].form in entry.generic for n in numbers}
                    if entry.type == "media":  # a publication's name stands in 《》: only they tell
                        held.update((n, (frozenset(), (), None)) for n in numbers if flags[n])
                        continue
                    others = frozenset(n for n in numbers if not flags[n])
                    if entry.type == "person":
                        self._note_namesakes(numbers, flags)
                    names = _english_names(entry)
                    preferred = [self.keys[n] for n in numbers
                                 if self.patterns[n].kind == PREFERRED]
                    for n in numbers:
                        if flags[n]:
                            key = self.keys[n]
                            # a single character (the 号 of 亚伯拉罕·林肯号) tells nothing
                            rest = {part for full in preferred if key in full
                                    for part in full.split(key) if len(part) > 1}
                            held[n] = (others, self._words(rest), names)
        return held

    def _words(self, words) -> tuple:
        """*words* (in the alphabet) as evidence: the pattern number of each that is a term's
        spelling, which counts where it is a hit of its own (乌克兰, not the 乌克兰 of
        乌克兰危机), else the word, which counts wherever the text writes it."""
        out = []
        for word in sorted(words):
            found = self.automaton.find_matches_as_indexes(word)
            whole = len(found) == 1 and found[0][1:] == (0, len(word))
            out.append(found[0][0] if whole else word)
        return tuple(out)

    def _shown(self, folded: str, encoded: str, hits: list[Hit], counts,
               number: int) -> bool | None:
        """Whether a text (*folded*, *encoded* in the alphabet, with its *hits* and pattern
        *counts*) shows that the generic pattern *number* means its entry: True where it
        writes another form of the entry or a word the form leaves out of the preferred one
        (乌克兰); False where it writes the form right after another country's name (韩国总统
        办公室: its other uses there are that country's); None where it says nothing."""
        others, rest, names = self.generic()[number]
        present = others.intersection(counts)
        if present:
            excepted = self.excepted
            # a form inside one of its not_in words (林肯号 in 林肯号召) shows nothing
            if any(n not in excepted or any(not _inside(folded, hit, excepted[n])
                                            for hit in hits if hit[0] == n)
                   for n in present):
                return True
        if number in counts and any(self._after_a_country(folded, start, number)
                                    for n, start, _ in hits if n == number):
            return False
        if any(word in counts if type(word) is int else word in encoded for word in rest):
            return True
        return True if names is not None and names.search(folded) else None

    def _after_a_country(self, folded: str, start: int, number: int) -> bool:
        """Whether the hit of *number* at *start* follows another country's name, or is a
        person (after a title: 总统亚伯拉罕·林肯 is the president, not the carrier named after
        him); a nationality or a title before a person's name does not make another person
        of them."""
        return self.glossary.entries[self.patterns[number].entry].type != "person" \
            and (_after_a_country(folded, start) or folded[max(0, start - 2):start] in _TITLES)

    def meant_in(self, text: str) -> frozenset[int]:
        """The generic pattern numbers whose entry *text*, a whole document, shows it means."""
        cache = self.__dict__.setdefault("_meant_in", {})
        shown = cache.get(text)
        if shown is None:
            if len(cache) > 64:
                cache.clear()
            folded = prepare(text).folded
            encoded = self.alphabet.encode(folded)
            hits = self.automaton.find_matches_as_indexes(encoded)
            counts = Counter(map(itemgetter(0), hits))
            shown = cache[text] = frozenset(
                number for number in self.generic()
                if self._shown(folded, encoded, hits, counts, number))
        return shown

    def namesakes(self) -> dict[int, tuple[str, ...]]:
        """Pattern number of a person's generic one-part name (萨米尔, a given name as common
        as Samir) → the parts of the entry's full names in the glossary (埃亚勒, 扎米尔). Joined
        by an interpunct to another part than these, the name is another person's: 萨米尔·哈提卜
        is not Eyal Zamir. Only generic forms: the given names of the people a glossary is about
        are written in too many transliterations (本杰明·内坦亚胡, 马可·卢比奥) to be listed."""
        self.generic()
        return self.__dict__["_namesakes"]

    def _note_namesakes(self, numbers: list[int], flags: dict[int, bool]) -> None:
        """Record in :meth:`namesakes` the one-part generic spellings among one person's
        pattern *numbers* (*flags*: which are generic), with the parts of the full names."""
        mark = self.alphabet.encode(INTERPUNCT)
        if mark == "\x00":
            return
        parts: set[str] = set()
        for number in numbers:
            if self.patterns[number].separated and mark in self.keys[number]:
                parts.update(self.alphabet.decode(self.keys[number]).split(INTERPUNCT))
        parts.discard("")
        if parts:
            held = self.__dict__["_namesakes"]
            for number in numbers:
                if flags[number] and self.patterns[number].separated \
                        and mark not in self.keys[number]:
                    held[number] = tuple(sorted(parts))

    def _drops(self, folded: str, encoded: str, hits: list[Hit], counts: Counter,
               documents: tuple[str, ...], namesakes: dict, clean: str):
        """The test of whether a hit in *folded* (*encoded*: in the automaton's alphabet; *hits*
        and *counts*: the first scan's) is no hit: it stands inside one of its entry's
        ``not_in`` words (川普 in 四川普降), or it is of a generic form that is not meant: not in
        book-title marks (《经济学者》), and either right after another country's name (韩国总统
        办公室) or in a document that does not show its entry is meant (:meth:`_shown`), nor do
        the *documents* a sentence comes from."""
        excepted, edges, generic, size = self.excepted, self._edges, self.generic(), len(folded)
        digit_edges = self._digit_edges
        meant: dict[int, bool] = {}  # generic pattern → the document shows its entry is meant

        def is_meant(number: int) -> bool:
            held = meant.get(number)
            if held is None:
                held = self._shown(folded, encoded, hits, counts, number)
                if held is None:  # the sentence says nothing: its documents may
                    held = any(number in self.meant_in(document) for document in documents)
                meant[number] = held
            return held

        def drops(hit: Hit) -> bool:
            number, start, end = hit
            if number in namesakes and _namesake(folded, clean, start, end, namesakes[number]):
                return True
            if number in digit_edges:
                first, last, dated = digit_edges[number]
                if (first and start and folded[start - 1] in _DIGITS) or (
                        last and end < size and folded[end] in _DIGITS) or (
                        dated and not model_follows(folded, end)):
                    return True
            if number in excepted:
                before, after = edges[number]
                # a hit with no character of its not_in words beside it is in none of them
                if ((start and folded[start - 1] in before) or (end < size and folded[end] in after)) \
                        and _inside(folded, hit, excepted[number]):
                    return True
            return number in generic and not _titled(folded, start, end, size) and (
                self._after_a_country(folded, start, number) or not is_meant(number))

        return drops

    def _resolved(self, encoded: str, hits: list[Hit], dropped: list[int], drops) -> list[Hit]:
        """*hits* without those at the indexes *dropped* (sorted), the text scanned again after
        each as if the dropped hit were no match: the longest shorter term at its start, then
        leftmost-longest on, until the scan meets the original hits again (in 俄罗斯外交部长, the
        ministry's not_in word, 俄罗斯 and 外交部长 are found; a term that runs past the next
        original hit wins over it, as it would have in the first scan). *drops* tells whether a
        hit found again is no hit either."""
        find = self.automaton.find_matches_as_indexes
        longest, size, n = self._longest, len(encoded), len(hits)
        window = 4 * longest
        out: list[Hit] = []
        i = 0  # the next original hit, not yet taken or passed over
        for d in dropped:
            if d < i:
                continue  # passed over by the scan after an earlier drop
            out += hits[i:d]
            pending: Hit | None = hits[d]  # a dropped hit where the scan stands
            pos = pending[1]
            while True:
                if pending is not None:
                    _, start, stop = pending
                    pending = None
                    shorter = find(encoded[start:stop - 1])[:1]
                    if shorter and shorter[0][1] == 0:
                        hit = (shorter[0][0], start, start + shorter[0][2])
                        if drops(hit):
                            pending = hit
                            continue
                        out.append(hit)
                        pos = hit[2]
                    else:
                        pos = start + 1
                while i < n and hits[i][1] < pos:
                    i += 1
                if pos >= size:
                    break
                # A match found in encoded[pos:end] is the one a whole scan finds if every
                # longer one starting where it starts would fit: it starts a key's length
                # before the end of the piece, or the piece ends the text.
                # past the first scan's last hit, nothing is left to meet: the rest in one go
                end = size if i >= n else min(size, pos + window)
                certain = end if end == size else end - longest
                synced = False
                base = pos
                for number, a, b in find(encoded[base:end]):
                    a, b = a + base, b + base
                    if a > certain:
                        break
                    hit = (number, a, b)
                    while i < n and hits[i][1] < a:
                        i += 1
                    if i < n and hits[i] == hit:
                        synced = True  # the first scan's hits from here on stand
                        break
                    if drops(hit):
                        pending = hit
                        break
                    out.append(hit)
                    pos = b
                if synced:
                    break
                if pending is None:
                    pos = size if end == size else max(pos, certain + 1)
        out += hits[i:]
        return out

    def term_match(self, prepared: "PreparedText", hit: Hit) -> TermMatch:
        """The :class:`TermMatch` of one raw hit, in the original text's offsets."""
        return self.term_matches(prepared, [hit])[0]

    def term_matches(self, prepared: "PreparedText", hits: list[Hit]) -> list[TermMatch]:
        """:meth:`term_match` for many hits (the per-hit work of a large text, kept lean)."""
        patterns, entries = self.patterns, self.glossary.entries
        text, clean = prepared.text, prepared.clean
        out = []
        add = out.append
        if prepared.offsets is None:
            for number, start, stop in hits:
                p = patterns[number]
                matched = text[start:stop]
                add(TermMatch(start, stop, entries[p.entry], p.kind, p.form, p.text, p.script,
                              p.separated, matched, matched))
            return out
        breaks, shifts = prepared.offsets.breaks, prepared.offsets.shifts
        spaced, stand_ins = prepared.spaced, prepared.stand_ins
        for number, start, stop in hits:
            p = patterns[number]
            i = bisect_right(breaks, start)
            begin = start + shifts[i - 1] if i else start
            i = bisect_right(breaks, stop - 1, i)
            end = stop + shifts[i - 1] if i else stop  # the last character's, plus one
            first_stands_in = stand_ins and start in stand_ins
            if first_stands_in:
                begin = stand_ins[start]
            match = TermMatch(begin, end, entries[p.entry], p.kind, p.form, p.text, p.script,
                              p.separated, text[begin:end], clean[start:stop])
            if spaced:  # a cut inside the term, not at its edges (a reference's may be at them)
                i = bisect_right(spaced, start)
                match.spaced = bool(first_stands_in) or (i < len(spaced) and spaced[i] < stop)
            add(match)
        return out

    def notable(self, script: str, wants=None) -> frozenset[int]:
        """Pattern numbers whose hits some rule reads, in a document of *script*.

        *wants* is a tuple of tests ``(pattern, entry, script) -> bool``, one per enabled
        rule that reads matches (the rules' ``wants``); by default, every such rule: forbidden
        and variant forms, spellings without the interpunct, spellings in the other script,
        either preferred form of an entry with its own traditional form in a traditional
        document, and that traditional form in a simplified one. Every
        other hit only counts, unless noise in the text changes it (see Document.scan).
        """
        cached = self._notable.get((script, wants))
        if cached is None:
            entries = self.glossary.entries
            if wants is None:
                cached = frozenset(
                    n for n, p in enumerate(self.patterns)
                    if p.kind != PREFERRED or not p.separated
                    or p.script not in (script, "unknown")
                    or (p.kind == PREFERRED
                        and entries[p.entry].zh_hant not in (None, entries[p.entry].zh)
                        and (script == TRADITIONAL or p.form == entries[p.entry].zh_hant)))
            else:
                cached = frozenset(
                    n for n, p in enumerate(self.patterns)
                    if any(test(p, entries[p.entry], script) for test in wants))
            self._notable[(script, wants)] = cached
        return cached

    def wording(self) -> dict[int, int]:
        """Pattern number → +1 or -1: a hit in a traditional document is a vote for Hong Kong's
        (and converted mainland copy's) wording, or for Taiwan's (see Document.region).

        Only the preferred forms of entries with their own traditional form (``zh_hant``) vote:
        that form for Taiwan (川普), the mainland form in traditional characters for Hong Kong
        (特朗普); a simplified spelling is no evidence.
        """
        votes = self.__dict__.get("_wording")
        if votes is None:
            entries, votes = self.glossary.entries, {}
            for number, p in enumerate(self.patterns):
                entry = entries[p.entry]
                if p.kind != PREFERRED or entry.zh_hant in (None, entry.zh) or p.script == SIMPLIFIED:
                    continue
                if p.form == entry.zh_hant:
                    votes[number] = -1
                elif p.form == entry.zh:
                    votes[number] = 1
            self.__dict__["_wording"] = votes
        return votes


def _clear_of(spans: list, others: list) -> list:
    """The *spans* (tuples that begin with start and end, sorted) that overlap none of the
    sorted, non-overlapping *others*."""
    if not spans or not others:
        return spans
    starts = [o[0] for o in others]
    out = []
    for span in spans:
        start, end = span[0], span[1]
        i = bisect_right(starts, start) - 1
        if (i >= 0 and others[i][1] > start) or (i + 1 < len(others) and others[i + 1][0] < end):
            continue
        out.append(span)
    return out


_NOT_A_COUNTRY = frozenset("该我两本此各贵全一其敝")  # 该国, 我国, 各国…: no name


# Countries, and seats standing for them, whose names do not end in 国 (either script)
_COUNTRIES = frozenset("""
日本 南韩 南韓 北韩 北韓 朝鲜 朝鮮 印度 以色列 俄罗斯 俄羅斯 伊朗 土耳其 埃及 意大利 西班牙
葡萄牙 巴西 阿根廷 墨西哥 加拿大 澳大利亚 澳大利亞 澳洲 新西兰 新西蘭 纽西兰 紐西蘭 新加坡
马来西亚 馬來西亞 印尼 越南 菲律宾 菲律賓 波兰 波蘭 匈牙利 捷克 罗马尼亚 羅馬尼亞 白俄罗斯
白俄羅斯 格鲁吉亚 格魯吉亞 沙特 叙利亚 敘利亞 伊拉克 黎巴嫩 巴勒斯坦 约旦 約旦 阿联酋 阿聯酋
卡塔尔 卡達 也门 也門 巴基斯坦 阿富汗 南非 肯尼亚 肯尼亞 尼日利亚 尼日利亞 台湾 台灣 臺灣
白宫 白宮 克里姆林宫 克里姆林宮 青瓦台 爱丽舍宫 愛麗舍宮 唐宁街 唐寧街""".split())
_COUNTRY_SIZES = sorted({len(name) for name in _COUNTRIES})


# the titles that stand before a person's name, which makes the name no ship or organization
_TITLES = frozenset("总统 總統 总理 總理 首相 国王 國王 女王 主席 议员 議員 州长 州長 市长 市長 将军 將軍 "
                    "上将 上將 大使 先生 女士 博士 教授".split())


def _after_a_country(text: str, start: int) -> bool:
    """Whether ``text[start:]`` follows a country's name: one ending in 国 (韩国, 法国, 美国),
    not a pronoun such as 该国 or 我国, or one of :data:`_COUNTRIES` (南韩, 以色列, 白宫)."""
    if start > 1 and text[start - 1] in "国國" and text[start - 2] not in _NOT_A_COUNTRY:
        return True
    return any(text[start - size:start] in _COUNTRIES for size in _COUNTRY_SIZES if size <= start)


def _titled(text: str, start: int, end: int, size: int) -> bool:
    """Whether ``text[start:end]`` stands in book-title marks: 《经济学者》, 〈…〉."""
    return start > 0 and end < size and text[start - 1] in "《〈" and text[end] in "》〉"


def _english_names(entry) -> "re.Pattern | None":
    """The entry's English names as a text may write them beside its Chinese (萨米尔（Eyal
    Zamir）), as words, in any case: only proper names (capitalised, over four letters), so
    that an ordinary word (intermediary) or a short one (US) tells nothing."""
    names = [name for name in (entry.en, *entry.en_variants)
             if len(name) > 4 and name[:1].isupper()]
    if not names:
        return None
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(f"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.IGNORECASE)


_DIGITS = frozenset("0123456789")  # as a scanned text reads them: full-width ones are folded


def _digit_ended(keys: list[str], alphabet: Alphabet):
    """(pattern number, its first and last character) of the keys (in *alphabet*) that start
    or end with a digit."""
    if not keys:
        return
    codes = {alphabet.encode(digit) for digit in _DIGITS} - {"\x00"}
    if not codes:
        return
    # the first and the last characters of 80,000 keys, searched at C speed (every run pays it)
    digit = re.compile("[" + "".join(map(re.escape, sorted(codes))) + "]")
    numbers = {m.start() for m in digit.finditer("".join(map(itemgetter(0), keys)))}
    numbers.update(m.start() for m in digit.finditer("".join(map(itemgetter(-1), keys))))
    for number in sorted(numbers):
        key = keys[number]
        yield number, alphabet.decode(key[0] + key[-1])


def _namesake(text: str, clean: str, start: int, end: int, parts: tuple[str, ...]) -> bool:
    """Whether the one-part name at ``start:end`` of *text* (folded; *clean*: as written) is
    joined by an interpunct to a part that none of its person's full names has (萨米尔·哈提卜):
    another person's name."""
    if start and text[start - 1] == INTERPUNCT and clean[start - 1] not in _NOT_INTERPUNCTS:
        i = start - 1
        while i and is_ideograph(text[i - 1]) and start - i < 12:
            i -= 1
        if i < start - 1 and not text[i:start - 1].endswith(parts):
            return True
    if end < len(text) and text[end] == INTERPUNCT and clean[end] not in _NOT_INTERPUNCTS:
        j = end + 1
        while j < len(text) and is_ideograph(text[j]) and j - end < 12:
            j += 1
        if j > end + 1 and not text[end + 1:j].startswith(parts):
            return True
    return False


# what a scan also reads as a name's separator but joins no full name here: a space ends a
# headline's clause (#特朗普 表示), a hyphen or dash joins two names (特朗普-普京会晤)
_NOT_INTERPUNCTS = frozenset(" \u00a0\u3000\u2009\u202f.-\u2010\u2011\u2012\u2013\u2014"
                             "\u2015\u2212\ufe63\uff0d")


def _unhyphenated(pattern: Pattern) -> bool:
    """Whether *pattern* is a spelling without the hyphen between a name and its number
    (霍拉姆沙赫尔4 of 霍拉姆沙赫尔-4)."""
    if pattern.separated:
        return False
    form, text = fold_names(pattern.form), fold_names(pattern.text)
    return strip_number_hyphens(form) != form and strip_number_hyphens(text) == text


def _edges(phrases: list[tuple[int, str]], length: int) -> tuple[frozenset, frozenset]:
    """The characters before and after a form *length* long in *phrases* ((offset, phrase))."""
    return (frozenset(phrase[at - 1] for at, phrase in phrases if at > 0),
            frozenset(phrase[at + length] for at, phrase in phrases if at + length < len(phrase)))


def _inside(text: str, hit: Hit, phrases: list[tuple[int, str]]) -> bool:
    """Whether *hit* stands inside one of *phrases* ((offset of the hit in it, phrase))."""
    start = hit[1]
    return any(start >= at and text.startswith(phrase, start - at) for at, phrase in phrases)


@dataclass(frozen=True)
class PreparedText:
    """A text ready to scan: annotations removed (with an offset map) and noise folded."""

    text: str
    clean: str
    folded: str
    annotations: list
    offsets: OffsetMap | None
    noise: list[int] = field(default_factory=list)  # clean offsets that folding changed
    spaced: list[int] = field(default_factory=list)  # clean offsets inside terms where cuts were
    # the clean offset of an HTML reference's character → the reference's start in the text:
    # a term that begins with one begins at its "&", not at the ";" that stands for it
    stand_ins: dict[int, int] = field(default_factory=dict)


def prepare(text: str, at: dict[str, list[int]] | None = None) -> PreparedText:
    """Cut out pinyin annotations, the spaces around name separators and inside words,
    invisible characters, the line breaks of hard-wrapped paragraphs inside words, the
    spaces of a house style between Chinese and Latin (12 日战争), the closing quote of a
    ship's name before its 号 (“林肯”号) and HTML tags (阿里·<em>拉里贾尼</em>); read HTML character
    references as their characters; fold the noise, and read a hyphen or dash between two
    ideographs as a name's interpunct (阿里-拉里贾尼).

    The cuts change lengths; the offset map takes clean offsets back to the text's own.
    *at*: the offsets of the spaces and invisible characters, when already found
    (:func:`glossary.scripts.survey`).
    """
    annotations = find_annotations(text)
    tags = markup_tags(text) if "<" in text else None  # 阿里·<em>拉里贾尼</em>
    if tags and annotations:  # a tag is markup, its attributes too: <i title="戰(zhàn)">
        annotations = _clear_of(annotations, tags)
    cuts, spaced = annotations, []
    if at is None:  # the offsets of every space and invisible character, in one pass
        at = positions(text)
    found = spaced_separators(text, {a.end: a.start for a in annotations} if annotations else None,
                              at)
    if not text.isascii():
        hidden = invisible_runs(text, at)
        found = sorted(found + hidden) if hidden else found
    quiet = latin_spaces(text, at) if not text.isascii() else []  # cut, not reported
    if "号" in text or "號" in text:
        ships = quoted_names(text)  # “亚伯拉罕·林肯”号
        quiet = sorted(quiet + ships) if ships else quiet
    references = html_entities(text) if "&" in text else None
    if tags:  # a tag is cut whole: nothing inside it is cut again (<span title="a &amp; b">)
        found, quiet = _clear_of(found, tags), sorted(_clear_of(quiet, tags) + tags)
        references = _clear_of(references, tags) if references else references
    entities = None
    if references:
        # a space between Chinese and Latin written as a reference (12&nbsp;日戰爭): the house
        # style's space, cut quietly like the space itself
        spacing = [(start, end) for start, end, char in references
                   if char in LATIN_SPACES and latin_space_between(text, start, end)]
        if spacing:
            quiet = sorted(quiet + spacing)
            cut = set(spacing)
            references = [r for r in references if (r[0], r[1]) not in cut]
    if references:  # read as the character each stands for: all but its last character is
        # cut, and that one reads as the character; an invisible one is cut whole
        entities = {end - 1: (char, start) for start, end, char in references
                    if char not in INVISIBLE}
        found = sorted(found + [(start, end, end) if char in INVISIBLE else
                                (start, end - 1, end - 1) for start, end, char in references])
    if "\n" in text:
        wraps = wrapped_breaks(text, [*((a, b) for a, b, _ in annotations),
                                      *((a, b) for a, b, _ in found), *quiet])
        quiet = sorted(quiet + wraps) if wraps else quiet
    decoded = []  # (clean offset, character) of each HTML entity
    stand_ins: dict[int, int] = {}  # an entity's character, at its clean offset → its start
    if found or quiet:
        cuts = sorted([*annotations, *(Span(start, end) for start, end, _ in found),
                       *(Span(start, end) for start, end in quiet)])
        offsets = OffsetMap(cuts)
        ends, removed = offsets.ends, offsets.shifts
        for offset in sorted({separator for _, _, separator in found}):
            i = bisect_right(ends, offset)
            spaced.append(offset - (removed[i - 1] if i else 0))
            if entities and offset in entities:
                char, begin = entities[offset]
                decoded.append((spaced[-1], char))
                stand_ins[spaced[-1]] = begin
    clean = strip_annotations(text, cuts)
    if decoded:
        clean = substituted(clean, decoded)
    if not (found or quiet):
        offsets = OffsetMap(cuts) if cuts else None
    if at is not None:  # the noise's offsets are known: taken past the cuts, not looked for
        noisy = _past_cuts(sorted(chain.from_iterable(at[c] for c in NOISE_CHARS if c in at)),
                           cuts, offsets)
        if decoded:  # a reference may stand for noise: &#8226;
            noisy = sorted({*noisy, *(offset for offset, _ in decoded)})
        folded, noise = fold_noise_at(clean, noisy)
        joiners = _past_cuts(sorted(chain.from_iterable(at[c] for c in JOINER_SOURCES if c in at)),
                             cuts, offsets)
        if decoded:
            joiners = sorted({*joiners, *(offset for offset, _ in decoded)})
        hyphens = name_hyphens(folded, joiners)
    else:
        folded, noise = fold_noise_at(clean)
        hyphens = name_hyphens(folded)
    # a hyphen or dash (folded to -) between two ideographs: read as the name interpunct it
    if hyphens:  # stands for; reported as a variant (GL005)
        folded = as_interpuncts(folded, hyphens)
        noise = sorted({*noise, *hyphens})
    # an interpunct between an ideograph and a digit: a model number's hyphen (霍拉姆沙赫爾‧4)
    numbered = number_interpuncts(folded) if INTERPUNCT in folded else None
    if numbered:
        folded = substituted(folded, [(i, HYPHEN) for i in numbered])
        noise = sorted({*noise, *numbered})
    if spaced:  # the terms around them are looked at like noisy ones
        noise = sorted({*noise, *spaced})
    return PreparedText(text, clean, folded, annotations, offsets, noise, spaced, stand_ins)


def _past_cuts(offsets: list[int], cuts: list, mapped: OffsetMap | None) -> list[int]:
    """The sorted *offsets* of a text as offsets of the text without its *cuts* (sorted spans,
    *mapped* their offset map), those inside a cut left out."""
    if not cuts or not offsets:
        return offsets
    ends, removed = mapped.ends, mapped.shifts
    out = []
    for offset in offsets:
        i = bisect_right(ends, offset)  # the cuts that end before it
        if i < len(cuts) and cuts[i][0] <= offset:
            continue
        out.append(offset - removed[i - 1] if i else offset)
    return out


_matchers: dict[int, tuple[Glossary, Matcher]] = {}


def get_matcher(glossary: Glossary, use_cache: bool = True) -> Matcher:
    """The matcher of *glossary*, built (or loaded) once per glossary object."""
    held = _matchers.get(id(glossary))
    if held is None or held[0] is not glossary:
        held = (glossary, Matcher.for_glossary(glossary, use_cache))
        _matchers[id(glossary)] = held
    return held[1]


def find_terms(glossary: Glossary, text: str, documents: tuple[str, ...] = ()) -> list[TermMatch]:
    """Every glossary term in *text*: ``find_terms(g, "阿拉格齊說")[0].entry.id``. *documents*:
    the whole texts a sentence comes from (see :meth:`Matcher.scan`)."""
    return get_matcher(glossary).scan(text, documents)


__all__ = [
    "Matcher", "Pattern", "PreparedText", "TermMatch", "find_terms", "get_matcher", "prepare",
    "SIMPLIFIED", "TRADITIONAL",
]
