"""Safe XML reading: no entity expansion, no DTD loading, no network; errors with line numbers.

Every XML reader of the tool (TMX, TBX, XLIFF) goes through this module:

* the document's prolog (everything before the root element) is scanned first, and a document
  that declares entities (``<!ENTITY`` in an internal DTD subset: "billion laughs", external
  entities) or whose DOCTYPE points at a DTD by URL (``http:``, ``file:`` …) is refused;
* lxml parses with ``resolve_entities=False, no_network=True, load_dtd=False``, so a DTD is
  never read and an undeclared entity is an error;
* :class:`lxml.etree.XMLSyntaxError` becomes :class:`~glossary.errors.GlossaryError`
  ``"malformed XML: …"`` with the file and line.

A DOCTYPE that names a local DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as TMX and TBX files
usually do) is fine: it is ignored.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from glossary.errors import GlossaryError
from glossary.model import xml_problem

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
PROLOG_LIMIT = 1 << 20  # bytes: a longer prolog is refused (no real exchange file has one)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def parser() -> etree.XMLParser:
    """The lxml parser every reader uses (entities unresolved, no DTD, no network)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=False)


def _head_text(path: str | Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(PROLOG_LIMIT)
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return head.decode(encoding, errors="replace")
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    # The prolog's markup is ASCII in every ASCII-compatible encoding; the rest does not matter.
    return head.decode("latin-1")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def scan_prolog(path: str | Path) -> str | None:
    """Check the prolog of an XML file; return the root element's name (as written) or None.

    Raises :class:`GlossaryError` for entity declarations, a DTD referenced by URL, or a file
    that does not start like XML. None means no root element was found in the first
    :data:`PROLOG_LIMIT` bytes (an empty file, or not XML).
    """
    try:
        text = _head_text(path)
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from None
    pos, size = 0, len(text)
    while pos < size:
        while pos < size and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if pos >= size:
            return None
        if text.startswith("<?", pos):
            end = text.find("?>", pos)
            if end < 0:
                return None
            pos = end + 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos)
            if end < 0:
                return None
            pos = end + 3
        elif text.startswith("<!DOCTYPE", pos):
            pos = _doctype(text, pos, path)
        elif text.startswith("<", pos):
            match = re.match(r"<([^\s/>]+)", text[pos:pos + 256])
            return match.group(1) if match else None
        else:
            return None
    return None


def _doctype(text: str, start: int, path: str | Path) -> int:
    """Check one DOCTYPE declaration; return the position after it."""
    pos, quote, subset_start = start + len("<!DOCTYPE"), None, None
    while pos < len(text):
        c = text[pos]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "[":
            subset_start = pos
            break
        elif c == ">":
            break
        pos += 1
    else:
        raise GlossaryError("unterminated DOCTYPE declaration", path, _line(text, start))
    external = text[start:pos]
    for literal in re.findall(r"\"([^\"]*)\"|'([^']*)'", external):
        value = literal[0] or literal[1]
        scheme = _URL.match(value)
        if scheme and len(scheme.group()) > 2:  # "C:" is a Windows drive, not a scheme
            raise GlossaryError(
                f"the DOCTYPE points at a DTD by URL ({value}); DTDs are never fetched — remove "
                "the DOCTYPE line", path, _line(text, start))
    if subset_start is None:
        return pos + 1
    # The internal subset: refuse any entity declaration (entity expansion, external entities).
    pos, quote = subset_start + 1, None
    while pos < len(text):
        if quote:
            if text[pos] == quote:
                quote = None
            pos += 1
            continue
        if text.startswith("<!--", pos):
            end = text.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
            continue
        if text.startswith("<!ENTITY", pos):
            name = re.match(r"<!ENTITY\s+(%\s*)?([^\s]+)", text[pos:pos + 200])
            what = f" {name.group(2)}" if name else ""
            raise GlossaryError(
                f"the document declares an entity{what} in its DOCTYPE; entity declarations are "
                "refused (entity-expansion and external-entity attacks)", path, _line(text, pos))
        c = text[pos]
        if c in "\"'":
            quote = c
        elif c == "]":
            end = text.find(">", pos)
            if end < 0:
                break
            return end + 1
        pos += 1
    raise GlossaryError("unterminated DOCTYPE declaration", path, _line(text, start))


def local_name(tag: object) -> str:
    """The name of an element without its namespace (``{urn:…}tbx`` → ``tbx``)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: object) -> str:
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].split("}", 1)[0]


def _syntax_error(exc: etree.XMLSyntaxError, path: str | Path) -> GlossaryError:
    message = (exc.msg or str(exc)).strip()
    message = re.sub(r",? line \d+, column \d+$", "", message)
    line = exc.lineno if getattr(exc, "lineno", None) else None
    return GlossaryError(f"malformed XML: {message}", path, line)


def parse(path: str | Path) -> etree._ElementTree:
    """Parse a whole XML file safely (for files of modest size: TBX, XLIFF)."""
    if scan_prolog(path) is None:
        raise GlossaryError("not an XML document (no root element found)", path)
    try:
        return etree.parse(str(path), parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc}", path) from None


def iterparse(path: str | Path, events: tuple[str, ...] = ("start", "end"),
              tag: str | tuple[str, ...] | None = None) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs from an XML file safely (large TMX files).

    The caller clears elements it is done with (``element.clear()`` and dropping earlier
    siblings), so memory stays flat.
    """
    if scan_prolog(path) is None:
        raise GlossaryError("not an XML document (no root element found)", path)
    try:
        context = etree.iterparse(str(path), events=events, tag=tag, resolve_entities=False,
                                  no_network=True, load_dtd=False, huge_tree=False,
                                  remove_comments=True)
        yield from context
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc}", path) from None


_KEEP = frozenset({"hi", "mrk", "g", "pc", "foreign"})


def text_of(element: etree._Element, keep: frozenset[str] = _KEEP,
            path: str | Path | None = None) -> str:
    """The text of an element with inline markup: text inside *keep* elements counts, the
    content of native-code elements (``bpt``, ``ept``, ``ph``, ``it``, ``ut``, ``x``…) does not;
    tails always do. An entity reference (``&nbsp;``, declared in a DTD that is never read)
    is a :class:`GlossaryError`, not silently dropped text."""
    parts = [element.text or ""]
    for child in element:
        if child.tag is etree.Entity:
            raise GlossaryError(
                f"malformed XML: the entity {child.text} is not defined (DTDs are not read); "
                "write the character itself", path, child.sourceline or element.sourceline)
        if local_name(child.tag) in keep:
            parts.append(text_of(child, keep, path))
        parts.append(child.tail or "")
    return "".join(parts)


def check_xml_text(value: str, what: str) -> str:
    """*value* if every character may appear in XML 1.0; else a :class:`GlossaryError`."""
    problem = xml_problem(value)
    if problem:
        raise GlossaryError(f"{what} contains {problem}; remove it")
    return value


__all__ = ["XML_LANG", "XML_NS", "check_xml_text", "iterparse", "local_name", "namespace",
           "parse", "parser", "scan_prolog", "text_of"]
