"""Check a glossary folder: every file and entry readable and valid, no form claimed twice.

:func:`validate` returns plain :class:`Problem` records (the command line prints them as
``path:line: severity: message``). The checks:

* a file that cannot be read, is not UTF-8, is not valid YAML or not a list of entries (error);
* an entry that breaks the format (unknown field, wrong type, missing field …) (error);
* an id used twice (error);
* a Chinese form claimed by two entries — compared after folding separators and converting to
  simplified script (:func:`glossary.model.form_key`) and by the OpenCC traditional spellings the
  checker looks for — unless both entries carry distinct ``context`` values (homographs) (error);
* a form both accepted and forbidden in one entry, or an English rendering both accepted and
  forbidden (error);
* an English rendering (``en``) shared by two entries (warning; accepted English variants may
  overlap freely); a Chinese form listed twice in one entry (warning).

The conflict test (:func:`form_conflicts`) is the one :mod:`glossary.edit` uses to refuse a
duplicate, so ``add`` refuses exactly what ``validate`` would report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from glossary.errors import GlossaryError
from glossary.model import FORBIDDEN, PREFERRED, VARIANT, Entry, FormOwner, form_key
from glossary.normalize import fold_noise, strip_interpuncts
from glossary.scripts import traditional_forms
from glossary.store import glossary_files, read_text
from glossary.yamlnodes import end_line, parse_entries

ERROR = "error"
WARNING = "warning"

KIND_NAMES = {PREFERRED: "preferred form", VARIANT: "variant", FORBIDDEN: "forbidden form"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the glossary, at a file and line."""

    path: str
    line: int | None
    severity: str  # "error" or "warning"
    message: str
    code: str = "invalid"  # read, yaml, schema, duplicate-id, duplicate-form, ...
    entry_id: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class ValidationResult:
    """What :func:`validate` found: the problems, and how much was checked."""

    problems: list[Problem] = field(default_factory=list)
    entries: int = 0
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def ok(self, strict: bool = False) -> bool:
        """No errors (and with *strict*, no warnings either)."""
        return not (self.problems if strict else self.errors)


# --- form claims --------------------------------------------------------------------------


Claim = FormOwner  # a form claimed by an entry, with the line where the entry writes it


@dataclass(frozen=True)
class Conflict:
    """A form of *claim* that *other* claims too."""

    claim: Claim
    other: Claim

    def describe(self) -> str:
        other = self.other.entry
        where = _where(other)
        same = "" if self.other.form == self.claim.form else f" (written {self.other.form})"
        return (
            f"{self.claim.form} ({KIND_NAMES[self.claim.kind]} of {self.claim.entry.id}) is already "
            f"claimed by entry {other.id}{where} as {KIND_NAMES[self.other.kind]}{same}"
        )


def _where(entry: Entry) -> str:
    loc = entry.location
    return f" at {loc.path}:{loc.line}" if loc and loc.line else ""


def claims(entry: Entry) -> list[Claim]:
    """Every Chinese form *entry* claims, preferred forms first."""
    return [Claim(entry, kind, form) for kind, form in entry.claims()]


@functools.lru_cache(maxsize=65536)
def claim_keys(form: str) -> frozenset[str]:
    """The keys under which *form* is matched: its :func:`form_key` and its traditional spellings.

    Two forms that share a key would be found at the same place in a text.
    """
    key = form_key(form)
    keys = {key}
    for trad in traditional_forms(key):
        keys.add("\u2020" + strip_interpuncts(fold_noise(trad)))  # marked: a traditional spelling
    return frozenset(keys)


def homographs(a: Entry, b: Entry) -> bool:
    """Whether *a* and *b* may share a form: both have a ``context`` and the contexts differ."""
    return bool(a.context and b.context and a.context.casefold() != b.context.casefold())


class ClaimIndex:
    """Every form key of a set of entries → the claims holding it."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self._by_key: dict[str, list[Claim]] = {}
        self._keys_of: dict[int, list[str]] = {}  # id(entry) → the keys it was filed under
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        keys = self._keys_of.setdefault(id(entry), [])
        for claim in claims(entry):
            for key in claim_keys(claim.form):
                bucket = self._by_key.setdefault(key, [])
                if not any(c.entry is entry and c.kind == claim.kind for c in bucket):
                    bucket.append(claim)
                    keys.append(key)

    def remove(self, entry: Entry) -> None:
        for key in set(self._keys_of.pop(id(entry), ())):
            self._by_key[key] = [c for c in self._by_key[key] if c.entry is not entry]

    def conflicts(self, entry: Entry, ignore: Iterable[str] = ()) -> list[Conflict]:
        """The claims of other entries that clash with *entry*'s forms (one per form and entry).

        Entries whose id is in *ignore* (say, the entry being replaced) and homographs are left out.
        """
        ignored = set(ignore)
        out: list[Conflict] = []
        seen: set[tuple[str, int]] = set()  # one conflict per form key and other entry
        for claim in claims(entry):
            for key in sorted(claim_keys(claim.form)):
                for other in self._by_key.get(key, ()):
                    o = other.entry
                    if o is entry or o.id in ignored or homographs(entry, o):
                        continue
                    mark = (form_key(claim.form), id(o))
                    if mark in seen:
                        continue
                    seen.add(mark)
                    out.append(Conflict(claim, other))
        return out


def form_conflicts(entries: Iterable[Entry], entry: Entry, ignore: Iterable[str] = ()) -> list[Conflict]:
    """The forms of *entry* already claimed by one of *entries* (see :class:`ClaimIndex`)."""
    return ClaimIndex(entries).conflicts(entry, ignore)


def internal_problems(entry: Entry) -> list[tuple[str, str, str | None]]:
    """(severity, message, field) for contradictions inside one entry."""
    out: list[tuple[str, str, str | None]] = []
    accepted: dict[str, str] = {}
    for form in entry.accepted_forms:
        key = form_key(form)
        if key in accepted and form != entry.zh_hant:
            out.append((WARNING, f"entry {entry.id}: {form} is listed twice "
                                 f"(same as {accepted[key]})", "variants"))
        accepted.setdefault(key, form)
    for item in entry.forbidden:
        key = form_key(item.form)
        if key in accepted:
            out.append((ERROR, f"entry {entry.id}: {item.form} is both accepted "
                               f"(as {accepted[key]}) and forbidden", "forbidden"))
    en_ok = {e.casefold(): e for e in entry.en_forms}
    for bad in entry.en_forbidden:
        if bad.casefold() in en_ok:
            out.append((ERROR, f"entry {entry.id}: English {bad!r} is both accepted and forbidden",
                        "en_forbidden"))
    return out


# --- the whole check ----------------------------------------------------------------------


def validate(root: str | Path) -> ValidationResult:
    """Check every file of the glossary folder *root*; never raises for bad content.

    Raises :class:`GlossaryError` only when *root* itself is missing.
    """
    result = ValidationResult()
    entries: list[Entry] = []
    files = glossary_files(root)
    result.files = len(files)
    for path in files:
        entries.extend(_check_file(path, result.problems))
    result.entries = len(entries)
    result.problems.extend(check_entries(entries))
    result.problems.sort(key=lambda p: (p.path, p.line or 0, p.severity != ERROR))
    return result


def _check_file(path: Path, problems: list[Problem]) -> list[Entry]:
    """The valid entries of one file; every error found goes to *problems*."""
    try:
        text = read_text(path)
        parsed = parse_entries(text, path)
    except GlossaryError as error:
        code = "read" if error.message.startswith(("cannot read", "not UTF-8")) else "yaml"
        problems.append(Problem(error.path or str(path), error.line, ERROR, error.message, code))
        return []
    entries = []
    for node, data, lines in parsed:
        try:
            entries.append(Entry.from_dict(data, str(path), node.start_mark.line + 1, lines,
                                           end_line(node)))
        except GlossaryError as error:
            entry_id = data.get("id") if isinstance(data, dict) else None
            problems.append(Problem(error.path or str(path), error.line, ERROR, error.message,
                                    "schema", entry_id if isinstance(entry_id, str) else None))
    return entries


def check_entries(entries: list[Entry]) -> list[Problem]:
    """The problems between and within *entries* (already valid one by one)."""
    problems: list[Problem] = []

    def report(entry: Entry, severity: str, message: str, code: str, name: str | None) -> None:
        loc = entry.location
        problems.append(Problem(loc.path if loc else "<data>", entry.line_of(name or "id"),
                                severity, message, code, entry.id))

    first_by_id: dict[str, Entry] = {}
    for entry in entries:
        first = first_by_id.setdefault(entry.id, entry)
        if first is not entry:
            report(entry, ERROR, f"duplicate id {entry.id!r}; first used{_where(first)}",
                   "duplicate-id", "id")

    index = ClaimIndex()
    for entry in entries:
        for conflict in index.conflicts(entry):
            name = {PREFERRED: "zh", VARIANT: "variants", FORBIDDEN: "forbidden"}[conflict.claim.kind]
            if conflict.claim.kind == PREFERRED and conflict.claim.form == entry.zh_hant:
                name = "zh_hant"
            report(entry, ERROR, conflict.describe() + "; if they are homographs, give both "
                   "entries distinct 'context' values", "duplicate-form", name)
        index.add(entry)
        for severity, message, name in internal_problems(entry):
            code = "redundant-form" if severity == WARNING else "accepted-and-forbidden"
            report(entry, severity, message, code, name)

    first_by_en: dict[str, Entry] = {}
    for entry in entries:
        first = first_by_en.setdefault(entry.en.casefold(), entry)
        if first is not entry and first.id != entry.id:
            report(entry, WARNING, f"entry {entry.id}: English rendering {entry.en!r} is also the "
                   f"rendering of entry {first.id}{_where(first)}", "shared-english", "en")
    return problems
