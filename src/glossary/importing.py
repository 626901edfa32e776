"""Import: turn records read from an exchange file into glossary entries, find the conflicts,
and add the new entries through :mod:`glossary.edit` (atomic, comment-preserving).

``import_file(root, path)`` is what ``glossary import`` calls. The steps:

1. the file's format is checked against its content (:func:`glossary.formats.for_import`) and
   it is read into :class:`~glossary.formats.base.Record` objects;
2. each record becomes an :class:`~glossary.model.Entry` (:func:`records_to_entries`): the id
   is the file's own id when it is a valid slug, else derived from the English rendering and
   made unique; the type is the file's if valid, else ``--default-type``; the status is
   ``proposed`` (the file's own with ``keep_status``); variants equal to the preferred form are
   dropped. A record that still is no valid entry is rejected with the reason and its line;
3. each entry is compared with the glossary (:func:`plan`): identical to an existing entry
   (``unchanged``), new, or in conflict — its id is taken or one of its forms is claimed by an
   entry (in either script, as :mod:`glossary.validate` sees it). Conflicts are listed, never
   merged silently; ``on_conflict`` decides: ``skip`` (default), ``overwrite`` (replace the
   existing entry) or ``fail`` (refuse the whole import, nothing written);
4. unless ``dry_run``, the entries go to :func:`glossary.edit.add_entries`, which appends them
   to the glossary files (keeping every comment and the order) under the glossary's lock.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from glossary.errors import GlossaryError
from glossary.formats import Format, for_import
from glossary.formats.base import ReadResult, Record
from glossary.langtags import Languages
from glossary.model import ENTRY_TYPES, ID_PATTERN, STATUSES, Entry, Glossary, form_key
from glossary.validate import ERROR, ClaimIndex, internal_problems

ON_CONFLICT = ("skip", "overwrite", "fail")


@dataclass
class ImportOptions:
    langs: Languages = field(default_factory=Languages)
    default_type: str = "term"
    keep_status: bool = False
    file: str | None = None  # glossary file to add to (default: by type, as `glossary add`)


@dataclass
class Conflict:
    """An imported entry that clashes with an existing one (or an earlier one of the file)."""

    entry: Entry
    reason: str
    existing: Entry | None
    line: int | None


@dataclass
class ImportReport:
    """What an import found and did (or, with ``dry_run``, would do)."""

    path: str
    format: str
    records: int = 0
    new: list[Entry] = field(default_factory=list)  # entries without conflict
    unchanged: list[Entry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    rejected: list[tuple[int | None, str]] = field(default_factory=list)
    renamed: list[tuple[str, str, int | None]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    added: list[tuple[Entry, Path]] = field(default_factory=list)
    overwritten: list[tuple[Entry, Path]] = field(default_factory=list)
    skipped: list[Conflict] = field(default_factory=list)
    dry_run: bool = False
    on_conflict: str = "skip"
    lines: dict[str, int | None] = field(default_factory=dict)  # entry id → line in the file


# --- records → entries ----------------------------------------------------------------------


def _slug(text: str) -> str | None:
    from glossary.edit import slugify

    try:
        slug = slugify(text)
    except GlossaryError:
        return None
    return slug if ID_PATTERN.match(slug) else None


def _unique(values: Iterable[str], drop: Iterable[str | None] = ()) -> list[str]:
    dropped = {d for d in drop if d}
    out: list[str] = []
    for value in values:
        value = (value or "").strip()
        if value and value not in out and value not in dropped:
            out.append(value)
    return out


def _unrelated(existing: Entry, record: Record) -> bool:
    """Whether an existing entry with the record's id is a different term altogether."""
    forms = {form_key(f) for f in existing.accepted_forms}
    return form_key(record.zh or "") not in forms and \
        existing.en.casefold() != (record.en or "").casefold()


def _choose_id(record: Record, taken: set[str], glossary: Glossary | None) -> tuple[str, bool]:
    """An id for *record* and whether it differs from the id the file gave."""
    given = (record.id or "").strip()
    meaningful = record.trusted_id or not given.isdigit()  # a tool's unit number is no id
    candidate = given if meaningful and ID_PATTERN.match(given) else None
    if candidate is None and given and meaningful:
        candidate = _slug(given)
    if candidate is None:
        candidate = _slug(record.en or "") or "term"
    base, number = candidate, 1
    while candidate in taken or (
            glossary is not None and candidate in glossary
            and _unrelated(glossary.get(candidate), record)):
        number += 1
        candidate = f"{base}-{number}"
    return candidate, bool(given) and candidate != given


def records_to_entries(records: Iterable[Record], path: str | Path, options: ImportOptions,
                       glossary: Glossary | None = None, report: ImportReport | None = None
                       ) -> list[Entry]:
    """Validated entries from *records*; rejected records and renamed ids go to *report*."""
    report = report or ImportReport(str(path), "?")
    taken: set[str] = set()
    entries: list[Entry] = []
    for record in records:
        zh = (record.zh or "").strip()
        en = (record.en or "").strip()
        zh_hant = (record.zh_hant or "").strip() or None
        if zh_hant == zh:
            zh_hant = None
        entry_id, renamed = _choose_id(record, taken, glossary)
        forbidden: list[dict[str, str]] = []
        for form, reason in record.forbidden:
            form = (form or "").strip()
            if form and all(f["form"] != form for f in forbidden):
                forbidden.append({"form": form, **({"reason": reason.strip()} if reason and reason.strip() else {})})
        data = {
            "id": entry_id, "zh": zh, "en": en,
            "type": record.type if record.type in ENTRY_TYPES else options.default_type,
            "status": record.status if options.keep_status and record.status in STATUSES
            else "proposed",
            "zh_hant": zh_hant,
            "variants": _unique(record.variants, (zh, zh_hant)),
            "forbidden": forbidden,
            "en_variants": _unique(record.en_variants, (en,)),
            "en_forbidden": _unique(record.en_forbidden),
            "note": (record.note or "").strip() or None,
            "context": (record.context or "").strip() or None,
            "sources": _unique(record.sources),
            "not_in": _unique(record.not_in),
        }
        # a generic form is one of the variants or forbidden forms kept above
        written = {*data["variants"], *(f["form"] for f in forbidden)}
        data["generic"] = [g for g in _unique(record.generic) if g in written]
        data = {k: v for k, v in data.items() if v not in (None, "", [])}
        try:
            entry = Entry.from_dict(data, str(path), record.line)
        except GlossaryError as error:
            report.rejected.append((record.line, error.message))
            continue
        problems = [m for severity, m, _ in internal_problems(entry) if severity == ERROR]
        if problems:
            report.rejected.append((record.line, f"{entry.id}: {problems[0]}"))
            continue
        if renamed:
            report.renamed.append((record.id or "", entry.id, record.line))
        taken.add(entry.id)
        report.lines[entry.id] = record.line
        entries.append(entry)
    return entries


# --- entries → plan -------------------------------------------------------------------------


def _same(a: Entry, b: Entry, keep_status: bool) -> bool:
    if not keep_status:
        a = dataclasses.replace(a, status=b.status)
    return a == b


def plan(glossary: Glossary, entries: list[Entry], report: ImportReport,
         keep_status: bool = False) -> None:
    """Sort *entries* into new, unchanged and conflicting, as :mod:`glossary.edit` would."""
    index = ClaimIndex(glossary.entries)
    by_id = {e.id: e for e in glossary.entries}
    for entry in entries:
        existing = by_id.get(entry.id)
        if existing is not None and _same(entry, existing, keep_status):
            report.unchanged.append(entry)
            continue
        problems: list[tuple[str, Entry | None]] = []
        if existing is not None:
            problems.append((f"the id {entry.id} is already used by the entry at "
                             f"{_where(existing)} ({existing.zh} = {existing.en})", existing))
        for conflict in index.conflicts(entry):
            problems.append((conflict.describe(), conflict.other.entry))
        if problems:
            reason, other = problems[0]
            others = {id(o) for _, o in problems[1:] if o is not other}
            more = f" (and {len(others)} more entries)" if others else ""
            report.conflicts.append(Conflict(entry, reason + more, other,
                                             report.lines.get(entry.id)))
            continue
        report.new.append(entry)
        index.add(entry)
        by_id[entry.id] = entry


def _where(entry: Entry) -> str:
    loc = entry.location
    return f"{loc.path}:{loc.line}" if loc and loc.line else "?"


# --- the whole import -----------------------------------------------------------------------


def read(path: str | Path, fmt: str | None, langs: Languages) -> tuple[Format, ReadResult]:
    """Check the format of *path* and read its records."""
    chosen = for_import(path, fmt)
    if chosen.read is None:  # pragma: no cover - every registered format reads
        raise GlossaryError(f"cannot import {chosen.title}", path)
    return chosen, chosen.read(Path(path), langs)


def import_file(root: str | Path, path: str | Path, fmt: str | None = None,
                on_conflict: str = "skip", dry_run: bool = False,
                options: ImportOptions | None = None,
                glossary: Glossary | None = None) -> ImportReport:
    """Import the exchange file *path* into the glossary folder *root* (see the module doc).

    Raises :class:`GlossaryError` for unreadable or malformed input, and with
    ``on_conflict="fail"`` when any entry conflicts; nothing is written then.
    """
    from glossary.store import load_glossary

    if on_conflict not in ON_CONFLICT:
        raise GlossaryError(f"--on-conflict must be one of {', '.join(ON_CONFLICT)}")
    options = options or ImportOptions()
    if options.default_type not in ENTRY_TYPES:
        raise GlossaryError(f"--default-type must be one of {', '.join(ENTRY_TYPES)}")
    chosen, result = read(path, fmt, options.langs)
    glossary = glossary if glossary is not None else load_glossary(root)
    report = ImportReport(str(path), chosen.name, records=len(result.records), dry_run=dry_run,
                          on_conflict=on_conflict)
    report.rejected.extend(result.skipped)
    report.warnings.extend(result.warnings)
    entries = records_to_entries(result.records, path, options, glossary, report)
    plan(glossary, entries, report, options.keep_status)
    if on_conflict == "fail" and report.conflicts:
        first = report.conflicts[0]
        where = f"{path}:{first.line}" if first.line else str(path)
        more = f" (and {len(report.conflicts) - 1} more conflicts)" if len(report.conflicts) > 1 else ""
        raise GlossaryError(f"{where}: {first.entry.id}: {first.reason}{more}; nothing was "
                            "written (use --on-conflict skip or overwrite, or --dry-run to list them)")
    if dry_run:
        return report
    from glossary.edit import add_entries

    todo = list(report.new)
    if on_conflict == "overwrite":
        todo += [c.entry for c in report.conflicts]
    if not todo:
        report.skipped = list(report.conflicts)
        return report
    done = add_entries(root, todo, on_conflict=on_conflict, file=options.file)
    report.added = list(done.added)
    report.overwritten = list(done.overwritten)
    skipped_ids = set()
    for skipped in done.skipped:
        skipped_ids.add(skipped.entry.id)
        report.skipped.append(Conflict(skipped.entry, skipped.reason, skipped.existing,
                                       report.lines.get(skipped.entry.id)))
    if on_conflict == "skip":
        for conflict in report.conflicts:
            if conflict.entry.id not in skipped_ids:
                report.skipped.append(conflict)
    return report


def _n(count: int, word: str) -> str:
    """``1 entry``, ``2 entries``, ``3 records``."""
    if count != 1:
        word = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{count} {word}"


def describe(report: ImportReport) -> list[str]:
    """The human report of an import, one line each (the command prints these)."""
    out: list[str] = []
    verb = "would add" if report.dry_run else "added"
    head = (f"{report.path} ({report.format}): {_n(report.records, 'record')}, "
            f"{len(report.rejected)} not usable")
    out.append(head)
    if report.dry_run:
        out.append(f"  {verb} {_n(len(report.new), 'new entry')} (status proposed unless kept)")
        for entry in report.new:
            out.append(f"    + {entry.id}: {entry.zh} = {entry.en}")
    else:
        by_file: dict[str, int] = {}
        for _, file in report.added:
            by_file[str(file)] = by_file.get(str(file), 0) + 1
        files = ", ".join(f"{n} to {f}" for f, n in sorted(by_file.items()))
        out.append(f"  {verb} {_n(len(report.added), 'entry')}" + (f" ({files})" if files else ""))
        if report.overwritten:
            out.append(f"  overwrote {_n(len(report.overwritten), 'entry')}: "
                       + ", ".join(e.id for e, _ in report.overwritten))
    if report.unchanged:
        out.append(f"  {_n(len(report.unchanged), 'entry')} already in the glossary, unchanged")
    conflicts = report.conflicts if report.dry_run else report.skipped
    if conflicts:
        action = {"skip": "skipped", "overwrite": "would overwrite" if report.dry_run else "skipped",
                  "fail": "refused"}[report.on_conflict]
        out.append(f"  {_n(len(conflicts), 'conflict')} ({action}):")
        for conflict in conflicts:
            where = f"{report.path}:{conflict.line}" if conflict.line else report.path
            out.append(f"    {where}: {conflict.entry.id} ({conflict.entry.zh} = "
                       f"{conflict.entry.en}): {conflict.reason}")
    for old, new, line in report.renamed:
        where = f"{report.path}:{line}" if line else report.path
        out.append(f"  {where}: id {old!r} became {new}")
    for line, why in report.rejected:
        where = f"{report.path}:{line}" if line else report.path
        out.append(f"  {where}: not imported: {why}")
    for warning in report.warnings:
        out.append(f"  note: {warning}")
    if report.dry_run:
        out.append("  dry run: nothing written")
    return out


__all__ = ["Conflict", "ImportOptions", "ImportReport", "ON_CONFLICT", "describe", "import_file",
           "plan", "read", "records_to_entries"]
