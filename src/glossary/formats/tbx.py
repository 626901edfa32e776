"""TBX-Basic: export in TBX v2 (``martif``, the default) or TBX v3, import of both.

Specs: TBX-Basic v2 (LISA, 2008; ``martif`` with ``TBXBasiccoreStructV02.dtd``),
https://www.gala-global.org/sites/default/files/uploads/pdfs/tbx_basic_version_3.1.pdf ;
TBX v3 (ISO 30042:2019, namespace ``urn:iso:std:iso:30042:ed-2``, TBX-Basic dialect, DCA style),
https://www.tbxinfo.net/tbx-basic/ and https://github.com/LTAC-Global/TBX-Basic_dialect .
v2 is the default because the open readers (Translate Toolkit, and so Weblate and OmegaT's
importers) read only v2.

One concept (``termEntry`` / ``conceptEntry``) per entry, ``id`` = the entry id (``_`` is put
in front of ids that start with a digit, which XML IDs cannot). Only TBX-Basic data categories:

========================  ==============================================================
glossary field            TBX-Basic
========================  ==============================================================
type                      ``descrip type="subjectField"`` (concept level)
note                      ``descrip type="definition"`` (concept level)
sources                   ``admin type="source"`` (concept level)
status, context, not_in,  ``note`` at concept level: ``status: approved``, ``context: …``,
generic                   ``not_in: …``, ``generic: …`` (one each)
zh                        zh-CN term, ``administrativeStatus`` ``preferredTerm-admn-sts``
zh_hant                   zh-TW term, ``preferredTerm-admn-sts`` (without zh_hant: the
                          OpenCC form, with the note "converted from the simplified form
                          by OpenCC")
variants                  ``admittedTerm-admn-sts`` (in zh-CN or zh-TW by script)
forbidden (+ reason)      ``deprecatedTerm-admn-sts`` (+ term-level ``note``)
en / en_variants          en-US terms, preferred / admitted
en_forbidden              en-US terms, ``deprecatedTerm-admn-sts``
========================  ==============================================================

Language sections come in the order source, target, traditional, so that readers taking the
second section as the target (Translate Toolkit without explicit languages) get English.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from glossary.errors import GlossaryError
from glossary.formats import xmlsafe
from glossary.formats.base import (DERIVED_NOTE, TOOL_NAME, TOOL_VERSION, ExportOptions,
                                   Labels, ReadResult, Record, check_xml_entries, iso_date,
                                   split_by_script, traditional_preferred)
from glossary.langtags import SOURCE, TARGET, TRADITIONAL, Languages
from glossary.model import ENTRY_TYPES, STATUSES, Entry
from glossary.scripts import to_simplified, to_traditional

SPEC_URL_V2 = "https://www.gala-global.org/sites/default/files/uploads/pdfs/tbx_basic_version_3.1.pdf"
SPEC_URL_V3 = "https://www.tbxinfo.net/tbx-basic/"
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
V2_DTD_NAME = "TBXBasiccoreStructV02.dtd"  # shipped in formats/dtd/, as tmx.DTD_NAME
V2_DOCTYPE = f'<!DOCTYPE martif SYSTEM "{V2_DTD_NAME}">'

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"

_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_STATUS_NOTE = re.compile(r"^status:\s*(\S+)\s*$")
_CONTEXT_NOTE = re.compile(r"^context:\s*(.*)$", re.S)
_NOT_IN_NOTE = re.compile(r"^(not_in|generic):\s*(.*)$", re.S)


def xml_id(entry_id: str) -> str:
    """An XML ID for an entry id: ``2025-war`` → ``_2025-war`` (IDs cannot start with a digit)."""
    return entry_id if _NCNAME.match(entry_id) else "_" + entry_id


def entry_id(value: str | None) -> str | None:
    """The entry id behind an XML ID written by :func:`xml_id`."""
    if value and value.startswith("_") and re.match(r"^_[0-9]", value):
        return value[1:]
    return value


# --- writing --------------------------------------------------------------------------------


class _Writer:
    def __init__(self, version: int):
        self.version = version
        self.ns = f"{{{TBX3_NS}}}" if version == 3 else ""
        self.concept = "conceptEntry" if version == 3 else "termEntry"
        self.language = "langSec" if version == 3 else "langSet"
        self.term_group = "termSec" if version == 3 else "tig"

    def el(self, parent: etree._Element | None, name: str, text: str | None = None,
           **attrs: str) -> etree._Element:
        tag = self.ns + name
        if parent is None:
            node = etree.Element(tag, nsmap={None: TBX3_NS} if self.version == 3 else None)
        else:
            node = etree.SubElement(parent, tag)
        for key, value in attrs.items():
            node.set(key, value)
        if text is not None:
            node.text = xmlsafe.check_xml_text(text, f"the text {text[:30]!r}")
        return node

    def term(self, lang_el: etree._Element, text: str, status: str, note: str | None = None) -> None:
        group = self.el(lang_el, self.term_group)
        self.el(group, "term", text)
        self.el(group, "termNote", status, type="administrativeStatus")
        if note:
            self.el(group, "note", note)

    def lang(self, concept: etree._Element, tag: str) -> etree._Element:
        node = self.el(concept, self.language)
        node.set(xmlsafe.XML_LANG, tag)
        return node

    def concept_of(self, body: etree._Element, entry: Entry, langs: Languages) -> etree._Element:
        concept = self.el(body, self.concept, id=xml_id(entry.id))
        self.el(concept, "descrip", entry.type, type="subjectField")
        if entry.note:
            self.el(concept, "descrip", entry.note, type="definition")
        for source in entry.sources:
            self.el(concept, "admin", source, type="source")
        self.el(concept, "note", f"status: {entry.status}")
        if entry.context:
            self.el(concept, "note", f"context: {entry.context}")
        for word in entry.not_in:
            self.el(concept, "note", f"not_in: {word}")
        for form in entry.generic:
            self.el(concept, "note", f"generic: {form}")
        simplified_variants, traditional_variants = split_by_script(entry.variants)
        simplified_forbidden, traditional_forbidden = split_by_script(
            f.form for f in entry.forbidden)
        reasons = {f.form: f.reason for f in entry.forbidden}

        source = self.lang(concept, langs.source)
        self.term(source, entry.zh, PREFERRED)
        for form in simplified_variants:
            self.term(source, form, ADMITTED)
        for form in simplified_forbidden:
            self.term(source, form, DEPRECATED, reasons.get(form))

        target = self.lang(concept, langs.target)
        self.term(target, entry.en, PREFERRED)
        for form in entry.en_variants:
            self.term(target, form, ADMITTED)
        for form in entry.en_forbidden:
            self.term(target, form, DEPRECATED)

        traditional = self.lang(concept, langs.traditional)
        hant, derived = traditional_preferred(entry)
        self.term(traditional, hant, PREFERRED, DERIVED_NOTE if derived else None)
        for form in traditional_variants:
            self.term(traditional, form, ADMITTED)
        for form in traditional_forbidden:
            self.term(traditional, form, DEPRECATED, reasons.get(form))
        return concept

    def document(self, entries: list[Entry], options: ExportOptions) -> bytes:
        langs = options.langs
        described = (f"Exported by {TOOL_NAME} {TOOL_VERSION}: {options.title}, "
                     f"{len(entries)} entries ({langs.source}, {langs.target}, {langs.traditional})")
        if options.date is not None:
            described += f", {iso_date(options.date)}"
        if self.version == 3:
            root = self.el(None, "tbx", type="TBX-Basic", style="dca")
            root.set(xmlsafe.XML_LANG, langs.target)
            header = self.el(root, "tbxHeader")
        else:
            root = self.el(None, "martif", type="TBX-Basic")
            root.set(xmlsafe.XML_LANG, langs.target)
            header = self.el(root, "martifHeader")
        file_desc = self.el(header, "fileDesc")
        source_desc = self.el(file_desc, "sourceDesc")
        self.el(source_desc, "p", described)
        if self.version == 2:
            encoding = self.el(header, "encodingDesc")
            self.el(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = self.el(self.el(root, "text"), "body")
        for entry in entries:
            self.concept_of(body, entry, langs)
        etree.indent(root, space="  ")
        head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
        if self.version == 2:
            head += V2_DOCTYPE.encode() + b"\n"
        return head + etree.tostring(root, encoding="UTF-8") + b"\n"


def export_glossary(entries: list[Entry], options: ExportOptions) -> bytes:
    """The glossary as TBX-Basic: v2 (``martif``) or, with ``options.tbx_version == 3``, v3."""
    check_xml_entries(entries)
    if options.tbx_version not in (2, 3):
        raise GlossaryError(f"--tbx-version must be 2 or 3, not {options.tbx_version}")
    return _Writer(options.tbx_version).document(entries, options)


# --- reading --------------------------------------------------------------------------------

_STATUS_WORDS = {
    "preferredterm-admn-sts": PREFERRED, "preferred": PREFERRED, "preferredterm": PREFERRED,
    "admittedterm-admn-sts": ADMITTED, "admitted": ADMITTED, "admittedterm": ADMITTED,
    "deprecatedterm-admn-sts": DEPRECATED, "deprecated": DEPRECATED,
    "notrecommended": DEPRECATED, "deprecatedterm": DEPRECATED,
    "supersededterm-admn-sts": SUPERSEDED, "superseded": SUPERSEDED, "obsolete": SUPERSEDED,
}


def _children(node: etree._Element, *names: str) -> Iterator[etree._Element]:
    for child in node:
        if xmlsafe.local_name(child.tag) in names:
            yield child


def _text(node: etree._Element, path: str | Path | None = None) -> str:
    return xmlsafe.text_of(node, path=path).strip()


def _terms(lang_el: etree._Element, path: str | Path | None = None
           ) -> Iterator[tuple[str, str | None, list[str]]]:
    """(term, administrative status, term-level notes) for each term of a language section."""
    for group in _children(lang_el, "tig", "termSec", "ntig"):
        holder = group
        if xmlsafe.local_name(group.tag) == "ntig":
            holder = next(_children(group, "termGrp"), group)
        term_el = next(_children(holder, "term"), None)
        if term_el is None:
            continue
        status = None
        for note in list(_children(holder, "termNote")) + list(_children(group, "termNote")):
            kind = note.get("type")
            if kind in ("administrativeStatus", "usageStatus", "normativeAuthorization"):
                status = _STATUS_WORDS.get(_text(note, path).lower().replace(" ", ""), status)
        for grp in _children(holder, "termNoteGrp"):
            for note in _children(grp, "termNote"):
                if note.get("type") in ("administrativeStatus", "usageStatus"):
                    status = _STATUS_WORDS.get(_text(note, path).lower().replace(" ", ""), status)
        notes = [_text(n, path) for n in _children(group, "note") if _text(n, path)]
        yield _text(term_el, path), status, notes


Term = tuple[str | None, str, str | None, list[str]]  # (language tag, term, status, notes)


def _record(concept: etree._Element, path: str | Path | None = None
            ) -> tuple[Record, list[Term]]:
    """A concept's record without its terms, and its terms (placed by :func:`_place_terms`)."""
    record = Record(line=concept.sourceline, id=entry_id(concept.get("id")))
    notes: list[str] = []
    definition: str | None = None
    for child in concept:
        name = xmlsafe.local_name(child.tag)
        if name == "descripGrp":
            child = next(_children(child, "descrip"), None)
            if child is None:
                continue
            name = "descrip"
        kind = child.get("type")
        if name == "descrip" and kind == "subjectField":
            value = _text(child, path)
            if value in ENTRY_TYPES:
                record.type = value
        elif name == "descrip" and kind == "definition" and definition is None:
            definition = _text(child, path)
        elif name == "admin" and kind == "source":
            record.add_unique("sources", _text(child, path))
        elif name == "note":
            text = _text(child, path)
            status = _STATUS_NOTE.match(text)
            context = _CONTEXT_NOTE.match(text)
            not_in = _NOT_IN_NOTE.match(text)
            if status and status.group(1) in STATUSES:
                record.status = status.group(1)
                record.trusted_id = True  # our own export writes this note
            elif context:
                record.context = context.group(1).strip() or None
            elif not_in and record.trusted_id:  # our own export's
                record.add_unique(not_in.group(1), not_in.group(2))
            elif text:
                notes.append(text)
    note_parts = ([definition] if definition else []) + notes
    record.note = "\n".join(note_parts) if note_parts else None
    terms: list[Term] = []
    for lang_el in _children(concept, "langSet", "langSec"):
        tag = lang_el.get(xmlsafe.XML_LANG) or lang_el.get("lang")
        terms += [(tag, text, status, term_notes)
                  for text, status, term_notes in _terms(lang_el, path) if text]
    return record, terms


def _place_terms(record: Record, terms: list[Term], labels: Labels) -> None:
    """Put a concept's terms into *record* by their roles (see :class:`Labels`)."""
    zh_terms: list[tuple[str, str | None, list[str], str]] = []
    roles = labels.roles([(tag, text) for tag, text, _, _ in terms])
    for (tag, text, status, term_notes), role in zip(terms, roles):
        if role == TARGET:
            if status in (DEPRECATED, SUPERSEDED):
                record.add_unique("en_forbidden", text)
            elif status == PREFERRED and record.en is None:
                record.en = text
            elif record.en is None and status is None:
                record.en = text
            else:
                record.add_unique("en_variants", text)
        else:
            zh_terms.append((text, status, term_notes, role))
    if record.en is None and record.en_variants:
        record.en = record.en_variants.pop(0)
    # Chinese: the preferred simplified term, the preferred traditional one, the rest.
    for text, status, term_notes, role in zh_terms:
        if status in (DEPRECATED, SUPERSEDED):
            reason = "; ".join(n for n in term_notes if n != DERIVED_NOTE) or None
            record.forbidden.append((text, reason))
        elif role == TRADITIONAL and DERIVED_NOTE in term_notes:
            continue
        elif role == SOURCE and record.zh is None and status in (PREFERRED, None):
            record.zh = text
        elif role == TRADITIONAL and record.zh_hant is None and status in (PREFERRED, None):
            record.zh_hant = text
        else:
            record.add_unique("variants", text)
    if record.zh is None and record.zh_hant is not None:
        record.zh = to_simplified(record.zh_hant)
        if record.zh_hant == to_traditional(record.zh):
            record.zh_hant = None
    if record.zh is None and record.variants:
        record.zh = record.variants.pop(0)


def read_records(path: str | Path, langs: Languages) -> ReadResult:
    """Glossary records from a TBX file (v2 ``martif`` or v3 ``tbx``, any dialect's core)."""
    root = xmlsafe.scan_prolog(path)
    name = xmlsafe.local_name((root or "").split(":")[-1])
    if name not in ("martif", "tbx"):
        what = f"its root element is <{root}>" if root else "it is not XML"
        raise GlossaryError(f"not a TBX file ({what}, not <martif> or <tbx>)", path)
    concepts: list[tuple[Record, list[Term]]] = []
    labels = Labels(langs)
    for _, element in xmlsafe.iterparse(path, events=("end",)):
        if xmlsafe.local_name(element.tag) not in ("termEntry", "conceptEntry"):
            continue
        record, terms = _record(element, path)
        element.clear(keep_tail=False)
        for tag, text, _, _ in terms:
            labels.see(tag, text)
        concepts.append((record, terms))
    labels.ours = bool(concepts) and all(record.trusted_id for record, _ in concepts)
    result = ReadResult()
    for record, terms in concepts:  # placed once the labels of the whole file are known
        _place_terms(record, terms, labels)
        if record.zh is None:
            result.skipped.append((record.line, "no Chinese term in this concept"))
        elif record.en is None:
            result.skipped.append((record.line, "no English term in this concept"))
        else:
            result.records.append(record)
    if labels.mislabelled:
        result.warnings.append(
            f"{labels.mislabelled} terms had a language tag that does not match their text "
            "(e.g. Chinese labelled en, English labelled xx); they were read by their content")
    return result


__all__ = ["SPEC_URL_V2", "SPEC_URL_V3", "TBX3_NS", "entry_id", "export_glossary", "read_records",
           "xml_id"]
