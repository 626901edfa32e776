"""What every exchange format shares: export options, import records, dates, field helpers."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from glossary import __version__
from glossary.errors import GlossaryError
from glossary.langtags import SOURCE, TARGET, TRADITIONAL as TRAD_ROLE, Languages
from glossary.model import Entry, xml_problem
from glossary.scripts import TRADITIONAL, form_script

TOOL_NAME = "glossary"
TOOL_VERSION = __version__

# A note written on a traditional term that the export derived from the simplified form with
# OpenCC (the entry has no zh_hant of its own); an import drops such terms again.
DERIVED_NOTE = "converted from the simplified form by OpenCC"


@dataclass(frozen=True)
class ExportOptions:
    """How to write an export: languages, the date stamped in headers (None: no dates)."""

    langs: Languages = field(default_factory=Languages)
    date: datetime | None = None
    tbx_version: int = 2
    google_layout: str = "unidirectional"  # or "equivalent-terms"
    title: str = "Chinese–English glossary"


@dataclass
class Record:
    """One glossary entry as read from an exchange file, before it is validated.

    Fields mirror :class:`glossary.model.Entry`; anything a format does not carry stays empty.
    ``line`` is where the record starts in the file.
    """

    line: int | None = None
    id: str | None = None
    zh: str | None = None
    en: str | None = None
    type: str | None = None
    status: str | None = None
    zh_hant: str | None = None
    variants: list[str] = field(default_factory=list)
    forbidden: list[tuple[str, str | None]] = field(default_factory=list)
    en_variants: list[str] = field(default_factory=list)
    en_forbidden: list[str] = field(default_factory=list)
    note: str | None = None
    context: str | None = None
    sources: list[str] = field(default_factory=list)
    not_in: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    # Whether ``id`` is a glossary id (our own export, a PO "# id:" comment, a CSV id column)
    # rather than a tool's unit number; untrusted numeric ids are replaced by a slug.
    trusted_id: bool = False

    def add_unique(self, name: str, value: str | None) -> None:
        """Append *value* to the list field *name* unless empty or already there."""
        if value is None:
            return
        value = value.strip()
        items = getattr(self, name)
        if value and value not in items:
            items.append(value)


@dataclass
class ReadResult:
    """What a reader found: records, records it could not use, and notices for the user."""

    records: list[Record] = field(default_factory=list)
    skipped: list[tuple[int | None, str]] = field(default_factory=list)  # (line, why)
    warnings: list[str] = field(default_factory=list)


def export_date(no_dates: bool = False, now: datetime | None = None) -> datetime | None:
    """The date to stamp on an export: None with *no_dates*, else ``$SOURCE_DATE_EPOCH``, else now."""
    if no_dates:
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise GlossaryError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return (now or datetime.now(timezone.utc)).replace(microsecond=0)


def tmx_date(date: datetime) -> str:
    """``YYYYMMDDThhmmssZ`` (TMX, ISO 8601 basic format in UTC)."""
    return date.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def po_date(date: datetime) -> str:
    """``YYYY-MM-DD hh:mm+0000`` (gettext header dates)."""
    return date.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def iso_date(date: datetime) -> str:
    return date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def traditional_preferred(entry: Entry) -> tuple[str, bool]:
    """The entry's traditional preferred form and whether it was derived (no zh_hant given)."""
    if entry.zh_hant:
        return entry.zh_hant, False
    return entry.hant(), True


def split_by_script(forms: Iterable[str]) -> tuple[list[str], list[str]]:
    """Forms in simplified (or script-neutral) characters, and forms in traditional ones."""
    simplified, traditional = [], []
    for form in forms:
        (traditional if form_script(form) == TRADITIONAL else simplified).append(form)
    return simplified, traditional


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def has_han(text: str | None) -> bool:
    return bool(text) and bool(_HAN.search(text))


def check_entries(entries: list[Entry]) -> list[Entry]:
    """Refuse an empty export (every format needs at least one entry to be useful)."""
    if not entries:
        raise GlossaryError("no entry matches the filters; nothing written")
    return entries


def check_xml_entries(entries: list[Entry]) -> list[Entry]:
    """:func:`check_entries`, and refuse an entry with a character XML cannot carry, naming the
    entry and field (a loaded glossary has none; an entry built in code may)."""
    check_entries(entries)
    for entry in entries:
        for name, value in entry.to_dict().items():
            items = value if isinstance(value, list) else [value]
            for item in items:
                texts = list(item.values()) if isinstance(item, dict) else [item]
                for text in texts:
                    problem = xml_problem(text) if isinstance(text, str) else None
                    if problem:
                        raise GlossaryError(f"entry {entry.id}: field {name!r} contains {problem}")
    return entries


__all__ = [
    "DERIVED_NOTE", "ExportOptions", "Labels", "ReadResult", "Record", "TOOL_NAME",
    "TOOL_VERSION", "check_entries", "check_xml_entries", "chinese_like", "content_role",
    "export_date", "has_han", "iso_date", "po_date", "script_role", "split_by_script",
    "tmx_date", "traditional_preferred",
]


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def chinese_like(text: str) -> bool:
    """Whether *text* reads as Chinese: it has Chinese characters, and Latin letters do not
    outnumber them more than three to one (``F-35战斗机`` is Chinese, ``14th Five-Year Plan
    (十四五)`` and ``中期 elections`` are English)."""
    han = len(_HAN.findall(text))
    return han > 0 and len(_LATIN.findall(text)) <= 3 * han


def content_role(text: str) -> str:
    """The role *text* has by its characters alone: Chinese (traditional when its characters
    are) or the English target."""
    return script_role(text) if chinese_like(text) else TARGET


def script_role(text: str) -> str:
    """Chinese *text*'s role by its script: traditional or the simplified source."""
    return TRAD_ROLE if form_script(text) == TRADITIONAL else SOURCE


def _bare(tag: str | None) -> bool:
    """A tag with only a language subtag (``zh``): it does not say which script."""
    return len([p for p in re.split(r"[-_]", (tag or "").strip()) if p]) == 1


def _contradicts(role: str, text: str) -> bool:
    """Whether *text* plainly is not what *role* says: Chinese under an English label, or no
    Chinese character at all under a Chinese one."""
    return chinese_like(text) if role == TARGET else not has_han(text)


class Labels:
    """The language labels of one file: which to trust, and the role of each text of a unit.

    The label decides (:meth:`Languages.role`) where it can be trusted, so an English term with
    a Chinese character in it (``14th Five-Year Plan (十四五)``) stays English. Content decides
    where the label is missing or unknown (csv2tbx labels the English side ``xx``), where the
    file's texts under a label mostly contradict it (:meth:`see` them all first; po2tmx labels
    every Chinese source ``en``), and within a unit whose labels leave it without a Chinese or
    an English side while its texts have both. A bare ``zh`` takes its script from the text.
    The labels of our own export (``ours``) are always trusted.
    """

    def __init__(self, langs: Languages, ours: bool = False):
        self.langs = langs
        self.ours = ours  # our own export: every known label is right
        self.counts: dict[str, list[int]] = {}  # tag → [texts, texts contradicting it]
        self.mislabelled = 0

    def see(self, tag: str | None, text: str) -> None:
        """Count one text under *tag* (a first pass over the file)."""
        role = self.langs.role(tag)
        if role is None or not text.strip():
            return
        counts = self.counts.setdefault((tag or "").strip().lower(), [0, 0])
        counts[0] += 1
        counts[1] += _contradicts(role, text)

    def trusted(self, tag: str | None) -> bool:
        counts = self.counts.get((tag or "").strip().lower())
        return self.ours or counts is None or counts[1] * 2 <= counts[0]

    def label_role(self, tag: str | None, text: str) -> str:
        """The role of *text* by its label when that is trusted, else by its content."""
        role = self.langs.role(tag) if self.trusted(tag) else None
        if role is None:
            return content_role(text)
        if role != TARGET and _bare(tag):
            return script_role(text)
        return role

    def roles(self, items: list[tuple[str | None, str]]) -> list[str]:
        """The role (``source``, ``traditional``, ``target``) of each (tag, text) of one unit."""
        def sides(roles: list[str]) -> int:
            return (TARGET in roles) + any(r != TARGET for r in roles)

        out = [self.label_role(tag, text) for tag, text in items]
        if sides(out) < 2:  # labels that leave the unit one-sided yield to a plain contradiction
            fixed = [content_role(text) if _contradicts(role, text) else role
                     for role, (_, text) in zip(out, items)]
            if fixed != out and sides(fixed) >= sides(out):
                out = fixed
        for role, (tag, _) in zip(out, items):
            label = self.langs.role(tag)
            if label is not None and (label == TARGET) != (role == TARGET):
                self.mislabelled += 1
        return out
