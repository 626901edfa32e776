"""Loading the glossary: finding its folder and files, reading them, and caching what they parse to.

Parsing YAML into entries with the line of every entry and field lives in
:mod:`glossary.yamlnodes` (imported only when a file must be parsed); writing lives in
:mod:`glossary.edit`, which changes only the lines of the entry it touches.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path

from glossary import __version__, cache
from glossary.errors import GlossaryError
from glossary.gcpause import paused
from glossary.model import Entry, Forbidden, Glossary, Location

GLOSSARY_DIRNAME = "glossary"
YAML_SUFFIXES = (".yaml", ".yml")


def find_glossary_dir(start: str | Path | None = None) -> Path:
    """The ``glossary/`` folder in *start* (default: the current directory) or its parents."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / GLOSSARY_DIRNAME
        if candidate.is_dir():
            return candidate
    raise GlossaryError(
        f"no {GLOSSARY_DIRNAME}/ folder in {here} or its parents; "
        "run from inside the project or pass --glossary DIR"
    )


def glossary_files(root: str | Path) -> list[Path]:
    """The YAML files of the glossary in *root*, sorted, subfolders included."""
    root = Path(root)
    if not root.is_dir():
        raise GlossaryError("the glossary folder does not exist; pass --glossary DIR", root)
    return sorted(p for p in root.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def load_glossary(root: str | Path | None = None, use_cache: bool = True) -> Glossary:
    """Load every glossary file under *root* (found by :func:`find_glossary_dir` if None).

    A file whose bytes are unchanged since it was last parsed is read from the disk cache
    (:mod:`glossary.cache`): parsing YAML is most of the start-up time of a large glossary.
    """
    root = Path(root) if root is not None else find_glossary_dir()
    files = glossary_files(root)
    with paused():
        if use_cache:
            entries = _load_through_cache(root, files)
        else:
            entries = [entry for path in files for entry in load_file(path)]
    return Glossary(entries, root=str(root), files=[str(p) for p in files])


_CACHE_FORMAT = 5  # 5: entries with a character XML cannot carry are refused
_CACHE_PREFIX = "entries-"
_CACHE_KEEP = 32  # glossary folders; about 250 bytes per entry each


def _load_through_cache(root: Path, files: list[Path]) -> list[Entry]:
    """The entries of *files*, each file parsed only if its bytes changed since the last load.

    One cache file per glossary folder (named by its absolute path, the tool's and Python's
    versions) maps each file's path in the folder to the SHA-256 of its bytes and its entries.
    """
    key = f"{_CACHE_FORMAT}/{__version__}/{sys.version_info[:2]}/{os.path.abspath(root)}"
    name = _CACHE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:32]
    held: dict = {}
    data = cache.read(name)
    if data is not None:
        try:
            held = marshal.loads(data)
            if not isinstance(held, dict):
                held = {}
        except (ValueError, TypeError, EOFError, SystemError):
            held = {}  # a corrupt or foreign file: parse afresh and overwrite it
    entries: list[Entry] = []
    kept: dict = {}
    for path in files:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise GlossaryError(f"cannot read: {exc.strerror}", path) from None
        digest = hashlib.sha256(raw).hexdigest()
        relative = path.relative_to(root).as_posix()
        record = held.get(relative)
        loaded = None
        if isinstance(record, tuple) and len(record) == 2 and record[0] == digest:
            try:
                loaded = [_unpack(packed, str(path)) for packed in record[1]]
            except (ValueError, TypeError, IndexError, KeyError, AttributeError):
                loaded = None
        if loaded is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _not_utf8(path) from None
            loaded = load_file(path, text)
            record = (digest, [_pack(e) for e in loaded])
        kept[relative] = record
        entries.extend(loaded)
    if kept != held:
        cache.write(name, marshal.dumps(kept, 2), prune_prefix=_CACHE_PREFIX, keep=_CACHE_KEEP)
    return entries


def _pack(entry: Entry) -> tuple:
    """An entry as a tuple of plain values (marshal writes those fast and deterministically)."""
    location = entry.location or Location("", 0)
    return (entry.id, entry.zh, entry.en, entry.type, entry.status, entry.zh_hant,
            entry.variants, tuple((f.form, f.reason) for f in entry.forbidden),
            entry.en_variants, entry.en_forbidden, entry.note, entry.context, entry.sources,
            location.line, location.end_line, entry.field_lines, entry.not_in, entry.generic)


def _unpack(record: tuple, path: str) -> Entry:
    (id_, zh, en, type_, status, zh_hant, variants, forbidden, en_variants, en_forbidden,
     note, context, sources, line, end_line, field_lines, not_in, generic) = record
    return Entry(id_, zh, en, type_, status, zh_hant, variants,
                 tuple(Forbidden(form, reason) for form, reason in forbidden),
                 en_variants, en_forbidden, note, context, sources, not_in, generic,
                 Location(path, line, end_line), field_lines)


def read_text(path: str | Path) -> str:
    """The text of a glossary file, or a :class:`GlossaryError` saying why it cannot be read."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path) from None


def _not_utf8(path: str | Path) -> GlossaryError:
    """The error for a file that is not UTF-8, at the line of the first bad byte."""
    try:
        data = Path(path).read_bytes()
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return GlossaryError(f"not UTF-8 (byte {exc.start}); save the file as UTF-8", path, line)
    except OSError:  # pragma: no cover - vanished meanwhile
        pass
    return GlossaryError("not UTF-8; save the file as UTF-8", path)  # pragma: no cover


def load_file(path: str | Path, text: str | None = None) -> list[Entry]:
    """The entries of one glossary file, validated, each with its file and line."""
    from glossary.yamlnodes import end_line, parse_entries  # PyYAML's import: 20-30 ms

    if text is None:
        text = read_text(path)
    return [
        Entry.from_dict(data, str(path), node.start_mark.line + 1, lines, end_line(node))
        for node, data, lines in parse_entries(text, path)
    ]
