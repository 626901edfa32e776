"""Finding glossary terms in text: every form of every entry in one Aho-Corasick automaton.

The glossary is converted, not the text: each entry's forms are expanded once into their
traditional spellings and their forms without the name interpunct, folded like the text is
(:mod:`glossary.normalize`), and put into one automaton that finds the leftmost-longest matches.
The built automaton is cached on disk, keyed by a hash of the forms and the tool's version, so
a check of a few files starts in milliseconds even with a large glossary.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from glossary import __version__
from glossary.model import FORBIDDEN, PREFERRED, VARIANT, Entry, Glossary
from glossary.normalize import INTERPUNCT, fold_noise, strip_interpuncts
from glossary.pinyin import OffsetMap, find_annotations, strip_annotations
from glossary.scripts import SIMPLIFIED, TRADITIONAL, form_script, traditional_forms

CACHE_FORMAT = 2
# Most characters of a text appear in no glossary form, and pyahocorasick is slow to find that a
# character starts no word (about 15 times slower than finding the root's first child). Large
# texts are scanned with those characters replaced by _FILLER, which the automaton's first word
# (_GUARD, value -1, never found) makes the root's first child; the matches stay the same, and
# iter_long takes a third less time.
_FILLER = "\x00"
_GUARD = _FILLER + "\uffff\ufffe\uffff"
_LARGE_TEXT = 20_000  # characters; above this, replace the characters no form has (NumPy)
_KIND_ORDER = {PREFERRED: 0, VARIANT: 1, FORBIDDEN: 2}


class Pattern(NamedTuple):
    """One literal string the automaton looks for, and what it stands for."""

    entry: int  # index into Glossary.entries
    kind: str  # preferred, variant or forbidden
    form: str  # the glossary's own form it comes from (as written in the glossary)
    text: str  # the literal spelling: the form, a traditional spelling, or without interpunct
    script: str  # simplified, traditional or unknown (shared characters only)
    separated: bool  # False when the glossary form's interpunct was dropped


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


def expand_patterns(glossary: Glossary) -> list[Pattern]:
    """Every spelling of every form of every entry, first claim wins for a spelling."""
    patterns: dict[str, Pattern] = {}

    def claim(index: int, kind: str, form: str, text: str, separated: bool = True) -> None:
        key = fold_noise(text)
        if not key.strip():
            return
        existing = patterns.get(key)
        if existing is not None and (existing.entry, _KIND_ORDER[existing.kind]) <= (
            index, _KIND_ORDER[kind]
        ):
            return
        patterns[key] = Pattern(index, kind, form, text, form_script(text), separated)

    for index, entry in enumerate(glossary.entries):
        for kind, form in entry.claims():
            spellings = [form, *traditional_forms(form)]
            for text in spellings:
                claim(index, kind, form, text)
            for text in spellings:
                if INTERPUNCT in fold_noise(text):
                    claim(index, kind, form, strip_interpuncts(fold_noise(text)), separated=False)
    return sorted(patterns.values(), key=lambda p: (p.entry, _KIND_ORDER[p.kind], p.text))


def glossary_fingerprint(glossary: Glossary) -> str:
    """A hash of everything the automaton depends on: forms, order and the tool's version."""
    digest = hashlib.sha256(f"{__version__}/{CACHE_FORMAT}".encode())
    for entry in glossary.entries:
        record = [entry.id, entry.zh, entry.zh_hant, entry.variants, entry.forbidden_forms]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where built automata are kept: $GLOSSARY_CACHE_DIR, else the user's cache folder."""
    explicit = os.environ.get("GLOSSARY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glossary"


class Matcher:
    """The automaton over a glossary's spellings; :meth:`scan` finds the terms in a text."""

    def __init__(self, glossary: Glossary, patterns: list[Pattern], automaton: ahocorasick.Automaton):
        self.glossary = glossary
        self.patterns = patterns
        self.automaton = automaton
        self.loaded_from_cache = False
        self._notable: dict[str, frozenset[int]] = {}
        self._filler_table = None  # code point → itself if some form has it, else _FILLER

    @classmethod
    def build(cls, glossary: Glossary) -> "Matcher":
        patterns = expand_patterns(glossary)
        automaton = ahocorasick.Automaton()
        automaton.add_word(_GUARD, -1)
        for number, pattern in enumerate(patterns):
            automaton.add_word(fold_noise(pattern.text), number)
        automaton.make_automaton()
        return cls(glossary, patterns, automaton)

    @classmethod
    def for_glossary(cls, glossary: Glossary, use_cache: bool = True) -> "Matcher":
        """The matcher for *glossary*, loaded from the disk cache when it is there."""
        if not use_cache:
            return cls.build(glossary)
        path = cache_dir() / f"automaton-{glossary_fingerprint(glossary)}.pickle"
        try:
            with open(path, "rb") as handle:
                patterns, automaton = pickle.load(handle)
            matcher = cls(glossary, [Pattern(*p) for p in patterns], automaton)
            matcher.loaded_from_cache = True
            return matcher
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            pass
        matcher = cls.build(glossary)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(([tuple(p) for p in matcher.patterns], matcher.automaton), handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # an unwritable cache only costs time
        return matcher

    def scan(self, text: str) -> list[TermMatch]:
        """All leftmost-longest term matches in *text*, annotations and noise seen through."""
        prepared = prepare(text)
        return [self.term_match(prepared, end, number) for end, number in self.hits(prepared)]

    def hits(self, prepared: "PreparedText") -> list[tuple[int, int]]:
        """The raw matches: (last character's offset in the clean text, pattern number)."""
        text = prepared.folded
        if len(text) > _LARGE_TEXT:
            table = self._filler_table
            if table is None:
                table = self._filler_table = self._build_filler_table()
            if table is not False:
                import numpy

                codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), numpy.uint32)
                text = table[codes].tobytes().decode("utf-32-le", "surrogatepass")
                return list(self.automaton.iter_long(text))
        hits = list(self.automaton.iter_long(text))
        if _GUARD in text:
            hits = [h for h in hits if h[1] >= 0]
        return hits

    def _build_filler_table(self):
        """The code point map of :meth:`hits` (False if the automaton has no guard word)."""
        import numpy

        chars = fold_noise("".join(map(attrgetter("text"), self.patterns)))  # folding keeps lengths
        if self.automaton.get(_GUARD, None) != -1 or any(c in chars for c in _GUARD):
            return False
        table = numpy.full(0x110000, ord(_FILLER), dtype=numpy.uint32)
        codes = numpy.frombuffer(chars.encode("utf-32-le", "surrogatepass"), numpy.uint32)
        table[codes] = codes
        return table

    def term_match(self, prepared: "PreparedText", end: int, number: int) -> TermMatch:
        """The :class:`TermMatch` of one raw hit, in the original text's offsets."""
        p = self.patterns[number]
        start, stop = end - len(p.text) + 1, end + 1
        clean_text = prepared.clean[start:stop]
        if prepared.offsets is not None:
            start, stop = prepared.offsets.start(start), prepared.offsets.end(stop)
        return TermMatch(start, stop, self.glossary.entries[p.entry], p.kind, p.form, p.text,
                         p.script, p.separated, prepared.text[start:stop], clean_text)

    def notable(self, script: str) -> frozenset[int]:
        """Pattern numbers that some rule reports in a document of *script*, whatever the text.

        Forbidden and variant forms, spellings without the interpunct, spellings in the other
        script, and a simplified preferred form where the entry has its own traditional form.
        Every other hit only counts, unless noise in the text changes it (see Document.scan).
        """
        cached = self._notable.get(script)
        if cached is None:
            entries = self.glossary.entries
            cached = frozenset(
                n for n, p in enumerate(self.patterns)
                if p.kind != PREFERRED or not p.separated
                or p.script not in (script, "unknown")
                or (script == TRADITIONAL and p.kind == PREFERRED and p.form == entries[p.entry].zh
                    and entries[p.entry].zh_hant not in (None, entries[p.entry].zh))
            )
            self._notable[script] = cached
        return cached


@dataclass(frozen=True)
class PreparedText:
    """A text ready to scan: annotations removed (with an offset map) and noise folded."""

    text: str
    clean: str
    folded: str
    annotations: list
    offsets: OffsetMap | None


def prepare(text: str) -> PreparedText:
    annotations = list(find_annotations(text))
    clean = strip_annotations(text, annotations)
    offsets = OffsetMap(annotations) if annotations else None
    return PreparedText(text, clean, fold_noise(clean), annotations, offsets)


_matchers: dict[int, tuple[Glossary, Matcher]] = {}


def get_matcher(glossary: Glossary, use_cache: bool = True) -> Matcher:
    """The matcher of *glossary*, built (or loaded) once per glossary object."""
    held = _matchers.get(id(glossary))
    if held is None or held[0] is not glossary:
        held = (glossary, Matcher.for_glossary(glossary, use_cache))
        _matchers[id(glossary)] = held
    return held[1]


def find_terms(glossary: Glossary, text: str) -> list[TermMatch]:
    """Every glossary term in *text*: ``find_terms(g, "阿拉格齊說")[0].entry.id``."""
    return get_matcher(glossary).scan(text)


__all__ = [
    "Matcher", "Pattern", "PreparedText", "TermMatch", "find_terms", "get_matcher", "prepare",
    "SIMPLIFIED", "TRADITIONAL",
]
