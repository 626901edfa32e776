"""Scoring memory units against a sentence, finding the best ones, and showing what differs.

The score is character-based: Chinese has no spaces, so the similarity of two sentences is
``1 - d / max(len)`` for the Levenshtein distance *d* between their normalised keys
(:func:`glossary.memory.normalize.normalize`), as a whole number from 0 to 100, rounded down so
that only identical keys score 100. A unit whose source is byte-for-byte the query is an
*exact* match; a 100 that is not exact differs only in what normalisation folds (script, width,
punctuation, spaces, pinyin annotations).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from glossary.memory.normalize import normalize, normalize_with_offsets
from glossary.memory.store import Store, Unit, primary_language

EXACT = "exact"
FULL = "100"
FUZZY = "fuzzy"


def similarity(key_a: str, key_b: str) -> float:
    """The similarity of two normalised keys, 0.0 to 1.0."""
    if key_a == key_b:
        return 1.0
    return Levenshtein.normalized_similarity(key_a, key_b)


def score(key_a: str, key_b: str) -> int:
    """The similarity of two normalised keys as a whole number; 100 only when they are equal."""
    if key_a == key_b:
        return 100
    return min(99, math.floor(Levenshtein.normalized_similarity(key_a, key_b) * 100))


@dataclass(frozen=True)
class Match:
    """A memory unit found for a query, with its score."""

    unit: Unit
    score: int
    exact: bool

    @property
    def kind(self) -> str:
        """``exact`` (byte-identical source), ``100`` (identical once normalised) or ``fuzzy``."""
        return EXACT if self.exact else FULL if self.score == 100 else FUZZY


def rank(query: str, units: Iterable[Unit], *, min_score: int = 70, limit: int | None = 5,
         key: str | None = None) -> list[Match]:
    """Score *units* against *query*; the best first (exact, score, count, most recent)."""
    key = normalize(query) if key is None else key
    seen: set = set()
    matches = []
    for unit in units:
        marker = unit.id if unit.id is not None else (unit.source, unit.target)
        if marker in seen:
            continue
        seen.add(marker)
        value = score(key, normalize(unit.source))
        if value >= min_score:
            matches.append(Match(unit, value, unit.source == query))
    matches.sort(key=lambda m: (m.exact, m.score, m.unit.count, m.unit.changed or 0,
                                m.unit.id or 0), reverse=True)
    return matches if limit is None else matches[:limit]


def lookup(store: Store, text: str, *, min_score: int = 70, limit: int = 5,
           candidates: int = 60, target_lang: str | None = None) -> list[Match]:
    """The best units of *store* for the sentence *text* (at least *min_score*, at most *limit*).

    Candidates come from the store's index; each is scored on the normalised text. With
    *target_lang*, only units translated into that language (primary subtag) are returned.
    """
    key = normalize(text)
    if not key:
        return []
    units = list(store.get_normalized(key))
    if len(key) >= 3:
        units.extend(store.candidates(key, candidates))
    if target_lang is not None:
        wanted = primary_language(target_lang)
        units = [u for u in units if primary_language(u.target_lang) == wanted]
    return rank(text, units, min_score=min_score, limit=limit, key=key)


# -- showing what differs -----------------------------------------------------------------------

@dataclass(frozen=True)
class DiffPart:
    """One stretch of a comparison: *unit* is the stored source's text, *query* the query's.

    ``op`` is ``equal`` (the same once normalised), ``delete`` (only in the stored unit),
    ``insert`` (only in the query) or ``replace``.
    """

    op: str
    unit: str
    query: str


def diff(query: str, source: str) -> list[DiffPart]:
    """What differs between the query and a stored source, on the normalised text.

    The parts carry the original spellings, so a script or width difference alone shows as
    ``equal``.
    """
    q_key, q_off = normalize_with_offsets(query)
    s_key, s_off = normalize_with_offsets(source)

    def q_span(i: int, j: int) -> str:
        return query[(0 if i == 0 else q_off[i]):(len(query) if j == len(q_key) else q_off[j])]

    def s_span(i: int, j: int) -> str:
        return source[(0 if i == 0 else s_off[i]):(len(source) if j == len(s_key) else s_off[j])]

    parts: list[DiffPart] = []
    for op in Levenshtein.opcodes(s_key, q_key):
        tag = {"equal": "equal", "delete": "delete", "insert": "insert",
               "replace": "replace"}[op.tag]
        part = DiffPart(tag, s_span(op.src_start, op.src_end), q_span(op.dest_start, op.dest_end))
        if parts and parts[-1].op == part.op:
            last = parts.pop()
            part = DiffPart(part.op, last.unit + part.unit, last.query + part.query)
        parts.append(part)
    return parts


def render_diff(parts: list[DiffPart]) -> str:
    """The stored source with ``[-only in the unit-]`` and ``{+only in the query+}`` marked."""
    out = []
    for part in parts:
        if part.op == "equal":
            out.append(part.unit)
            continue
        if part.unit:
            out.append(f"[-{part.unit}-]")
        if part.query:
            out.append(f"{{+{part.query}+}}")
    return "".join(out)


def highlight_spans(text: str, needle: str, *, target: bool = False) -> list[tuple[int, int]]:
    """Where the (normalised) *needle* occurs in *text*, as original offsets ``(start, end)``."""
    if target:
        from glossary.normalize import NOISE_TABLE

        folded = text.translate(NOISE_TABLE).casefold()
        pattern = " ".join(needle.translate(NOISE_TABLE).casefold().split())
        if len(folded) != len(text) or not pattern:
            return []
        spans, start = [], folded.find(pattern)
        while start >= 0:
            spans.append((start, start + len(pattern)))
            start = folded.find(pattern, start + len(pattern))
        return spans
    key, offsets = normalize_with_offsets(text)
    pattern = normalize(needle)
    if not pattern:
        return []
    spans, start = [], key.find(pattern)
    while start >= 0:
        end = start + len(pattern)
        spans.append((offsets[start], offsets[end - 1] + 1))
        start = key.find(pattern, end)
    return spans


def mark(text: str, spans: list[tuple[int, int]], before: str = "[[", after: str = "]]") -> str:
    """*text* with each span wrapped in *before* … *after*."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(before + text[start:end] + after)
        last = end
    out.append(text[last:])
    return "".join(out)
