"""The bilingual check: in PO, TMX and XLIFF files, is each glossary term rendered as agreed?

For each translated unit whose source contains a glossary term — in any form the monolingual
check recognises (preferred, variant or forbidden form, either script, through separator and
width noise and pinyin annotations; :func:`glossary.matcher.find_terms`) — the translation must
contain the entry's English rendering or one of its accepted English variants, and must not
contain one of its forbidden English renderings (``en_forbidden``):

* **GL201 missing-target-term** (warning): neither the rendering nor a variant is there.
* **GL202 forbidden-target-term** (error): a forbidden rendering is there.

English forms are matched case-insensitively on word boundaries, with any run of whitespace
or hyphens between words, and with a possessive (``'s``, ``’s``, ``'``) or a plural ``s``/``es``
tolerated. A forbidden form found only inside an accepted one (``Badr`` inside
``Badr Albusaidi``) does not count. Untranslated units (empty target, or no English variant in
a TMX unit) are skipped, as are units marked ``translate="no"``.

A finding points at the term in the file: for GL201 the term in the source, for GL202 the
forbidden word in the translation, with the file's line and column (1-based, in characters)
when the text can be found verbatim there, else the unit's first line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

from glossary.errors import GlossaryError
from glossary.findings import Finding
from glossary.langtags import Languages, TARGET
from glossary.model import Entry, Glossary

SUFFIXES = (".po", ".pot", ".tmx", ".xlf", ".xliff")


@dataclass
class BilingualUnit:
    """A source text and its translation, with where the unit starts and ends in the file."""

    source: str
    target: str
    line: int
    end_line: int | None = None
    id: str | None = None
    kind: str = "po"  # po, tmx, xliff (how text is escaped in the file)


def _rules():
    from glossary.rules import FORBIDDEN_TARGET_TERM, MISSING_TARGET_TERM

    return MISSING_TARGET_TERM, FORBIDDEN_TARGET_TERM


@functools.lru_cache(maxsize=8192)
def english_pattern(form: str) -> re.Pattern:
    """A pattern for an English form: case-insensitive, word-bounded, flexible spaces and
    hyphens, an optional possessive or plural ending."""
    words = [w for w in re.split(r"[\s\-‐‑–]+", form.strip()) if w]
    body = r"[\s\-‐‑–]+".join(re.escape(w) for w in words)
    return re.compile(r"(?<![\w])" + body + r"(?:['’]s|['’]|es|s)?(?![\w])", re.IGNORECASE)


def _spans(text: str, forms) -> list[tuple[int, int, str]]:
    out = []
    for form in forms:
        for match in english_pattern(form).finditer(text):
            out.append((match.start(), match.end(), form))
    return out


def check_unit(glossary: Glossary, unit: BilingualUnit) -> Iterator[tuple[str, Entry, str, str]]:
    """(code, entry, text that is wrong or missing, where: "source"/"target") per problem."""
    from glossary.matcher import find_terms

    missing_rule, forbidden_rule = _rules()
    seen: set[str] = set()
    for match in find_terms(glossary, unit.source):
        entry = match.entry
        if entry.id in seen:
            continue
        seen.add(entry.id)
        accepted = _spans(unit.target, entry.en_forms)
        covered = [(s, e) for s, e, _ in accepted]
        forbidden = [(start, end) for start, end, _ in _spans(unit.target, entry.en_forbidden)
                     if not any(s <= start and end <= e for s, e in covered)]
        if forbidden:  # GL202 names the fix already; no GL201 besides it
            start, end = min(forbidden)
            yield forbidden_rule.code, entry, unit.target[start:end], "target"
        elif not accepted:
            yield missing_rule.code, entry, getattr(match, "clean", None) or match.matched, "source"


def _escaped(text: str, kind: str) -> list[str]:
    """How *text* may be written in a file of *kind*."""
    if kind == "po":
        return [text.replace("\\", "\\\\").replace('"', '\\"'), text]
    return [escape(text), escape(text, {'"': "&quot;"}), text]


class _Locator:
    """Finds where a piece of text stands in a file, within a unit's lines."""

    def __init__(self, path: str):
        self.path = path
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                from glossary.reader import read_text

                text = read_text(self.path).text
            except (GlossaryError, ImportError):
                text = Path(self.path).read_text(encoding="utf-8", errors="replace")
            self._lines = text.replace("\r\n", "\n").split("\n")
        return self._lines

    def find(self, needle: str, unit: BilingualUnit, after: int | None = None) -> tuple[int, int, int, int]:
        first = max(1, after or unit.line)
        last = unit.end_line or min(len(self.lines), first + 200)
        for candidate in _escaped(needle, unit.kind):
            if not candidate:
                continue
            for number in range(first, min(last, len(self.lines)) + 1):
                column = self.lines[number - 1].find(candidate)
                if column >= 0:
                    return number, column + 1, number, column + 1 + len(candidate)
        return unit.line, 1, unit.line, 1


def _where_target(unit: BilingualUnit, locator: _Locator) -> int | None:
    """The first line of the translation within a unit (msgstr, the English tuv, <target>)."""
    marks = {"po": "msgstr", "tmx": None, "xliff": "<target"}
    mark = marks.get(unit.kind)
    if mark is None:
        return None
    last = unit.end_line or min(len(locator.lines), unit.line + 200)
    for number in range(unit.line, min(last, len(locator.lines)) + 1):
        if mark in locator.lines[number - 1]:
            return number
    return None


def findings_for(path: str, glossary: Glossary, units) -> list[Finding]:
    missing_rule, forbidden_rule = _rules()
    locator = _Locator(path)
    out: list[Finding] = []
    for unit in units:
        for code, entry, text, side in check_unit(glossary, unit):
            after = _where_target(unit, locator) if side == "target" else None
            line, column, end_line, end_column = locator.find(text, unit, after)
            where = f" (unit {unit.id})" if unit.id else ""
            if code == missing_rule.code:
                wanted = " or ".join(f"`{f}`" for f in entry.en_forms)
                out.append(Finding(
                    code, missing_rule.name, missing_rule.severity, path, line, column, end_line,
                    end_column, f"`{text}` ({entry.id}) is not rendered as {wanted} in the "
                    f"translation{where}", text, entry.id, entry.en,
                    extra={"unit": unit.id, "unit_line": unit.line, "target": unit.target}))
            else:
                out.append(Finding(
                    code, forbidden_rule.name, forbidden_rule.severity, path, line, column,
                    end_line, end_column, f"`{text}` is a forbidden rendering of {entry.id} "
                    f"({entry.zh}){where}", text, entry.id, entry.en,
                    extra={"unit": unit.id, "unit_line": unit.line}))
    return out


# --- units of each format -------------------------------------------------------------------


def po_units(path: str) -> Iterator[BilingualUnit]:
    from glossary.formats import po

    units = list(po.iter_units(path))
    for number, unit in enumerate(units):
        if not unit.translated:
            continue
        end = units[number + 1].line - 1 if number + 1 < len(units) and units[number + 1].line else None
        sources = [unit.source] + ([unit.source_plural] if unit.source_plural else [])
        target = "\n".join(t for t in unit.targets if t)
        yield BilingualUnit("\n".join(sources), target, unit.line or 1, end,
                            unit.context, "po")


def tmx_units(path: str, langs: Languages) -> Iterator[BilingualUnit]:
    from glossary.formats.base import Labels
    from glossary.formats.tmx import iter_units

    labels = Labels(langs)  # streamed: each unit's own labels, no pass over the whole file
    previous: BilingualUnit | None = None
    for unit in iter_units(path):
        sources, targets = [], []
        tuvs = [t for t in unit.tuvs if t.text.strip()]
        for tuv, role in zip(tuvs, labels.roles([(t.lang, t.text) for t in tuvs])):
            (targets if role == TARGET else sources).append(tuv.text)
        if previous is not None:
            previous.end_line = (unit.line or previous.line) - 1
            yield previous
            previous = None
        if sources and targets:
            previous = BilingualUnit("\n".join(sources), "\n".join(targets), unit.line or 1,
                                     None, unit.tuid, "tmx")
    if previous is not None:
        yield previous


def xliff_units(path: str) -> Iterator[BilingualUnit]:
    from glossary.formats.xliff import iter_units

    previous: BilingualUnit | None = None
    for unit in iter_units(path):
        if previous is not None:
            previous.end_line = max(previous.line, (unit.line or previous.line) - 1)
            yield previous
            previous = None
        # a target that is a copy of its source (segment --copy-source-to-target, or OmegaT
        # leaving a segment untranslated) is no translation
        if unit.translate and unit.target and unit.target.strip() \
                and unit.target.strip() != unit.source.strip():
            previous = BilingualUnit(unit.source, unit.target, unit.line or 1, None, unit.id,
                                     "xliff")
    if previous is not None:
        yield previous


def units_of(path: str | Path, langs: Languages | None = None) -> Iterator[BilingualUnit]:
    """The translated units of a PO/POT, TMX or XLIFF file, chosen by its content."""
    from glossary.formats import detect

    name = str(path)
    family = detect(name)
    if family == "po":
        return po_units(name)
    if family == "tmx":
        return tmx_units(name, langs or Languages())
    if family == "xliff":
        return xliff_units(name)
    raise GlossaryError("not a PO, TMX or XLIFF file (by its content)", name)


def check_file(path: str | Path, glossary: Glossary, langs: Languages | None = None) -> list[Finding]:
    """The GL201/GL202 findings for one PO/POT, TMX or XLIFF file (sorted by place)."""
    name = str(path)
    findings = findings_for(name, glossary, units_of(name, langs))
    findings.sort(key=lambda f: f.sort_key())
    return findings


__all__ = ["BilingualUnit", "SUFFIXES", "check_file", "check_unit", "english_pattern",
           "units_of"]
