"""Gettext PO/POT: the glossary export and import, seed-text templates, and a safe reader.

Spec: https://www.gnu.org/software/gettext/manual/html_node/PO-Files.html . Every file written
here passes ``msgfmt --check-format -c`` (the tests run it).

Reusable API (the translation memory and the bilingual check use it):

* :func:`load` ``(path)`` parses a PO/POT file with polib and turns a syntax error into a
  one-line :class:`~glossary.errors.GlossaryError` with the line.
* :func:`iter_units` ``(path)`` yields :class:`PoUnit` (context, source, plural source,
  targets, flags, comments, references, line of the ``msgid``), obsolete entries left out.
* :func:`header` ``(langs, template, date, project)`` is the full header dict; :func:`dump`
  serialises a :class:`polib.POFile` to bytes.

Glossary export: ``msgid`` = the Chinese form, ``msgstr`` = the English rendering (empty in a
POT, where the English rendering is the extracted comment ``English: …``), ``msgctxt`` = the
entry's context (homographs), the note as extracted comments (``#.``), and the id, type,
status and the other fields as translator comments (``# id: …``) that tools keep and this
module reads back. Proposed entries are marked ``fuzzy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

import polib

from glossary.errors import GlossaryError
from glossary.formats.base import (TOOL_NAME, TOOL_VERSION, ExportOptions, ReadResult, Record,
                                   check_entries, po_date)
from glossary.langtags import Languages, posix
from glossary.model import Entry
from glossary.reader import decode

SPEC_URL = "https://www.gnu.org/software/gettext/manual/html_node/PO-Files.html"
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);"}
ENGLISH_COMMENT = "English: "

_KEYS = ("id", "type", "status", "zh_hant", "variant", "forbidden", "not_in", "generic", "en_variant",
         "en_forbidden", "source")
_COMMENT = re.compile(r"^(" + "|".join(_KEYS) + r"):\s?(.*)$")
_FORBIDDEN = re.compile(r"^(.*?)(?: \((.*)\))?$", re.S)
_SYNTAX = re.compile(r"\(line (\d+)\)")


@dataclass
class PoUnit:
    """One PO entry as the bilingual check and the translation memory see it."""

    source: str
    targets: list[str]
    context: str | None = None
    source_plural: str | None = None
    flags: list[str] = field(default_factory=list)
    comment: str = ""  # extracted comments (#.)
    tcomment: str = ""  # translator comments (#)
    references: list[tuple[str, str | None]] = field(default_factory=list)
    line: int | None = None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return any(t.strip() for t in self.targets)


def load(path: str | Path) -> polib.POFile:
    """Parse a PO/POT file; a syntax error is a :class:`GlossaryError` naming the line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from None
    try:
        text = decode(data, path).text.lstrip("\ufeff")
    except GlossaryError:
        raise GlossaryError("not a PO file (binary data, or an encoding other than UTF-8, "
                            "GB18030 or Big5)", path) from None
    check_syntax(text, path)
    try:
        po = polib.pofile(text if text.strip() else "\n", wrapwidth=78)
    except (OSError, ValueError, UnicodeError) as exc:
        message = str(exc)
        found = _SYNTAX.search(message)
        detail = message.split("):", 1)[-1].strip() if "):" in message else ""
        raise GlossaryError("malformed PO: syntax error" + (f" ({detail})" if detail else "")
                            + "; check the quotes and keywords there", path,
                            int(found.group(1)) if found else None) from None
    if not text.strip() or (not len(po) and not po.metadata and "msgid" not in text):
        raise GlossaryError("not a PO file (no msgid found)", path)
    return po


_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+)?"(?:[^"\\]|\\.)*"$')


def check_syntax(text: str, path: str | Path) -> None:
    """Refuse what msgfmt refuses and polib lets through: a line that is neither a comment, a
    blank, a keyword with a quoted string, nor a quoted continuation (an unterminated or
    unescaped string, a stray word)."""
    for number, line in enumerate(text.splitlines(), 1):
        body = line.strip()
        if not body or body.startswith("#"):
            continue
        if not _LINE.match(body):
            what = "an unterminated or badly escaped string" if '"' in body else "not PO syntax"
            raise GlossaryError(f"malformed PO: syntax error ({what}); check the quotes and "
                                "keywords there", path, number)


def iter_units(path: str | Path) -> Iterator[PoUnit]:
    """Every non-obsolete entry of a PO/POT file (the header left out)."""
    for entry in load(path):
        if entry.obsolete or (entry.msgid == "" and not entry.msgctxt):
            continue
        targets = ([entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
                   if entry.msgid_plural else [entry.msgstr])
        yield PoUnit(
            source=entry.msgid, targets=targets, context=entry.msgctxt,
            source_plural=entry.msgid_plural or None, flags=list(entry.flags),
            comment=entry.comment or "", tcomment=entry.tcomment or "",
            references=list(entry.occurrences), line=entry.linenum)


# The PO-Revision-Date of a PO file written without dates (--no-dates): the Unix epoch.
NO_DATE = "1970-01-01 00:00+0000"


def header(langs: Languages, template: bool, date: datetime | None,
           project: str = TOOL_NAME) -> dict[str, str]:
    """A full PO header: languages (POSIX form here only), UTF-8, plural forms for English."""
    meta = {"Project-Id-Version": project, "Report-Msgid-Bugs-To": ""}
    if date is not None:
        meta["POT-Creation-Date"] = po_date(date)
        meta["PO-Revision-Date"] = "YEAR-MO-DA HO:MI+ZONE" if template else po_date(date)
    elif not template:
        # msgfmt -c warns about a PO file whose PO-Revision-Date is missing or still the
        # template's placeholder; a fixed date keeps --no-dates output byte-identical.
        meta["PO-Revision-Date"] = NO_DATE
    meta["Last-Translator"] = ""
    meta["Language-Team"] = "" if template else "English"
    meta["Language"] = "" if template else posix(langs.target)
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    if not template:
        meta["Plural-Forms"] = PLURAL_FORMS["en"]
    meta["X-Generator"] = f"{TOOL_NAME} {TOOL_VERSION}"
    return meta


def new_file(langs: Languages, template: bool, date: datetime | None, comment: str,
             project: str = TOOL_NAME) -> polib.POFile:
    po = polib.POFile(wrapwidth=0, check_for_duplicates=False)  # never wrap: URLs and notes stay whole
    po.header = comment
    po.metadata = header(langs, template, date, project)
    return po


def dump(po: polib.POFile) -> bytes:
    """The file as UTF-8 bytes (one line per comment and string, a final newline)."""
    text = str(po)
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def _one_line(value: str) -> str:
    return " ".join(value.split("\n"))


def export_glossary(entries: list[Entry], options: ExportOptions, template: bool = False) -> bytes:
    """The glossary as PO (``template=False``) or POT bytes."""
    check_entries(entries)
    langs = options.langs
    po = new_file(langs, template, options.date,
                  f"{options.title} ({langs.source} → {langs.target}), exported by {TOOL_NAME}.\n"
                  "msgid: the Chinese form; msgstr: the English rendering; msgctxt: what tells "
                  "homographs apart.\nThe translator comments (# id: …) carry the glossary's "
                  "other fields; keep them.")
    keys: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        keys[(entry.context, entry.zh)] = keys.get((entry.context, entry.zh), 0) + 1
    for entry in entries:
        context = entry.context
        if keys[(entry.context, entry.zh)] > 1:
            context = entry.context or entry.id  # would be a duplicate message otherwise
            if entry.context:
                context = f"{entry.context} ({entry.id})"
        tcomment = [f"id: {entry.id}", f"type: {entry.type}", f"status: {entry.status}"]
        if entry.zh_hant:
            tcomment.append(f"zh_hant: {entry.zh_hant}")
        tcomment += [f"variant: {v}" for v in entry.variants]
        tcomment += [f"forbidden: {f.form}" + (f" ({_one_line(f.reason)})" if f.reason else "")
                     for f in entry.forbidden]
        tcomment += [f"not_in: {v}" for v in entry.not_in]
        tcomment += [f"generic: {v}" for v in entry.generic]
        tcomment += [f"en_variant: {v}" for v in entry.en_variants]
        tcomment += [f"en_forbidden: {v}" for v in entry.en_forbidden]
        tcomment += [f"source: {s}" for s in entry.sources]
        comment = []
        if template:
            comment.append(ENGLISH_COMMENT + entry.en)
        if entry.note:
            comment.append(entry.note)
        po.append(polib.POEntry(
            msgctxt=context, msgid=entry.zh, msgstr="" if template else entry.en,
            tcomment="\n".join(_one_line(c) for c in tcomment),
            comment="\n".join(comment),
            flags=["fuzzy"] if entry.status == "proposed" and not template else []))
    return dump(po)


def read_records(path: str | Path, langs: Languages) -> ReadResult:
    """Glossary records from a PO/POT file: ours (with the comment fields) or any other."""
    result = ReadResult()
    for unit in iter_units(path):
        if unit.source_plural:
            result.skipped.append((unit.line, "plural entry (not a glossary term)"))
            continue
        record = Record(line=unit.line, zh=unit.source.strip() or None, trusted_id=True,
                        context=(unit.context or "").strip() or None)
        english = unit.targets[0].strip() if unit.targets else ""
        note_lines = []
        for line in unit.comment.split("\n"):
            if line.startswith(ENGLISH_COMMENT) and not english:
                english = line[len(ENGLISH_COMMENT):].strip()
            elif line.strip():
                note_lines.append(line.rstrip())
        record.en = english or None
        record.note = "\n".join(note_lines).strip() or None
        other = []
        for line in unit.tcomment.split("\n"):
            match = _COMMENT.match(line.strip())
            if not match:
                if line.strip():
                    other.append(line.strip())
                continue
            key, value = match.group(1), match.group(2).strip()
            if key in ("id", "type", "status", "zh_hant"):
                setattr(record, key, value or None)
            elif key == "forbidden":
                form, reason = _FORBIDDEN.match(value).groups()
                record.forbidden.append((form.strip(), (reason or "").strip() or None))
            elif key == "variant":
                record.add_unique("variants", value)
            elif key == "en_variant":
                record.add_unique("en_variants", value)
            elif key == "en_forbidden":
                record.add_unique("en_forbidden", value)
            elif key == "source":
                record.add_unique("sources", value)
            elif key in ("not_in", "generic"):
                record.add_unique(key, value)
        if other:
            record.note = "\n".join(([record.note] if record.note else []) + other)
        if record.id and record.context and record.context.endswith(f" ({record.id})"):
            record.context = record.context[: -len(f" ({record.id})")]
        elif record.id and record.context == record.id:
            record.context = None
        if record.zh is None:
            result.skipped.append((unit.line, "empty msgid"))
        elif record.en is None:
            result.skipped.append((unit.line, "untranslated (empty msgstr)"))
        else:
            result.records.append(record)
    return result


# --- seed-text templates --------------------------------------------------------------------


@dataclass
class SourceUnit:
    """A sentence to translate: its text, where it comes from (``file:line``), comments."""

    text: str
    references: list[tuple[str, int]]
    comments: list[str] = field(default_factory=list)
    context: str | None = None


def segments_file(units: Iterable[SourceUnit], langs: Languages, template: bool,
                  date: datetime | None, title: str) -> bytes:
    """A POT (or PO with empty translations) of sentences, one entry per distinct sentence."""
    po = new_file(langs, template, date, title, project="glossary seed texts")
    for unit in units:
        po.append(polib.POEntry(
            msgctxt=unit.context, msgid=unit.text, msgstr="",
            occurrences=[(path, str(line)) for path, line in unit.references],
            comment="\n".join(unit.comments)))
    return dump(po)


__all__ = ["NO_DATE", "PoUnit", "SPEC_URL", "SourceUnit", "dump", "export_glossary", "header",
           "iter_units", "load", "new_file", "read_records", "segments_file"]
