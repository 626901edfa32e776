"""What every exchange format shares: export options, import records, dates, field helpers."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from glossary import __version__
from glossary.errors import GlossaryError
from glossary.langtags import Languages
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
    "DERIVED_NOTE", "ExportOptions", "ReadResult", "Record", "TOOL_NAME", "TOOL_VERSION",
    "check_entries", "check_xml_entries", "export_date", "has_han", "iso_date", "po_date", "split_by_script",
    "tmx_date", "traditional_preferred",
]


def classify(langs: Languages, tag: str | None, text: str | None) -> str | None:
    """The role (``source``, ``traditional``, ``target``) of a language section found in a file.

    The tag decides (:meth:`Languages.role`), but content overrides a wrong label: Translate
    Toolkit's converters label Chinese text ``en`` (po2tmx without ``--source-language``) or
    the English side ``xx`` (csv2tbx). Text with Chinese characters is Chinese, whatever its
    label — traditional if the label says so or, for a bare ``zh`` or a wrong label, if its
    characters are traditional; text without any is the English target.
    """
    from glossary.langtags import SOURCE, TARGET, TRADITIONAL as TRAD, is_chinese

    role = langs.role(tag)
    if not text:
        return role
    if has_han(text):
        if role in (SOURCE, TRAD):
            bare = not tag or len([p for p in re.split(r"[-_]", tag.strip()) if p]) == 1
            if bare or not is_chinese(tag):
                return TRAD if form_script(text) == TRADITIONAL else SOURCE
            return role
        return TRAD if form_script(text) == TRADITIONAL else SOURCE
    return TARGET
