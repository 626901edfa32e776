"""Change glossary files: add, replace and remove entries without reformatting anything else.

Every change is a *textual* edit of one file:

* **add** appends the rendered entry (:mod:`glossary.render`) at the end of the file, after one
  blank line if the file separates its entries with blank lines;
* **edit** replaces only the lines of the fields that changed (fields that did not change keep
  their text, comments between fields stay where they are, a comment after a changed one-line
  value is kept); an entry written in an unusual layout (a flow mapping ``- {id: …}``, several
  fields on one line) is replaced as a whole, which drops comments inside that entry;
* **remove** deletes the entry's lines, the comment lines directly above it that belong to it
  (comments at the entry's indentation with no blank line in between, but never the file's
  header above the first entry nor a ``yaml-language-server`` modeline), and one adjacent blank
  separator line.

Every other byte of the file is kept: comments, blank lines, order, quoting, line endings (a CRLF
file stays CRLF), a byte-order mark and a missing final newline. Each new text is parsed again
and compared with the expected entries before it is written, so an edit that would change any
other entry is refused instead of written.

Writes are atomic (a temporary file in the same folder, flushed and fsynced, then
``os.replace``; the file's mode is kept) and serialised by a lock file, ``<glossary>/.lock``,
held across the whole read-check-modify-write cycle; the glossary is re-read under the lock, so
two commands running at once both land.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Union

import filelock
import yaml

from glossary import reader
from glossary.errors import GlossaryError
from glossary.model import ENTRY_TYPES, FIELD_ORDER, Entry
from glossary.render import entry_lines, field_lines
from glossary.store import YAML_SUFFIXES, glossary_files, read_text
from glossary.yamlnodes import end_line, last_mark, parse_entries
from glossary.validate import ERROR, ClaimIndex, internal_problems

LOCK_NAME = ".lock"
LOCK_TIMEOUT = 60.0
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "glossary.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="

TYPE_FILES = {
    "person": "people", "place": "places", "organization": "organizations", "media": "media",
    "military": "military", "event": "events", "agreement": "agreements", "term": "terms",
}
"""The default file (without ``.yaml``) for each entry type."""

ON_CONFLICT = ("skip", "overwrite", "fail")

_BREAK = re.compile(r"(\r\n|[\r\n\x85\u2028\u2029])")  # the line breaks YAML counts
_SURROGATE = re.compile("[\ud800-\udfff]")
_Line = tuple[str, str]  # (text, line end)


# --- ids ----------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """An entry id derived from an English rendering: ``Abbas Araghchi`` → ``abbas-araghchi``.

    Accents are dropped (``Ğ`` → ``g``); anything but ASCII letters and digits becomes a hyphen.
    Raises :class:`GlossaryError` when nothing is left (pass an explicit id then).
    """
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("'", "").replace("\u2019", ""))
    slug = slug.strip("-")
    if not slug:
        raise GlossaryError(f"cannot derive an id from {text!r}; give one with --id")
    return slug


def default_file(root: str | Path, entry_type: str) -> Path:
    """``<root>/<type plural>.yaml``: ``people.yaml`` for ``person``, ``places.yaml`` for ``place`` …"""
    return Path(root) / f"{TYPE_FILES.get(entry_type, entry_type + 's')}.yaml"


# --- lock and atomic write ----------------------------------------------------------------


@contextlib.contextmanager
def glossary_lock(root: str | Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the glossary's lock (``<root>/.lock``) so that no other change runs meanwhile."""
    root = Path(root)
    if not root.is_dir():
        raise GlossaryError("the glossary folder does not exist; pass --glossary DIR", root)
    lock = filelock.FileLock(str(root / LOCK_NAME), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise GlossaryError(
            f"another glossary command has held the lock for {timeout:g}s; try again", root / LOCK_NAME
        ) from None
    except OSError as exc:
        raise GlossaryError(f"cannot create the lock file: {exc.strerror}", root / LOCK_NAME) from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: str | Path, text: str) -> None:
    """Replace *path* by *text* (UTF-8, line ends as given) atomically, keeping the file's mode.

    See :func:`glossary.reader.write_atomic`; an OS error becomes a :class:`GlossaryError`
    saying the file is unchanged.
    """
    try:
        reader.write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise GlossaryError(f"cannot write: {exc.strerror or exc}; the file is unchanged",
                            path) from None


# --- one file as lines, with the line span of each entry and field --------------------------


@dataclass
class _Field:
    name: str
    start: int  # 0-based line of the key
    col: int  # column of the key
    end: int  # 0-based last line of the value
    end_col: int  # column just after the value on its last line


@dataclass
class _Span:
    entry: Entry
    start: int  # the line of the entry's "-"
    end: int  # its last line (trailing comments and blank lines excluded)
    dash_col: int
    key_col: int
    fields: list[_Field]
    surgical: bool  # fields one per line at one indentation: edit field by field


class _File:
    """A glossary file's text split into lines, with the span of every entry."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text
        self.bom = text.startswith("\ufeff")
        body = text[1:] if self.bom else text
        parts = _BREAK.split(body)
        self.lines: list[_Line] = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
        if parts[-1]:
            self.lines.append((parts[-1], ""))
        self.final_newline = not self.lines or self.lines[-1][1] != ""
        self.newline = next((end for _, end in self.lines if end in ("\r\n", "\n", "\r")), "\n")
        self.spans = [self._span(node, data, names) for node, data, names in parse_entries(body, path)]
        # Entries appended in memory but not yet checked against a parse of the whole text (see
        # append_pending and _Glossary.flush), the lines with them, and the count of each type.
        self.pending: list[Entry] = []
        # Entries replaced in memory (span index → the new entry), checked the same way.
        self.replacing: dict[int, Entry] = {}
        self._work: list[_Line] | None = None
        self._append_at = (0, True)  # (dash column, blank-separated) of appended entries
        self.type_counts = Counter(span.entry.type for span in self.spans)

    @property
    def entries(self) -> list[Entry]:
        if self.replacing:
            return [self.replacing.get(i, span.entry) for i, span in enumerate(self.spans)] \
                + self.pending
        return [span.entry for span in self.spans] + self.pending

    # -- analysis

    def _content(self, line: int) -> str:
        return self.lines[line][0] if 0 <= line < len(self.lines) else ""

    def _blank(self, line: int) -> bool:
        return not self._content(line).strip()

    def _comment(self, line: int) -> bool:
        return self._content(line).lstrip().startswith("#")

    def _end(self, node: Any, floor: int) -> tuple[int, int]:
        mark = last_mark(node)
        end = mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line
        end = max(end, floor)
        while end > floor and self._blank(end):
            end -= 1
        return end, (mark.column if mark.line == end else len(self._content(end)))

    def _dash(self, node: Any) -> tuple[int, int]:
        line, col = node.start_mark.line, node.start_mark.column
        head = self._content(line)[:col]
        if head.strip().startswith("-"):
            return line, head.index("-")
        for i in range(line - 1, -1, -1):
            text = self._content(i).strip()
            if not text or text.startswith("#"):
                continue
            if text.startswith("-"):
                return i, self._content(i).index("-")
            break
        return line, col  # pragma: no cover - a sequence item always has its dash

    def _span(self, node: Any, data: Any, names: dict[str, int]) -> _Span:
        entry = Entry.from_dict(data, str(self.path), node.start_mark.line + 1, names, end_line(node))
        start, dash_col = self._dash(node)
        key_col = node.start_mark.column
        fields: list[_Field] = []
        surgical = isinstance(node, yaml.MappingNode) and not node.flow_style
        if surgical:
            for key, value in node.value:
                first = key.start_mark.line
                end, end_col = self._end(value, first)
                if (not isinstance(key, yaml.ScalarNode) or key.start_mark.column != key_col
                        or (fields and (first <= fields[-1].end
                                        or self._content(first)[:key_col].strip()))):
                    surgical = False
                fields.append(_Field(str(key.value), first, key.start_mark.column, end, end_col))
        end = fields[-1].end if fields else self._end(node, node.start_mark.line)[0]
        return _Span(entry, start, end, dash_col, key_col, fields, surgical and bool(fields))

    def blank_separated(self) -> bool:
        """Whether entries are separated by blank lines (the default for fewer than two)."""
        if len(self.spans) < 2:
            return True
        return any(self._blank(self._lead(i) - 1) for i in range(1, len(self.spans)))

    def _lead(self, index: int) -> int:
        """The first line of entry *index* with the comments directly above it that belong to it.

        Comment lines directly above the entry (no blank line between) belong to it if they are
        not indented deeper than its dash (deeper ones belong to the entry above) and hold no
        ``yaml-language-server`` modeline. Above the first entry, such a block belongs to the
        entry only if a blank line separates it from the file's header; a block that reaches the
        top of the file is the header and stays.
        """
        span = self.spans[index]
        floor = self.spans[index - 1].end + 1 if index else 0
        line = span.start
        while line - 1 >= floor and self._comment(line - 1):
            text = self._content(line - 1)
            indent = len(text) - len(text.lstrip())
            if indent > span.dash_col or "yaml-language-server" in text:
                break
            line -= 1
        if index == 0 and line < span.start and not (line > 0 and self._blank(line - 1)):
            return span.start  # the file's header
        return line

    # -- new texts

    def join(self, lines: list[_Line]) -> str:
        out = []
        for i, (text, end) in enumerate(lines):
            last = i == len(lines) - 1
            if last:
                end = (end or self.newline) if self.final_newline else ""
            elif not end:
                end = self.newline
            out.append(text + end)
        return ("\ufeff" if self.bom else "") + "".join(out)

    def appended(self, entries: list[Entry]) -> str:
        lines = list(self.lines)
        dash_col = self.spans[0].dash_col if self.spans else 0
        blank = self.blank_separated()
        for entry in entries:
            if lines and blank and lines[-1][0].strip():
                lines.append(("", self.newline))
            lines.extend((text, self.newline) for text in entry_lines(entry, dash_col))
        return self.join(lines)

    def append_pending(self, entry: Entry) -> bool:
        """Append *entry* in memory, as :meth:`appended` would, without parsing the whole text.

        The rendered entry alone is parsed and must give back *entry*; its lines are then known
        (the entry gets its location and field lines), and the whole new text is parsed and
        compared once, by :meth:`_Glossary.flush`, before anything is written. Returns False
        (nothing changed) if the rendered entry does not read back as *entry*.
        """
        if self.replacing:
            return False  # the lines of the replacements are not known yet
        if self._work is None:
            self._work = list(self.lines)
            self._append_at = (self.spans[0].dash_col if self.spans else 0, self.blank_separated())
        lines, (dash_col, blank) = self._work, self._append_at
        offset = len(lines) + (1 if lines and blank and lines[-1][0].strip() else 0)
        rendered = entry_lines(entry, dash_col)
        try:
            parsed = parse_entries("\n".join(rendered) + "\n", self.path)
            if len(parsed) != 1:
                return False
            node, data, names = parsed[0]
            got = Entry.from_dict(data, str(self.path), node.start_mark.line + 1 + offset,
                                  {k: v + offset for k, v in names.items()},
                                  end_line(node) + offset)
        except GlossaryError:
            return False
        if got != entry:
            return False
        if offset > len(lines):
            lines.append(("", self.newline))
        lines.extend((text, self.newline) for text in rendered)
        entry.location, entry.field_lines = got.location, got.field_lines
        self.pending.append(entry)
        self.type_counts[entry.type] += 1
        return True

    def pending_text(self) -> str:
        lines = self._work if self._work is not None else self.lines
        if self.replacing:
            lines = list(lines)
            for index in sorted(self.replacing, reverse=True):  # later spans first: indices hold
                span = self.spans[index]
                lines[span.start: span.end + 1] = self._body(span, self.replacing[index])
        return self.join(lines)

    def replaced(self, index: int, new: Entry, surgical: bool = True) -> str:
        span = self.spans[index]
        body = self._body(span, new, surgical)
        return self.join(self.lines[: span.start] + body + self.lines[span.end + 1:])

    def _body(self, span: _Span, new: Entry, surgical: bool = True) -> list[_Line]:
        """The lines that replace *span* to write *new*: its own lines with only the changed
        fields rewritten (comments and layout kept) where possible, else *new* rendered."""
        body = self._surgical(span, new) if surgical and span.surgical else None
        if body is None:
            body = [(text, self.newline) for text in entry_lines(new, span.dash_col)]
        return body

    def _surgical(self, span: _Span, new: Entry) -> list[_Line] | None:
        old, nl = span.entry, self.newline
        order = {name: i for i, name in enumerate(FIELD_ORDER)}
        present = {f.name for f in span.fields}
        changed = [n for n in FIELD_ORDER if getattr(old, n) != getattr(new, n)]
        inserts: dict[str, list[str]] = {}
        for name in changed:
            if name in present:
                continue
            before = [f for f in span.fields if order.get(f.name, -1) < order[name]]
            if not before:
                return None
            anchor = max(before, key=lambda f: order.get(f.name, -1))
            inserts.setdefault(anchor.name, []).append(name)
        first = span.fields[0]
        if first.name in changed and getattr(new, first.name) in (None, "", ()):
            return None  # the field sharing the dash's line cannot go
        out: list[_Line] = []
        cursor = span.start
        for f in span.fields:
            out.extend(self.lines[cursor: f.start])
            region = self.lines[f.start: f.end + 1]
            value = getattr(new, f.name)
            if f.name not in changed:
                out.extend(region)
            elif value not in (None, "", ()):
                rendered = field_lines(f.name, value, f.col)
                rendered[0] = self._content(f.start)[: f.col] + rendered[0][f.col:]
                rest = self._content(f.end)[f.end_col:]
                if len(rendered) == 1 and rest.strip().startswith("#"):
                    rendered[0] += rest  # keep a comment after the value
                out.extend((text, nl) for text in rendered)
                out[-1] = (out[-1][0], region[-1][1])
            for name in inserts.get(f.name, ()):
                out.extend((text, nl) for text in field_lines(name, getattr(new, name), span.key_col))
            cursor = f.end + 1
        return out

    def removed(self, index: int) -> str:
        span = self.spans[index]
        start, end = self._lead(index), span.end
        if end + 1 < len(self.lines) and self._blank(end + 1):
            end += 1
        elif end + 1 >= len(self.lines) and start > 0 and self._blank(start - 1):
            start -= 1
        return self.join(self.lines[:start] + self.lines[end + 1:])


# --- the glossary under the lock ------------------------------------------------------------


def _checked(entry: Entry) -> Entry:
    """*entry* validated as if read from a file (it may have been built by hand)."""
    if not isinstance(entry, Entry):
        raise GlossaryError(f"not a glossary entry: {entry!r}")
    data = entry.to_dict()
    for name, value in data.items():
        if _has_surrogate(value):
            raise GlossaryError(f"entry {entry.id}: field {name!r} is not valid Unicode "
                                "(undecodable bytes on the command line?)")
    try:
        return Entry.from_dict(data, "<new entry>")
    except GlossaryError as error:
        raise GlossaryError(f"entry {entry.id}: {error.message}") from None


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_surrogate(v) for v in value)
    return False


def _where(entry: Entry) -> str:
    loc = entry.location
    return f"{loc.path}:{loc.line}" if loc else "?"


class _Unverified(Exception):
    """A batch of appends did not parse back as predicted: redo the batch entry by entry."""


class _Glossary:
    """The glossary's files as read under the lock, changed in memory, then written.

    With *batch*, :meth:`add` appends in memory (:meth:`_File.append_pending`) and each file is
    parsed and compared once, by :meth:`flush`, before it is changed otherwise or written; if
    that check fails, :class:`_Unverified` is raised (nothing is written) and the caller redoes
    the work without *batch*, where every add parses and compares the whole new text.
    """

    def __init__(self, root: str | Path, batch: bool = False):
        self.root = Path(root)
        self.batch = batch
        self.files: dict[Path, _File] = {}
        for path in glossary_files(self.root):
            self.files[path.resolve()] = _File(path, read_text(path))
        self.index = ClaimIndex(self.entries())
        self.dirty: dict[Path, None] = {}
        self._ids: dict[str, Entry] | None = None  # id → its first entry, in file order

    def entries(self) -> list[Entry]:
        return [e for f in self.files.values() for e in f.entries]

    def by_id(self, entry_id: str) -> Entry | None:
        """The first entry (in file order) with the id *entry_id*."""
        if self._ids is None:
            self._ids = {}
            for e in self.entries():
                self._ids.setdefault(e.id, e)
        return self._ids.get(entry_id)

    def find(self, entry_id: str, keep_replacing: bool = False) -> tuple[_File, int]:
        """The file holding *entry_id* and its index there, the file's appends (and, unless
        *keep_replacing*, its replacements) checked and in place."""
        for f in list(self.files.values()):
            for i, entry in enumerate(f.entries):
                if entry.id == entry_id:
                    settle = f.pending or (f.replacing and not keep_replacing)
                    return (self.flush(f) if settle else f), i
        raise GlossaryError(f"no entry has the id {entry_id!r}{_suggest(entry_id, self.entries())}")

    def flush(self, f: _File) -> _File:
        """Parse *f* with its pending appends and check it; the checked file (it replaces *f*)."""
        if not f.pending and not f.replacing:
            return f
        expected = f.entries
        predicted = [(e.location, e.field_lines) for e in expected]
        try:
            new = _File(f.path, f.pending_text())
        except GlossaryError:
            raise _Unverified from None
        if new.entries != expected:
            raise _Unverified
        # appends alone move no line: each must be where it was predicted to go
        if not f.replacing and [(s.entry.location, s.entry.field_lines) for s in new.spans] != predicted:
            raise _Unverified
        self._install(new, expected)
        return new

    def _install(self, new: _File, expected: list[Entry]) -> None:
        # Keep the entry objects (the claim index knows them), with their new lines.
        for span, entry in zip(new.spans, expected):
            entry.location, entry.field_lines = span.entry.location, span.entry.field_lines
            span.entry = entry
        self.files[new.path.resolve()] = new
        self.dirty[new.path.resolve()] = None

    def problems(self, entry: Entry, replacing: Entry | None = None) -> list[tuple[str, Entry | None]]:
        """Why *entry* cannot go in (replacing *replacing*): (message, the entry in the way)."""
        out: list[tuple[str, Entry | None]] = []
        if replacing is None or entry.id != replacing.id:
            other = self.by_id(entry.id)
            if other is not None:
                out.append((f"the id {entry.id} is already used by the entry at {_where(other)} "
                            f"({other.zh} = {other.en}); choose another id", other))
        ignore = [replacing.id] if replacing is not None else []
        for conflict in self.index.conflicts(entry, ignore):
            out.append((conflict.describe() + "; to add a homograph, give both entries distinct "
                        "--context values", conflict.other.entry))
        out += [(message, None) for severity, message, _ in internal_problems(entry)
                if severity == ERROR]
        return out

    def refuse_if_problems(self, entry: Entry, replacing: Entry | None = None) -> None:
        problems = self.problems(entry, replacing)
        if problems:
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise GlossaryError(f"refused: {problems[0][0]}{more}")

    def target(self, entry_type: str, file: str | Path | None) -> Path:
        if file is not None:
            given = Path(file)
            path = given if given.is_absolute() else self.root / given
            if not given.is_absolute() and not path.exists() and given.exists():
                path = given  # a path relative to the current folder
            if path.suffix not in YAML_SUFFIXES:
                raise GlossaryError(f"a glossary file must end in .yaml or .yml: {file}")
            try:
                path.resolve().relative_to(self.root.resolve())
            except ValueError:
                raise GlossaryError(f"{file} is not inside the glossary folder {self.root}") from None
            return path
        best: tuple[int, str, Path] | None = None
        for f in self.files.values():
            counts = f.type_counts
            mine = counts.get(entry_type, 0)
            if mine and mine == max(counts.values()):
                candidate = (-mine, str(f.path), f.path)
                best = min(best, candidate) if best else candidate
        return best[2] if best else default_file(self.root, entry_type)

    def file(self, path: Path) -> _File:
        key = path.resolve()
        if key not in self.files:
            if path.exists():
                raise GlossaryError("not a glossary file (not .yaml/.yml under the glossary folder)",
                                    path)
            self.files[key] = _File(path, self._modeline(path))
        return self.files[key]

    def _modeline(self, path: Path) -> str:
        """The first line of a new file: the schema modeline of a sibling file, or a fresh one."""
        for f in self.files.values():
            if f.path.parent.resolve() == path.parent.resolve():
                for text, _ in f.lines[:5]:
                    if text.startswith(MODELINE_PREFIX):
                        return text + "\n"
        try:
            target = os.path.relpath(SCHEMA_PATH, path.parent.resolve()).replace(os.sep, "/")
        except ValueError:  # pragma: no cover - another drive on Windows
            target = SCHEMA_PATH.as_uri()
        return f"{MODELINE_PREFIX}{target}\n"

    def apply(self, f: _File, make: Callable[[bool], str], expected: list[Entry]) -> None:
        """Replace *f* by the text ``make(careful)`` if it parses to *expected*, else refuse."""
        for careful in (False, True):
            text = make(careful)
            try:
                new = _File(f.path, text)
            except GlossaryError:
                continue
            if new.entries == expected:
                self._install(new, expected)
                return
        raise GlossaryError("cannot change this file without reformatting it (is its top-level "
                            "list written in flow style?); edit it by hand", f.path)

    def add(self, entry: Entry, file: str | Path | None = None, checked: bool = False) -> Path:
        if not checked:
            self.refuse_if_problems(entry)
        path = self.target(entry.type, file)
        f = self.file(path)
        if not (self.batch and f.append_pending(entry)):
            f = self.flush(f)
            self.apply(f, lambda careful: f.appended([entry]), f.entries + [entry])
        self.index.add(entry)
        if self._ids is not None:
            self._ids.setdefault(entry.id, entry)
        return f.path

    def replace(self, entry_id: str, new: Entry) -> Path:
        f, i = self.find(entry_id, keep_replacing=self.batch)
        old = f.entries[i]
        if new == old:
            return f.path  # nothing to write
        self.refuse_if_problems(new, replacing=old)
        if self.batch and i < len(f.spans):
            # Kept in memory; the file is parsed and compared once, by flush (a thousand
            # overwrites of a large file parsed it a thousand times).
            f.replacing[i] = new
        else:
            expected = f.entries[:i] + [new] + f.entries[i + 1:]
            self.apply(f, lambda careful: f.replaced(i, new, surgical=not careful), expected)
        self.index.remove(old)
        self.index.add(new)
        if self._ids is not None and self._ids.get(old.id) is old and new.id == old.id:
            self._ids[old.id] = new
        else:
            self._ids = None
        return f.path

    def remove(self, entry_id: str) -> tuple[Entry, Path]:
        f, i = self.find(entry_id)
        old = f.entries[i]
        self.apply(f, lambda careful: f.removed(i), f.entries[:i] + f.entries[i + 1:])
        self.index.remove(old)
        self._ids = None
        return old, f.path

    def commit(self) -> None:
        for f in list(self.files.values()):
            self.flush(f)  # every check before the first write
        for key in self.dirty:
            f = self.files[key]
            f.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(f.path, f.text)
        self.dirty.clear()


def _suggest(key: str, entries: Iterable[Entry]) -> str:
    import difflib

    ids = [e.id for e in entries]
    close = difflib.get_close_matches(key, ids, n=3, cutoff=0.6)
    close += [i for i in ids if key.casefold() in i and i not in close][: 3 - len(close)]
    return f"; did you mean {', '.join(close)}?" if close else ""


# --- the library API ------------------------------------------------------------------------


def add_entry(root: str | Path, entry: Entry, file: str | Path | None = None) -> Path:
    """Add *entry* to the glossary folder *root*; return the file it went to.

    The file is *file* (relative to *root*, or absolute inside it; created if missing), else the
    file whose entries are mostly of the entry's type, else ``<root>/<type plural>.yaml`` (created
    with the schema modeline). The entry is appended; the rest of the file is kept byte for byte.

    Refused with :class:`GlossaryError` (nothing written) if the id is taken or a form of the
    entry is already claimed by another entry in either script (see
    :func:`glossary.validate.form_conflicts`; homographs with distinct ``context`` are allowed);
    the message names the entry in the way and its ``file:line``. Atomic and locked.
    """
    entry = _checked(entry)
    with glossary_lock(root):
        glossary = _Glossary(root)
        path = glossary.add(entry, file)
        glossary.commit()
    return path


EntryChange = Union[Entry, Callable[[Entry], Entry]]


def update_entry(root: str | Path, entry_id: str, new_entry: EntryChange) -> Path:
    """Replace the entry *entry_id* by *new_entry* in place; return its file.

    *new_entry* is an :class:`Entry` or a function from the current entry (read under the lock)
    to the new one — use the latter for changes relative to the current state (add a variant…).
    The new entry may have another id (a rename). Only the lines of fields that changed are
    rewritten. Refused with :class:`GlossaryError` (nothing written) if *entry_id* does not
    exist, or the new id or a new form is taken by another entry. Atomic and locked.
    """
    with glossary_lock(root):
        glossary = _Glossary(root)
        f, i = glossary.find(entry_id)
        new = new_entry(f.spans[i].entry) if callable(new_entry) else new_entry
        path = glossary.replace(entry_id, _checked(new))
        glossary.commit()
    return path


def remove_entry(root: str | Path, entry_id: str) -> Path:
    """Remove the entry *entry_id* (and the comment lines directly above it); return its file.

    Raises :class:`GlossaryError` if there is no such entry. Atomic and locked.
    """
    with glossary_lock(root):
        glossary = _Glossary(root)
        _, path = glossary.remove(entry_id)
        glossary.commit()
    return path


@dataclass
class Skipped:
    """An entry that :func:`add_entries` did not write, and why."""

    entry: Entry
    reason: str
    existing: Entry | None = None  # the entry in the way, if any


@dataclass
class AddReport:
    """What :func:`add_entries` did."""

    added: list[tuple[Entry, Path]] = field(default_factory=list)
    overwritten: list[tuple[Entry, Path]] = field(default_factory=list)  # (new entry, its file)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """The files written, sorted."""
        return sorted({p for _, p in self.added + self.overwritten}, key=str)


def add_entries(root: str | Path, entries: Iterable[Entry], on_conflict: str = "skip",
                file: str | Path | None = None) -> AddReport:
    """Add many entries in one locked operation; return an :class:`AddReport`.

    Each entry goes where :func:`add_entry` would put it (or to *file*). An entry *conflicts* if
    its id is taken or one of its forms is claimed by an existing entry (or by an earlier entry
    of the same batch); then *on_conflict* decides:

    * ``"skip"`` — leave it out and list it in ``report.skipped`` with the reason;
    * ``"overwrite"`` — replace the existing entry in place (the one with the same id, else the
      one entry whose forms it shares, whose id is then kept); if it clashes with more than one
      entry, or with another entry after the overwrite, it is skipped instead;
    * ``"fail"`` — raise :class:`GlossaryError` naming the first conflict; nothing is written.

    An invalid entry always raises. Files are written at the end, each atomically. New entries
    are appended in memory and each file's new text is parsed and compared once, before it is
    written, so the cost is linear in the batch; should that check disagree with what the
    appends predicted, the batch is redone entry by entry (each add parsed and compared).
    """
    if on_conflict not in ON_CONFLICT:
        raise GlossaryError(f"on_conflict must be one of {', '.join(ON_CONFLICT)}, not {on_conflict!r}")
    entries = [_checked(e) for e in entries]
    with glossary_lock(root):
        lines = [(e.location, e.field_lines) for e in entries]
        try:
            report = _add_all(_Glossary(root, batch=True), entries, on_conflict, file)
        except _Unverified:
            # An append did not read back as predicted: redo it all, checking entry by entry.
            for entry, (location, field_lines) in zip(entries, lines):
                entry.location, entry.field_lines = location, field_lines
            report = _add_all(_Glossary(root), entries, on_conflict, file)
    return report


def _add_all(glossary: _Glossary, entries: list[Entry], on_conflict: str,
             file: str | Path | None) -> AddReport:
    report = AddReport()
    for entry in entries:
        problems = glossary.problems(entry)
        if not problems:
            report.added.append((entry, glossary.add(entry, file, checked=True)))
            continue
        if on_conflict == "fail":
            raise GlossaryError(f"refused {entry.id}: {problems[0][0]}; nothing was written")
        if on_conflict == "overwrite":
            target = _overwrite_target(glossary, entry, problems)
            if target is not None:
                new = dataclasses.replace(entry, id=target.id)
                if not glossary.problems(new, replacing=target):
                    report.overwritten.append((new, glossary.replace(target.id, new)))
                    continue
                problems = glossary.problems(new, replacing=target)
        report.skipped.append(Skipped(entry, problems[0][0], problems[0][1]))
    glossary.commit()
    return report


def _overwrite_target(glossary: _Glossary, entry: Entry,
                      problems: list[tuple[str, Entry | None]]) -> Entry | None:
    same_id = glossary.by_id(entry.id)
    if same_id is not None:
        return same_id
    others = {id(o): o for _, o in problems if o is not None}
    if len(others) == 1 and all(o is not None for _, o in problems):
        return next(iter(others.values()))
    return None


__all__ = [
    "AddReport", "ENTRY_TYPES", "LOCK_NAME", "Skipped", "TYPE_FILES", "add_entries", "add_entry",
    "default_file", "glossary_lock", "remove_entry", "slugify", "update_entry", "write_atomic",
]
