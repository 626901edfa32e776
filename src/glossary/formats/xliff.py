"""XLIFF: a 1.2 writer for sentences to translate, and a streaming 1.2/2.x reader.

Spec: XLIFF 1.2, https://docs.oasis-open.org/xliff/v1.2/os/xliff-core.html (what we write is
valid against ``xliff-core-1.2-strict.xsd``); XLIFF 2.0/2.1,
https://docs.oasis-open.org/xliff/xliff-core/v2.1/xliff-core-v2.1.html (read only).

Reusable API:

* :func:`write_xliff` ``(files, source_lang, target_lang)`` → bytes: one ``<file>`` per source
  document, one ``<trans-unit>`` per sentence with its ``<source>``, an optional ``<target>``,
  the places it occurs as ``<context-group purpose="location">`` (``sourcefile`` and
  ``linenumber``) and ``<note>`` elements.
* :func:`iter_units` ``(path)`` streams :class:`XliffUnit` (id, source, target, state, notes,
  languages of its file, line) from XLIFF 1.x (``trans-unit``) and 2.x (``unit``/``segment``)
  files, parsed safely (:mod:`.xmlsafe`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from glossary.errors import GlossaryError
from glossary.formats import xmlsafe
from glossary.formats.base import TOOL_NAME, TOOL_VERSION

SPEC_URL = "https://docs.oasis-open.org/xliff/v1.2/os/xliff-core.html"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


@dataclass
class XliffUnit:
    """One translation unit (a 1.2 ``trans-unit``, or one ``segment`` of a 2.x ``unit``)."""

    id: str | None
    source: str
    target: str | None = None
    state: str | None = None
    notes: list[str] = field(default_factory=list)
    source_lang: str | None = None
    target_lang: str | None = None
    original: str | None = None
    line: int | None = None
    target_line: int | None = None
    translate: bool = True


@dataclass
class OutUnit:
    """A unit to write: id, source, optional target, locations (path, line) and notes."""

    id: str
    source: str
    locations: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    target: str | None = None
    target_state: str | None = None


@dataclass
class OutFile:
    """One source document: its name, its units, and its language if not the default."""

    original: str
    units: list[OutUnit]
    source_lang: str | None = None


def write_xliff(files: Iterable[OutFile], source_lang: str, target_lang: str,
                date: datetime | None = None) -> bytes:
    """An XLIFF 1.2 document (strict schema) of *files*."""
    nsmap = {None: NS12}
    root = etree.Element(f"{{{NS12}}}xliff", nsmap=nsmap, version="1.2")

    def sub(parent, name, text=None, **attrs):
        node = etree.SubElement(parent, f"{{{NS12}}}{name}")
        for key, value in attrs.items():
            node.set(key.replace("_", "-"), value)
        if text is not None:
            node.text = xmlsafe.check_xml_text(text, f"the text {text[:30]!r}")
        return node

    count = 0
    for out in files:
        attrs = {"original": out.original, "source_language": out.source_lang or source_lang,
                 "target_language": target_lang, "datatype": "plaintext"}
        if date is not None:
            attrs["date"] = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        file_el = sub(root, "file", **attrs)
        header = sub(file_el, "header")
        sub(header, "tool", tool_id=TOOL_NAME, tool_name=TOOL_NAME, tool_version=TOOL_VERSION)
        body = sub(file_el, "body")
        for unit in out.units:
            count += 1
            tu = sub(body, "trans-unit", id=unit.id)
            sub(tu, "source", unit.source)
            if unit.target is not None:
                target = sub(tu, "target", unit.target)
                if unit.target_state:
                    target.set("state", unit.target_state)
            for path, line in unit.locations:
                group = sub(tu, "context-group", purpose="location")
                sub(group, "context", path, context_type="sourcefile")
                sub(group, "context", str(line), context_type="linenumber")
            for note in unit.notes:
                sub(tu, "note", note, **{"from": TOOL_NAME})
    if not count:
        raise GlossaryError("nothing to write: no sentence found")
    etree.indent(root, space="  ")
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8")
            + b"\n")


def _notes(element: etree._Element, path: str | Path | None = None) -> list[str]:
    return [xmlsafe.text_of(n, path=path) for n in element if xmlsafe.local_name(n.tag) == "note"]


def iter_units(path: str | Path) -> Iterator[XliffUnit]:
    """Stream the units of an XLIFF 1.x or 2.x file (see the module doc)."""
    root = xmlsafe.scan_prolog(path)
    if root is None or xmlsafe.local_name(root.split(":")[-1]) != "xliff":
        what = f"its root element is <{root}>" if root else "it is not XML"
        raise GlossaryError(f"not an XLIFF file ({what}, not <xliff>)", path)
    langs: dict[str, str | None] = {"source": None, "target": None, "original": None}
    for event, element in xmlsafe.iterparse(path, events=("start", "end")):
        name = xmlsafe.local_name(element.tag)
        if event == "start":
            if name == "xliff":
                langs["source"] = element.get("srcLang") or langs["source"]
                langs["target"] = element.get("trgLang") or langs["target"]
            elif name == "file":
                langs["source"] = element.get("source-language") or langs["source"]
                langs["target"] = element.get("target-language") or langs["target"]
                langs["original"] = element.get("original") or element.get("id")
            continue
        if name == "trans-unit":
            source = next((c for c in element if xmlsafe.local_name(c.tag) == "source"), None)
            target = next((c for c in element if xmlsafe.local_name(c.tag) == "target"), None)
            yield XliffUnit(
                id=element.get("id"), source=xmlsafe.text_of(source, path=path) if source is not None else "",
                target=xmlsafe.text_of(target, path=path) if target is not None else None,
                state=target.get("state") if target is not None else None,
                notes=_notes(element, path), source_lang=langs["source"], target_lang=langs["target"],
                original=langs["original"], line=element.sourceline,
                target_line=target.sourceline if target is not None else None,
                translate=element.get("translate", "yes") != "no")
            element.clear(keep_tail=False)
        elif name == "unit" and xmlsafe.namespace(element.tag).startswith(
                "urn:oasis:names:tc:xliff:document:2"):
            notes = []
            for child in element:
                if xmlsafe.local_name(child.tag) == "notes":
                    notes += _notes(child, path)
            number = 0
            for segment in element:
                if xmlsafe.local_name(segment.tag) != "segment":
                    continue
                number += 1
                source = next((c for c in segment if xmlsafe.local_name(c.tag) == "source"), None)
                target = next((c for c in segment if xmlsafe.local_name(c.tag) == "target"), None)
                unit_id = element.get("id")
                yield XliffUnit(
                    id=f"{unit_id}#{segment.get('id') or number}" if number > 1 or segment.get("id") else unit_id,
                    source=xmlsafe.text_of(source, path=path) if source is not None else "",
                    target=xmlsafe.text_of(target, path=path) if target is not None else None,
                    state=segment.get("state"), notes=notes, source_lang=langs["source"],
                    target_lang=langs["target"], original=langs["original"],
                    line=segment.sourceline,
                    target_line=target.sourceline if target is not None else None,
                    translate=element.get("translate", "yes") != "no")
            element.clear(keep_tail=False)


__all__ = ["NS12", "NS20", "OutFile", "OutUnit", "SPEC_URL", "XliffUnit", "iter_units",
           "write_xliff"]
