"""``tm pretranslate``: fill a POT/PO or XLIFF 1.2 file from the memory.

For each untranslated unit (units that already have a translation are left as they are):

* an **exact** match (a stored source byte-for-byte the unit's, with one translation, or one
  most frequent) fills the translation as translated (PO: no ``fuzzy`` flag; XLIFF:
  ``state="translated" state-qualifier="exact-match"``);
* a **fuzzy** match scoring at least *min_score* (a 100 that differs only in script, width,
  punctuation or spaces included) fills it for review (PO: ``#, fuzzy`` and the stored source
  as the previous ``#| msgid``; XLIFF: ``state="needs-review-translation"
  state-qualifier="fuzzy-match"`` and an ``<alt-trans match-quality=…>`` with the stored pair);
  the score and the unit's origin go in a comment (PO ``# tm: 87% …``; XLIFF ``<note>``);
* a unit with **no match** gets the glossary terms of its sentence with their English renderings,
  as ``glossary segment`` writes them (PO extracted comments ``#. 伊朗 = Iran``; XLIFF
  ``<note from="glossary">``).

PO output passes ``msgfmt --check-format -c``; XLIFF output is valid against
``xliff-core-1.2-strict.xsd`` (when its input was). Output is written atomically.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from glossary.reader import write_atomic
from glossary.errors import GlossaryError
from glossary.langtags import Languages
from glossary.memory.score import Match, lookup
from glossary.memory.store import Store
from glossary.model import Glossary

TOOL = "glossary-tm"


@dataclass
class PretranslateReport:
    """What pretranslation did, unit by unit counted."""

    units: int = 0
    exact: int = 0
    fuzzy: int = 0
    no_match: int = 0
    already: int = 0  # units that had a translation and were left alone
    skipped: int = 0  # plural entries, units marked translate="no"
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    """The memory's answer for one sentence."""

    match: Match | None
    exact: bool
    alternatives: int = 0  # other distinct translations of an exact source

    @property
    def target(self) -> str | None:
        return self.match.unit.target if self.match else None


def suggest(store: Store, text: str, min_score: int, target_lang: str | None = None
            ) -> Suggestion:
    """The best translation the memory has for *text*, and whether it is exact."""
    matches = lookup(store, text, min_score=min_score, limit=10, target_lang=target_lang)
    if not matches:
        return Suggestion(None, False)
    exact = [m for m in matches if m.exact]
    if exact:
        targets = Counter()
        for m in exact:
            targets[m.unit.target] += m.unit.count
        best_target, _ = max(targets.items(), key=lambda item: item[1])
        best = next(m for m in exact if m.unit.target == best_target)
        return Suggestion(best, len(targets) == 1, len(targets) - 1)
    return Suggestion(matches[0], False)


def _origin(match: Match) -> str:
    unit = match.unit
    where = unit.origin or "the memory"
    if unit.origin_id:
        where += f"#{unit.origin_id}"
    return where


def _comment(suggestion: Suggestion) -> str:
    match = suggestion.match
    assert match is not None
    if suggestion.exact:
        return f"tm: exact match from {_origin(match)}"
    kind = "100% (normalised)" if match.score == 100 else f"{match.score}%"
    extra = ""
    if suggestion.alternatives:
        extra = f"; the memory has {suggestion.alternatives + 1} translations of this source"
    return f"tm: {kind} match from {_origin(match)}{extra}"


def _write_atomically(output: str | os.PathLike[str], data: bytes) -> None:
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(output, data)


def pretranslate_file(store: Store, path: str | os.PathLike[str], output: str | os.PathLike[str],
                      *, glossary: Glossary | None = None, min_score: int = 70,
                      langs: Languages | None = None,
                      progress: Callable[[int], None] | None = None) -> PretranslateReport:
    """Fill *path* (``.pot``/``.po`` or ``.xlf``/``.xliff``) from *store* and write *output*."""
    suffix = Path(path).suffix.lower()
    langs = langs or Languages()
    if suffix in (".po", ".pot"):
        data, report = _pretranslate_po(store, path, glossary, min_score, langs, progress)
    elif suffix in (".xlf", ".xliff", ".xlif"):
        data, report = _pretranslate_xliff(store, path, glossary, min_score, langs, progress)
    else:
        raise GlossaryError("pretranslate reads .pot/.po and .xlf/.xliff files", path)
    _write_atomically(output, data)
    return report


# -- PO -----------------------------------------------------------------------------------------

def _pretranslate_po(store, path, glossary, min_score, langs, progress):
    from datetime import datetime, timezone

    from glossary.formats.base import export_date, po_date
    from glossary.formats.po import NO_DATE, PLURAL_FORMS, dump, load
    from glossary.langtags import posix
    from glossary.segment import term_notes

    po = load(path)
    report = PretranslateReport()
    for entry in po:
        if entry.obsolete or (entry.msgid == "" and not entry.msgctxt):
            continue
        report.units += 1
        if progress is not None:
            progress(report.units)
        if entry.msgid_plural:
            report.skipped += 1
            continue
        if entry.msgstr.strip() and "fuzzy" not in entry.flags:
            report.already += 1
            continue
        suggestion = suggest(store, entry.msgid, min_score, langs.target)
        if suggestion.match is None:
            report.no_match += 1
            notes = term_notes(glossary, entry.msgid)
            if notes:
                existing = entry.comment.split("\n") if entry.comment else []
                entry.comment = "\n".join([*existing, *(n for n in notes if n not in existing)])
            continue
        entry.msgstr = suggestion.match.unit.target
        tcomment = [line for line in (entry.tcomment or "").split("\n")
                    if line and not line.startswith("tm: ")]
        tcomment.append(_comment(suggestion))
        entry.tcomment = "\n".join(tcomment)
        if suggestion.exact:
            report.exact += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        else:
            report.fuzzy += 1
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            if suggestion.match.unit.source != entry.msgid:
                entry.previous_msgid = suggestion.match.unit.source
    meta = po.metadata
    stamp = export_date() or datetime.now(timezone.utc)
    meta["Language"] = meta.get("Language") or posix(langs.target)
    meta.setdefault("Plural-Forms", PLURAL_FORMS["en"])
    if not meta.get("Plural-Forms"):
        meta["Plural-Forms"] = PLURAL_FORMS["en"]
    if meta.get("PO-Revision-Date", NO_DATE).startswith("YEAR") or \
            meta.get("PO-Revision-Date", NO_DATE) == NO_DATE:
        meta["PO-Revision-Date"] = po_date(stamp)
    if meta.get("Last-Translator", "").startswith("FULL NAME"):
        meta["Last-Translator"] = ""
    if meta.get("Language-Team", "").startswith("LANGUAGE"):
        meta["Language-Team"] = ""
    if "charset=CHARSET" in meta.get("Content-Type", ""):
        meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta.setdefault("Content-Type", "text/plain; charset=UTF-8")
    meta.setdefault("MIME-Version", "1.0")
    meta.setdefault("Content-Transfer-Encoding", "8bit")
    po.wrapwidth = 0
    return dump(po), report


# -- XLIFF 1.2 ----------------------------------------------------------------------------------

def _pretranslate_xliff(store, path, glossary, min_score, langs, progress):
    from lxml import etree

    from glossary.formats import xmlsafe
    from glossary.formats.xliff import NS12
    from glossary.segment import term_notes

    tree = xmlsafe.parse(path)
    root = tree.getroot()
    if xmlsafe.local_name(root.tag) != "xliff":
        raise GlossaryError(f"not an XLIFF file (root <{xmlsafe.local_name(root.tag)}>)", path)
    ns = xmlsafe.namespace(root.tag)
    if ns != NS12:
        raise GlossaryError(
            "pretranslate fills XLIFF 1.2 files (urn:oasis:names:tc:xliff:document:1.2); "
            "this one is " + (ns or "without a namespace"), path)
    q = lambda name: f"{{{NS12}}}{name}"  # noqa: E731
    report = PretranslateReport()
    for file_el in root.iter(q("file")):
        target_lang = file_el.get("target-language") or langs.target
        for tu in file_el.iter(q("trans-unit")):
            report.units += 1
            if progress is not None:
                progress(report.units)
            if tu.get("translate", "yes") == "no":
                report.skipped += 1
                continue
            source = tu.find(q("source"))
            if source is None:
                continue
            target = tu.find(q("target"))
            if target is not None and xmlsafe.text_of(target).strip() and target.get(
                    "state") not in ("new", "needs-translation"):
                report.already += 1
                continue
            text = xmlsafe.text_of(source)
            suggestion = suggest(store, text, min_score, target_lang)
            if suggestion.match is None:
                report.no_match += 1
                for note in term_notes(glossary, text):
                    element = etree.Element(q("note"))
                    element.set("from", "glossary")
                    element.text = note
                    _add(tu, element)
                continue
            unit = suggestion.match.unit
            if target is None:
                target = etree.Element(q("target"))
                anchor = tu.find(q("seg-source"))
                anchor = anchor if anchor is not None else source
                if anchor.getnext() is None:  # the anchor's tail closes the unit: pass it on
                    target.tail, anchor.tail = anchor.tail, tu.text
                else:
                    target.tail = anchor.tail
                anchor.addnext(target)
            for child in list(target):
                target.remove(child)
            target.text = unit.target
            if suggestion.exact:
                report.exact += 1
                target.set("state", "translated")
                target.set("state-qualifier", "exact-match")
            else:
                report.fuzzy += 1
                target.set("state", "needs-review-translation")
                target.set("state-qualifier", "fuzzy-match")
                alt = etree.Element(q("alt-trans"))
                alt.set("match-quality", str(suggestion.match.score))
                alt.set("origin", _origin(suggestion.match))
                etree.SubElement(alt, q("source")).text = unit.source
                etree.SubElement(alt, q("target")).text = unit.target
                _add(tu, alt)
            note = etree.Element(q("note"))
            note.set("from", TOOL)
            note.text = _comment(suggestion)
            _add(tu, note)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    return data + b"\n", report


def _add(tu, element) -> None:
    """Add *element* among the unit's XLIFF children, before any foreign-namespace ones (the
    schema puts those last), indented like its siblings."""
    from glossary.formats import xmlsafe
    from glossary.formats.xliff import NS12

    children = list(tu)
    foreign = next((c for c in children if isinstance(c.tag, str)
                    and xmlsafe.namespace(c.tag) != NS12), None)
    if foreign is not None:
        element.tail = children[0].tail if children else None
        foreign.addprevious(element)
        return
    if children:
        last = children[-1]
        element.tail = last.tail
        last.tail = children[0].tail if len(children) > 1 and children[0].tail else (
            tu.text or "\n")
    tu.append(element)


__all__ = ["PretranslateReport", "Suggestion", "pretranslate_file", "suggest"]
