"""What a glossary entry is, and the glossary as a whole (lookup by id and by any form)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from glossary.errors import GlossaryError
from glossary.normalize import fold_noise, strip_interpuncts
from glossary.scripts import to_simplified, to_traditional

ENTRY_TYPES = ("person", "place", "organization", "media", "military", "event", "agreement", "term")
STATUSES = ("approved", "proposed", "deprecated")
FIELD_ORDER = (
    "id", "zh", "en", "type", "status", "zh_hant", "variants", "forbidden", "not_in",
    "generic", "en_variants", "en_forbidden", "note", "context", "sources",
)
REQUIRED_FIELDS = ("id", "zh", "en", "type")
LIST_FIELDS = ("variants", "not_in", "generic", "en_variants", "en_forbidden", "sources")
TEXT_FIELDS = ("zh", "en", "zh_hant", "note", "context")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A pattern, not a compiled one: compiling a class of 20,000 code points costs 3 ms, paid
# by every command at start-up; re compiles it on first use (a glossary parsed from YAML).
HAN = r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"

# What XML 1.0 cannot carry at all (its Char production): the C0 controls but tab, line feed
# and carriage return, lone surrogates, U+FFFE and U+FFFF. No TMX, TBX or XLIFF could hold
# an entry with one, so the glossary refuses them where it reads an entry.
NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Kinds of form, in the order a form's owner is reported.
PREFERRED = "preferred"
VARIANT = "variant"
FORBIDDEN = "forbidden"


@dataclass(frozen=True)
class Forbidden:
    """A Chinese form that must not be used, and why."""

    form: str
    reason: str | None = None


@dataclass(frozen=True)
class Location:
    """Where an entry (or one of its fields) stands in a glossary file."""

    path: str
    line: int
    end_line: int | None = None


@dataclass
class Entry:
    """One reviewed glossary entry: a name or term, its Chinese forms and English renderings."""

    id: str
    zh: str
    en: str
    type: str
    status: str = "approved"
    zh_hant: str | None = None
    variants: tuple[str, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    en_variants: tuple[str, ...] = ()
    en_forbidden: tuple[str, ...] = ()
    note: str | None = None
    context: str | None = None
    sources: tuple[str, ...] = ()
    # longer words in which one of the entry's forms is not this entry: 四川普降 (川普),
    # 罗马尼亚 (罗马), 所以军方 (以军); a match inside one is no match
    not_in: tuple[str, ...] = ()
    # forms that are also ordinary words (经济学者 economists, 总统办公室 any president's office):
    # one counts as this entry only where the text shows it is meant (see Matcher.generic)
    generic: tuple[str, ...] = ()
    location: Location | None = field(default=None, compare=False, repr=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def accepted_forms(self) -> tuple[str, ...]:
        """The preferred form, the traditional preferred form if given, and the variants."""
        forms = [self.zh]
        if self.zh_hant:
            forms.append(self.zh_hant)
        forms.extend(self.variants)
        return tuple(forms)

    def claims(self) -> list[tuple[str, str]]:
        """Every Chinese form the entry claims, as (kind, form), preferred forms first.

        The one list that the form index, the matcher's patterns and the duplicate checks of
        ``validate``/``add`` are built from.
        """
        out = [(PREFERRED, self.zh)]
        if self.zh_hant:
            out.append((PREFERRED, self.zh_hant))
        out += [(VARIANT, v) for v in self.variants]
        out += [(FORBIDDEN, f.form) for f in self.forbidden]
        return out

    @property
    def forbidden_forms(self) -> tuple[str, ...]:
        return tuple(f.form for f in self.forbidden)

    @property
    def en_forms(self) -> tuple[str, ...]:
        """The English rendering and its accepted variants."""
        return (self.en, *self.en_variants)

    def hant(self) -> str:
        """The preferred traditional form: ``zh_hant`` or the OpenCC (s2t) conversion of ``zh``."""
        return self.zh_hant or to_traditional(self.zh)

    def line_of(self, name: str) -> int | None:
        """The line of field *name* in its file, or of the entry itself."""
        return self.field_lines.get(name) or (self.location.line if self.location else None)

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain data in the file's field order, empty optional fields left out."""
        out: dict[str, Any] = {}
        for name in FIELD_ORDER:
            value = getattr(self, name)
            if name == "forbidden":
                value = [
                    {"form": f.form, **({"reason": f.reason} if f.reason else {})} for f in value
                ]
            elif isinstance(value, tuple):
                value = list(value)
            if value in (None, "", []):
                continue
            out[name] = value
        return out

    @classmethod
    def from_dict(
        cls,
        data: Any,
        path: str = "<data>",
        line: int | None = None,
        field_lines: dict[str, int] | None = None,
        end_line: int | None = None,
    ) -> "Entry":
        """Build and validate an entry; raise :class:`GlossaryError` naming the field's line."""
        field_lines = field_lines or {}

        def fail(message: str, name: str | None = None) -> GlossaryError:
            return GlossaryError(message, path, field_lines.get(name or "", line) if name else line)

        if not isinstance(data, dict):
            raise fail(f"an entry must be a mapping of fields, not {_kind(data)}")
        unknown = [k for k in data if k not in FIELD_ORDER]
        if unknown:
            raise fail(
                f"unknown field {unknown[0]!r}; allowed fields: {', '.join(FIELD_ORDER)}", unknown[0]
            )
        for name in REQUIRED_FIELDS:
            if data.get(name) in (None, ""):
                raise fail(f"entry {data.get('id', '?')!s}: missing required field {name!r}")
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS + ("id", "type", "status"):
            value = data.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise fail(f"field {name!r} must be a string, not {_kind(value)}", name)
            _check_chars(value, name, fail)
            value = value.strip()
            if not value:
                raise fail(f"field {name!r} is empty", name)
            values[name] = value
        for name in LIST_FIELDS:
            values[name] = _string_list(data.get(name), name, fail)
        values["forbidden"] = _forbidden_list(data.get("forbidden"), fail)
        if not ID_PATTERN.match(values["id"]):
            raise fail(
                f"id {values['id']!r} is not a slug (lower-case letters, digits and single hyphens)",
                "id",
            )
        if values["type"] not in ENTRY_TYPES:
            raise fail(
                f"type {values['type']!r} is not one of: {', '.join(ENTRY_TYPES)}", "type"
            )
        if values.setdefault("status", "approved") not in STATUSES:
            raise fail(f"status {values['status']!r} is not one of: {', '.join(STATUSES)}", "status")
        for name in ("zh", "zh_hant"):
            if name in values and not re.search(HAN, values[name]):
                raise fail(f"field {name!r} ({values[name]!r}) has no Chinese character", name)
        for form in (*values["variants"], *(f.form for f in values["forbidden"])):
            if not re.search(HAN, form):
                raise fail(f"form {form!r} has no Chinese character", "variants")
        forms = [_plain(f) for f in (values["zh"], values.get("zh_hant") or values["zh"],
                                     *values["variants"], *(f.form for f in values["forbidden"]))
                 ] if values["not_in"] else []
        for phrase in values["not_in"]:
            key = _plain(phrase)
            if not any(form in key and form != key for form in forms):
                raise fail(f"not_in phrase {phrase!r} must contain one of the entry's forms and "
                           f"more (a longer word in which that form is not this entry)", "not_in")
        others = {*values["variants"], *(f.form for f in values["forbidden"])}
        for form in values["generic"]:
            if form not in others:
                raise fail(f"generic form {form!r} must be written as one of the entry's "
                           f"variants or forbidden forms (the preferred form is never generic)", "generic")
        return cls(
            location=Location(path, line or 0, end_line),
            field_lines=dict(field_lines),
            **{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()},
        )


def xml_problem(text: str) -> str | None:
    """What in *text* XML 1.0 cannot carry (``the control character U+000B, which XML …``), or
    None when every character may appear in an XML document."""
    bad = NOT_XML_CHAR.search(text)
    if bad is None:
        return None
    code = ord(bad.group())
    kind = ("control character" if code < 0x20 else "lone surrogate" if 0xD800 <= code <= 0xDFFF
            else "noncharacter")
    return (f"the {kind} U+{code:04X}, which XML cannot carry (the TMX, TBX and XLIFF "
            "exports could not be written)")


def _check_chars(text: str, name: str, fail) -> None:
    problem = xml_problem(text)
    if problem:
        raise fail(f"field {name!r} contains {problem}; remove it", name)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "nothing"}.get(type(value), type(value).__name__)


def _string_list(value: Any, name: str, fail) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise fail(f"field {name!r} must be a list of strings, not {_kind(value)}", name)
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail(f"field {name!r} must hold non-empty strings, found {_kind(item)}", name)
        _check_chars(item, name, fail)
        if item.strip() in out:
            raise fail(f"field {name!r} lists {item.strip()!r} twice", name)
        out.append(item.strip())
    return out


def _forbidden_list(value: Any, fail) -> list[Forbidden]:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise fail(f"field 'forbidden' must be a list, not {_kind(value)}", "forbidden")
    out: list[Forbidden] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            _check_chars(item, "forbidden", fail)
            out.append(Forbidden(item.strip()))
            continue
        if not isinstance(item, dict):
            raise fail("each forbidden form must be a string or a mapping with 'form' and 'reason'",
                       "forbidden")
        extra = set(item) - {"form", "reason"}
        if extra:
            raise fail(f"unknown field {sorted(extra)[0]!r} in a forbidden form; allowed: form, reason",
                       "forbidden")
        form, reason = item.get("form"), item.get("reason")
        if not isinstance(form, str) or not form.strip():
            raise fail("a forbidden form needs a non-empty 'form' string", "forbidden")
        if reason is not None and not isinstance(reason, str):
            raise fail("the 'reason' of a forbidden form must be a string", "forbidden")
        for text in (form, reason or ""):
            _check_chars(text, "forbidden", fail)
        out.append(Forbidden(form.strip(), reason.strip() if reason else None))
    return out


def _plain(form: str) -> str:
    """*form* simplified with its noise folded, separators kept: a not_in word must hold a form
    as a scan reads the text, interpunct and all."""
    return to_simplified(fold_noise(form.strip()))


def form_key(form: str) -> str:
    """The key under which a form is looked up: simplified, noise folded, interpuncts dropped."""
    return strip_interpuncts(to_simplified(fold_noise(form.strip())))


@dataclass(frozen=True)
class FormOwner:
    """An entry that claims a Chinese form, and as what (preferred, variant or forbidden)."""

    entry: Entry
    kind: str
    form: str

    @property
    def line(self) -> int | None:
        """The line of the glossary file where the entry writes this form."""
        name = {PREFERRED: "zh", VARIANT: "variants", FORBIDDEN: "forbidden"}[self.kind]
        if self.kind == PREFERRED and self.form == self.entry.zh_hant and self.form != self.entry.zh:
            name = "zh_hant"
        return self.entry.line_of(name)


class Glossary:
    """All entries of all glossary files, with lookup by id and by any Chinese form."""

    def __init__(self, entries: Iterable[Entry] = (), root: str | None = None,
                 files: Iterable[str] = ()):
        self.entries: list[Entry] = list(entries)
        self.root = root
        self.files: list[str] = list(files)
        self._by_id: dict[str, Entry] = {}
        for entry in self.entries:
            self._by_id.setdefault(entry.id, entry)
        self._by_form: dict[str, list[FormOwner]] | None = None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def form_index(self) -> dict[str, list[FormOwner]]:
        """Every Chinese form's key → the entries claiming it (built once, on first use)."""
        if self._by_form is None:
            index: dict[str, list[FormOwner]] = {}
            for entry in self.entries:
                for kind, form in entry.claims():
                    owners = index.setdefault(form_key(form), [])
                    if not any(o.entry is entry and o.kind == kind for o in owners):
                        owners.append(FormOwner(entry, kind, form))
            self._by_form = index
        return self._by_form

    def owners(self, form: str) -> list[FormOwner]:
        """The entries that claim *form*, written in either script and with any separator."""
        return list(self.form_index().get(form_key(form), []))

    def find(self, key: str) -> Entry | None:
        """The entry with id *key*, or the one entry claiming the Chinese form *key*."""
        entry = self.get(key.strip())
        if entry is not None:
            return entry
        owners = self.owners(key)
        return owners[0].entry if owners else None

    def search(self, text: str) -> list[Entry]:
        """Entries whose id, any form, English rendering, note or context contains *text*."""
        needle = text.strip()
        if not needle:
            return []
        zh_needle = form_key(needle)
        en_needle = needle.casefold()
        hits = []
        for entry in self.entries:
            zh_forms = [entry.zh, *entry.variants, *entry.forbidden_forms]
            if entry.zh_hant:
                zh_forms.append(entry.zh_hant)
            if zh_needle and any(zh_needle in form_key(f) for f in zh_forms):
                hits.append(entry)
                continue
            texts = [entry.id, *entry.en_forms, *entry.en_forbidden, entry.note or "",
                     entry.context or ""]
            if any(en_needle in t.casefold() for t in texts) or (
                entry.note and zh_needle in form_key(entry.note)
            ):
                hits.append(entry)
        return hits
