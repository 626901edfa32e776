"""TMX 1.4b: a streaming reader and writer, and the glossary's export and import.

Spec: https://www.gala-global.org/tmx-14b (LISA OSCAR TMX 1.4b); DTD: ``tests/schemas/tmx/tmx14.dtd``.

Reusable API (the translation memory's import and export use it):

* :func:`iter_units` ``(path)`` streams the ``<tu>`` elements of a file of any size as
  :class:`TmxUnit` (tuid, props, notes, the ``<tuv>`` variants with their language and text,
  attributes, line). It uses ``iterparse`` and clears each element once read, so memory stays
  flat; the file is parsed with entities and network access off (:mod:`.xmlsafe`). Both
  ``xml:lang`` and the deprecated ``lang`` attribute (OmegaT) are read, in any case
  (``ZH-CN``). A file without ``<header>`` is refused.
* :func:`read_header` ``(path)`` returns the :class:`TmxHeader` alone.
* :func:`write_tmx` ``(target, units, srclang=..., segtype="sentence")`` writes units to a path
  or binary stream as it goes (``lxml.etree.xmlfile``), with every header attribute the DTD
  requires; ``segtype="phrase"`` for term bases, ``"sentence"`` for sentence memories.

The glossary export (:func:`export_glossary`) writes one ``<tu>`` per entry (``tuid`` = the
entry id) with ``<tuv>`` for the simplified form, the English rendering and the traditional form
(in that order, so tools that take the second variant as the target get English), and the
entry's other fields as ``<prop type="x-…">`` and ``<note>``. Accepted Chinese variants become
extra ``<tu>`` marked ``<prop type="x-variant-of">ID</prop>``; forbidden forms are only props,
never translation units, so no memory ever offers them as a match.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from lxml import etree

from glossary.errors import GlossaryError
from glossary.formats import xmlsafe
from glossary.formats.base import (TOOL_NAME, TOOL_VERSION, ExportOptions, ReadResult, Record,
                                   Labels, check_xml_entries, tmx_date, traditional_preferred)
from glossary.langtags import SOURCE, TARGET, TRADITIONAL, Languages
from glossary.model import Entry
from glossary.scripts import TRADITIONAL as TRAD_SCRIPT, form_script, to_simplified, to_traditional

SPEC_URL = "https://www.gala-global.org/tmx-14b"
DTD_NAME = "tmx14.dtd"  # shipped in formats/dtd/; export all writes it beside the file
DOCTYPE = f'<!DOCTYPE tmx SYSTEM "{DTD_NAME}">'
SEGTYPES = ("block", "paragraph", "sentence", "phrase")

# The props of the glossary export.
P_VERSION = "x-glossary-export"
P_TYPE = "x-type"
P_STATUS = "x-status"
P_CONTEXT = "x-context"
P_VARIANT_OF = "x-variant-of"
P_FORBIDDEN = "x-forbidden"
P_FORBIDDEN_REASON = "x-forbidden-reason"
P_EN_VARIANT = "x-en-variant"
P_EN_FORBIDDEN = "x-en-forbidden"
P_SOURCE = "x-source"
P_NOT_IN = "x-not-in"
P_GENERIC = "x-generic"
P_DERIVED = "x-derived"  # on a <tuv>: the form was converted by OpenCC, not given


@dataclass(slots=True)
class Tuv:
    """One language variant of a unit: its language tag as written, its text, props and notes."""

    lang: str
    text: str
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    def prop(self, kind: str) -> str | None:
        return next((v for t, v in self.props if t == kind), None)


@dataclass(slots=True)
class TmxUnit:
    """One ``<tu>``: id, props and notes, variants in file order, other attributes, line."""

    tuid: str | None = None
    tuvs: list[Tuv] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    line: int | None = None

    def text(self, lang: str) -> str | None:
        """The text of the first variant in *lang*: exact tag (any case, ``_`` or ``-``) first,
        then the first variant whose primary language matches (``zh`` for ``zh-CN``)."""
        want = lang.replace("_", "-").lower()
        for tuv in self.tuvs:
            if tuv.lang.replace("_", "-").lower() == want:
                return tuv.text
        primary = want.split("-")[0]
        for tuv in self.tuvs:
            if tuv.lang.replace("_", "-").lower().split("-")[0] == primary:
                return tuv.text
        return None

    def prop(self, kind: str) -> str | None:
        """The first prop of type *kind*, or None."""
        return next((v for t, v in self.props if t == kind), None)

    def props_of(self, kind: str) -> list[str]:
        return [v for t, v in self.props if t == kind]


@dataclass
class TmxHeader:
    """The ``<header>``: the required attributes, any others, its props and notes."""

    srclang: str | None = None
    segtype: str | None = None
    adminlang: str | None = None
    datatype: str | None = None
    creationtool: str | None = None
    creationtoolversion: str | None = None
    o_tmf: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int | None = None

    def prop(self, kind: str) -> str | None:
        return next((v for t, v in self.props if t == kind), None)


# --- reading --------------------------------------------------------------------------------


_XML_LANG = xmlsafe.XML_LANG


def _lang(element: etree._Element) -> str:
    return element.get(xmlsafe.XML_LANG) or element.get("lang") or ""


def _props_notes(element: etree._Element) -> tuple[list[tuple[str, str]], list[str]]:
    props, notes = [], []
    for child in element:
        name = xmlsafe.local_name(child.tag)
        if name == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif name == "note":
            notes.append(child.text or "")
    return props, notes


def _unit(element: etree._Element, path: str | Path | None = None) -> TmxUnit:
    # The hot path of every TMX import: one pass over the children, no attribute dict built
    # when the element has only its usual attribute (tuid on <tu>, xml:lang on <tuv>).
    items = element.items()
    if len(items) == 1 and items[0][0] == "tuid":
        tuid: str | None = items[0][1]
        attrs: dict[str, str] = {}
    else:
        attrs = dict(items)
        tuid = attrs.pop("tuid", None)
    tuvs: list[Tuv] = []
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    for child in element:
        tag = child.tag
        if tag == "tuv" or (tag.__class__ is str and tag[-4:] == "}tuv"):
            items = child.items()
            if len(items) == 1 and items[0][0] == _XML_LANG:
                lang, tuv_attrs = items[0][1] or "", {}
            else:
                tuv_attrs = dict(items)
                lang = tuv_attrs.pop(_XML_LANG, None) or tuv_attrs.pop("lang", None) or ""
                tuv_attrs.pop("lang", None)
            text = ""
            tuv_props: list[tuple[str, str]] = []
            tuv_notes: list[str] = []
            for part in child:
                kind = part.tag
                if kind.__class__ is str and kind[:1] == "{":
                    kind = kind.rsplit("}", 1)[1]
                if kind == "seg":
                    text = (part.text or "") if not len(part) else xmlsafe.text_of(part, path=path)
                elif kind == "prop":
                    tuv_props.append((part.get("type") or "", part.text or ""))
                elif kind == "note":
                    tuv_notes.append(part.text or "")
            tuvs.append(Tuv(lang, text, tuv_props, tuv_notes, tuv_attrs))
            continue
        if tag.__class__ is str and tag[:1] == "{":
            tag = tag.rsplit("}", 1)[1]
        if tag == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    return TmxUnit(tuid, tuvs, props, notes, attrs, element.sourceline)


def _header(element: etree._Element) -> TmxHeader:
    props, notes = _props_notes(element)
    attrs = dict(element.attrib)
    return TmxHeader(
        srclang=attrs.get("srclang"), segtype=attrs.get("segtype"),
        adminlang=attrs.get("adminlang"), datatype=attrs.get("datatype"),
        creationtool=attrs.get("creationtool"),
        creationtoolversion=attrs.get("creationtoolversion"), o_tmf=attrs.get("o-tmf"),
        attrs=attrs, props=props, notes=notes, line=element.sourceline)


class TmxReader:
    """Stream a TMX file: ``reader = TmxReader(path)``; ``reader.header``; ``for unit in reader``.

    The header precedes the body: iteration reads it before the first unit, so inside the loop
    ``reader.header`` is the header already read (no second pass over the file). Used before
    iterating, :attr:`header` reads only up to the end of ``<header>``. Iterating twice reads
    the file twice. Errors (malformed XML with its line, no ``<header>``, entity declarations,
    a root other than ``<tmx>``) are :class:`GlossaryError`.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._header: TmxHeader | None = None

    @property
    def header(self) -> TmxHeader:
        if self._header is None:
            for _ in self._events(header_only=True):
                pass
        assert self._header is not None
        return self._header

    def __iter__(self) -> Iterator[TmxUnit]:
        return self._events(header_only=False)

    def _events(self, header_only: bool) -> Iterator[TmxUnit]:
        root = xmlsafe.scan_prolog(self.path)
        if root is None or xmlsafe.local_name(root.split(":")[-1]) != "tmx":
            what = f"its root element is <{root}>" if root else "it is not XML"
            raise GlossaryError(f"not a TMX file ({what}, not <tmx>)", self.path)
        seen_header = False
        path = self.path
        # Only the ends of <header> and <tu> are reported (iterparse's fast path); each <tu> is
        # cleared and dropped from its parent once read, so memory stays flat.
        for _, element in xmlsafe.iterparse(self.path, events=("end",),
                                            tag=("header", "tu", "{*}header", "{*}tu")):
            tag = element.tag
            if tag != "tu" and tag[-3:] != "}tu":  # <header>
                seen_header = True
                self._header = _header(element)
                if header_only:
                    return
                continue
            if not seen_header:
                raise GlossaryError("TMX without a <header> (it must come before <body>)",
                                    self.path, element.sourceline)
            unit = _unit(element, path)
            element.clear(keep_tail=False)
            # Drop the units read before (each already cleared) from <body>.
            if element.getprevious() is not None:
                parent = element.getparent()
                while element.getprevious() is not None:
                    del parent[0]
            yield unit
        if not seen_header:
            raise GlossaryError("TMX without a <header>", self.path)


def iter_units(path: str | Path) -> Iterator[TmxUnit]:
    """Stream every ``<tu>`` of the TMX file *path* as a :class:`TmxUnit` (see the module doc).

    Raises :class:`GlossaryError` (with the line) for malformed XML, a root other than
    ``<tmx>``, a missing header, or entity declarations.
    """
    return iter(TmxReader(path))


def read_header(path: str | Path) -> TmxHeader:
    """The header of the TMX file *path* (reads only up to the end of ``<header>``)."""
    return TmxReader(path).header


# --- writing --------------------------------------------------------------------------------


def _text(value: str, what: str) -> str:
    return xmlsafe.check_xml_text(value, what)


def _element(unit: TmxUnit) -> etree._Element:
    what = f"translation unit {unit.tuid}" if unit.tuid else "a translation unit"
    tu = etree.Element("tu")
    if unit.tuid is not None:
        tu.set("tuid", _text(unit.tuid, what))
    for key, value in unit.attrs.items():
        tu.set(key, _text(value, what))
    for note in unit.notes:
        etree.SubElement(tu, "note").text = _text(note, what)
    for kind, value in unit.props:
        prop = etree.SubElement(tu, "prop", type=_text(kind, what))
        prop.text = _text(value, what)
    for variant in unit.tuvs:
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(xmlsafe.XML_LANG, variant.lang)
        for key, value in variant.attrs.items():
            tuv.set(key, _text(value, what))
        for note in variant.notes:
            etree.SubElement(tuv, "note").text = _text(note, what)
        for kind, value in variant.props:
            etree.SubElement(tuv, "prop", type=kind).text = _text(value, what)
        etree.SubElement(tuv, "seg").text = _text(variant.text, what)
    return tu


def write_tmx(target: str | Path | BinaryIO, units: Iterable[TmxUnit], *, srclang: str,
              segtype: str = "sentence", adminlang: str = "en-US", datatype: str = "plaintext",
              creationtool: str = TOOL_NAME, creationtoolversion: str = TOOL_VERSION,
              o_tmf: str = TOOL_NAME, creationdate: datetime | None = None,
              header_props: Iterable[tuple[str, str]] = (), header_notes: Iterable[str] = (),
              doctype: bool = True) -> int:
    """Write *units* as a TMX 1.4 document to *target* (a path or a binary stream).

    Units are serialised one by one (nothing else is kept in memory). *srclang* must be the
    ``xml:lang`` of the source ``<tuv>`` of every unit (the TMX spec requires it; Translate
    Toolkit's po2tmx gets this wrong). *segtype* is ``"phrase"`` for term bases and
    ``"sentence"`` for sentence memories. Returns the number of units written. Output is
    byte-identical for identical input (give *creationdate* only when you want a date).
    """
    if segtype not in SEGTYPES:
        raise GlossaryError(f"segtype must be one of {', '.join(SEGTYPES)}, not {segtype!r}")
    count = 0
    stream: BinaryIO
    close = False
    if isinstance(target, (str, Path)):
        stream, close = open(target, "wb"), True
    else:
        stream = target
    try:
        stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        if doctype:
            stream.write(DOCTYPE.encode() + b"\n")
        with etree.xmlfile(stream, encoding="UTF-8") as xf:
            with xf.element("tmx", version="1.4"):
                header = etree.Element("header")
                attrs = {"creationtool": creationtool, "creationtoolversion": creationtoolversion,
                         "segtype": segtype, "o-tmf": o_tmf, "adminlang": adminlang,
                         "srclang": srclang, "datatype": datatype}
                if creationdate is not None:
                    attrs["creationdate"] = tmx_date(creationdate)
                for key, value in attrs.items():
                    header.set(key, value)
                for note in header_notes:
                    etree.SubElement(header, "note").text = _text(note, "the header")
                for kind, value in header_props:
                    etree.SubElement(header, "prop", type=kind).text = _text(value, "the header")
                etree.indent(header, space="  ", level=1)
                xf.write("\n  ")
                xf.write(header)
                xf.write("\n  ")
                with xf.element("body"):
                    for unit in units:
                        tu = _element(unit)
                        etree.indent(tu, space="  ", level=2)
                        xf.write("\n    ")
                        xf.write(tu)
                        count += 1
                    xf.write("\n  ")
                xf.write("\n")
        stream.write(b"\n")
    except ValueError as exc:  # lxml refuses text that XML cannot carry
        raise GlossaryError(f"cannot write TMX: {exc}") from None
    finally:
        if close:
            stream.close()
    return count


# --- the glossary as TMX --------------------------------------------------------------------


def glossary_units(entries: list[Entry], langs: Languages) -> Iterator[TmxUnit]:
    """The units of the glossary export: one per entry, then one per accepted variant."""
    for entry in entries:
        props = [(P_TYPE, entry.type), (P_STATUS, entry.status)]
        if entry.context:
            props.append((P_CONTEXT, entry.context))
        for forbidden in entry.forbidden:
            props.append((P_FORBIDDEN, forbidden.form))
            if forbidden.reason:
                props.append((P_FORBIDDEN_REASON, forbidden.reason))
        props += [(P_EN_VARIANT, v) for v in entry.en_variants]
        props += [(P_EN_FORBIDDEN, v) for v in entry.en_forbidden]
        props += [(P_SOURCE, s) for s in entry.sources]
        props += [(P_NOT_IN, s) for s in entry.not_in]
        props += [(P_GENERIC, s) for s in entry.generic]
        hant, derived = traditional_preferred(entry)
        trad = Tuv(langs.traditional, hant, props=[(P_DERIVED, "opencc")] if derived else [])
        yield TmxUnit(
            tuid=entry.id, props=props, notes=[entry.note] if entry.note else [],
            tuvs=[Tuv(langs.source, entry.zh), Tuv(langs.target, entry.en), trad])
        for number, variant in enumerate(entry.variants, 1):
            tuvs = []
            if form_script(variant) == TRAD_SCRIPT:
                other = to_simplified(variant)
                if other != variant:
                    tuvs.append(Tuv(langs.source, other, props=[(P_DERIVED, "opencc")]))
                tuvs += [Tuv(langs.target, entry.en), Tuv(langs.traditional, variant)]
            else:
                tuvs += [Tuv(langs.source, variant), Tuv(langs.target, entry.en)]
                other = to_traditional(variant)
                if other != variant:
                    tuvs.append(Tuv(langs.traditional, other, props=[(P_DERIVED, "opencc")]))
            yield TmxUnit(tuid=f"{entry.id}.variant-{number}",
                          props=[(P_VARIANT_OF, entry.id), (P_TYPE, entry.type)], tuvs=tuvs)


def export_glossary(entries: list[Entry], options: ExportOptions) -> bytes:
    """The glossary as a TMX 1.4 term base (``segtype="phrase"``), as bytes."""
    check_xml_entries(entries)
    out = io.BytesIO()
    langs = options.langs
    write_tmx(out, glossary_units(entries, langs), srclang=langs.source, segtype="phrase",
              adminlang=langs.target, o_tmf="glossary-yaml", creationdate=options.date,
              header_props=[(P_VERSION, "1")],
              header_notes=[f"{options.title}: {len(entries)} entries. Props x-… carry the "
                            "glossary's fields; forbidden forms are props only."])
    return out.getvalue()


def read_records(path: str | Path, langs: Languages) -> ReadResult:
    """Glossary records from a TMX file: ours (every field) or any other tool's (terms only)."""
    result = ReadResult()
    reader = TmxReader(path)
    units = list(reader)  # two passes: the labels of the whole file first (see Labels)
    ours = reader._header is not None and reader._header.prop(P_VERSION) is not None
    labels = Labels(langs, ours)
    for unit in units:
        for tuv in unit.tuvs:
            labels.see(tuv.lang, tuv.text)
    by_id: dict[str, Record] = {}
    pending: list[tuple[str, str, int | None]] = []  # (entry id, variant, line)
    for unit in units:
        tuvs = [t for t in unit.tuvs if t.text.strip()]
        roles = labels.roles([(t.lang, t.text.strip()) for t in tuvs])
        chinese: list[tuple[str, str, bool]] = []  # (role, text, derived)
        english: list[str] = []
        for tuv, role in zip(tuvs, roles):
            text = tuv.text.strip()
            if role == TARGET:
                english.append(text)
            else:
                chinese.append((role, text, tuv.prop(P_DERIVED) is not None))
        variant_of = unit.prop(P_VARIANT_OF)
        if variant_of:
            own = [t for _, t, derived in chinese if not derived]
            if own:
                pending.append((variant_of, own[0], unit.line))
            continue
        record = Record(line=unit.line, id=unit.tuid, trusted_id=ours)
        for role, text, derived in chinese:
            if role == SOURCE and not derived and record.zh is None:
                record.zh = text
            elif role == TRADITIONAL and record.zh_hant is None and not derived:
                record.zh_hant = text
            elif role == TRADITIONAL and derived:
                continue
            else:
                record.add_unique("variants", text)
        if record.zh is None and record.zh_hant is not None:
            record.zh = to_simplified(record.zh_hant)
        if record.zh_hant is not None and not ours and record.zh_hant == to_traditional(record.zh):
            record.zh_hant = None  # the usual OpenCC spelling: the glossary derives it anyway
        if english:
            record.en = english[0]
            for extra in english[1:]:
                record.add_unique("en_variants", extra)
        record.type = unit.prop(P_TYPE)
        record.status = unit.prop(P_STATUS)
        record.context = unit.prop(P_CONTEXT)
        for kind, value in unit.props:
            if kind == P_FORBIDDEN:
                record.forbidden.append((value.strip(), None))
            elif kind == P_FORBIDDEN_REASON and record.forbidden:
                form, _ = record.forbidden[-1]
                record.forbidden[-1] = (form, value.strip() or None)
            elif kind == P_EN_VARIANT:
                record.add_unique("en_variants", value)
            elif kind == P_EN_FORBIDDEN:
                record.add_unique("en_forbidden", value)
            elif kind == P_SOURCE:
                record.add_unique("sources", value)
            elif kind == P_NOT_IN:
                record.add_unique("not_in", value)
            elif kind == P_GENERIC:
                record.add_unique("generic", value)
        notes = [n.strip() for n in unit.notes if n.strip()]
        record.note = "\n".join(notes) if notes else None
        if record.zh is None:
            result.skipped.append((unit.line, "no Chinese variant in this translation unit"))
            continue
        if record.en is None:
            result.skipped.append((unit.line, "no English variant (untranslated)"))
            continue
        result.records.append(record)
        if unit.tuid:
            by_id.setdefault(unit.tuid, record)
    for entry_id, variant, line in pending:
        record = by_id.get(entry_id)
        if record is None:
            result.skipped.append((line, f"variant of {entry_id}, which is not in the file"))
        elif variant != record.zh:
            record.add_unique("variants", variant)
    if labels.mislabelled:
        result.warnings.append(
            f"{labels.mislabelled} <tuv> elements had a language tag that does not match their "
            "text (e.g. Chinese labelled en); they were read by their content")
    return result


__all__ = [
    "SPEC_URL", "TmxHeader", "TmxReader", "TmxUnit", "Tuv", "export_glossary",
    "glossary_units", "iter_units", "read_header", "read_records", "write_tmx",
]
